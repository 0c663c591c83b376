"""Above ``PARALLEL_FROM`` files, ``qms check`` parses on two processes: the findings are the
same as on one, whichever half a broken file falls in, and a helper that dies costs only time."""

from __future__ import annotations

import datetime as dt
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


def test_two_processes_find_what_one_finds(
    broken_office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = _findings(broken_office)
    monkeypatch.setattr(loading, "PARALLEL_FROM", 1)
    parallel = _findings(broken_office)
    assert parallel == serial
    assert {f.code for f in serial} >= {"QMS002", "QMS071", "QMS072"}
    assert len({f.path for f in serial}) > 10


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
