"""Word (.docx) and OpenDocument (.odt) files -> pandoc's AST, and an AST -> the office's
Markdown, through pypandoc (the wheel's own pandoc, ``--sandbox``).

pandoc's log (``--log``, JSON) says what it could not read; its warnings are returned as
text for ``qms import``'s report. Images are extracted (``--extract-media``) into a folder the
caller gives.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pypandoc

from qms_cli.errors import QmsError

FORMATS = {".docx": "docx", ".odt": "odt"}

# pandoc's Markdown as qms reads it (render/pandoc.READER), written plainly: pipe tables
# (grid tables for cells with more than one paragraph), no attributes, no raw HTML.
WRITER = "markdown" + "".join(
    f"-{ext}"
    for ext in (
        "raw_html",
        "raw_attribute",
        "native_divs",
        "native_spans",
        "bracketed_spans",
        "fenced_divs",
        "header_attributes",
        "link_attributes",
        "simple_tables",
        "multiline_tables",
        "smart",
        "escaped_line_breaks",
    )
)


def read_document(source: Path, media: Path) -> tuple[dict[str, Any], list[str]]:
    """pandoc's AST of ``source`` (tracked changes and comments marked, not applied) and
    pandoc's warnings; the document's images are written under ``media``."""
    reader = FORMATS.get(source.suffix.lower())
    if reader is None:
        raise QmsError(
            f"nie umiem zaimportować pliku {source.name}: to nie jest dokument Word (.docx) "
            "ani OpenDocument (.odt)",
            hint="Plik .doc albo .rtf zapisz najpierw w programie jako .docx lub .odt.",
        )
    if not source.is_file():
        raise QmsError(f"nie ma pliku {source}")
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True, prefix="qms-import-") as folder:
        log = Path(folder) / "log.json"
        args = [f"--extract-media={media}", f"--log={log}"]
        if reader == "docx":
            args.append("--track-changes=all")
        try:
            raw = pypandoc.convert_file(
                str(source), "json", format=reader, extra_args=args, sandbox=True
            )
        except (RuntimeError, OSError) as exc:
            raise QmsError(
                f"pandoc nie odczytał pliku {source.name} — czy to na pewno plik "
                f"{source.suffix.lower()}?",
                hint=str(exc).strip().splitlines()[-1] if str(exc).strip() else None,
            ) from exc
        warnings = _warnings(log)
    ast: dict[str, Any] = json.loads(raw)
    return ast, warnings


def _warnings(log: Path) -> list[str]:
    try:
        entries = json.loads(log.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [
        str(entry.get("pretty", entry.get("type", "")))
        for entry in entries
        if isinstance(entry, dict) and entry.get("verbosity") in ("WARNING", "ERROR")
    ]


def write_markdown(ast: dict[str, Any]) -> str:
    """The Markdown of an AST (no metadata), lines unwrapped."""
    document = {**ast, "meta": {}}
    try:
        text: str = pypandoc.convert_text(
            json.dumps(document),
            WRITER,
            format="json",
            extra_args=["--wrap=none"],
            sandbox=True,
            verify_format=False,
        )
    except (RuntimeError, OSError) as exc:
        raise QmsError(f"pandoc nie zapisał tekstu: {exc}") from exc
    return text.replace("\r\n", "\n").strip() + "\n"
