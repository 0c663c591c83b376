"""The complaint register: KPA deadlines, delay notices, forwarding, the art. 237 § 2 notice,
reception hours (art. 253 § 3) and no personal data in records/complaints/ (RODO art. 5)."""

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
from tests.records.helpers import TODAY, qms

D = dt.date
CASE = "OR.1510.9.2026"


def register(office: Path, received: dt.date, **extra: object) -> str:
    request = NewComplaint(
        subject="Przewlekłe wydawanie odpisu aktu urodzenia",
        unit="USC",
        case=CASE,
        received=received,
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
    assert "public: false" in text and f"case: {CASE}" in text and "name" not in text
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


def test_the_register_holds_no_personal_data(office: Path) -> None:
    code, _, err = qms(
        office,
        "complaint",
        "new",
        "--subject",
        "Odmowa przyjęcia pisma",
        "--unit",
        "OR",
        "--case",
        "OR.1510.5.2026",
        "--received",
        "2026-09-01",
    )
    assert code == 0, err
    text = (office / "records/complaints/SK-2026-005.yaml").read_text(encoding="utf-8")
    assert "case: OR.1510.5.2026" in text and "complainant" not in text
    assert not [c for c, _ in codes(office) if c == "QMS609"]
    code, _, err = qms(
        office, "complaint", "new", "--subject", "Skarga p. Jana, tel. 600 123 456",
        "--unit", "OR", "--case", "OR.1510.6.2026",
    )  # fmt: skip
    assert code == 3 and "przedmiot wygląda na zawierający dane osobowe (numer telefonu)" in err
    code, _, err = qms(
        office, "complaint", "new", "--subject", "Odmowa", "--unit", "OR", "--case", "Jan Nowak"
    )
    assert code == 3 and "„Jan Nowak” nie jest znakiem sprawy z EZD" in err


def test_planted_personal_data_is_an_error_with_its_line(office: Path) -> None:
    path = office / "records/complaints/SK-2026-002.yaml"
    text = path.read_text(encoding="utf-8")
    planted = "capa: null\nnotes: PESEL 44051401359, jan.kowalski@poczta.pl"
    text = text.replace("capa: null", planted)
    text += "complainant:\n  name: Piotr Wzorcowy\n  address: ul. Słoneczna 12\n"
    path.write_text(text, encoding="utf-8")
    report = run_check(office, today=TODAY, use_cache=False)
    found = [(f.code, f.line, f.message) for f in report.findings if f.path.endswith("002.yaml")]
    lines = text.splitlines()
    notes = next(n for n, line in enumerate(lines, 1) if line.startswith("notes:"))
    assert ("QMS609", notes, "pole „notes” zawiera coś, co wygląda na dane osobowe (PESEL); "
            "usuń je z wpisu — zostają w sprawie w EZD") in found  # fmt: skip
    assert (
        "QMS609",
        len(lines) - 2,
        "pole „complainant” to dane osobowe (dane wnoszącego); usuń je — rejestr skarg i "
        "wniosków prowadzi się bez danych osobowych, wnoszącego wskazuje znak sprawy w EZD (case)",
    ) in found
    assert [c for c, _, _ in found].count("QMS609") == 2
    path.write_text(text.replace("PESEL 44051401359, ", ""), encoding="utf-8")
    messages = [f.message for f in run_check(office, today=TODAY, use_cache=False).findings]
    assert (
        "pole „notes” zawiera coś, co wygląda na dane osobowe (adres e-mail); usuń je z wpisu "
        "— zostają w sprawie w EZD"
    ) in messages


def test_a_complaint_through_a_councillor_is_answered_in_14_days(office: Path) -> None:
    complaint_id = register(office, D(2026, 11, 2), intermediary="radny")
    text = (office / f"records/complaints/{complaint_id}.yaml").read_text(encoding="utf-8")
    assert "deadline: 2026-11-16  # 14 dni od wpływu (art. 237 § 2 KPA)" in text
    assert not [c for c, _ in codes(office, D(2026, 11, 16)) if c == "QMS615"]
    assert (
        "QMS615",
        f"{complaint_id}: radny nie został zawiadomiony o sposobie załatwienia skargi do "
        "2026-11-16 (art. 237 § 2 KPA); po zawiadomieniu wpisz intermediary.informed",
    ) in codes(office)
    code, out, err = qms(office, "complaint", "inform", complaint_id, "--date", "2026-11-20")
    assert code == 0, err
    assert f"{complaint_id}: zawiadomiono 2026-11-20 — po terminie 2026-11-16." in out
    assert (
        "QMS615",
        f"{complaint_id}: radny zawiadomiony 2026-11-20, po terminie 2026-11-16 (art. 237 § 2 KPA)",
    ) in codes(office)
    code, _, err = qms(office, "complaint", "inform", "SK-2026-002")
    assert code == 3 and "SK-2026-002 nie została wniesiona ani przekazana przez posła" in err


def test_reception_hours_after_working_hours(office: Path) -> None:
    config = office / "qms.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('hours: "13:00–17:00"', 'hours: "13:00–16:00"'), "utf-8")
    assert (
        "QMS608",
        "przyjęcia w sprawach skarg i wniosków (poniedziałek 13:00–16:00) mieszczą się "
        "w godzinach pracy urzędu; art. 253 § 3 KPA wymaga także ustalonego dnia tygodnia po "
        "godzinach pracy — wydłuż jeden z terminów poza godzinę zamknięcia urzędu",
    ) in codes(office)
    config.write_text(text.replace('day: poniedziałek, hours: "13:00–17:00"',
                                   'day: sobota, hours: "9:00–12:00"'), "utf-8")  # fmt: skip
    assert not [c for c, _ in codes(office) if c == "QMS608"]
