"""Issue 15: what the PDF and the BIP page say of a card's deadline kind, exempt fee, payment,
forms by id, name or address, zażalenie of a zaświadczenie and an appeal that does not lie."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qms_cli.render.bip_views import service_card
from qms_cli.render.pdf_facts import facts
from qms_cli.services.loading import load_repository
from tests.edit import set_value

KU = "documents/service-cards/KU-USC-01.md"
KPA = "Ustawa z dnia 14 czerwca 1960 r. – Kodeks postępowania administracyjnego"
NBSP = "\u00a0"


def views(root: Path, **fields: Any) -> tuple[dict[str, list[str]], dict[str, Any]]:
    for key, value in fields.items():
        set_value(root / KU, key, value=value)
    repo = load_repository(root).repo
    doc = repo.docs_by_id["KU-USC-01"]
    rows = {r["label"]: [v.replace(NBSP, " ") for v in r["value"]] for r in facts(doc, repo)}
    return rows, service_card(repo, doc, lambda i: f"{i}.html", {"F-01": "Wniosek"})


def test_each_deadline_kind_in_words(minimal: Path) -> None:
    for deadline, pdf, bip in (
        (
            {"kind": "niezwlocznie"},
            ["niezwłocznie – art. 35 § 2 KPA"],
            "niezwłocznie (art. 35 § 2 KPA)",
        ),
        ({"kind": "zaswiadczenie"}, ["do 7 dni – art. 217 § 3 KPA"], "do 7 dni (art. 217 § 3 KPA)"),
        (
            {"kind": "miesiac"},
            ["do 1 miesiąca – art. 35 § 3 KPA"],
            "do 1 miesiąca (art. 35 § 3 KPA)",
        ),
        (
            {"kind": "dwa-miesiace", "text": "oględziny w terenie"},
            [
                "do 2 miesięcy (sprawa szczególnie skomplikowana) – art. 35 § 3 KPA",
                "oględziny w terenie",
            ],
            "do 2 miesięcy (sprawa szczególnie skomplikowana) (art. 35 § 3 KPA)",
        ),
        (
            {"kind": "dni", "days": 14, "statute": {"act": "EXT-01", "provision": "art. 13"}},
            ["do 14 dni", f"termin określa: art. 13 – {KPA} (Dz.U. 2025 poz. 1691)"],
            "do 14 dni",
        ),
        (
            {"kind": "ustawa", "text": "w dniu zgłoszenia", "statute": {"act": "EXT-01"}},
            [f"termin określa: {KPA} (Dz.U. 2025 poz. 1691)", "w dniu zgłoszenia"],
            "",
        ),
    ):
        rows, page = views(minimal, deadline=deadline)
        assert rows["Termin załatwienia sprawy"] == pdf
        assert page["deadline"]["words"] == bip


def test_an_exempt_fee_and_how_to_pay(minimal: Path) -> None:
    exempt = {
        "description": "Odpis w sprawie alimentacyjnej",
        "exempt": True,
        "legal_basis": {"act": "EXT-01", "provision": "art. 2 ust. 1 pkt 1 lit. a"},
    }
    rows, page = views(minimal, fees=[exempt], payment="Przelewem na rachunek urzędu.")
    assert rows["Opłaty"] == [
        "Odpis w sprawie alimentacyjnej: zwolnione z opłaty na podstawie art. 2 ust. 1 pkt 1 "
        f"lit. a – {KPA} (Dz.U. 2025 poz. 1691)"
    ]
    assert rows["Sposób zapłaty"] == ["Przelewem na rachunek urzędu."]
    assert page["fees"][0]["exemption"] == (
        f"Zwolnione z opłaty na podstawie art. 2 ust. 1 pkt 1 lit. a – {KPA}."
    )
    assert page["payment"] == "Przelewem na rachunek urzędu."


def test_stamp_duty_exemption_says_so(minimal: Path) -> None:
    set_value(
        minimal / "documents/external.yaml",
        "documents",
        0,
        "title",
        value="Ustawa z dnia 16 listopada 2006 r. o opłacie skarbowej",
    )
    exempt = {"description": "Odpis", "exempt": True, "legal_basis": {"act": "EXT-01"}}
    rows, page = views(minimal, fees=[exempt])
    assert rows["Opłaty"][0].startswith("Odpis: zwolnione z opłaty skarbowej na podstawie Ustawa")
    assert page["fees"][0]["exemption"] == "Zwolnione z opłaty skarbowej."


def test_forms_by_id_name_and_address(minimal: Path) -> None:
    forms = [
        "F-01",
        {"name": "Wniosek przez internet", "url": "https://www.gov.pl/web/gov/wniosek"},
        {"name": "Wzór oświadczenia"},
    ]
    rows, page = views(minimal, forms=forms)
    assert rows["Formularze"] == [
        "F-01 (dokument wewnętrzny)",  # a public card names no internal title
        "Wniosek przez internet (https://www.gov.pl/web/gov/wniosek)",
        "Wzór oświadczenia",
    ]
    assert page["forms"] == [
        {"id": "F-01", "title": "Wniosek", "href": "F-01.html"},
        {"id": "", "title": "Wniosek przez internet", "href": "https://www.gov.pl/web/gov/wniosek"},
        {"id": "", "title": "Wzór oświadczenia", "href": None},
    ]


def test_zazalenie_of_a_certificate_and_an_appeal_that_does_not_lie(minimal: Path) -> None:
    appeal = {"kind": "zazalenie", "body": "SKO", "days": 7, "via": "za pośrednictwem Wójta"}
    rows, page = views(minimal, deadline={"kind": "zaswiadczenie"}, appeal=appeal)
    assert rows["Tryb odwoławczy"] == [
        "odmowa wydania zaświadczenia następuje w drodze postanowienia, na które służy "
        "zażalenie (art. 219 KPA)",
        "SKO",
        "w terminie 7 dni",
        "za pośrednictwem Wójta",
    ]
    assert page["appeal"]["heading"] == (
        "Odmowa wydania zaświadczenia następuje w drodze postanowienia, na które służy "
        "zażalenie (art. 219 KPA)."
    )
    rows, page = views(minimal, appeal={"none": "czynność materialno-techniczna"})
    assert rows["Tryb odwoławczy"] == ["nie przysługuje – czynność materialno-techniczna"]
    assert page["appeal"] is None
    assert page["appeal_note"] == "Nie przysługuje – czynność materialno-techniczna."
