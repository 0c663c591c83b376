"""SVG to PNG with Typst (already a dependency of qms): no second rendering library, and the
PNG shows the same fonts as the PDFs. Deterministic: system fonts are ignored, so the same
SVG gives the same PNG bytes on every machine with the same Typst version."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import typst

from qms_cli.errors import QmsError

PPI = 144  # 2 pixels per SVG unit: sharp on screens and in print at the charts' size
_SIZE = re.compile(r'<svg[^>]*\swidth="([\d.]+)"')


def svg_to_png(svg: str, ppi: int = PPI) -> bytes:
    """Rasterise one SVG image at its own size (one SVG unit = one point)."""
    match = _SIZE.search(svg)
    width = match.group(1) if match else "640"
    source = (
        "#set page(width: auto, height: auto, margin: 0pt)\n"
        f'#image("chart.svg", width: {width}pt)\n'
    )
    with tempfile.TemporaryDirectory(prefix="qms-chart-") as tmp:
        folder = Path(tmp)
        (folder / "chart.svg").write_text(svg, encoding="utf-8")
        (folder / "main.typ").write_text(source, encoding="utf-8")
        try:
            png = typst.compile(
                str(folder / "main.typ"),
                root=str(folder),
                format="png",
                ppi=ppi,
                ignore_system_fonts=True,
            )
        except Exception as exc:  # typst reports its own error type
            raise QmsError(f"nie udało się zapisać wykresu jako PNG: {exc}") from exc
    if isinstance(png, list):  # one page per image; a list only for multi-page documents
        png = png[0]
    return bytes(png)
