"""Records in the office's PDF layout: the management review (``qms render pdf PZ-…``) with its
charts, read back with pypdf; dated by HEAD, byte for byte reproducible; images only from the
repository."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.resources import data_path
from qms_cli.services.review.review import new_review
from tests.render.conftest import committed_copy
from tests.render.pdfread import flat, page_texts, reader, standards

runner = CliRunner()


def render(root: Path, *ids: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["render", "pdf", *ids, "--path", str(root)])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def example(module_env: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example office committed on 12 March 2026, with the draft of PZ-2027 (charts of
    the 2026 objectives written by ``qms review new``) left uncommitted."""
    root = committed_copy(data_path("docs-repo-template"), tmp_path_factory.mktemp("rec") / "o")
    new_review(root, 2027, today=dt.date(2027, 1, 15))
    return root


@pytest.fixture(scope="module")
def review_2026(example: Path) -> bytes:
    code, out, err = render(example, "PZ-2026")
    assert (code, err) == (0, "")
    assert "dist/pdf/PZ-2026.pdf" in out and "Zapisano plików PDF: 1" in out
    return (example / "dist/pdf/PZ-2026.pdf").read_bytes()


def test_review_is_a_record_in_the_office_layout(review_2026: bytes) -> None:
    pages = page_texts(review_2026)
    first = " ".join(pages[0].split())
    assert "Urząd Gminy Przykładowo" in first and "Symbol: PZ-2026" in first
    assert f"Strona 1 z {len(pages)}" in first
    assert "Zapis SZJ — przegląd zarządzania" in first
    assert "Data: 24 lutego 2026 r." in first
    text = flat(review_2026)
    assert "Status działań z poprzednich przeglądów zarządzania [9.3.2 a)]" in text
    assert "Źródło: records/reviews/PZ-2026.md" in text
    # a record: no edition, no draft mark, no change sheet; the approval matrix of the example
    # office names the management review, so its signature block shows it is not approved yet
    for absent in ("PROJEKT", "Wydanie:", "Karta zmian"):
        assert absent not in text
    assert "Opracował Zatwierdził" in text and "brak zatwierdzenia" in text
    assert standards(review_2026) == {"pdfa:part": "2", "pdfa:conformance": "A", "pdfua:part": "1"}
    meta = reader(review_2026).metadata
    assert (
        meta is not None
        and meta.title == "PZ-2026 Przegląd zarządzania 2026 – Urząd Gminy Przykładowo"
    )


def test_review_pdf_is_dated_by_head_and_reproducible(example: Path, review_2026: bytes) -> None:
    meta = reader(review_2026).metadata
    assert meta is not None and meta.creation_date is not None
    assert meta.creation_date.astimezone(dt.UTC) == dt.datetime(2026, 3, 12, 9, tzinfo=dt.UTC)
    assert render(example, "PZ-2026")[0] == 0
    assert (example / "dist/pdf/PZ-2026.pdf").read_bytes() == review_2026


def test_draft_review_shows_its_charts(example: Path) -> None:
    code, _, err = render(example, "PZ-2027", "P-01")
    assert (code, err) == (0, "")
    assert (example / "dist/pdf/P-01.pdf").is_file()
    pdf = (example / "dist/pdf/PZ-2027.pdf").read_bytes()
    text = flat(pdf)
    assert "Symbol: PZ-2027" in text and "Data: —" in text
    assert "PROJEKT" not in text
    # what only the SVG charts say: the axis of months and the legend of each objective
    assert "I 2026 II III IV V VI VII VIII IX X XI XII" in text
    assert "pomiary cel: 99,0% wartość wyjściowa: 97,8%" in text
    assert "Rysunek 2: CJ-2026-01: Odsetek spraw załatwionych w terminie ustawowym" in text


def test_unknown_record_is_refused(example: Path) -> None:
    code, _, err = render(example, "PZ-2099")
    assert code == 3
    assert "nie ma dokumentu: PZ-2099" in err and "PZ-<rok>, np. PZ-2026" in err


REVIEW = """---
id: PZ-2026
title: Przegląd zarządzania 2026
period: {from: 2025-01-01, to: 2025-12-31}
date:
---

# Przegląd zarządzania 2026

![Wykres](%s)
"""


def test_image_outside_the_repository_is_refused(minimal: Path) -> None:
    (minimal.parent / "outside.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    reviews = minimal / "records/reviews"
    reviews.mkdir(parents=True, exist_ok=True)
    (reviews / "PZ-2026.md").write_text(REVIEW % "../../../outside.svg", encoding="utf-8")
    code, _, err = render(minimal, "PZ-2026")
    assert code == 3
    assert "PZ-2026: obraz „../../../outside.svg” wskazuje poza repozytorium dokumentacji" in err
    assert not (minimal / "dist/pdf/PZ-2026.pdf").exists()
