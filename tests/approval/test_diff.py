"""``qms diff``: the redline an approver reads — against the last approved text before the
first release, between revisions, as text and as an HTML page (exact output)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from tests.approval.conftest import Keys, Office
from tests.render.pdfread import standards
from tests.render.pdfread import text as pdf_text

pytestmark = pytest.mark.any_day

runner = CliRunner()
CARD = "documents/service-cards/KU-USC-01.md"
P01 = "documents/procedures/P-01.md"

CARD_BEFORE = """\
fees:
  - {description: Odpis zupełny, amount: "33,00 zł", basis: "ustawa o opłacie skarbowej"}
place: {address: "ul. Testowa 1", room: "pok. 1", hours: "pn.–pt. 8.00–16.00"}
channels: {epuap: "/ugtestowo/SkrytkaESP", in_person: true, post: true}
deadline: {days: 7, text: "do 7 dni"}
"""
CARD_AFTER = """\
fees:
  - {description: Odpis zupełny, amount: "20,00 zł", basis: "ustawa o opłacie skarbowej"}
place: {address: "ul. Testowa 1", room: "pok. 1", hours: "pn.–pt. 8.00–16.00"}
channels: {epuap: "/ugtestowo/SkrytkaESP", in_person: true, post: true}
deadline: {days: 14, text: "do 14 dni"}
"""
BODY_BEFORE = """\
# Wydanie odpisu aktu stanu cywilnego

Opis usługi.

## Jak załatwić sprawę

1. Złóż wniosek.
2. Zapłać opłatę skarbową.
3. Odbierz odpis osobiście.
"""
BODY_AFTER = """\
# Wydanie odpisu aktu stanu cywilnego

Opis usługi.

## Jak załatwić sprawę

1. Zapłać opłatę skarbową.
2. Złóż wniosek z dowodem zapłaty.
3. Odbierz odpis osobiście.
"""


def qms(office: Office, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--path", str(office.root)])
    return result.exit_code, result.output


def card(office: Office, front: str, body: str) -> None:
    text = office.path(CARD).read_text(encoding="utf-8")
    head = text.split("fees:\n", 1)[0]
    tail = text.split('deadline: {days: 7, text: "do 7 dni"}\n', 1)[1].split("---\n", 1)[0]
    office.path(CARD).write_text(f"{head}{front}{tail}---\n{body}", encoding="utf-8")


@pytest.fixture
def edited(office: Office) -> Office:
    """KU-USC-01 as approved with a procedure list, then a new fee, deadline and order."""
    card(office, CARD_BEFORE, BODY_BEFORE)
    office.commit("KU-USC-01: lista kroków")
    card(office, CARD_AFTER, BODY_AFTER)
    return office


def test_service_card_redline_as_text(edited: Office) -> None:
    edited.commit("KU-USC-01: nowa opłata i termin")
    before = edited.git("rev-parse", "HEAD~1").strip()
    code, out = qms(edited, "diff", "KU-USC-01", "--from", "HEAD~1", "--to", "HEAD")
    assert code == 0, out
    assert out == (
        "Porównanie KU-USC-01 „Wydanie odpisu aktu stanu cywilnego” "
        f"({CARD})\n"
        f"Było: HEAD~1 (commit {before[:10]})\n"
        f"Jest: HEAD (commit {edited.head()[:10]})\n"
        "To zestawienie zmian do czytania, a nie egzemplarz nadzorowany dokumentu.\n"
        "\n"
        "Zmiany w metryczce:\n"
        "  Opłaty – Odpis zupełny, kwota: 33,00 zł → 20,00 zł\n"
        "  Termin załatwienia: 7 dni (do 7 dni) → 14 dni (do 14 dni)\n"
        "\n"
        "Zmiany w treści (dodano słów: 4, usunięto słów: 1, przeniesiono fragmentów: 1):\n"
        "\n"
        "§ Jak załatwić sprawę\n"
        "  (przeniesiono niżej) 1. Złóż wniosek.\n"
        "  (przeniesiono tutaj z góry) [-1-]{+2+}. Złóż wniosek{+ z dowodem zapłaty+}.\n"
    )


def test_default_is_the_last_approved_text(edited: Office) -> None:
    """Before the first release the edition in force is missing: the last text with a valid
    „Zatwierdził” is the baseline (KU-USC-01 as the base office approved it)."""
    approved = edited.git("log", "-1", "--format=%H", "--grep=QMS-Approve: KU-USC-01").strip()
    code, out = qms(edited, "diff", "KU-USC-01")
    assert code == 0, out
    lines = out.splitlines()
    assert lines[1] == f"Było: ostatnia zatwierdzona treść (commit {approved[:10]}, Anna Sekretarz)"
    assert lines[2] == "Jest: bieżąca treść (folder roboczy)"
    assert "  Opłaty – Odpis zupełny, kwota: 33,00 zł → 20,00 zł" in lines
    assert "  [-Opis usługi.-]" not in lines  # unchanged paragraphs are not listed


def test_service_card_redline_as_html(edited: Office) -> None:
    code, out = qms(edited, "diff", "KU-USC-01", "--from", "HEAD", "--format", "html")
    assert code == 0, out
    assert out.startswith('<!DOCTYPE html>\n<html lang="pl">\n<head>\n<meta charset="utf-8">\n')
    assert (
        "<title>Porównanie wersji dokumentu KU-USC-01 – Wydanie odpisu aktu stanu cywilnego" in out
    )
    body = out.split("<h2>Zmiany w metryczce</h2>\n", 1)[1]
    sr_del, sr_ins = '<span class="sr">[usunięto: </span>', '<span class="sr">[dodano: </span>'
    end = '<span class="sr">]</span>'
    assert body == (
        "<ul>\n"
        "<li>Opłaty – Odpis zupełny, kwota: 33,00 zł → 20,00 zł</li>\n"
        "<li>Termin załatwienia: 7 dni (do 7 dni) → 14 dni (do 14 dni)</li>\n"
        "</ul>\n"
        "<h2>Treść</h2>\n"
        "<p>Dodano słów: 4, usunięto słów: 1, przeniesiono fragmentów: 1.</p>\n"
        "<h3>Wydanie odpisu aktu stanu cywilnego</h3>\n"
        "<p>Opis usługi.</p>\n"
        "<h3>Jak załatwić sprawę</h3>\n"
        '<p class="moved"><span class="tag">(przeniesiono niżej)</span> 1. Złóż wniosek.</p>\n'
        "<p>1. Zapłać opłatę skarbową.</p>\n"
        '<p class="moved"><span class="tag">(przeniesiono tutaj z góry)</span> '
        f"<del>{sr_del}1{end}</del><ins>{sr_ins}2{end}</ins>. Złóż wniosek"
        f"<ins>{sr_ins} z dowodem zapłaty{end}</ins>.</p>\n"
        "<p>3. Odbierz odpis osobiście.</p>\n"
        "</main>\n</body>\n</html>\n"
    )
    assert (
        '<p class="note"><strong>To zestawienie zmian do czytania, a nie egzemplarz '
        "nadzorowany dokumentu.</strong></p>"
    ) in out
    assert "del { background: #fde2e2; color: #8a1010; text-decoration: line-through; }" in out


PROCEDURE_TABLE = """
## 6. Zapisy

| Zapis | Miejsce | Okres przechowywania |
| --- | --- | --- |
| Program auditów | Repozytorium SZJ | trwale, 0143 (A) |
| Raport z auditu | Repozytorium SZJ | trwale, 0143 (A) |
"""


def test_procedure_table_compared_by_cell(office: Office) -> None:
    office.append(P01, PROCEDURE_TABLE)
    office.commit("P-01: tabela zapisów")
    office.edit(
        P01,
        "| Raport z auditu | Repozytorium SZJ | trwale, 0143 (A) |",
        "| Raport z auditu | Sekretariat | 10 lat, 0143 (B10) |\n"
        "| Lista obecności | Sekretariat | 5 lat, 0143 (B5) |",
    )
    code, out = qms(office, "diff", "P-01", "--from", "HEAD")
    assert code == 0, out
    assert out.split("\n\n", 1)[1] == (
        "Zmiany w treści (dodano słów: 11, usunięto słów: 4):\n"
        "\n"
        "§ 6. Zapisy\n"
        "  | Raport z auditu | [-Repozytorium SZJ-]{+Sekretariat+} | "
        "[-trwale-]{+10 lat+}, 0143 ([-A-]{+B10+}) |\n"
        "  {+| Lista obecności | Sekretariat | 5 lat, 0143 (B5) |+}\n"
    )
    code, out = qms(office, "diff", "P-01", "--from", "HEAD", "-f", "html")
    assert code == 0, out
    assert '<tr><th scope="col">Zapis</th><th scope="col">Miejsce</th>' in out
    assert '<tr class="added"><td><ins>' in out


def test_unknown_revision_and_edition(office: Office) -> None:
    code, out = qms(office, "diff", "P-01", "--from", "nie-ma-takiej")
    assert code == 3
    assert out.startswith("qms: błąd: nie ma takiej wersji w repozytorium: nie-ma-takiej\n")
    code, out = qms(office, "diff", "P-01", "--from", "2")
    assert code == 3
    assert out == (
        "qms: błąd: dokument P-01 nie ma wydania 2 w wykazie dokumentów (register.yaml)\n"
        "  wskazówka: Dokumentu jeszcze nie wydano.\n"
    )
    code, out = qms(office, "diff", "P-01", "--format", "docx")
    assert code == 2
    assert "nieznany format „docx”; dozwolone: text, html, pdf" in out


def test_default_is_the_edition_in_force(edited: Office) -> None:
    """After a release, the baseline is the edition ``register.yaml`` names (its blob), and
    ``--from 1`` an older edition."""
    first = edited.blob(CARD, "HEAD~1")
    second = edited.blob(CARD)
    edited.path("register.yaml").write_text(
        "releases: []\n"
        "documents:\n"
        f"  - {{id: KU-USC-01, title: Wydanie odpisu, type: service-card, path: {CARD},\n"
        f"     edition: 2, in_force: '2026-10-01', blob: {second}, release: '2026.2',\n"
        f"     superseded: [{{edition: 1, in_force: '2026-01-02', until: '2026-09-30',\n"
        f"                   blob: {first}, release: '2026.1'}}]}}\n",
        encoding="utf-8",
    )
    code, out = qms(edited, "diff", "KU-USC-01")
    assert code == 0, out
    assert out.splitlines()[1:3] == [
        "Było: wydanie 2 (obowiązuje od 2026-10-01)",
        "Jest: bieżąca treść (folder roboczy)",
    ]
    assert "  Opłaty – Odpis zupełny, kwota: 33,00 zł → 20,00 zł" in out
    code, out = qms(edited, "diff", "KU-USC-01", "--from", "1", "--to", "2")
    assert code == 0, out
    assert out.splitlines()[1:3] == ["Było: wydanie 1", "Jest: wydanie 2"]
    assert "  Opłaty" not in out  # edition 1 → 2 changed only the body
    assert "§ Jak załatwić sprawę" in out


def test_configuration_file(office: Office) -> None:
    """qms.yaml is approved like a document: its redline starts from its last approval."""
    office.append("qms.yaml", "# uwaga: nowy komentarz\n")
    approved = office.git("log", "-1", "--format=%H", "--grep=QMS-Approve: qms.yaml").strip()
    code, out = qms(office, "diff", "qms.yaml")
    assert code == 0, out
    assert out.splitlines()[0] == "Porównanie qms.yaml „plik konfiguracji qms.yaml” (qms.yaml)"
    assert out.splitlines()[1] == (
        f"Było: ostatnia zatwierdzona treść (commit {approved[:10]}, Jan Wójt)"
    )
    assert out.endswith("  {+# uwaga: nowy komentarz+}\n")


def test_a_binary_file_has_no_redline(office: Office, keys: Keys) -> None:
    office.path("assets").mkdir(exist_ok=True)
    office.path("assets/herb.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    office.commit("Herb")
    code, out = qms(office, "diff", "assets/herb.png", "--from", "HEAD")
    assert code == 3
    assert out.startswith(
        "qms: błąd: assets/herb.png nie jest plikiem tekstowym (UTF-8) — zestawienia zmian nie ma\n"
    )
    office.use_key(keys.wojt)
    code, out = qms(office, "approve", "assets/herb.png", "--yes")
    assert code == 0, out
    assert out.splitlines()[0] == (
        "assets/herb.png: plik nie jest tekstem — zestawienia zmian nie ma; obejrzyj go."
    )
    assert out.splitlines()[1].startswith("Podpisano assets/herb.png — „Zatwierdził” (approval)")


def test_service_card_redline_as_pdf(edited: Office, tmp_path: Path) -> None:
    """Issue 22: the PDF redline — marked as a comparison, tagged and archival (PDF/A-2a,
    PDF/UA-1), the marked words read back, the same bytes when made again."""
    edited.commit("KU-USC-01: nowa opłata i termin")
    out = tmp_path / "porownanie.pdf"
    args = ["diff", "KU-USC-01", "--from", "HEAD~1", "--to", "HEAD", "--format", "pdf"]
    code, said = qms(edited, *args, "-o", str(out))
    assert (code, said) == (0, f"Zapisano porównanie KU-USC-01 (PDF): {out}\n")
    pdf = out.read_bytes()
    body = " ".join(pdf_text(pdf).split())
    assert "PORÓWNANIE – nie jest egzemplarzem nadzorowanym" in body
    assert "Opłaty – Odpis zupełny, kwota: 33,00 zł → 20,00 zł" in body
    assert "(przeniesiono tutaj z góry) [-1-]{+2+}. Złóż wniosek{+ z dowodem zapłaty+}." in body
    assert standards(pdf) == {"pdfa:part": "2", "pdfa:conformance": "A", "pdfua:part": "1"}
    again = tmp_path / "znowu.pdf"
    assert qms(edited, *args, "-o", str(again))[0] == 0
    assert again.read_bytes() == pdf
    default = edited.root / "dist" / "porownania" / "KU-USC-01.pdf"
    assert qms(edited, *args)[0] == 0 and default.read_bytes() == pdf


def test_approve_show_writes_the_redline_before_signing(edited: Office, keys: Keys) -> None:
    """`qms approve --show`: the PDF of what changed since the last approved text is written
    before the signature, and says where it is."""
    edited.commit("KU-USC-01: nowa opłata i termin")
    edited.use_key(keys.sekretarz)  # the pełnomocnik approves service cards
    code, out = qms(edited, "approve", "KU-USC-01", "--yes", "--show")
    assert code == 0, out
    pdf = edited.root / "dist" / "porownania" / "KU-USC-01.pdf"
    assert f"Zestawienie zmian KU-USC-01 (PDF): {pdf}" in out
    assert out.index("Zestawienie zmian KU-USC-01 (PDF)") < out.index("Podpisano KU-USC-01")
    text = " ".join(pdf_text(pdf.read_bytes()).split())  # against the last approved text
    assert "{+2. Złóż wniosek z dowodem zapłaty.+}" in text
