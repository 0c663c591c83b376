"""The redline as a PDF (``qms diff --format pdf``): Typst in a sandbox holding only the
template and the JSON of the redline; archival and tagged (PDF/A-2a, PDF/UA-1); the same
bytes for the same comparison (the date is given, not read from the clock)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import typst

from qms_cli.errors import QmsError
from qms_cli.model.redline import MOVED_FROM, MOVED_TO, Hunk, Piece, Redline
from qms_cli.render.redline import NOT_CONTROLLED, Header, move_tag, summary_line
from qms_cli.render.typst_pdf import PDF_STANDARDS
from qms_cli.resources import data_path


def _pieces(pieces: tuple[Piece, ...]) -> list[dict[str, str]]:
    return [{"k": p.kind, "t": p.text} for p in pieces]


def _hunk(hunk: Hunk) -> dict[str, Any]:
    moved = hunk.change in (MOVED_FROM, MOVED_TO)
    return {
        "section": hunk.section,
        "change": hunk.change,
        "tag": move_tag(hunk) if moved else "",
        "pieces": _pieces(hunk.pieces),
        "cells": [_pieces(cell) for cell in hunk.cells],
    }


def redline_data(head: Header, red: Redline, office: str) -> dict[str, Any]:
    """What the template shows, as plain JSON (no document text reaches Typst as code)."""
    return {
        "id": head.doc_id,
        "title": head.title,
        "path": head.path,
        "old": head.old,
        "new": head.new,
        "office": office or "qms",
        "note": NOT_CONTROLLED,
        "empty": red.empty,
        "fields": [change.line() for change in red.fields],
        "summary": summary_line(red),
        "hunks": [_hunk(h) for h in red.changed],
    }


def as_pdf(head: Header, red: Redline, office: str, when: dt.datetime) -> bytes:
    template = data_path("templates") / "redline" / "redline.typ"
    with tempfile.TemporaryDirectory(prefix="qms-redline-") as tmp:
        root = Path(tmp)
        shutil.copyfile(template, root / "redline.typ")
        data = json.dumps(redline_data(head, red, office), ensure_ascii=False)
        (root / "data.json").write_text(data, encoding="utf-8", newline="\n")
        compiler = typst.Compiler(root=str(root), ignore_system_fonts=True)
        try:
            pdf = compiler.compile(
                input=str(root / "redline.typ"),
                format="pdf",
                pdf_standards=PDF_STANDARDS,
                timestamp=int(when.timestamp()),
            )
        except typst.TypstError as exc:
            raise QmsError(f"nie udało się złożyć PDF porównania: {exc.message}") from None
    if not isinstance(pdf, bytes):  # pragma: no cover - the binding returns bytes for PDF
        raise QmsError("Typst nie zwrócił pliku PDF")
    return pdf
