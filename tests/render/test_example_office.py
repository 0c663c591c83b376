"""The whole example office (docs-repo-template) renders: every document and the Quality Book,
each archival (PDF/A-2a), tagged (PDF/UA-1), with embedded fonts and "Strona 1 z N". Rendered
once, on the process pool, as `qms render pdf` does for a real office."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_cli.resources import data_path
from qms_cli.services.documents.render_pdf import BOOK_FILE, PdfReport, render_pdf
from qms_cli.services.loading import load_repository
from tests.render.conftest import committed_copy
from tests.render.pdfread import fonts, outline_titles, page_texts, reader, standards

pytestmark = pytest.mark.slow  # see benchmarks/README.md: make test-fast skips it


@pytest.fixture(scope="module")
def example(module_env: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return committed_copy(data_path("docs-repo-template"), tmp_path_factory.mktemp("ex") / "office")


@pytest.fixture(scope="module")
def rendered(example: Path) -> PdfReport:
    return render_pdf(example, workers=2)


def test_every_document_is_rendered(example: Path, rendered: PdfReport) -> None:
    assert rendered.failures == []
    ids = set(load_repository(example).repo.docs_by_id)
    assert len(ids) > 40
    assert {p.name for p in rendered.written} == {f"{i}.pdf" for i in ids} | {BOOK_FILE}


def test_every_pdf_is_archival_tagged_and_self_contained(rendered: PdfReport) -> None:
    for path in rendered.written:
        pdf = path.read_bytes()
        pages = page_texts(pdf)
        assert f"Strona 1 z {len(pages)}" in " ".join(pages[0].split()), path.name
        assert standards(pdf) == {"pdfa:part": "2", "pdfa:conformance": "A", "pdfua:part": "1"}
        assert all(fonts(pdf).values()), path.name
        meta = reader(pdf).metadata
        assert meta is not None and meta.author == "Urząd Gminy Przykładowo", path.name
        if path.name != BOOK_FILE:
            assert meta.title is not None and meta.title.startswith(path.stem + " "), path.name


def test_quality_book_holds_policy_processes_and_procedures(
    example: Path, rendered: PdfReport
) -> None:
    repo = load_repository(example).repo
    book = (rendered.out_dir / BOOK_FILE).read_bytes()
    codes = [title.split(" ", 1)[0] for title in outline_titles(book)]
    expected = ["KJ", "PJ"]
    expected += sorted(d.id for d in repo.documents_of_type("process"))
    expected += sorted(d.id for d in repo.documents_of_type("procedure"))
    assert [c for c in codes if c in expected] == expected
    assert "Spis treści" in page_texts(book)[0]
