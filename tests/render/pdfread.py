"""Reading rendered PDFs back (pypdf): text, pages, metadata, fonts, PDF/A and PDF/UA ids."""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader

_ID_RE = re.compile(r"<(pdfa|pdfua)id:(part|conformance)>([^<]*)<")


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in reader(pdf).pages]


def text(pdf: bytes) -> str:
    """All text, with non-breaking spaces kept as they are."""
    return "\n".join(page_texts(pdf))


def flat(pdf: bytes) -> str:
    """All text on one line, whitespace (line ends, hyphenation points aside) collapsed."""
    return " ".join(text(pdf).replace("\u00a0", " ").split())


def xmp(pdf: bytes) -> str:
    root = reader(pdf).trailer["/Root"]
    data: bytes = root["/Metadata"].get_object().get_data()
    return data.decode("utf-8")


def standards(pdf: bytes) -> dict[str, str]:
    """{"pdfa:part": "2", "pdfa:conformance": "A", "pdfua:part": "1"} from the XMP metadata."""
    return {f"{kind}:{key}": value for kind, key, value in _ID_RE.findall(xmp(pdf))}


def fonts(pdf: bytes) -> dict[str, bool]:
    """Every font used on any page -> whether its program is embedded in the file."""
    out: dict[str, bool] = {}
    for page in reader(pdf).pages:
        resources: Any = page.get("/Resources") or {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            described = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = described.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            out[str(font["/BaseFont"])] = embedded
    return out


def outline_titles(pdf: bytes) -> list[str]:
    """Top-level bookmark titles in order."""
    return [item.title for item in reader(pdf).outline if not isinstance(item, list)]
