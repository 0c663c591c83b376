"""Shared fixtures: an isolated $HOME and git identity per test, and office repositories."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from qms_cli.resources import data_path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
IN_CI = os.environ.get("CI", "").lower() == "true"
EXAMPLE_DAY = dt.date(2026, 11, 21)  # the example office describes this day


def pinned_day() -> dt.date:
    """The one "today" of the suite: ``QMS_TEST_TODAY`` or the example office's day.

    No test reads the real clock. The code under test reads this day through ``QMS_TODAY``, and
    git dates every commit made in a test on it (11:00 UTC), so commits never lie in the
    future or the past of "today". Tests marked ``any_day`` hold on any pinned day;
    ``tests/test_any_day.py`` runs them on two more.
    """
    pinned = os.environ.get("QMS_TEST_TODAY", "").strip()
    return dt.date.fromisoformat(pinned) if pinned else EXAMPLE_DAY


def pin_clock(patch: pytest.MonkeyPatch, day: dt.date) -> None:
    """The code's clock (``QMS_TODAY``) and git's commit dates on ``day``."""
    patch.setenv("QMS_TODAY", day.isoformat())
    stamp = f"{day.isoformat()} 11:00:00 +0000"
    patch.setenv("GIT_AUTHOR_DATE", stamp)
    patch.setenv("GIT_COMMITTER_DATE", stamp)


@pytest.fixture(scope="session")
def today() -> dt.date:
    """The pinned "today" (see ``pinned_day``)."""
    return pinned_day()


def need_tool(available: bool, what: str) -> None:
    """Skip a test when a system tool is missing, but fail under CI=true (CI must run it)."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required under CI=true but is missing")
    pytest.skip(f"{what} is not installed")


def private_home(home: Path, patch: pytest.MonkeyPatch) -> None:
    """$HOME in ``home`` with a pinned git identity (unsigned commits, branch main), no system
    git config, and a private qms cache."""
    gitconfig = home / ".gitconfig"
    gitconfig.write_text(
        "[user]\n\tname = Test User\n\temail = test@example.invalid\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n",
        encoding="utf-8",
    )
    patch.setenv("HOME", str(home))
    patch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    patch.setenv("QMS_CACHE_DIR", str(home / "qms-cache"))
    pin_clock(patch, pinned_day())


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private $HOME, a pinned git identity, no system git config, a private qms cache, and
    the pinned day (``pinned_day``) as the code's and git's clock."""
    home = tmp_path_factory.mktemp("home")
    private_home(home, monkeypatch)
    monkeypatch.setenv("TZ", "Europe/Warsaw")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "QMS_TRUST_ROOT"):
        monkeypatch.delenv(name, raising=False)
    return home


def git(path: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=path, capture_output=True, text=True, check=True)
    return proc.stdout


def make_repo(source: Path, target: Path) -> Path:
    """Copy a tree into ``target``, ``git init`` it and commit everything."""
    shutil.copytree(source, target)
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "fixture")
    return target


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A fresh git repository holding the example office (docs-repo-template)."""
    return make_repo(data_path("docs-repo-template"), tmp_path / "office")


@pytest.fixture
def minimal(tmp_path: Path) -> Iterator[Path]:
    """A fresh git repository holding the smallest valid office (tests/fixtures/minimal)."""
    yield make_repo(FIXTURES / "minimal", tmp_path / "minimal")


# Markers of tests that need one system (tests/conftest.py registers their skips): each must
# say why, and the CI matrix (.github/workflows/tests.yml) runs the rest everywhere.
PLATFORM = os.environ.get("QMS_TEST_PLATFORM") or sys.platform  # to see the skips of another
PLATFORM_MARKERS = {
    "linux_only": PLATFORM != "linux",
    "posix_only": PLATFORM == "win32",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for name, elsewhere in PLATFORM_MARKERS.items():
            mark = item.get_closest_marker(name)
            if mark is None:
                continue
            if not (mark.args and isinstance(mark.args[0], str) and mark.args[0].strip()):
                raise pytest.UsageError(f"{item.nodeid}: @pytest.mark.{name} needs a reason")
            if elsewhere:
                item.add_marker(pytest.mark.skip(reason=f"{name} ({PLATFORM}): {mark.args[0]}"))
