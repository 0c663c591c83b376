"""Office repositories for the PDF tests, rendered once per module.

Commits get fixed dates and authors so that what the PDFs show (and their bytes) is known.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import pin_clock, pinned_day

COMMIT_TIME = "2026-03-12T10:00:00+01:00"  # "12 marca 2026 r.", 09:00 UTC


def commit_all(
    repo: Path, message: str, when: str = COMMIT_TIME, author: str = "Anna Nowak"
) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "anna.nowak@example.invalid",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "anna.nowak@example.invalid",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    for args in (["add", "-A"], ["commit", "-q", "--no-gpg-sign", "-m", message]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def committed_copy(source: Path, target: Path) -> Path:
    """``source`` copied to ``target`` as a fresh git repository with one dated commit."""
    shutil.copytree(source, target)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=target, check=True)
    commit_all(target, "Pierwsza wersja dokumentacji")
    return target


@pytest.fixture(scope="module")
def module_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """What ``isolated_env`` gives a test, for fixtures shared by a module."""
    home = tmp_path_factory.mktemp("module-home")
    gitconfig = home / ".gitconfig"
    gitconfig.write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        patch.setenv("QMS_CACHE_DIR", str(home / "qms-cache"))
        patch.setenv("TZ", "Europe/Warsaw")
        pin_clock(patch, pinned_day())
        yield home
