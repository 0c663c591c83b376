"""Issue 15, the service cards a lawyer signs off: KPA deadline kinds each with its rule
(art. 35, art. 217 § 3, art. 219), office hours are not a deadline, fees exempt on a named
provision, forms by id, name or address, and a card without an appeal says why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qms_cli.model.findings import Finding
from qms_cli.services.check import run_check
from tests.conftest import EXAMPLE_DAY
from tests.edit import set_value

KU = "documents/service-cards/KU-USC-01.md"
APPEAL = {"body": "Samorządowe Kolegium Odwoławcze", "days": 7, "via": "za pośrednictwem Wójta"}


def card_findings(root: Path, **fields: Any) -> list[tuple[str, str, int | None]]:
    for key, value in fields.items():
        set_value(root / KU, key, value=value)
    findings: list[Finding] = run_check(root, today=EXAMPLE_DAY, use_cache=False).findings
    return sorted((f.code, f.message, f.line) for f in findings if f.path == KU)


def line_of(root: Path, start: str) -> int:
    lines = (root / KU).read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if text.startswith(start))


def test_each_kind_within_its_limit_is_clean(minimal: Path) -> None:
    for deadline, appeal in (
        ({"kind": "niezwlocznie"}, None),
        ({"kind": "miesiac", "days": 30}, None),
        ({"kind": "dwa-miesiace", "days": 60, "text": "oględziny w terenie"}, None),
        ({"kind": "zaswiadczenie", "days": 7}, {**APPEAL, "kind": "zazalenie"}),
        ({"kind": "ustawa", "text": "w dniu zgłoszenia", "statute": {"act": "EXT-01"}}, None),
        ({"kind": "dni", "days": 90, "statute": {"act": "EXT-01", "provision": "art. 5"}}, None),
    ):
        fields: dict[str, Any] = {"deadline": deadline}
        if appeal is not None:
            fields["appeal"] = appeal
        assert card_findings(minimal, **fields) == [], deadline


def test_a_certificate_stating_14_days_is_an_error(minimal: Path) -> None:
    found = card_findings(
        minimal,
        deadline={"kind": "zaswiadczenie", "days": 14},
        appeal={**APPEAL, "kind": "zazalenie"},
    )
    assert found == [
        (
            "QMS043",
            "karta KU-USC-01: termin 14 dni — art. 217 § 3 KPA: zaświadczenie wydaje się bez "
            "zbędnej zwłoki, nie później niż w terminie 7 dni",
            line_of(minimal, "  days:"),
        )
    ]


def test_an_older_certificate_card_is_judged_by_its_title_and_text(minimal: Path) -> None:
    set_value(minimal / KU, "title", value="Wydanie zaświadczenia o stanie cywilnym")
    found = card_findings(
        minimal,
        deadline={"days": 7, "text": "nie później niż w terminie 14 dni"},
        appeal={**APPEAL, "kind": "zazalenie"},
    )
    assert [code for code, _, _ in found] == ["QMS043"]
    assert "termin 14 dni — art. 217 § 3 KPA" in found[0][1]


def test_a_certificate_card_says_a_refusal_is_open_to_zazalenie(minimal: Path) -> None:
    found = card_findings(minimal, deadline={"kind": "zaswiadczenie"})
    assert found == [
        (
            "QMS044",
            "karta KU-USC-01: odmowa wydania zaświadczenia następuje w drodze postanowienia, na "
            "które służy zażalenie (art. 219 KPA) — zapisz w „appeal” „kind: zazalenie”, organ "
            "(body), termin (days) i za czyim pośrednictwem (via)",
            line_of(minimal, "appeal:"),
        )
    ]


def test_a_month_is_30_days_and_two_months_60(minimal: Path) -> None:
    found = card_findings(minimal, deadline={"kind": "miesiac", "days": 45})
    assert [code for code, _, _ in found] == ["QMS041"]
    assert found[0][1] == (
        "karta KU-USC-01: termin 45 dni przekracza art. 35 KPA (30 dni, 60 w sprawie "
        "szczególnie skomplikowanej); sprawę szczególnie skomplikowaną oznacz „kind: "
        "dwa-miesiace”, a termin z ustawy szczególnej – „kind: ustawa” ze „statute”"
    )
    assert card_findings(minimal, deadline={"kind": "dwa-miesiace", "days": 45}) == []
    found = card_findings(minimal, deadline={"kind": "dwa-miesiace", "days": 61})
    assert [code for code, _, _ in found] == ["QMS041"]


def test_office_hours_are_not_a_deadline(minimal: Path) -> None:
    found = card_findings(minimal, deadline={"days": 0, "text": "od ręki"})
    assert found == [
        (
            "QMS045",
            "karta KU-USC-01: „days: 0” nie jest terminem załatwienia sprawy — sprawę "
            "załatwianą od ręki oznacz „kind: niezwlocznie”, a godziny przyjęć wpisz "
            "w „place.hours”",
            line_of(minimal, "  days:"),
        )
    ]
    found = card_findings(minimal, deadline={"kind": "niezwlocznie", "text": "pn.–pt. 8:00–16:00"})
    assert found == [
        (
            "QMS045",
            "karta KU-USC-01: w terminie załatwienia sprawy wpisano godziny („8:00–16:00”) — "
            "godziny przyjęć wpisz w „place.hours”, a termin opisz rodzajem (kind) i liczbą dni",
            line_of(minimal, "  text:"),
        )
    ]


def test_a_kind_set_by_an_act_names_it(minimal: Path) -> None:
    found = card_findings(minimal, deadline={"kind": "dni", "days": 21})
    assert [(code, message) for code, message, _ in found] == [
        ("QMS001", "w polu „deadline”: brak wymaganego pola „statute”")
    ]
    found = card_findings(minimal, deadline={"kind": "ustawa", "statute": {"act": "EXT-77"}})
    assert [(code, message) for code, message, _ in found] == [
        ("QMS001", "w polu „deadline”: brak wymaganego pola „text”"),
        (
            "QMS010",
            "podstawa prawna EXT-77 nie występuje w documents/external.yaml — czy chodziło "
            "o EXT-01?",
        ),
    ]


def test_the_older_complex_flag_still_means_two_months(minimal: Path) -> None:
    assert card_findings(minimal, deadline={"days": 60, "text": "x", "complex": True}) == []
    found = card_findings(minimal, deadline={"days": 60, "text": "x"})
    assert [code for code, _, _ in found] == ["QMS041"]


def test_an_exempt_fee_names_its_provision(minimal: Path) -> None:
    exempt = {
        "description": "Odpis w sprawie alimentacyjnej",
        "exempt": True,
        "legal_basis": {"act": "EXT-01", "provision": "art. 2 ust. 1 pkt 1 lit. a"},
    }
    assert card_findings(minimal, fees=[exempt], payment="Przelewem albo w kasie.") == []
    found = card_findings(minimal, fees=[{"description": "Odpis", "exempt": True}])
    assert found == [
        (
            "QMS046",
            "karta KU-USC-01: zwolnienie z opłaty „Odpis” bez podstawy prawnej — wpisz "
            '„legal_basis: {act: EXT-…, provision: "art. 2 ust. 1 pkt …"}” (akt z '
            "documents/external.yaml)",
            line_of(minimal, "fees:") + 1,
        )
    ]
    found = card_findings(minimal, fees=[{**exempt, "amount": "17,00 zł"}])
    assert [message for _, message, _ in found] == [
        "karta KU-USC-01: opłata „Odpis w sprawie alimentacyjnej” jest zwolniona (exempt: "
        "true), a podaje kwotę „17,00 zł” — usuń kwotę albo zwolnienie"
    ]
    found = card_findings(minimal, fees=[{"description": "Odpis", "basis": "ustawa"}])
    assert [message for _, message, _ in found] == [
        "w polu „fees[1]”: brak wymaganego pola „amount”"
    ]


def test_forms_by_id_name_or_address(minimal: Path) -> None:
    forms = [
        "F-01",
        {"name": "Wniosek o dowód osobisty", "url": "https://www.gov.pl/web/gov/dowod"},
        {"name": "Wzór oświadczenia"},
    ]
    assert card_findings(minimal, forms=forms) == []
    found = card_findings(minimal, forms=["F-99", {"name": "x", "url": "http://a.pl/f"}])
    assert [(code, message) for code, message, _ in found] == [
        ("QMS001", "w polu „forms[2].url”: wartość 'http://a.pl/f' ma niedozwoloną postać"),
        ("QMS010", "odwołanie do nieistniejącego dokumentu F-99"),
    ]


def test_a_card_without_an_appeal_says_why(minimal: Path) -> None:
    assert card_findings(minimal, appeal={"none": "czynność materialno-techniczna"}) == []
    found = card_findings(minimal, appeal=None)
    assert [(code, message) for code, message, _ in found] == [
        ("QMS001", "w pliku: brak wymaganego pola „appeal_note”"),
        (
            "QMS040",
            "karta KU-USC-01: brak trybu odwoławczego (appeal) ani powodu, dla którego nie "
            'przysługuje (appeal: {none: "czynność materialno-techniczna"})',
        ),
    ]
    found = card_findings(minimal, appeal={"none": ""})
    assert [(code, message) for code, message, _ in found] == [
        ("QMS001", "w polu „appeal.none”: pusta wartość"),
        (
            "QMS040",
            "karta KU-USC-01: brak trybu odwoławczego (appeal) ani powodu, dla którego nie "
            'przysługuje (appeal: {none: "czynność materialno-techniczna"})',
        ),
    ]


def test_an_appeal_and_a_reason_against_it_contradict(minimal: Path) -> None:
    found = card_findings(minimal, appeal={**APPEAL, "none": "czynność materialno-techniczna"})
    assert found == [
        (
            "QMS040",
            "karta KU-USC-01: tryb odwoławczy podaje organ (body) i zarazem powód, dla którego "
            "nie przysługuje (none) — zostaw jedno",
            line_of(minimal, "appeal:"),
        )
    ]
