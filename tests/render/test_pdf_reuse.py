"""The key of a PDF changes with everything its bytes depend on, and a document showing
images gets none (the image files are not part of the job)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from qms_cli.render.assets import office_assets
from qms_cli.render.pdf_reuse import assets_digest, job_key
from qms_cli.render.typst_pdf import BodySource, PdfJob

WHEN = dt.datetime(2026, 3, 12, 10, tzinfo=dt.UTC)


def job(markdown: str = "## 1. Cel\n\nTekst.\n", approver: str = "Anna") -> PdfJob:
    context = {"office": {"name": "Urząd"}, "doc": {"approvals": [{"name": approver}]}}
    body = BodySource(markdown, ("Tytuł",), "documents/procedures", "P-01")
    return PdfJob("P-01.pdf", "P-01", "document", context, (body,), WHEN)


def test_same_job_same_key_and_every_input_counts() -> None:
    key = job_key(job(), "assets")
    assert key is not None and key == job_key(job(), "assets")
    others = [
        job_key(job("## 1. Cel\n\nInny tekst.\n"), "assets"),
        job_key(job(approver="Jan"), "assets"),
        job_key(dataclasses.replace(job(), timestamp=WHEN + dt.timedelta(seconds=1)), "assets"),
        job_key(dataclasses.replace(job(), template="record"), "assets"),
        job_key(job(), "other templates"),
    ]
    assert key not in others and len(set(others)) == len(others)


def test_a_document_with_images_is_always_rendered() -> None:
    assert job_key(job("![Schemat](img/schemat.png)\n"), "assets") is None
    assert job_key(job('<img src="x.png">\n'), "assets") is None


def test_assets_digest_covers_the_office_templates(office: Path) -> None:
    before = assets_digest(office_assets(office, {}))
    assert before == assets_digest(office_assets(office, {}))
    template = office / "templates" / "typst" / "document.typ"
    template.parent.mkdir(parents=True, exist_ok=True)
    packaged = Path(__file__).parents[2] / "templates" / "typst" / "document.typ"
    template.write_text(packaged.read_text("utf-8") + "// zmiana\n", "utf-8")
    assert assets_digest(office_assets(office, {})) != before
