"""What kind of file a name promises, and whether an image's bytes keep that promise.

qms copies images, the logo, templates and fonts from the office repository into PDFs and the
BIP site. A name is not enough: a symbolic link ``schemat.png`` may lead to a non-public
document's Markdown, and a file called ``.png`` may hold text. Pure functions, no I/O.
"""

from __future__ import annotations

from pathlib import PurePosixPath

# suffix -> kind: a symbolic link must lead to a file of the same kind as its own name
KINDS: dict[str, str] = {
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"), "obraz"),
    ".pdf": "PDF",
    ".md": "Markdown",
    **dict.fromkeys((".yaml", ".yml"), "YAML"),
    ".typ": "szablon Typst",
    **dict.fromkeys((".ttf", ".otf", ".ttc", ".otc"), "czcionka"),
    ".csv": "CSV",
}

# suffix -> the format's name, for the formats whose first bytes are checked
FORMATS: dict[str, str] = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".gif": "GIF",
    ".svg": "SVG",
    ".webp": "WebP",
    ".pdf": "PDF",
}
SNIFF_BYTES = 4096  # enough for an SVG's XML declaration, comments and DOCTYPE before <svg


def kind_of(name: str) -> str:
    """The kind a file name promises: ``obraz``, ``Markdown`` …; other suffixes as written
    (lower case), ``plik bez rozszerzenia`` without one."""
    suffix = PurePosixPath(name).suffix.lower()
    return KINDS.get(suffix, suffix or "plik bez rozszerzenia")


def content_matches(name: str, head: bytes) -> bool:
    """Whether ``head`` (the first ``SNIFF_BYTES`` of the file) is what the suffix of ``name``
    says; True for suffixes that are not checked."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if suffix in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if suffix == ".gif":
        return head.startswith((b"GIF87a", b"GIF89a"))
    if suffix == ".webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if suffix == ".pdf":
        return head.startswith(b"%PDF-")
    if suffix == ".svg":
        return _is_svg(head)
    return True


def _is_svg(head: bytes) -> bool:
    """XML (after an optional BOM, declaration, comments, DOCTYPE) whose first element is
    ``<svg``."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    while True:
        for opener, closer in _PROLOGUE:
            if text.startswith(opener):
                stop = text.find(closer, len(opener))
                if stop < 0:
                    return False
                text = text[stop + len(closer) :].lstrip()
                break
        else:
            return text.startswith(b"<svg")


_PROLOGUE = ((b"<?", b"?>"), (b"<!--", b"-->"), (b"<!", b">"))


def content_problem(name: str, head: bytes) -> str | None:
    """A Polish sentence when ``head`` is not what ``name`` promises, else None."""
    if content_matches(name, head):
        return None
    return f"zawartość nie jest w formacie {FORMATS[PurePosixPath(name).suffix.lower()]}"
