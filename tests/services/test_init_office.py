"""Issue 14: ``qms init`` makes the office the user named — no fact of the example office
(Urząd Gminy Przykładowo) stays under another office's name; the rest is placeholders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.io.roundtrip import load_rt
from qms_cli.model import offices
from qms_cli.resources import data_path
from qms_cli.services.check import run_check
from qms_cli.services.documents.init import NamedOffice, init_office
from qms_cli.services.documents.init_named import Contact, substitution, territory_words
from qms_cli.services.documents.new import NewRequest, new_document
from qms_cli.services.release.release import prepare
from tests.conftest import git
from tests.edit import append, set_value

runner = CliRunner()
SANOK = "Starostwo Powiatowe w Sanoku"


def example_facts() -> list[str]:
    """What belongs to the example office alone: its place, contacts, certificate, people."""
    template = data_path("docs-repo-template")
    profile = load_rt((template / "qms.yaml").read_text(encoding="utf-8"))
    auditors = load_rt((template / "org/auditors.yaml").read_text(encoding="utf-8"))
    office = profile["office"]
    return [
        "Przykładow",
        "przykladowo",
        "Dworcow",
        "62-345",
        "240 15",
        "Wielkopol",
        "Wójt",
        "Gminy",
        str(profile["certificate"]["number"]),
        "Certus",
        str(office["nip"]),
        str(office["regon"]),
        *(str(a["name"]) for a in auditors["auditors"]),
        *(str(a["competence"][0]["certificate"]) for a in auditors["auditors"]),
    ]


def text_files(root: Path) -> list[Path]:
    return [
        p
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.parts and p.suffix not in (".png", ".json")
    ]


def leaks(text: str) -> list[str]:
    return [fact for fact in example_facts() if fact in text]


@pytest.fixture
def sanok(tmp_path: Path) -> Path:
    result = init_office(tmp_path / "sanok", NamedOffice(SANOK, kind="starostwo"))
    return result.path


def test_example_facts_are_real() -> None:
    """The list is not empty and every fact is in the example office (so the test can fail)."""
    template = data_path("docs-repo-template")
    text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in text_files(template))
    assert len(example_facts()) > 20
    assert leaks(text) == example_facts()


def test_starostwo_holds_no_fact_of_the_example_office(sanok: Path) -> None:
    found = {
        str(path.relative_to(sanok)): leaks(path.read_text(encoding="utf-8", errors="replace"))
        for path in text_files(sanok)
    }
    assert {path: facts for path, facts in found.items() if facts} == {}
    report = run_check(sanok, use_cache=False)
    assert [f for f in report.findings if leaks(f"{f.path} {f.message}")] == []


def test_starostwo_profile(sanok: Path) -> None:
    data = load_rt((sanok / "qms.yaml").read_text(encoding="utf-8"))
    office = data["office"]
    assert (office["kind"], office["name"]) == ("powiat", SANOK)
    assert (office["head_title"], office["head_title_genitive"]) == ("Starosta", "Starosty")
    assert office["address"] == "⟦do uzupełnienia: adres urzędu⟧"
    assert office["bip_url"] == "⟦do uzupełnienia: adres Biuletynu Informacji Publicznej⟧"
    assert data["certificate"] is None
    statement = data["accessibility"]
    assert statement["entity"] == SANOK
    assert statement["status"].startswith("⟦do uzupełnienia")
    # the example's statement dates are not the new office's: none is carried over
    example = load_rt((data_path("docs-repo-template") / "qms.yaml").read_text(encoding="utf-8"))
    dated = ("published", "updated", "prepared", "reviewed")
    carried = [k for k in dated if k in statement and statement[k] == example["accessibility"][k]]
    assert carried == []
    assert data["bip"]["publisher"] == SANOK
    assert data["bip"]["produced_by"] == "Sekretarz Powiatu"


def test_starostwo_documents_name_the_office_and_its_head(sanok: Path) -> None:
    manual = (sanok / "documents/manual/KJ.md").read_text(encoding="utf-8")
    assert "Księga Jakości Starostwa Powiatowego w Sanoku" in manual
    assert "Starosta" in manual and "Rada Powiatu" in manual
    order = (sanok / "documents/orders/Z-2026-01.md").read_text(encoding="utf-8")
    assert "Starosty" in order


def test_starostwo_starts_without_example_records(sanok: Path) -> None:
    records = sorted(str(p.relative_to(sanok)) for p in (sanok / "records").rglob("*.*"))
    skeletons = [p for p in records if not p.endswith("README.md")]
    assert skeletons == ["records/context.yaml"]  # what every office writes, to be filled
    context = (sanok / "records/context.yaml").read_text(encoding="utf-8")
    assert "⟦do uzupełnienia: zakres systemu zarządzania jakością urzędu⟧" in context
    assert "Przykładow" not in context
    assert not (sanok / "documents/service-cards").exists()
    assert load_rt((sanok / "org/auditors.yaml").read_text(encoding="utf-8"))["auditors"] == []


def test_address_and_bip_url_given(tmp_path: Path) -> None:
    request = NamedOffice(
        SANOK,
        kind="powiat",
        address="ul. Kościuszki 36, 38-500 Sanok",
        bip_url="https://bip.powiat-sanok.pl",
    )
    root = init_office(tmp_path / "s", request).path
    office = load_rt((root / "qms.yaml").read_text(encoding="utf-8"))["office"]
    assert office["address"] == "ul. Kościuszki 36, 38-500 Sanok"
    assert office["bip_url"] == "https://bip.powiat-sanok.pl"
    manual = (root / "documents/manual/KJ.md").read_text(encoding="utf-8")
    assert "ul. Kościuszki 36, 38-500 Sanok" in manual
    assert "https://bip.powiat-sanok.pl" in manual


def test_every_placeholder_is_found_by_check(sanok: Path) -> None:
    """What init could not know is a QMS009 error, in qms.yaml among others."""
    findings = run_check(sanok, use_cache=False).findings
    placeholders = [f for f in findings if f.code == "QMS009"]
    assert {f.path for f in placeholders} >= {"qms.yaml", "documents/manual/KJ.md"}
    assert all(f.line is not None for f in placeholders)
    assert "QMS001" not in {f.code for f in findings}  # one finding per placeholder


@pytest.mark.parametrize(
    ("kind", "name", "head", "title", "genitive"),
    [
        ("gmina", "Urząd Gminy Zielonka", None, "Wójt Gminy Zielonka", "Wójta Gminy Zielonka"),
        ("gmina", "Urząd Gminy Zielonka", "burmistrz", "Burmistrz Gminy Zielonka", None),
        ("urząd gminy", "Urząd Gminy Zielonka", "Wójt", "Wójt Gminy Zielonka", None),
        ("powiat", SANOK, None, "Starosta", "Starosty"),
        ("starostwo", SANOK, None, "Starosta", "Starosty"),
        ("Starostwo", SANOK, "starosta", "Starosta", "Starosty"),
        ("miasto", "Urząd Miasta Sanoka", None, "Burmistrz Miasta Sanoka", None),
        ("urząd miasta", "Urząd Miasta Sanoka", None, "Burmistrz Miasta Sanoka", None),
        (
            "miasto",
            "Urząd Miasta Krosna",
            "prezydent miasta",
            "Prezydent Miasta Krosna",
            "Prezydenta Miasta Krosna",
        ),
        ("miasto", "Urząd Miasta Krosna", "Prezydent", "Prezydent Miasta Krosna", None),
    ],
)
def test_kinds_and_titles(
    kind: str, name: str, head: str | None, title: str, genitive: str | None
) -> None:
    normalised = offices.normalise_kind(kind)
    assert normalised is not None
    forms = offices.office(normalised, name, offices.normalise_head(head) if head else None)
    assert forms.head == title
    if genitive is not None:
        assert forms.head_genitive == genitive


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        (SANOK, "powiat"),
        ("Urząd Gminy Zielonka", "gmina"),
        ("Urząd Miasta Krosna", "miasto"),
        ("Urząd Miejski w Sanoku", "miasto"),
        ("Gminny Ośrodek", None),
    ],
)
def test_kind_from_name(name: str, kind: str | None) -> None:
    assert offices.kind_from_name(name) == kind


def test_prezydent_miasta_in_the_documents(tmp_path: Path) -> None:
    target = tmp_path / "krosno"
    result = runner.invoke(
        app,
        ["init", str(target), "--name", "Urząd Miasta Krosna", "--head-title", "prezydent miasta"],
    )
    assert result.exit_code == 0, result.output
    office = load_rt((target / "qms.yaml").read_text(encoding="utf-8"))["office"]
    assert (office["kind"], office["head_title"]) == ("miasto", "Prezydent Miasta Krosna")
    text = "".join(p.read_text(encoding="utf-8") for p in text_files(target / "documents"))
    assert "Burmistrz" not in text and "Wójt" not in text
    assert "Prezydenta Miasta Krosna" in text
    assert "Rada Miasta Krosna" in text


def test_cli_starostwo(tmp_path: Path) -> None:
    target = tmp_path / "sanok"
    result = runner.invoke(app, ["init", str(target), "--kind", "starostwo", "--name", SANOK])
    assert result.exit_code == 0, result.output
    assert "⟦do uzupełnienia: …⟧" in result.stdout
    assert load_rt((target / "qms.yaml").read_text(encoding="utf-8"))["office"]["kind"] == "powiat"
    assert git(target, "status", "--porcelain") == ""


def test_cli_needs_a_name_or_example(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "u")])
    assert result.exit_code == 2
    assert "podaj nazwę urzędu" in result.stderr and "--example" in result.stderr
    assert not (tmp_path / "u").exists()


def test_cli_example_takes_no_office_data(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "u"), "--example", "--name", SANOK])
    assert result.exit_code == 2
    assert not (tmp_path / "u").exists()


def test_cli_unknown_head_title(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["init", str(tmp_path / "u"), "--name", SANOK, "--head-title", "sołtys"]
    )
    assert result.exit_code == 2  # a bad choice is a usage error (issue 14 item 6)
    assert "nieznana wartość „sołtys”" in result.stderr


def test_kind_must_be_told_when_the_name_does_not(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "u"), "--name", "Urząd w Sanoku"])
    assert result.exit_code == 3
    assert "nie wynika rodzaj urzędu" in result.stderr


def test_release_refused_with_a_placeholder(office: Path) -> None:
    p01 = office / "documents/procedures/P-01.md"
    append(p01, "\nOdwołanie wnosi się do: ⟦do uzupełnienia: organ odwoławczy⟧.\n")
    git(office, "commit", "-q", "-am", "P-01: miejsce do uzupełnienia")
    _, _, _, reasons = prepare(office, dt.date(2026, 12, 1))
    [check] = [r for r in reasons if r.startswith("qms check zgłasza błędy")]
    assert "QMS009" in check and "⟦do uzupełnienia: organ odwoławczy⟧" in check


def test_service_card_skeleton_is_caught_once_active(sanok: Path) -> None:
    """Issue 14 item 3: a `qms new service-card` skeleton set to active does not pass check."""
    card = new_document(sanok, NewRequest("service-card", "Rejestracja pojazdu", unit="OR"))
    path = f"documents/service-cards/{card.id}.md"

    def placeholders_in_card() -> list[str]:
        findings = run_check(sanok, use_cache=False).findings
        return [f.message for f in findings if f.code == "QMS009" and f.path == path]

    assert placeholders_in_card() == []  # a draft may hold them
    set_value(sanok / path, "status", value="active")
    messages = placeholders_in_card()
    assert messages and all(m.startswith("miejsce do uzupełnienia: „") for m in messages)


@pytest.mark.parametrize(
    ("request_", "allowed"),
    [
        (NamedOffice("Urząd Gminy Zielonka"), {"Wójt", "Gminy"}),  # a gmina has them too
        (NamedOffice("Urząd Miasta Krosna", head_title="prezydent miasta"), set()),
    ],
    ids=["gmina", "miasto"],
)
@pytest.mark.slow  # the starostwo case above runs in the quick loop
def test_other_kinds_hold_no_fact_of_the_example_office(
    tmp_path: Path, request_: NamedOffice, allowed: set[str]
) -> None:
    root = init_office(tmp_path / "urzad", request_).path
    found = {
        str(path.relative_to(root)): set(leaks(path.read_text(encoding="utf-8"))) - allowed
        for path in text_files(root)
    }
    assert {path: facts for path, facts in found.items() if facts} == {}


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("powiat", "Systemem nie są objęte powiatowe jednostki organizacyjne (szkoły, Powiatowy"),
        ("miasto", "Systemem nie są objęte miejskie jednostki organizacyjne (szkoły, Miejski"),
    ],
)
def test_gmina_words_become_the_kinds_own_in_every_case(kind: str, expected: str) -> None:
    """Nouns in both numbers and the adjective "gminny" in every form, capitals kept."""
    office = offices.office(kind, "Starostwo Powiatowe w Sanoku" if kind == "powiat" else
                            "Urząd Miasta Sanoka")  # fmt: skip
    substitute = substitution(office, Contact(), [])
    text = "Systemem nie są objęte gminne jednostki organizacyjne (szkoły, Gminny Ośrodek)"
    assert substitute(text).startswith(expected)
    words = territory_words(kind)
    assert len(words) == 2 * 19 and words["gminami"] == ("powiatami" if kind == "powiat"
                                                         else "miastami")  # fmt: skip


def test_a_powiat_cites_its_own_statute(sanok: Path) -> None:
    external = (sanok / "documents/external.yaml").read_text(encoding="utf-8")
    assert "Ustawa z dnia 5 czerwca 1998 r. o samorządzie powiatowym" in external
    assert "samorządzie gminnym" not in external and "poz. 1465" not in external
    manual = (sanok / "documents/manual/KJ.md").read_text(encoding="utf-8")
    assert "art. 33 ust. 3" not in manual  # an article of the gmina statute
    assert '{act: EXT-02, provision: "⟦do uzupełnienia: przepis ustawy' in manual
