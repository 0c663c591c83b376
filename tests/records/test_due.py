"""``qms due``: one list of what falls due, on the example office at its day; the iCalendar
file read back with the independent ``icalendar`` parser."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.model.due import DueItem, when_pl
from qms_cli.render.ics import LIMIT
from qms_cli.services.check import run_check
from qms_cli.services.due import as_ics, due_list, parse_within
from tests.conftest import EXAMPLE_DAY
from tests.edit import set_value

runner = CliRunner()
PROG = "records/audits/programme-2026.yaml"
OBJ = "records/objectives/2026.yaml"
PZ = "records/reviews/PZ-2026.md"
SECRET = "Zofia Tajemnicza-Poufna"


def in_force(root: Path, *entries: tuple[str, str]) -> None:
    """register.yaml with these documents (id, date in force) in edition 1."""
    lines = ["documents:"] + [
        f"  - {{id: {doc}, title: T, type: procedure, path: documents/procedures/{doc}.md, "
        f"edition: 1, in_force: {day}, blob: '0', release: W-1}}"
        for doc, day in entries
    ]
    (root / "register.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def listed(root: Path, days: int, today: dt.date = EXAMPLE_DAY) -> list[tuple[str, ...]]:
    return [
        (i.due.isoformat(), i.kind, i.key, i.owner or "–", i.source)
        for i in due_list(root, days, today).items
    ]


def test_example_office_within_90_days(office: Path) -> None:
    objectives = [
        ("sekretarz", 1),
        ("sekretarz", 2),
        ("kierownik-or", 3),
        ("kierownik-or", 4),
        ("kierownik-usc", 5),
        ("kierownik-po", 6),
        ("kierownik-gk", 7),
        ("sekretarz", 8),
        ("pelnomocnik", 9),
        ("kierownik-ip", 10),
    ]
    assert listed(office, 90) == [
        ("2026-11-30", "internal-audit", "AW-2026-07", "AUD-02", PROG),
        # the open corrective action of the example office (issue 16: cards back CJ-2026-09)
        ("2026-12-15", "capa", "DK-2026-012", "kierownik-gk", "records/capa/DK-2026-012.yaml"),
        ("2026-12-31", "internal-audit", "AW-2026-08", "AUD-05", PROG),
        *[
            ("2026-12-31", "objective", f"CJ-2026-{n:02d}/result", owner, OBJ)
            for owner, n in objectives
        ],
        ("2026-12-31", "review-decision", "PZ-2026/4", "pelnomocnik", PZ),
    ]


def test_a_longer_horizon_adds_the_review_the_statement_and_the_external_audit(
    office: Path,
) -> None:
    later = [item for item in listed(office, 365) if item[0] > "2026-12-31"]
    assert later == [
        ("2027-02-24", "management-review", "next", "kierownik-urzedu", PZ),
        ("2027-03-31", "accessibility", "accessibility", "–", "qms.yaml"),
        ("2027-05-18", "external-audit", "surveillance/2027-05-18", "pelnomocnik", "qms.yaml"),
    ]


def test_the_statement_is_due_a_year_after_its_last_review_not_the_site_update(
    office: Path,
) -> None:
    """Version 2.0 of the technical conditions (July 2024) dates the statement's review
    (a11y-data-przeglad) apart from the site's last update (a11y-data-aktualizacja); the yearly
    duty by 31 March follows the review."""
    set_value(office / "qms.yaml", "accessibility", "updated", value="2024-01-10")
    set_value(office / "qms.yaml", "accessibility", "reviewed", value="2027-02-01")
    statement = [i for i in due_list(office, 900, EXAMPLE_DAY).items if i.kind == "accessibility"]
    assert [(i.due, i.pointer) for i in statement] == [
        (dt.date(2028, 3, 31), ("accessibility", "reviewed"))
    ]
    report = run_check(office, today=dt.date(2028, 4, 2), use_cache=False)
    assert [f.pointer for f in report.findings if f.code == "QMS612"] == [
        ("accessibility", "reviewed")
    ]


def test_overdue_items_come_first_and_say_by_how_much(office: Path) -> None:
    shutil.rmtree(office / "records/audits/AW-2026-06")  # October's audit: no records
    set_value(office / OBJ, "objectives", 0, "measurements", value=[])
    found = due_list(office, 0, EXAMPLE_DAY)
    assert [(i.key, when_pl(i, found.today)) for i in found.items] == [
        ("CJ-2026-01/measurement", "po terminie o 235 dni"),  # none since the year began
        ("AW-2026-06", "po terminie o 21 dni"),
    ]
    codes = {f.code for f in run_check(office, today=EXAMPLE_DAY, use_cache=False).findings}
    assert {"QMS530", "QMS614"} <= codes  # within audits.grace_days: a warning


def test_records_of_every_kind(office: Path) -> None:
    (office / "records/capa/DK-2026-001.yaml").write_text(
        "id: DK-2026-001\nsource: {type: other, ref: ''}\nopened: 2026-11-02\n"
        "owner: kierownik-or\ndue: 2026-11-20\nstatus: open\n",
        encoding="utf-8",
    )
    (office / "records/complaints/SK-2026-005.yaml").write_text(
        "id: SK-2026-005\npublic: false\nkind: complaint\nreceived: 2026-11-16\nchannel: post\n"
        f"subject: Skarga na pracownika\nunit: GK\ncomplainant: {{name: {SECRET}, "
        "address: 'ul. Tajna 1'}\ndeadline: 2026-12-16\ncompetent: false\n",
        encoding="utf-8",
    )
    in_force(office, ("P-03", "2025-12-01"))
    found = {(i[1], i[2]): i for i in listed(office, 30)}
    assert found[("capa", "DK-2026-001")][0] == "2026-11-20"
    assert found[("complaint", "SK-2026-005/forward")][:4] == (
        "2026-11-23",  # 7 days from 16 November, a Monday
        "complaint",
        "SK-2026-005/forward",
        "GK",
    )
    assert found[("document-review", "P-03")] == (
        "2026-12-01",
        "document-review",
        "P-03",
        "pelnomocnik",
        "documents/procedures/P-03.md",
    )
    for fmt in ("text", "json", "ics"):
        result = runner.invoke(app, ["due", "--path", str(office), "-f", fmt])
        assert result.exit_code == 0, result.output
        assert "SK-2026-005" in result.output
        assert SECRET not in result.output and "Tajna" not in result.output
        assert "pracownika" not in result.output  # not even the subject


def test_review_every_per_type(office: Path) -> None:
    in_force(office, ("P-03", "2026-10-01"), ("P-04", "2026-06-01"))
    assert [i for i in listed(office, 30) if i[1] == "document-review"] == []
    set_value(office / "qms.yaml", "review_every", value={"default": 24, "procedure": 2})
    assert [i[:3] for i in listed(office, 30) if i[1] == "document-review"] == [
        ("2026-08-01", "document-review", "P-04"),  # in force 2026-06-01: overdue
        ("2026-12-01", "document-review", "P-03"),
    ]
    found = run_check(office, today=EXAMPLE_DAY, use_cache=False).findings
    assert [(f.code, f.path) for f in found] == [("QMS610", "documents/procedures/P-04.md")]
    codes = [f.code for f in run_check(office, today=dt.date(2026, 12, 2)).findings]
    assert codes.count("QMS610") == 2


def test_ics_is_valid_and_stable(office: Path, tmp_path: Path) -> None:
    out = tmp_path / "terminy.ics"
    args = ["due", "--path", str(office), "--within", "400d", "-f", "ics", "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    first = out.read_bytes()
    assert runner.invoke(app, args).exit_code == 0
    assert out.read_bytes() == first  # same day, same repository: the same bytes
    lines = first.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in b"".join(lines)  # CRLF only
    assert all(len(line) <= LIMIT for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # long descriptions are folded
    calendar = icalendar.Calendar.from_ical(first)
    events = calendar.walk("VEVENT")
    items = due_list(office, 400, EXAMPLE_DAY).items
    assert len(events) == len(items) >= 16
    assert [str(e["UID"]) for e in events] == [i.uid for i in items]
    assert len({str(e["UID"]) for e in events}) == len(events)
    for event, item in zip(events, items, strict=True):
        assert event.decoded("DTSTART") == item.due
        assert event.decoded("DTEND") == item.due + dt.timedelta(days=1)
        assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 21, tzinfo=dt.UTC)
        assert str(event["SUMMARY"]) == item.title
        assert f"Plik: {item.source}" in str(event["DESCRIPTION"])
    # another day: the same duties keep their UIDs (a calendar updates, never duplicates)
    later = due_list(office, 400, EXAMPLE_DAY + dt.timedelta(days=3)).items
    assert {i.uid for i in later} <= {i.uid for i in items}


def test_ics_escapes_and_folds_text() -> None:
    item = DueItem(
        "capa", "Działanie; przecinek, ukośnik \\ " + "ż" * 60, EXAMPLE_DAY, "o", "s", "k"
    )
    text = as_ics_of([item])
    assert "\r\n " in text
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == item.title


def as_ics_of(items: list[DueItem]) -> str:
    from qms_cli.services.due import DueList

    return as_ics(DueList(EXAMPLE_DAY, 30, items, "Urząd, Gmina; Test"))


def test_strict_exit_and_output_file(office: Path, tmp_path: Path) -> None:
    args = ["due", "--path", str(office), "--strict"]
    assert runner.invoke(app, args).exit_code == 0
    shutil.rmtree(office / "records/audits/AW-2026-01")  # February's audit: no records
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "po terminie o 266 dni" in result.output
    out = tmp_path / "lista.json"
    result = runner.invoke(app, [*args, "-f", "json", "-o", str(out)])
    assert result.exit_code == 1 and "Zapisano" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["overdue"] == 1 and data["items"][0]["days_left"] == -266


def test_text_output_file_is_tab_separated(office: Path, tmp_path: Path) -> None:
    out = tmp_path / "terminy.tsv"
    result = runner.invoke(app, ["due", "--path", str(office), "-o", str(out)])
    assert result.exit_code == 0 and "Zapisano" in result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Termin\tStan\tCo\tOdpowiada\tPlik"
    assert lines[1] == (
        "2026-11-30\tza 9 dni\tAudit wewnętrzny AW-2026-07 (plan: 2026-11)\tAUD-02\t" + PROG
    )


@pytest.mark.parametrize(
    ("text", "days"), [("30d", 30), ("45", 45), ("6w", 42), ("3m", 90), (" 2D ", 2)]
)
def test_within(text: str, days: int) -> None:
    assert parse_within(text) == days


def test_bad_within_is_a_usage_error(office: Path) -> None:
    result = runner.invoke(app, ["due", "--path", str(office), "--within", "jutro"])
    assert result.exit_code == 2
    assert "„jutro” nie jest okresem" in result.output


def test_outside_a_repository(tmp_path: Path) -> None:
    result = runner.invoke(app, ["due", "--path", str(tmp_path)])
    assert result.exit_code == 3
    assert "nie jest repozytorium dokumentacji SZJ" in result.output
