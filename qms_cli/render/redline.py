"""A redline as text (``[-usunięte-]``, ``{+dodane+}``) and as a standalone accessible HTML page
(``<del>``/``<ins>`` with visible styles and words for screen readers). Pure: strings in,
strings out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from qms_cli.model.redline import (
    ADDED,
    CHANGED,
    DELETED,
    INSERTED,
    MOVED_FROM,
    MOVED_TO,
    REMOVED,
    SAME,
    UNCHANGED,
    Hunk,
    Piece,
    Redline,
    split_row,
)

NOT_CONTROLLED = "To zestawienie zmian do czytania, a nie egzemplarz nadzorowany dokumentu."
_SEPARATOR = re.compile(r"^:?-{3,}:?$")
# words a screen reader says around a change (the page shows colours and strike-through)
_SR_DEL = '<span class="sr">[usunięto: </span>'
_SR_INS = '<span class="sr">[dodano: </span>'
_SR_END = '<span class="sr">]</span>'
_HASHES = re.compile(r"^#{1,6}\s+")


@dataclass(frozen=True)
class Header:
    doc_id: str
    title: str
    path: str
    old: str  # label of the older side
    new: str


def summary_line(red: Redline) -> str:
    """One line: words added and removed, blocks moved."""
    parts = [f"dodano słów: {red.words_added}", f"usunięto słów: {red.words_removed}"]
    if red.moved:
        parts.append(f"przeniesiono fragmentów: {red.moved}")
    return ", ".join(parts)


def move_tag(hunk: Hunk) -> str:
    if hunk.change == MOVED_FROM:
        return "przeniesiono wyżej" if hunk.up else "przeniesiono niżej"
    return "przeniesiono tutaj z góry" if hunk.up else "przeniesiono tutaj z dołu"


def _text_pieces(pieces: tuple[Piece, ...]) -> str:
    marks = {DELETED: ("[-", "-]"), INSERTED: ("{+", "+}")}
    out = []
    for piece in pieces:
        start, end = marks.get(piece.kind, ("", ""))
        out.append(f"{start}{piece.text}{end}")
    return "".join(out)


def _text_hunk(hunk: Hunk) -> str:
    if hunk.cells:
        body = "| " + " | ".join(_text_pieces(c) for c in hunk.cells) + " |"
    else:
        body = _text_pieces(hunk.pieces)
    if hunk.change in (MOVED_FROM, MOVED_TO):
        body = f"({move_tag(hunk)}) {body}"
    return "\n".join("  " + line for line in body.split("\n"))


def as_text(head: Header, red: Redline) -> str:
    lines = [
        f"Porównanie {head.doc_id} „{head.title}” ({head.path})",
        f"Było: {head.old}",
        f"Jest: {head.new}",
        NOT_CONTROLLED,
        "",
    ]
    if red.empty:
        lines.append("Bez zmian: obie treści są takie same.")
        return "\n".join(lines) + "\n"
    if red.fields:
        lines.append("Zmiany w metryczce:")
        lines.extend(f"  {change.line()}" for change in red.fields)
        lines.append("")
    if not red.changed:
        lines.append("Treść bez zmian.")
        return "\n".join(lines) + "\n"
    lines.append(f"Zmiany w treści ({summary_line(red)}):")
    section = None
    for hunk in red.changed:
        if hunk.section != section:
            section = hunk.section
            lines.extend(["", f"§ {section}"])
        lines.append(_text_hunk(hunk))
    return "\n".join(lines) + "\n"


STYLE = """
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
  line-height: 1.5; color: #1a1a1a; }
.note { border: 2px solid #8a5a00; background: #fff7e0; padding: .5rem 1rem; }
del { background: #fde2e2; color: #8a1010; text-decoration: line-through; }
ins { background: #ddf4e0; color: #0b5a1e; text-decoration: underline; }
.changed, .removed, .added { border-left: 4px solid #1f4e99; padding-left: .75rem; }
.moved { border-left: 4px dashed #555; padding-left: .75rem; color: #333; }
.tag { font-weight: bold; font-size: .9em; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
table { border-collapse: collapse; } td { border: 1px solid #777; padding: .2rem .5rem; }
dl.sides dt { font-weight: bold; } dl.sides dd { margin: 0 0 .5rem 0; }
""".strip()


def _html_pieces(pieces: tuple[Piece, ...]) -> str:
    out = []
    for piece in pieces:
        text = escape(piece.text).replace("\n", "<br>\n")
        if piece.kind == DELETED:
            out.append(
                f'<del><span class="sr">[usunięto: </span>{text}<span class="sr">]</span></del>'
            )
        elif piece.kind == INSERTED:
            out.append(
                f'<ins><span class="sr">[dodano: </span>{text}<span class="sr">]</span></ins>'
            )
        else:
            out.append(text)
    return "".join(out)


CLASSES = {
    UNCHANGED: "",
    CHANGED: "changed",
    REMOVED: "removed",
    ADDED: "added",
    MOVED_FROM: "moved",
    MOVED_TO: "moved",
}


def _html_block(hunk: Hunk) -> str:
    cls = f' class="{CLASSES[hunk.change]}"' if CLASSES[hunk.change] else ""
    pieces = hunk.pieces
    if hunk.kind == "heading" and pieces and pieces[0].kind == SAME:  # "## " is Markdown
        pieces = (Piece(SAME, _HASHES.sub("", pieces[0].text, count=1)), *pieces[1:])
    inner = _html_pieces(pieces)
    if hunk.change in (MOVED_FROM, MOVED_TO):
        inner = f'<span class="tag">({move_tag(hunk)})</span> {inner}'
    if hunk.kind == "heading" and hunk.change != MOVED_FROM:  # one heading per section
        return f"<h3{cls}>{inner}</h3>"
    return f"<p{cls}>{inner}</p>"


def _html_row(hunk: Hunk) -> str | None:
    cells = hunk.cells or (hunk.pieces,)
    if not hunk.cells:
        text = "".join(p.text for p in hunk.pieces)
        cells = tuple(
            (Piece(hunk.pieces[0].kind if hunk.pieces else "same", c),) for c in split_row(text)
        )
    if all(_SEPARATOR.match("".join(p.text for p in c).strip()) for c in cells):
        return None
    cls = f' class="{CLASSES[hunk.change]}"' if CLASSES[hunk.change] else ""
    tag = ""
    if hunk.change in (MOVED_FROM, MOVED_TO):
        tag = f'<span class="tag">({move_tag(hunk)})</span> '
    tds = "".join(f"<td>{tag if n == 0 else ''}{_html_pieces(c)}</td>" for n, c in enumerate(cells))
    return f"<tr{cls}>{tds}</tr>"


def as_html(head: Header, red: Redline) -> str:
    title = f"Porównanie wersji dokumentu {head.doc_id}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="pl">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)} – {escape(head.title)}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{escape(title)}: {escape(head.title)}</h1>",
        f'<p class="note"><strong>{escape(NOT_CONTROLLED)}</strong></p>',
        '<dl class="sides">',
        f"<dt>Było</dt><dd>{escape(head.old)}</dd>",
        f"<dt>Jest</dt><dd>{escape(head.new)}</dd>",
        f"<dt>Plik</dt><dd>{escape(head.path)}</dd>",
        "</dl>",
        "<p>Oznaczenia: <del>tekst usunięty</del> (przekreślony, na czerwono), "
        "<ins>tekst dodany</ins> (podkreślony, na zielono); czytnik ekranu odczytuje je jako "
        "„usunięto” i „dodano”.</p>",
    ]
    if red.empty:
        parts.append("<p>Bez zmian: obie treści są takie same.</p>")
    else:
        parts.append("<h2>Zmiany w metryczce</h2>")
        if red.fields:
            parts.append("<ul>")
            parts.extend(f"<li>{escape(change.line())}</li>" for change in red.fields)
            parts.append("</ul>")
        else:
            parts.append("<p>Metryczka bez zmian.</p>")
        parts.append("<h2>Treść</h2>")
        parts.append(f"<p>{escape(summary_line(red)).capitalize()}.</p>")
        parts.extend(_html_body(red.hunks))
    parts.extend(["</main>", "</body>", "</html>"])
    return "\n".join(parts) + "\n"


def _html_body(hunks: tuple[Hunk, ...]) -> list[str]:
    out: list[str] = []
    rows: list[str] = []
    for hunk in hunks:
        if hunk.kind == "row":
            row = _html_row(hunk)
            if row is not None:
                rows.append(row)
            continue
        if rows:
            out.extend(_table(rows))
            rows = []
        out.append(_html_block(hunk))
    if rows:
        out.extend(_table(rows))
    return out


def _table(rows: list[str]) -> list[str]:
    """A Markdown table: its first row is the header."""
    head = rows[0].replace("<td>", '<th scope="col">').replace("</td>", "</th>")
    return ["<table>", head, *rows[1:], "</table>"]
