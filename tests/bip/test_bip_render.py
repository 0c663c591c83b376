"""``qms render bip`` end to end on a fixture office with git history: what is published, what
never is, the metryczka from git, deterministic bytes, and XSS payloads made inert."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.errors import QmsError
from qms_cli.services.check import run_check
from qms_cli.services.documents.render_bip import render_bip
from tests.bip.bip_helpers import PAYLOAD_FILE, PAYLOADS, SECRET, audit, make_office, render

# the ids of the technical conditions' structure (version 2.0 of 31 July 2024, as current
# generators and validators of the statement list them), each on the page once
A11Y_IDS = [
    "a11y-deklaracja",
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-data-przeglad",
    "a11y-audytor",
    "a11y-ocena",
    "a11y-kontakt",
    "a11y-osoba",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-architektura",
    "a11y-aplikacje",
]


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def read(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


def visible_text(page: str) -> str:
    """The text of a page with whitespace (also the non-breaking spaces of Polish typography)
    collapsed to single spaces."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


# --- what is published ------------------------------------------------------------------------


def test_site_has_every_public_page_and_only_those(site: Path) -> None:
    names = set(tree(site))
    assert {
        "index.html",
        "uslugi.html",
        "uslugi-a-z.html",
        "dokumenty.html",
        "certyfikat.html",
        "rejestr-dokumentow.html",
        "deklaracja-dostepnosci.html",
        "bip.css",
        "szukaj.js",
        "PJ.html",
        "P-01.html",
        "F-01.html",
        "KU-USC-01.html",
        "KU-USC-02.html",
        "KU-PO-01.html",
        "P-01.pdf",
        ".qms-generated",
    } <= names
    # internal (public: false), drafts and job descriptions are not published
    assert not names & {"P-02.html", "PR-01.html", "KU-PO-02.html", "KS-01.html"}


def test_planted_secret_appears_in_no_output_file(site: Path, bip_office: Path) -> None:
    # the secret is in internal documents, a draft, records, complaints and a commit message
    sources = [p for p in bip_office.rglob("*") if p.is_file() and ".git" not in p.parts]
    assert sum(SECRET.encode() in p.read_bytes() for p in sources) >= 6
    log = subprocess.run(
        ["git", "log"], cwd=bip_office, capture_output=True, text=True, check=True
    ).stdout
    assert SECRET in log
    leaks = [name for name, data in tree(site).items() if SECRET.encode() in data]
    assert leaks == []
    assert all(
        SECRET not in html.unescape(d.decode("utf-8", "replace")) for d in tree(site).values()
    )


def test_services_are_grouped_by_unit_in_structure_order(site: Path) -> None:
    page = read(site, "uslugi.html")
    usc, po = (
        page.index(">Urząd Stanu Cywilnego</h2>"),
        page.index(">Referat Podatków i\u00a0Opłat Lokalnych</h2>"),
    )
    assert usc < po
    assert page.index("Wydanie odpisu aktu urodzenia") < page.index("Zgłoszenie urodzenia")
    az = read(site, "uslugi-a-z.html")
    assert re.findall(r'<h2 id="litera-\d+">(.)</h2>', az) == ["U", "W", "Z"]


def test_service_card_shows_its_fields_and_only_public_forms(site: Path) -> None:
    text = visible_text(read(site, "KU-USC-01.html"))
    for expected in (
        "art. 44 – Ustawa z dnia 28 listopada 2014 r. – Prawo o aktach stanu cywilnego",
        "(Dz.U. 2023 poz. 1378)",
        "Opłata skarbowa: 22,00 zł",
        "Pokój: pok. 12",
        "Elektronicznie przez ePUAP: /ugtestowo/SkrytkaESP",
        "do 7 dni od złożenia wniosku",
        "Odwołanie wnosi się do: Wojewoda, za pośrednictwem Kierownika, w terminie 14 dni.",
        "Godziny przyjęć: pn.–pt. 7.30–15.30",
        "Sprawę można załatwić w „okienku” nr 3.",  # Polish quotes at render time
    ):
        assert expected in text
    assert '<a href="F-01.html">Wniosek ogólny</a>' in read(site, "KU-USC-01.html")
    assert "F-99" not in text


def test_service_card_kinds_exemption_forms_and_no_appeal(site: Path) -> None:
    """Issue 15: the deadline set by an act, an exempt fee, payment, forms by id, address and
    name, an appeal that does not lie (KU-USC-02), a zaświadczenie's zażalenie (KU-PO-01)."""
    page = read(site, "KU-USC-02.html")
    text = visible_text(page)
    for expected in (
        "Zgłoszenie urodzenia: Zwolnione z opłaty na podstawie art. 52 ust. 3 – Ustawa z dnia "
        "28 listopada 2014 r. – Prawo o aktach stanu cywilnego.",
        "Sposób zapłaty: Przelewem albo w kasie urzędu.",
        "w dniu zgłoszenia (termin określa: art. 52 Ustawa z dnia 28 listopada 2014 r. – Prawo "
        "o aktach stanu cywilnego)",
        "Tryb odwoławczy Nie przysługuje – czynność materialno-techniczna.",
        "Wzór oświadczenia o wyborze imienia",
    ):
        assert expected in text, expected
    assert (
        '<a href="https://www.gov.pl/web/gov/zglos-urodzenie-dziecka">Zgłoszenie urodzenia '
        "przez internet</a>"
    ) in page
    assert '<a href="F-01.html">Wniosek ogólny</a>' in page
    text = visible_text(read(site, "KU-PO-01.html"))
    for expected in (
        "Termin załatwienia sprawy do 7 dni (art. 217 § 3 KPA)",
        "Odmowa wydania zaświadczenia następuje w drodze postanowienia, na które służy "
        "zażalenie (art. 219 KPA).",
        "Zażalenie wnosi się do: Samorządowe Kolegium Odwoławcze, za pośrednictwem Wójta, "
        "w terminie 7 dni.",
    ):
        assert expected in text, expected


def test_procedure_page_links_pdf_image_and_public_documents_only(site: Path) -> None:
    page = read(site, "P-01.html")
    assert '<a href="P-01.pdf" type="application/pdf">Pobierz dokument P-01 w formacie PDF' in page
    assert re.search(r'<img src="zalaczniki/[0-9a-f]{20}\.png" alt="Schemat obiegu wniosku">', page)
    assert '<a href="F-01.html">F-01</a>' in page
    assert '<a href="PJ.html#tresc-zobowiązania">PJ</a>' in page
    assert "i\u00a0w\u00a0procedurze wewnętrznej" in page  # link to an internal document: text only
    assert "P-02" not in page
    assert "<h1>" in page and page.count("<h1") == 1
    assert '<h3 id="tresc-zakres">' in page  # "####" right after "##" becomes h3
    assert '<div class="tabela" role="region" tabindex="0"' in page
    assert "<code>znak sprawy: OR.1431.12.2026 i w tekście</code>" in page  # no typography


def test_certificate_register_and_statement(site: Path) -> None:
    cert = visible_text(read(site, "certyfikat.html"))
    assert "Sp. z\u00a0o.o." in read(site, "certyfikat.html")
    for expected in (
        "PL-TEST-1",
        "Jednostka Certyfikująca „Test” Sp. z o.o.",
        "25 czerwca 2025 r.",
        "24 czerwca 2028 r.",
        "audit nadzoru",
    ):
        assert expected in cert
    register = read(site, "rejestr-dokumentow.html")
    rows = re.findall(r"<tr><td>([A-Z0-9-]+)</td>", register)
    assert rows == ["PJ", "P-01", "F-01", "KU-PO-01", "KU-USC-01", "KU-USC-02"]
    assert register.count("<td>nie wydano</td>") == 2 * len(rows)
    statement = read(site, "deklaracja-dostepnosci.html")
    assert sorted(re.findall(r'id="(a11y-[a-z-]+)"', statement)) == sorted(A11Y_IDS)
    assert '<span id="a11y-data-publikacja">2020-09-18</span>' in statement
    assert '<a href="mailto:dostepnosc@testowo.invalid">' in statement
    assert '<a href="tel:+48111111114">' in statement


def test_metryczka_comes_from_git_and_configuration(site: Path) -> None:
    page = read(site, "P-01.html")
    meta = visible_text(page[page.index('<section class="metryczka"') :])
    assert "Informację wytworzył Kierownik Referatu Organizacyjnego" in meta
    assert "Informację wprowadził Inspektor ds. Biuletynu Informacji Publicznej" in meta
    assert "Data wytworzenia 2 marca 2026 r., godz. 10:15" in meta
    assert "Data udostępnienia 15 kwietnia 2026 r., godz. 9:05" in meta
    assert '<time datetime="2026-04-15T09:05:00+02:00">' in page
    assert meta.count("utworzenie") == 1 and meta.count("aktualizacja") == 1
    # commit messages are not published unless bip.commit_messages is true
    assert "Poprawki po skardze" not in page
    policy = read(site, "PJ.html")
    assert "Kierownik urzędu (Wójt Gminy Testowo)" in policy
    assert policy.count("<tr><td><time") == 1  # PJ changed once


def test_same_commit_gives_the_same_bytes(tmp_path: Path, site: Path, bip_office: Path) -> None:
    clone = tmp_path / "elsewhere" / "clone"
    subprocess.run(["git", "clone", "-q", str(bip_office), str(clone)], check=True)
    shutil.copytree(bip_office / "dist" / "pdf", clone / "dist" / "pdf")
    again = render(clone, tmp_path / "out")
    assert tree(again) == tree(site)
    render(clone, tmp_path / "out")  # the folder is replaced, not added to
    assert tree(tmp_path / "out") == tree(site)


def test_commit_messages_are_published_when_configured(tmp_path: Path) -> None:
    office = make_office(tmp_path / "office")
    config = office / "qms.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  entered_by: Inspektor ds. Biuletynu Informacji Publicznej\n",
            "  commit_messages: true\n  labels: {produced_by: Wytworzył}\n",
        ),
        encoding="utf-8",
    )
    schema_findings = [
        f for f in run_check(office).findings if f.path == "qms.yaml" and f.code == "QMS001"
    ]
    assert schema_findings == []  # the schema knows bip.commit_messages and bip.labels
    site = render(office, tmp_path / "out")
    page = read(site, "P-01.html")
    assert "Poprawki po skardze" in page
    assert "<dt>Wytworzył</dt>" in page
    assert "<td>Anna Urzędniczka</td>" in page  # no bip.entered_by: the author


# --- errors and edge cases --------------------------------------------------------------------


def test_refuses_to_replace_a_folder_qms_did_not_make(tmp_path: Path, bip_office: Path) -> None:
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["render", "bip", "--draft", "--path", str(bip_office), "--out", str(foreign)]
    )
    assert result.exit_code == 3
    assert "nie został utworzony przez qms — niczego nie nadpisano" in result.output
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "keep"


def test_cli_reports_where_to_open_the_site(tmp_path: Path, bip_office: Path) -> None:
    out = tmp_path / "strona"
    result = CliRunner().invoke(
        app, ["render", "bip", "--draft", "--path", str(bip_office), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "PROJEKT: strony oznaczono jako projekt, nie publikuj ich w BIP." in result.output
    assert f"Zapisano stronę BIP w {out}: stron 13, plików 17 (w tym PDF: 1)." in result.output
    assert f"Otwórz w przeglądarce: {(out / 'index.html').as_uri()}" in result.output


def test_outside_git_the_metryczka_says_so(tmp_path: Path) -> None:
    office = tmp_path / "office"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "bip", office)
    result = render_bip(office, out=tmp_path / "out", draft=True)
    assert any("bez historii w git" in w for w in result.warnings)
    assert "brak w historii repozytorium" in read(tmp_path / "out", "P-01.html")


def test_not_an_office_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(QmsError, match="nie jest repozytorium dokumentacji SZJ"):
        render_bip(tmp_path)


# --- XSS --------------------------------------------------------------------------------------


def test_xss_payloads_are_inert_on_every_page(xss_site: Path) -> None:
    assert len(PAYLOADS) >= 20
    pages = sorted(xss_site.glob("*.html"))
    assert len(pages) >= len(PAYLOADS) + 7
    problems = {}
    for page in pages:
        found = audit(page.read_text(encoding="utf-8"))
        if found:
            problems[page.name] = found
    assert problems == {}


def test_xss_payloads_show_as_text(xss_site: Path) -> None:
    page = read(xss_site, "KU-OR-01.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # title, fields and body: as text
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 10
    assert "{{ 7*7 }}" in read(xss_site, f"KU-OR-{len(PAYLOADS):02}.html")
    assert "<title>PROJEKT – Sprawa 1 &lt;script&gt;" in page
    statement = read(xss_site, "deklaracja-dostepnosci.html")
    assert '<span id="a11y-url">javascript:alert(1)</span>' in statement  # not a link
    assert 'href="mailto:' not in statement  # the e-mail with a quote in it is text only


def test_xss_file_names_never_reach_the_site(xss_site: Path) -> None:
    names = list(tree(xss_site))
    assert all(re.fullmatch(r"[A-Za-z0-9./_-]+", n) for n in names)
    everything = b"".join(tree(xss_site).values()).decode("utf-8", "replace")
    assert "onerror=alert(1)>.png" not in everything
    assert "Plik o dziwnej nazwie" in everything  # published under its id, not its file name
    assert PAYLOAD_FILE not in html.unescape(everything)


def test_never_released_content_needs_draft(tmp_path: Path, bip_office: Path) -> None:
    out = tmp_path / "strona"
    result = CliRunner().invoke(
        app, ["render", "bip", "--path", str(bip_office), "--out", str(out)]
    )
    assert result.exit_code == 3
    assert "strony BIP pokazałyby treść, która nie jest wydana: " in result.output
    assert "P-01 (nie wydano)" in result.output
    assert not out.exists()
