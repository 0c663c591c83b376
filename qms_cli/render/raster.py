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
    return svgs_to_png([svg], ppi)[0]


def svgs_to_png(svgs: list[str], ppi: int = PPI) -> list[bytes]:
    """Rasterise several SVG images in one Typst run (one page each): fonts load once, and
    each page's PNG is the same as rasterising that image alone."""
    if not svgs:
        return []
    lines = ["#set page(width: auto, height: auto, margin: 0pt)"]
    for index, svg in enumerate(svgs):
        match = _SIZE.search(svg)
        width = match.group(1) if match else "640"
        lines += ["#pagebreak()"] if index else []
        lines.append(f'#image("chart-{index}.svg", width: {width}pt)')
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True, prefix="qms-chart-") as tmp:
        folder = Path(tmp)
        for index, svg in enumerate(svgs):
            (folder / f"chart-{index}.svg").write_text(svg, encoding="utf-8", newline="\n")
        (folder / "main.typ").write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
        try:
            compiled: bytes | list[bytes] = typst.compile(
                str(folder / "main.typ"),
                root=str(folder),
                format="png",
                ppi=ppi,
                ignore_system_fonts=True,
            )
        except Exception as exc:  # typst reports its own error type
            raise QmsError(f"nie udało się zapisać wykresu jako PNG: {exc}") from exc
    pages = compiled if isinstance(compiled, list) else [compiled]  # a list for many pages
    return [bytes(page) for page in pages]
