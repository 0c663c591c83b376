"""The audit tests carry out the minimal office's September audit themselves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.audits.helpers import before_september_audit
from tests.conftest import FIXTURES, git, make_repo


@pytest.fixture
def minimal(tmp_path: Path) -> Iterator[Path]:
    """The minimal office before its September audit AW-2026-02 (``before_september_audit``):
    the tests here plan it, record its findings, open its card and write its report."""
    root = make_repo(FIXTURES / "minimal", tmp_path / "minimal")
    before_september_audit(root)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "przed auditem AW-2026-02")
    yield root
