"""The register of nonconforming outputs (ISO 9001 8.7; issue 16 E): every occurrence, the
correction, who authorised release under concession, the corrective-action card; no personal
data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from qms_cli.errors import QmsError
from qms_cli.services.check import run_check
from qms_cli.services.records.nc import NewNc, list_nc, new_nc
from tests.edit import edit_yaml
from tests.records.helpers import TODAY, qms

ENTRY = "records/nc/NZ-2026-001.yaml"


def messages(office: Path, code: str) -> list[str]:
    report = run_check(office, today=TODAY, use_cache=False)
    return [f.message for f in report.findings if f.code == code]


def register(office: Path) -> str:
    request = NewNc(
        "Odpis aktu urodzenia wydano z błędem w dacie",
        "USC",
        dt.date(2026, 11, 11),
        process="PR-03",
        service="KU-USC-01",
        case="USC.5361.212.2026",
        correction="Odpis unieważniono, wydano poprawny",
    )
    return new_nc(office, request, today=TODAY).id


def test_new_entry_and_the_list(office: Path) -> None:
    assert register(office) == "NZ-2026-001"
    text = (office / ENTRY).read_text(encoding="utf-8")
    for line in (
        "id: NZ-2026-001",
        "detected: 2026-11-11",
        "source: {type: internal, ref: null}",
        "case: USC.5361.212.2026",
        "  description: Odpis unieważniono, wydano poprawny",
        "concession: null",
        "capa: null",
    ):
        assert line in text, line
    assert [n.id for n in list_nc(office)] == ["NZ-2026-001"]
    code, out, _ = qms(office, "nc")
    assert code == 0 and "NZ-2026-001" in out and "otwarta" in out
    assert run_check(office, today=TODAY, use_cache=False).findings == []


def test_refusals(office: Path) -> None:
    with pytest.raises(QmsError, match=r"opis wygląda na zawierający dane osobowe \(PESEL\)"):
        new_nc(office, NewNc("Błąd w akcie 44051401359", "USC"), today=TODAY)
    with pytest.raises(QmsError, match="nie ma komórki „XX”"):
        new_nc(office, NewNc("Błąd", "XX"), today=TODAY)
    with pytest.raises(QmsError, match=r"„P-01” \(--process\) nie jest dokumentem rodzaju"):
        new_nc(office, NewNc("Błąd", "USC", process="P-01"), today=TODAY)
    code, _, err = qms(office, "nc", "new", "--description", "Błąd", "--unit", "USC",
                       "--detected", "2026-12-01")  # fmt: skip
    assert code == 3 and "data stwierdzenia 2026-12-01 jest w przyszłości" in err


def test_closed_entry_shows_correction_and_decision(office: Path) -> None:
    register(office)
    edit_yaml(office / ENTRY, lambda d: d.__setitem__("closed", "2026-11-20"))
    assert messages(office, "QMS616") == [
        "NZ-2026-001: wpis zamknięty bez daty korekcji (correction.date), osoby, która "
        "zdecydowała o postępowaniu (decided_by)"
    ]

    def settle(data: dict) -> None:  # type: ignore[type-arg]
        data["correction"]["date"] = "2026-11-12"
        data["decided_by"] = "kierownik-usc"

    edit_yaml(office / ENTRY, settle)
    assert messages(office, "QMS616") == []


def test_concession_and_references(office: Path) -> None:
    register(office)

    def refer(data: dict) -> None:  # type: ignore[type-arg]
        data["concession"] = {
            "authorised_by": "prezes",
            "date": "2026-11-12",
            "justification": "Klient potrzebował odpisu od razu; błąd nie dotyczył danych dziecka",
        }
        data["capa"] = "DK-2026-099"
        data["notes"] = "Kontakt: jan.kowalski@poczta.pl"

    edit_yaml(office / ENTRY, refer)
    assert messages(office, "QMS617") == [
        "NZ-2026-001: concession.authorised_by „prezes” nie jest stanowiskiem ani rolą "
        "(org/structure.yaml)",
        "NZ-2026-001: capa „DK-2026-099” nie ma takiej karty w records/capa/",
    ]
    assert messages(office, "QMS609") == [
        "pole „notes” zawiera coś, co wygląda na dane osobowe (adres e-mail); usuń je z wpisu "
        "— zostają w sprawie w EZD"
    ]
