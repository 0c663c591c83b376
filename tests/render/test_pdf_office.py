"""`qms render pdf` on a small office (tests/fixtures/minimal plus a procedure full of traps
and an image, and a logo), rendered once for the module; the PDFs are read back with pypdf."""

from __future__ import annotations

import datetime as dt
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from qms_cli.render.pdf_context import Edition
from qms_cli.services.documents.render_pdf import BOOK_FILE, PdfReport, render_pdf
from tests.conftest import FIXTURES
from tests.edit import edit_yaml
from tests.render.conftest import committed_copy
from tests.render.pdfread import (
    fonts,
    outline_titles,
    page_texts,
    reader,
    standards,
    text,
    xmp,
)

TRAPS = r"""---
id: P-02
type: procedure
title: Procedura próbna z pułapkami
owner: pelnomocnik
status: draft
process: PR-01
---
# Procedura próbna z pułapkami

## 1. Cel

Zażółć gęślą jaźń. ZAŻÓŁĆ GĘŚLĄ JAŹŃ. Spotkanie 28 lutego 2013 w godz. 10-15, "cytat" i w domu.

Tekst #read("/etc/passwd") i *a*.at(read("/etc/passwd")) oraz [x](https://example.invalid).at(eval("1+1")).

$#read("/etc/passwd")$ i \input{/etc/passwd} i `#read("/etc/passwd")` i #set text(red)

```{=typst}
#read("/etc/passwd")
```

<script>alert("wstrzykniecie")</script>

<!-- notatka autora, nie do druku -->

[zły odnośnik](javascript:alert(1)) i @cytowanie i <label>

## 2. Zakres

![Schemat procesu](img/schemat.png)

## 3. Opis postępowania

"""
STEPS = "".join(
    f"{n}. Pracownik sprawdza wniosek nr {n} i przekazuje go do dalszego prowadzenia sprawy.\n"
    for n in range(1, 61)
)


def png(width: int, height: int) -> bytes:
    """A small valid red PNG."""
    raw = b"".join(b"\x00" + b"\xc0\x10\x10" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def build_office(target: Path) -> Path:
    """The minimal office with a logo, an image and the procedure full of traps, committed."""
    source = target.parent / (target.name + "-source")
    shutil.copytree(FIXTURES / "minimal", source)
    (source / "assets").mkdir()
    (source / "assets" / "herb.png").write_bytes(png(40, 48))
    (source / "documents/procedures/img").mkdir(parents=True)
    (source / "documents/procedures/img/schemat.png").write_bytes(png(120, 60))
    (source / "documents/procedures/P-02.md").write_text(TRAPS + STEPS, encoding="utf-8")
    edit_yaml(source / "qms.yaml", lambda d: d["pdf"].update({"logo": "assets/herb.png"}))
    return committed_copy(source, target)


@pytest.fixture(scope="module")
def office(module_env: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_office(tmp_path_factory.mktemp("pdf") / "office")


@pytest.fixture(scope="module")
def rendered(office: Path) -> tuple[PdfReport, dict[str, bytes]]:
    report = render_pdf(office)
    return report, {p.name: p.read_bytes() for p in report.written}


def pdf_of(rendered: tuple[PdfReport, dict[str, bytes]], name: str) -> bytes:
    return rendered[1][name]


def test_every_document_and_the_book_are_rendered(
    office: Path, rendered: tuple[PdfReport, dict[str, bytes]]
) -> None:
    report, pdfs = rendered
    assert report.failures == []
    assert report.out_dir == office / "dist" / "pdf"
    expected = {"PJ", "KJ", "PR-01", "P-01", "P-02", "F-01", "KU-USC-01", "KS-01", "Z-2026-01"}
    assert set(pdfs) == {f"{i}.pdf" for i in expected} | {BOOK_FILE}
    assert (report.out_dir / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert not [p for p in report.out_dir.iterdir() if p.name.endswith(".tmp")]


def test_header_on_every_page_with_page_x_of_y(
    rendered: tuple[PdfReport, dict[str, bytes]],
) -> None:
    pdf = pdf_of(rendered, "P-02.pdf")
    pages = page_texts(pdf)
    assert len(pages) >= 2
    for number, raw in enumerate(pages, start=1):
        page = " ".join(raw.split())  # non-breaking spaces too
        assert f"Strona {number} z {len(pages)}" in page
        assert "Urząd Gminy Testowo" in page
        assert "Symbol: P-02" in page
        assert "Wydanie: —" in page
        assert "Obowiązuje od: —" in page
        assert "Dokument nadzorowany w wersji elektronicznej. Wydruk stanowi kopię" in page


def test_polish_text_and_typography(rendered: tuple[PdfReport, dict[str, bytes]]) -> None:
    body = " ".join(text(pdf_of(rendered, "P-02.pdf")).split())
    assert "Zażółć gęślą jaźń. ZAŻÓŁĆ GĘŚLĄ JAŹŃ." in body
    assert "28 lutego 2013 r." in body  # the source says "28 lutego 2013"
    assert "10–15" in body  # en dash in a range
    assert "„cytat”" in body
    assert "w\u00a0domu" in text(pdf_of(rendered, "P-02.pdf"))  # no one-letter word at a line end


def test_injected_code_is_only_text(rendered: tuple[PdfReport, dict[str, bytes]]) -> None:
    body = " ".join(text(pdf_of(rendered, "P-02.pdf")).split())
    assert "Tekst #read(„/etc/passwd”)" in body
    assert ".at(read(„/etc/passwd”))" in body
    assert ".at(eval(„1+1”))" in body
    assert '`#read("/etc/passwd")`' not in body and '#read("/etc/passwd")' in body  # code span
    assert "#set text(red)" in body
    assert "\\input{/etc/passwd}" in body
    assert "$#read(" in body  # no math mode
    assert "wstrzykniecie" not in body  # raw HTML dropped
    assert "notatka autora" not in body  # HTML comment dropped
    assert "zły odnośnik" in body and "javascript" not in body
    assert "@cytowanie" in body  # no citations
    assert "<label>" not in body  # an HTML tag, dropped
    passwd = Path("/etc/passwd")
    if passwd.is_file():
        for line in passwd.read_text(encoding="utf-8", errors="replace").splitlines()[:3]:
            assert line not in body


def test_approval_block_shows_missing_signatures(
    rendered: tuple[PdfReport, dict[str, bytes]],
) -> None:
    first = " ".join(page_texts(pdf_of(rendered, "P-01.pdf"))[0].split())
    for label in ("Opracował", "Sprawdził", "Zatwierdził"):
        assert label in first
    assert "zmiana zapisana bez podpisu elektronicznego" in first  # Opracował: history
    assert "brak sprawdzenia" in first
    assert "brak zatwierdzenia" in first
    assert "wymagany podpis: Pełnomocnik" in first


def test_change_sheet_from_git(rendered: tuple[PdfReport, dict[str, bytes]]) -> None:
    body = " ".join(text(pdf_of(rendered, "P-01.pdf")).split())
    assert "Karta zmian" in body
    assert "12 marca 2026 r." in body
    assert "Pierwsza wersja dokumentacji" in body
    assert "Anna Nowak" in body


def test_marks_drafts_and_unreleased(rendered: tuple[PdfReport, dict[str, bytes]]) -> None:
    draft = text(pdf_of(rendered, "P-02.pdf"))
    assert "PROJEKT" in draft
    assert "Projekt dokumentu — nie obowiązuje." in " ".join(draft.split())
    unreleased = " ".join(text(pdf_of(rendered, "P-01.pdf")).split())
    assert "PROJEKT" in unreleased
    assert "nie został jeszcze wydany" in unreleased


def test_metadata_archival_and_accessible(rendered: tuple[PdfReport, dict[str, bytes]]) -> None:
    pdf = pdf_of(rendered, "P-01.pdf")
    meta = reader(pdf).metadata
    assert meta is not None
    assert meta.title == "P-01 Nadzór nad dokumentacją – Urząd Gminy Testowo"
    assert meta.author == "Urząd Gminy Testowo"
    assert meta["/CreationDate"] == "D:20260312090000Z"  # the commit time, not the clock
    assert standards(pdf) == {"pdfa:part": "2", "pdfa:conformance": "A", "pdfua:part": "1"}
    assert reader(pdf).trailer["/Root"]["/Lang"] == "pl-PL"
    assert "<dc:language><rdf:Bag><rdf:li>pl-PL</rdf:li>" in xmp(pdf)


@pytest.mark.parametrize("name", ["P-01.pdf", "P-02.pdf", "KU-USC-01.pdf", BOOK_FILE])
def test_fonts_are_embedded(rendered: tuple[PdfReport, dict[str, bytes]], name: str) -> None:
    used = fonts(pdf_of(rendered, name))
    assert used, "no fonts found"
    assert all(used.values()), used


def test_logo_and_images_are_in_the_pdf(rendered: tuple[PdfReport, dict[str, bytes]]) -> None:
    def images(name: str) -> int:
        return sum(len(page.images) for page in reader(pdf_of(rendered, name)).pages)

    pages = len(reader(pdf_of(rendered, "P-01.pdf")).pages)
    assert images("P-01.pdf") == pages  # the logo in the header of every page
    assert images("P-02.pdf") == len(reader(pdf_of(rendered, "P-02.pdf")).pages) + 1


def test_no_paths_of_this_machine_in_the_output(
    office: Path, rendered: tuple[PdfReport, dict[str, bytes]]
) -> None:
    for name, pdf in rendered[1].items():
        assert str(office).encode() not in pdf, name
        assert b"qms-pdf-" not in pdf and b"/tmp/" not in pdf, name


def test_service_card_layout(rendered: tuple[PdfReport, dict[str, bytes]]) -> None:
    body = " ".join(text(pdf_of(rendered, "KU-USC-01.pdf")).split())
    for label, value in [
        ("Podstawa prawna", "art. 35"),
        ("Wymagane dokumenty", "Wniosek"),
        ("Dokumenty do wglądu", "Dowód osobisty"),
        ("Opłaty", "Odpis zupełny: 33,00 zł"),
        ("Miejsce załatwienia sprawy", "ul. Testowa 1"),
        ("Termin załatwienia sprawy", "do 7 dni"),
        ("Tryb odwoławczy", "Wojewoda"),
    ]:
        assert label in body and value in body


def test_order_layout(rendered: tuple[PdfReport, dict[str, bytes]]) -> None:
    body = " ".join(text(pdf_of(rendered, "Z-2026-01.pdf")).split())
    assert "ZARZĄDZENIE NR 1/2026 Wójta Gminy Testowo z dnia 15 stycznia 2026 r." in body
    assert "w sprawie wprowadzenia Systemu Zarządzania Jakością" in body
    assert "§ 1. Wprowadza się System Zarządzania Jakością." in body
    assert body.index("§ 1.") < body.index("Wójt Gminy Testowo") < body.index("Zatwierdził")


def test_job_description_and_process_card(rendered: tuple[PdfReport, dict[str, bytes]]) -> None:
    job = " ".join(text(pdf_of(rendered, "KS-01.pdf")).split())
    assert "Stanowisko" in job and "Bezpośredni przełożony" in job
    process = " ".join(text(pdf_of(rendered, "PR-01.pdf")).split())
    assert "Rodzaj procesu główny" in process
    assert "Sprawy załatwione w terminie: 98 %" in process


def test_quality_book_is_one_pdf_with_contents(
    rendered: tuple[PdfReport, dict[str, bytes]],
) -> None:
    book = pdf_of(rendered, BOOK_FILE)
    pages = page_texts(book)
    assert "Spis treści" in pages[0]
    assert f"Strona 1 z {len(pages)}" in pages[0]
    titles = outline_titles(book)
    ids = [
        t.split(" ", 1)[0]
        for t in titles
        if t.split(" ", 1)[0] in {"KJ", "PJ", "PR-01", "P-01", "P-02"}
    ]
    assert ids == ["KJ", "PJ", "PR-01", "P-01", "P-02"]
    procedure_page = next(p for p in pages if "Symbol: P-01" in p)
    assert "PROCEDURA" in procedure_page
    assert standards(book)["pdfa:part"] == "2"


def test_same_commit_same_bytes(
    office: Path,
    rendered: tuple[PdfReport, dict[str, bytes]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", "America/New_York")  # another machine, another zone
    monkeypatch.chdir(tmp_path)
    again = render_pdf(office, out=tmp_path / "again", workers=2)
    assert again.failures == []
    assert {p.name: p.read_bytes() for p in again.written} == rendered[1]


def test_a_release_removes_the_mark(office: Path, tmp_path: Path) -> None:
    editions = {"P-01": Edition("2", dt.date(2026, 4, 1))}
    report = render_pdf(office, ["P-01"], tmp_path, editions=editions)
    body = " ".join(text(report.written[0].read_bytes()).split())
    assert "PROJEKT" not in body and "NIEAKTUALNY" not in body
    assert "Wydanie: 2" in body and "Obowiązuje od: 1 kwietnia 2026 r." in body


def test_a_superseded_edition_is_marked(office: Path, tmp_path: Path) -> None:
    editions = {"P-01": Edition("1", dt.date(2025, 4, 1), superseded=True)}
    report = render_pdf(office, ["P-01"], tmp_path, editions=editions)
    body = " ".join(text(report.written[0].read_bytes()).split())
    assert "NIEAKTUALNY" in body and "Wydanie 1 zostało zastąpione nowszym" in body


def test_an_order_is_a_legal_act_not_a_qms_edition(
    rendered: tuple[PdfReport, dict[str, bytes]],
) -> None:
    """Issue 15: its own number and dates in the page header; no edition, no date of a QMS
    release, no "Opracował", no change sheet; the head of office signs it once."""
    body = " ".join(text(pdf_of(rendered, "Z-2026-01.pdf")).split())
    assert "Nr 1/2026 z dnia 15 stycznia 2026 r." in body
    assert "Wchodzi w życie: z dniem podjęcia" in body
    for qms_only in ("Wydanie:", "Obowiązuje od", "Karta zmian", "Opracował"):
        assert qms_only not in body, qms_only
    signature = body[body.index("§ 1.") :]
    assert signature.count("Wójt Gminy Testowo") == 1
