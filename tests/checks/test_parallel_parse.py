"""Above ``PARALLEL_FROM`` files, ``qms check`` parses on two processes: the findings are the
same as on one, whichever half a broken file falls in, and a helper that dies costs only time."""

from __future__ import annotations

import datetime as dt
import functools
import os
import time
from pathlib import Path

import pytest

from qms_cli.model.findings import Finding
from qms_cli.services import check, loading
from tests.edit import append

TODAY = dt.date(2026, 11, 21)


def _findings(root: Path) -> list[Finding]:
    return check.run_check(root, today=TODAY, use_cache=False).findings


@pytest.fixture
def broken_office(office: Path) -> Path:
    """The example office with problems in many files, so both halves hold some."""
    for number, path in enumerate(sorted((office / "documents").rglob("*.md"))[:12]):
        append(path, f'\nTak zwany "obieg {number}" od 05 marca 2026 roku.\n')
    (office / "records" / "broken.yaml").write_text("klucz: [niedomknięta\n", encoding="utf-8")
    return office


@pytest.mark.linux_only("two processes by fork (elsewhere spawn: the test below)")
def test_two_processes_find_what_one_finds(
    broken_office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = _findings(broken_office)
    monkeypatch.setattr(loading, "PARALLEL_FROM", 1)
    parallel = _findings(broken_office)
    assert parallel == serial
    assert {f.code for f in serial} >= {"QMS002", "QMS071", "QMS072"}
    assert len({f.path for f in serial}) > 10


@pytest.mark.linux_only("the helper must be forked to see the patched parser")
def test_a_helper_that_dies_costs_only_time(
    broken_office: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    serial = _findings(broken_office)
    monkeypatch.setattr(loading, "PARALLEL_FROM", 1)
    monkeypatch.setattr(loading, "_parse_chunk", _failing_in_helper(loading._parse_chunk))
    assert _findings(broken_office) == serial
    assert capfd.readouterr().err == ""  # no traceback from the helper


def _failing_in_helper(parse):  # type: ignore[no-untyped-def]
    parent = os.getpid()

    def parse_or_die(*args):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            raise RuntimeError("helper died")
        return parse(*args)

    return parse_or_die


@pytest.mark.linux_only("the helper is forked (elsewhere spawned only above SPAWN_FROM)")
def test_the_parallel_run_fills_the_cache(
    broken_office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    past = time.time() - 60  # older than the cache: stat alone answers (see io/cache.py)
    for path in broken_office.rglob("*"):
        os.utime(path, (past, past))
    monkeypatch.setattr(loading, "PARALLEL_FROM", 1)
    first = check.run_check(broken_office, today=TODAY)
    monkeypatch.setattr(loading, "_parse_chunk", _never)
    again = check.run_check(broken_office, today=TODAY)  # every file answered by the cache
    assert again.findings == first.findings and again.files == first.files


def _never(root: Path, items: list[loading.Miss], known: object) -> list[loading.ParsedItem]:
    assert not items, "a file was parsed although the cache holds it"
    return []


# Windows has no fork and macOS forks unsafely: the helper is spawned there, or not started.
@pytest.mark.parametrize(
    ("platform", "available", "expected"),
    [
        ("linux", ["fork", "spawn", "forkserver"], "fork"),
        ("darwin", ["fork", "spawn", "forkserver"], "spawn"),
        ("win32", ["spawn"], "spawn"),
        ("emscripten", [], None),
    ],
)
def test_the_start_method_fits_the_system(
    platform: str, available: list[str], expected: str | None
) -> None:
    assert loading.start_method(platform, available) == expected


def _forced(monkeypatch: pytest.MonkeyPatch, platform: str, available: list[str]) -> list[str]:
    """Make this machine look like ``platform``; the start methods asked for are recorded."""
    import multiprocessing

    asked: list[str] = []
    real = multiprocessing.get_context

    def get_context(method: str | None = None):  # type: ignore[no-untyped-def]
        asked.append(str(method))
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: list(available))
    monkeypatch.setattr(multiprocessing, "get_context", get_context)
    monkeypatch.setattr(loading, "start_method", functools.partial(loading.start_method, platform))
    return asked


@pytest.mark.parametrize(
    ("platform", "available", "asked"),
    [("win32", ["spawn"], ["spawn"]), ("darwin", ["fork", "spawn"], ["spawn"]), ("x", [], [])],
)
def test_spawn_and_one_process_find_what_fork_finds(
    broken_office: Path,
    monkeypatch: pytest.MonkeyPatch,
    platform: str,
    available: list[str],
    asked: list[str],
) -> None:
    monkeypatch.setattr(loading, "PARALLEL_FROM", 1)
    monkeypatch.setattr(loading, "SPAWN_FROM", 1)
    forked = _findings(broken_office)
    recorded = _forced(monkeypatch, platform, available)
    here: list[int] = []  # parses in this process (a spawned helper runs the real code)
    real = loading._parse_chunk

    def counted(root: Path, items: list[loading.Miss], known: object) -> object:
        here.append(len(items))
        return real(root, items, known)  # type: ignore[arg-type]

    monkeypatch.setattr(loading, "_parse_chunk", counted)
    assert _findings(broken_office) == forked
    assert recorded == asked
    assert len(here) == 1  # a helper that died would have its half parsed here afterwards
    assert {f.code for f in forked} >= {"QMS002", "QMS071", "QMS072"}
