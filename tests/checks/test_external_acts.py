"""Issue 15: the act registry accepts citations as real registers write them (with a warning
giving the one form), refuses what is no citation, tells a document in force that it rests on a
repealed act, and an act unchecked for over a year (before the example office's day) is a
warning."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qms_cli.services.check import run_check
from tests.conftest import EXAMPLE_DAY
from tests.edit import set_value

EXT = "documents/external.yaml"


def findings(root: Path, **fields: Any) -> list[tuple[str, str, str, int | None]]:
    for key, value in fields.items():
        set_value(root / EXT, "documents", 0, key, value=value)
    report = run_check(root, today=EXAMPLE_DAY, use_cache=False)
    return sorted((f.code, f.path, f.message, f.line) for f in report.findings)


def test_real_citations_are_accepted_with_the_normal_form(minimal: Path) -> None:
    for written, normal in (
        ("Dz. U. z 2006r., Nr 156, poz. 1118", "Dz.U. 2006 nr 156 poz. 1118"),
        ("Dz.U. 04.92.880", "Dz.U. 2004 nr 92 poz. 880"),
        ("Dz. U. z 2024 r. poz. 572", "Dz.U. 2024 poz. 572"),
    ):
        assert findings(minimal, citation=written) == [
            ("QMS062", EXT, f"EXT-01: publikator „{written}” zapisz w postaci „{normal}”", 5)
        ]


def test_what_is_no_citation_is_an_error(minimal: Path) -> None:
    assert findings(minimal, citation="Dziennik Ustaw rok 2024") == [
        (
            "QMS061",
            EXT,
            "EXT-01: publikator „Dziennik Ustaw rok 2024” nie jest adresem w Dzienniku Ustaw "
            "(np. „Dz.U. 2024 poz. 572”, „Dz.U. 2006 nr 156 poz. 1118”)",
            5,
        )
    ]


def test_an_act_cites_the_journal_it_is_published_in(minimal: Path) -> None:
    """A statute in Monitor Polski is an error; a local act (a council's resolution) is read in
    the voivodeship's journal, abbreviated or written out, and must have one."""
    assert findings(minimal, citation="M.P. 2024 poz. 10") == [
        (
            "QMS061",
            EXT,
            "EXT-01: ustawa ogłasza się w Dzienniku Ustaw, a publikator „M.P. 2024 poz. 10” "
            "wskazuje Monitor Polski",
            5,
        )
    ]
    local = "Dz. Urz. Woj. Podk. z 2024 r. poz. 1234"
    assert findings(minimal, kind="akt prawa miejscowego", citation=local) == [
        (
            "QMS062",
            EXT,
            f"EXT-01: publikator „{local}” zapisz w postaci "
            "„Dz. Urz. Woj. Podkarpackiego 2024 poz. 1234”",
            5,
        )
    ]
    assert findings(minimal, citation="Dz.U. 2025 poz. 1691", kind="akt prawa miejscowego") == [
        (
            "QMS061",
            EXT,
            "EXT-01: akt prawa miejscowego ogłasza się w dzienniku urzędowym województwa, a "
            "publikator „Dz.U. 2025 poz. 1691” wskazuje Dziennik Ustaw",
            5,
        )
    ]


def test_a_document_in_force_citing_a_repealed_act(minimal: Path) -> None:
    found = findings(minimal, status="uchylony", repealed_on="2026-06-30")
    assert found == [
        (
            "QMS063",
            "documents/service-cards/KU-USC-01.md",
            "KU-USC-01 powołuje akt EXT-01 uchylony z dniem 2026-06-30 (documents/external.yaml) "
            "— wskaż akt obowiązujący",
            12,
        )
    ]
    # repealed from a day still to come: nothing yet; a draft may cite it
    assert findings(minimal, repealed_on="2027-01-01") == []
    set_value(minimal / EXT, "documents", 0, "repealed_on", value="2026-06-30")
    set_value(minimal / "documents/service-cards/KU-USC-01.md", "status", value="draft")
    assert [f[0] for f in findings(minimal)] == []


def test_a_repealed_act_needs_its_date(minimal: Path) -> None:
    assert findings(minimal, status="uchylony") == [
        ("QMS001", EXT, "w polu „documents[1]”: brak wymaganego pola „repealed_on”", 2),
        (
            "QMS063",
            "documents/service-cards/KU-USC-01.md",
            "KU-USC-01 powołuje akt EXT-01 uchylony (documents/external.yaml) — wskaż akt "
            "obowiązujący",
            12,
        ),
    ]


def test_an_act_unchecked_for_over_a_year_is_a_warning(minimal: Path) -> None:
    # the example office's day is 2026-11-21: a year before it is still fine, a day more is not
    assert findings(minimal, last_checked="2025-11-21") == []
    assert findings(minimal, last_checked="2025-11-20") == [
        (
            "QMS060",
            EXT,
            "EXT-01: aktualność sprawdzono 2025-11-20, ponad 12 miesięcy temu — sprawdź w ISAP "
            "i zaktualizuj last_checked",
            6,
        )
    ]
