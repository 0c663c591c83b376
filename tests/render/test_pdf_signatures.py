"""Signatures as the PDF prints them (21 CFR 11.50): name, position, date and time with zone,
meaning, key fingerprint and commit. Signatures come from the approvals feature; here they
are given directly to the renderer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qms_cli.model.history import Change, DocumentHistory, Signature
from qms_cli.render.assets import office_assets
from qms_cli.render.pdf_context import DocState, Edition, document_context, page_context
from qms_cli.render.typst_pdf import BodySource, PdfJob, Renderer
from qms_cli.services.loading import load_repository
from tests.render.pdfread import page_texts

WHEN = dt.datetime(2026, 3, 12, 14, 3, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))
FINGERPRINT = "SHA256:Qx3mJ0hZb1pL9vR7tY5uW2sE4dF6gH8jK0lN2cV4bM6"
COMMIT = "9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e"
SHOWN_WHEN = "12 marca 2026 r., godz. 14:03:05 (czas polski, UTC+01:00)"


def test_signatures_are_printed_in_full(minimal: Path, tmp_path: Path) -> None:
    repo = load_repository(minimal).repo
    doc = repo.docs_by_id["P-01"]
    blob = "d" * 40
    signed = [
        Signature("P-01", meaning, name, position, WHEN, FINGERPRINT, COMMIT, blob, "verified")
        for meaning, name, position in (
            ("review", "Anna Nowak", "Sekretarz Gminy"),
            ("approval", "Jan Kowalski", "Wójt Gminy Testowo"),
        )
    ]
    change = Change("e" * 40, WHEN, "Anna Nowak", "Nowa procedura", blob)
    state = DocState(DocumentHistory("P-01", doc.path, [change], signed), Edition("1", WHEN.date()))
    context = page_context(repo, "P-01", ["P-01"])
    context["doc"] = document_context(doc, repo, state)
    body = BodySource(doc.body, (doc.title,), "documents/procedures", "P-01")
    job = PdfJob("P-01.pdf", "P-01", "document", context, (body,), WHEN)
    result = Renderer(office_assets(minimal, repo.config), tmp_path / "sandbox").render(job)
    assert result.error is None and result.pdf is not None
    first = " ".join(page_texts(result.pdf)[0].split())
    for expected in (
        "Opracował Sprawdził Zatwierdził",
        f"Anna Nowak Sekretarz Gminy {SHOWN_WHEN} znaczenie: sprawdzenie",
        f"Jan Kowalski Wójt Gminy Testowo {SHOWN_WHEN} znaczenie: zatwierdzenie",
        f"klucz: {FINGERPRINT[:26]} {FINGERPRINT[26:]}",
        f"commit: {COMMIT[:26]} {COMMIT[26:]}",
        "Wydanie: 1",
    ):
        assert expected in first
    assert "brak zatwierdzenia" not in first and "PROJEKT" not in first
    assert "zmiana zapisana bez podpisu elektronicznego" in first  # nobody signed as author
