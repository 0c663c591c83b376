"""Throwaway SSH keys of three offices and an outsider, made once per test session."""

from __future__ import annotations

import shutil
from dataclasses import dataclass

import pytest

from tests.approval.conftest import Key, make_key
from tests.conftest import need_tool


@dataclass(frozen=True)
class OfficeKeys:
    a: Key
    b: Key
    c: Key
    outsider: Key


@pytest.fixture(scope="session")
def office_keys(tmp_path_factory: pytest.TempPathFactory) -> OfficeKeys:
    need_tool(shutil.which("ssh-keygen") is not None, "ssh-keygen")
    folder = tmp_path_factory.mktemp("office-keys")
    return OfficeKeys(*(make_key(folder, name) for name in ("ug-a", "ug-b", "sp-c", "outsider")))
