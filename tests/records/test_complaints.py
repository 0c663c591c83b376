"""The complaint register: KPA deadlines, delay notices, forwarding, and personal data that
never leave records/complaints/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from qms_cli.errors import QmsError
from qms_cli.services.check import run_check
from qms_cli.services.records.complaints import (
    NewComplaint,
    close_complaint,
    delay_complaint,
    forward_complaint,
    list_complaints,
    new_complaint,
)
from qms_cli.services.review.review import new_review
from tests.records.helpers import TODAY, all_text, qms

D = dt.date
NAME, ADDRESS = "Bożydar Tajny-Wnoszący", "ul. Ukryta 13, 62-345 Przykładowo"


def register(office: Path, received: dt.date, **extra: object) -> str:
    request = NewComplaint(
        subject="Przewlekłe wydawanie odpisu aktu urodzenia",
        unit="USC",
        received=received,
        name=NAME,
        address=ADDRESS,
        **extra,  # type: ignore[arg-type]
    )
    return new_complaint(office, request, today=TODAY).id


def codes(office: Path, today: dt.date = TODAY) -> list[tuple[str, str]]:
    report = run_check(office, today=today, use_cache=False)
    return [(f.code, f.message) for f in report.findings]


def test_new_entry_has_the_kpa_deadline_and_keeps_comments_on_edit(office: Path) -> None:
    complaint_id = register(office, D(2026, 10, 15))
    assert complaint_id == "SK-2026-005"
    path = office / "records/complaints/SK-2026-005.yaml"
    text = path.read_text(encoding="utf-8")
    assert "public: false" in text and f"name: {NAME}" in text
    assert "deadline: 2026-11-16  # 1 miesiąc od wpływu" in text  # 15 XI 2026 is a Sunday
    path.write_text(
        text.replace("unit: USC", "unit: USC  # dekretacja: Kierownik USC"), encoding="utf-8"
    )
    delay_complaint(office, complaint_id, D(2026, 12, 15), "Wyjaśnienia z archiwum", today=TODAY)
    edited = path.read_text(encoding="utf-8")
    assert "unit: USC  # dekretacja: Kierownik USC" in edited
    assert "# Rejestr skarg i wniosków – wpis NIEPUBLICZNY" in edited
    assert "new_deadline: 2026-12-15" in edited


def test_deadline_without_delay_notice_fails_the_check(office: Path) -> None:
    complaint_id = register(office, D(2026, 10, 15))
    found = codes(office)
    assert (
        "QMS606",
        f"{complaint_id}: termin załatwienia 2026-11-16 minął, brak zawiadomienia "
        f"o zwłoce (art. 36 KPA): qms complaint delay {complaint_id} --new-deadline … "
        "--reason …",
    ) in found
    delay_complaint(office, complaint_id, D(2026, 12, 15), "Wyjaśnienia", today=TODAY)
    assert not [c for c, _ in codes(office) if c == "QMS606"]
    assert [c for c, _ in codes(office, D(2026, 12, 16)) if c == "QMS606"] == ["QMS606"]
    close_complaint(office, complaint_id, "niezasadna", today=TODAY)
    assert not [c for c, _ in codes(office, D(2026, 12, 16)) if c == "QMS606"]


def test_forwarding_within_seven_days(office: Path) -> None:
    complaint_id = register(office, D(2026, 11, 10))
    forwarded, in_time = forward_complaint(
        office, complaint_id, "Rada Gminy Przykładowo", day=D(2026, 11, 18), today=TODAY
    )
    assert not in_time and forwarded.forward_by == D(2026, 11, 17)
    assert forwarded.closed == D(2026, 11, 18) and forwarded.outcome == "forwarded"
    late = register(office, D(2026, 11, 2))
    path = office / f"records/complaints/{late}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("competent: true", "competent: false"),
        encoding="utf-8",
    )
    assert (
        "QMS607",
        f"{late}: Urząd nie jest właściwy, a pisma nie przekazano do 2026-11-09 "
        f"(art. 231 KPA): qms complaint forward {late} --to …",
    ) in codes(office)


def test_wrong_requests_are_refused(office: Path) -> None:
    with pytest.raises(QmsError, match="w przyszłości"):
        register(office, D(2026, 12, 1))
    with pytest.raises(QmsError, match="nieznany rodzaj „petycja”"):
        register(office, D(2026, 11, 2), kind="petycja")
    complaint_id = register(office, D(2026, 11, 2))
    with pytest.raises(QmsError, match="musi być późniejszy niż 2026-12-02"):
        delay_complaint(office, complaint_id, D(2026, 11, 30), "x", today=TODAY)
    with pytest.raises(QmsError, match="nieznany sposób załatwienia „uznana”"):
        close_complaint(office, complaint_id, "uznana", today=TODAY)
    close_complaint(office, complaint_id, "zasadna", capa="DK-2026-009", today=TODAY)
    with pytest.raises(QmsError, match="jest już załatwiona"):
        close_complaint(office, complaint_id, "zasadna", today=TODAY)
    code, _, err = qms(office, "complaint", "close", "SK-2026-099", "--outcome", "zasadna")
    assert code == 3 and "nie ma wpisu SK-2026-099" in err


def test_list_shows_open_and_overdue_only_by_default(office: Path) -> None:
    register(office, D(2026, 10, 15))
    register(office, D(2026, 11, 20))
    listed = list_complaints(office, TODAY)
    assert [(i.complaint.id, i.state.value) for i in listed] == [
        ("SK-2026-005", "overdue"),
        ("SK-2026-006", "open"),
    ]
    assert len(list_complaints(office, TODAY, everything=True)) == 6


def test_personal_data_never_leave_the_register(office: Path) -> None:
    code, out, err = qms(
        office,
        "complaint",
        "new",
        "--subject",
        "Odmowa przyjęcia pisma",
        "--unit",
        "OR",
        "--name",
        NAME,
        "--address",
        ADDRESS,
        "--received",
        "2026-09-01",
    )
    assert code == 0, err
    outputs = [out]
    for args in (["complaint"], ["complaint", "--all"], ["check"], ["check", "--format", "json"]):
        if args[0] == "check":
            from typer.testing import CliRunner

            from qms_cli.cli.main import app

            result = CliRunner().invoke(app, [*args, str(office)])
            outputs.append(result.stdout + result.stderr)
        else:
            outputs.append("".join(qms(office, *args)[1:]))
    new_review(office, 2027, today=TODAY)
    outputs += [
        text for rel, text in all_text(office).items() if not rel.startswith("records/complaints/")
    ]
    for text in outputs:
        for secret in (NAME, ADDRESS, "Zofia Przykładowa", "ul. Lipowa 7"):
            assert secret not in text
    assert any("SK-2026-005" in o and "Odmowa przyjęcia pisma" in o for o in outputs[1:3])
