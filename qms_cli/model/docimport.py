"""``qms import``: what a Word or OpenDocument file becomes, worked out on pandoc's AST.

Pure functions over pandoc's JSON AST (plain dicts and lists), no I/O. ``clean`` takes the AST
pandoc's docx/odt reader made (with ``--track-changes=all``) and returns the AST of the body
the office's Markdown should carry, with what it learnt on the way:

- the header table of a Polish office document (a table near the top with cells like
  "Symbol", "Wydanie", "Data", "Opracował", "Zatwierdził", "Strona") is read into ``Header``
  and dropped from the body; so is a title paragraph above it;
- the title: pandoc's metadata title, the header table's "Tytuł"/"Nazwa", a paragraph or
  heading above the header table, or the only top-level heading;
- Word's artefacts go: zero-width characters and soft hyphens, numbering typed into headings
  ("1.", "2.1"), empty paragraphs, spans (smart tags, bookmarks, anchors), comments; tracked
  changes are accepted (insertions kept, deletions dropped) and reported;
- headings are shifted so that the body's top level is 2 (level 1 is the title, as in
  ``qms new``'s skeletons); images keep only their source and alternative text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZERO_WIDTH = re.compile(f"[{ZERO_WIDTH}]")
# "1.", "2.1", "2.1.3." , "§3", "IV." — not "2025" (a year) nor "I" (a word)
_HEADING_NUMBER = re.compile(r"^(?:§\d{1,3}\.?|\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.)$")
# labels of a header table, normalised (lower case, no accents, no colon) -> the field
LABELS = {
    "symbol": "symbol",
    "oznaczenie": "symbol",
    "symbol dokumentu": "symbol",
    "nr dokumentu": "symbol",
    "numer dokumentu": "symbol",
    "wydanie": "edition",
    "nr wydania": "edition",
    "numer wydania": "edition",
    "data": "date",
    "data wydania": "date",
    "obowiazuje od": "date",
    "data obowiazywania": "date",
    "opracowal": "prepared",
    "sprawdzil": "checked",
    "zatwierdzil": "approved",
    "strona": "page",
    "str": "page",
    "tytul": "title",
    "nazwa": "title",
    "nazwa procedury": "title",
    "nazwa dokumentu": "title",
    "tytul dokumentu": "title",
}
# what the report calls the fields of the header table that front matter has no key for
FIELD_NAMES = {
    "edition": "wydanie",
    "date": "data",
    "prepared": "opracował",
    "checked": "sprawdził",
    "approved": "zatwierdził",
}
_TOP_BLOCKS = 4  # a header table is one of the first blocks


@dataclass
class Cleaned:
    """The body's blocks and what ``clean`` found."""

    blocks: list[Any]
    title: str | None = None
    header: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().replace(".", " ").replace(":", " ").split())


def plain_text(nodes: Any) -> str:
    """The text of inlines or blocks, spaces and line breaks as single spaces."""
    return " ".join("".join(_texts(nodes)).split())


def _texts(node: Any) -> Iterator[str]:
    if isinstance(node, list):
        for item in node:
            yield from _texts(item)
    elif isinstance(node, dict):
        kind = node.get("t")
        if kind == "Str":
            yield node["c"]
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            yield " "
        elif kind == "Note":
            return
        elif kind in ("Para", "Plain"):
            yield from _texts(node["c"])
            yield " "
        elif "c" in node:
            yield from _texts(node["c"])


def _cells(table: dict[str, Any]) -> list[list[str]]:
    """The texts of a table's cells, row by row (head, bodies and foot alike)."""
    _attr, _caption, _specs, head, bodies, foot = table["c"]
    rows = list(head[1])
    for body in bodies:
        rows += body[2] + body[3]
    rows += foot[1]
    return [[plain_text(cell[4]) for cell in row[1]] for row in rows]


def _label(text: str) -> tuple[str, str] | None:
    """(field, value written in the same cell) when a cell starts with a label."""
    key = _key(text)
    if key in LABELS:
        return LABELS[key], ""
    name, colon, value = text.partition(":")
    if colon and _key(name) in LABELS:
        return LABELS[_key(name)], value.strip()
    return None


def read_header(table: dict[str, Any]) -> dict[str, str] | None:
    """The fields of a header table; None when the table is not one (fewer than two labels)."""
    rows = _cells(table)
    found: dict[str, str] = {}
    labels = 0
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            label = _label(text)
            if label is None:
                continue
            labels += 1
            name, value = label
            if not value and c + 1 < len(row) and _label(row[c + 1]) is None:
                value = row[c + 1]  # the value in the next cell
            elif not value and r + 1 < len(rows) and c < len(rows[r + 1]):
                below = rows[r + 1][c]
                value = below if _label(below) is None else ""
            if value and name not in found:
                found[name] = value.strip()
    return found if labels >= 2 else None


def clean(ast: dict[str, Any]) -> Cleaned:
    blocks = list(ast.get("blocks", []))
    out = Cleaned(blocks=[])
    meta_title = ast.get("meta", {}).get("title")
    if meta_title is not None:
        out.title = plain_text(meta_title.get("c", [])) or None
    blocks = _take_header(blocks, out)
    changes = _Changes()
    blocks = changes.blocks(blocks)
    out.notes += changes.notes()
    if out.title is None:
        out.title = _only_top_heading(blocks)
        if out.title is not None:
            blocks = [b for b in blocks if not (b["t"] == "Header" and _top_title(b, out.title))]
    out.blocks = _shift_headings(blocks)
    return out


def _take_header(blocks: list[Any], out: Cleaned) -> list[Any]:
    for index, block in enumerate(blocks[:_TOP_BLOCKS]):
        if block.get("t") != "Table":
            continue
        header = read_header(block)
        if header is None:
            continue
        out.header = header
        above = [b for b in blocks[:index] if plain_text(b)]
        if out.title is None and header.get("title"):
            out.title = header["title"]
        elif out.title is None and above and len(plain_text(above[-1])) <= 200:
            out.title = plain_text(above[-1])
        if above and out.title is not None and all(plain_text(b) == out.title for b in above):
            return blocks[index + 1 :]  # the title above the table, printed by the layout
        return blocks[:index] + blocks[index + 1 :]
    return blocks


def _top_title(block: dict[str, Any], title: str) -> bool:
    return bool(plain_text(block["c"][2]) == title)


def _only_top_heading(blocks: list[Any]) -> str | None:
    headings = [b for b in blocks if b.get("t") == "Header"]
    if not headings:
        return None
    top = min(h["c"][0] for h in headings)
    at_top = [h for h in headings if h["c"][0] == top]
    if len(at_top) == 1 and blocks and blocks[0] is at_top[0] and len(headings) > 1:
        return plain_text(at_top[0]["c"][2]) or None
    return None


def _shift_headings(blocks: list[Any]) -> list[Any]:
    levels = [b["c"][0] for b in blocks if b.get("t") == "Header"]
    shift = 2 - min(levels) if levels else 0
    for block in blocks:
        if block.get("t") == "Header":
            block["c"][0] = min(6, block["c"][0] + shift)
    return blocks


class _Changes:
    """The walk that removes Word's artefacts and counts what it removed."""

    def __init__(self) -> None:
        self.comments = 0
        self.inserted = 0
        self.deleted = 0
        self.empty = 0
        self.no_alt = 0

    def notes(self) -> list[str]:
        out = []
        if self.comments:
            out.append(f"pominięto komentarze ({self.comments})")
        if self.inserted or self.deleted:
            out.append(
                "przyjęto zmiany śledzone (wstawienia: "
                f"{self.inserted}, usunięcia: {self.deleted}) — sprawdź treść"
            )
        if self.no_alt:
            out.append(f"obrazy bez tekstu alternatywnego ({self.no_alt}) — dopisz opis w ![…]")
        return out

    def blocks(self, nodes: list[Any]) -> list[Any]:
        out: list[Any] = []
        for node in nodes:
            out += self.block(node)
        return out

    def block(self, node: dict[str, Any]) -> list[Any]:
        kind = node.get("t")
        if kind in ("Para", "Plain"):
            inlines = _trim(self.inlines(node["c"]))
            if not inlines:
                self.empty += 1
                return []
            return [{"t": kind, "c": inlines}]
        if kind == "Header":
            level, _attr, inlines = node["c"]
            text = _strip_number(_trim(self.inlines(inlines)))
            return [{"t": "Header", "c": [level, ["", [], []], text]}] if text else []
        if kind == "Div":
            return self.blocks(node["c"][1])  # Word's styles and sections: their content
        if kind in ("BulletList",):
            return [{"t": kind, "c": [self.blocks(item) for item in node["c"]]}]
        if kind == "OrderedList":
            attrs, items = node["c"]
            return [{"t": kind, "c": [attrs, [self.blocks(item) for item in items]]}]
        if kind == "BlockQuote":
            return [{"t": kind, "c": self.blocks(node["c"])}]
        if kind == "Figure":
            _attr, caption, body = node["c"]
            return [{"t": kind, "c": [["", [], []], caption, self.blocks(body)]}]
        if kind == "Table":
            return [self.table(node)]
        if kind == "DefinitionList":
            items = [
                [self.inlines(term), [self.blocks(d) for d in defs]] for term, defs in node["c"]
            ]
            return [{"t": kind, "c": items}]
        return [node]

    def table(self, node: dict[str, Any]) -> dict[str, Any]:
        attr, caption, specs, head, bodies, foot = node["c"]

        def rows(items: list[Any]) -> list[Any]:
            return [
                [r[0], [[c[0], c[1], c[2], c[3], self.blocks(c[4])] for c in r[1]]] for r in items
            ]

        bodies = [[b[0], b[1], rows(b[2]), rows(b[3])] for b in bodies]
        specs = [[align, {"t": "ColWidthDefault"}] for align, _width in specs]  # Word's widths
        return {
            "t": "Table",
            "c": [attr, caption, specs, [head[0], rows(head[1])], bodies, [foot[0], rows(foot[1])]],
        }

    def inlines(self, nodes: list[Any]) -> list[Any]:
        out: list[Any] = []
        for node in nodes:
            kind = node.get("t")
            if kind == "Str":
                text = _ZERO_WIDTH.sub("", node["c"])
                if text:
                    out.append({"t": "Str", "c": text})
            elif kind == "Span":
                out += self._span(node)
            elif kind == "Image":
                _attr, alt, target = node["c"]
                self.no_alt += not plain_text(alt)
                out.append({"t": "Image", "c": [["", [], []], self.inlines(alt), target]})
            elif kind == "Note":
                out.append({"t": "Note", "c": self.blocks(node["c"])})
            elif kind in ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript"):
                inner = self.inlines(node["c"])
                if plain_text(inner):
                    out.append({"t": kind, "c": inner})
                else:
                    out += inner
            elif kind == "Link":
                _attr, inner, target = node["c"]
                out.append({"t": "Link", "c": [["", [], []], self.inlines(inner), target]})
            else:
                out.append(node)
        return out

    def _span(self, node: dict[str, Any]) -> list[Any]:
        (_id, classes, _kv), inner = node["c"]
        if "comment-start" in classes or "comment-end" in classes or "comment" in classes:
            self.comments += "comment-end" not in classes
            return []
        if "deletion" in classes:
            self.deleted += 1
            return []
        if "insertion" in classes:
            self.inserted += 1
        return self.inlines(inner)  # smart tags, bookmarks, anchors, styles: their text


def _trim(inlines: list[Any]) -> list[Any]:
    """Without spaces and line breaks at either end (what deleted text and empty runs leave)."""
    blank = ("Space", "SoftBreak", "LineBreak")
    start, end = 0, len(inlines)
    while start < end and inlines[start].get("t") in blank:
        start += 1
    while end > start and inlines[end - 1].get("t") in blank:
        end -= 1
    merged: list[Any] = []
    for node in inlines[start:end]:
        if node.get("t") == "Space" and merged and merged[-1].get("t") == "Space":
            continue
        merged.append(node)
    return merged


def _strip_number(inlines: list[Any]) -> list[Any]:
    """A heading without the numbering typed into it ("1.", "2.1", "§3", "IV.")."""
    numbered = len(inlines) > 2 and inlines[0].get("t") == "Str" and inlines[1].get("t") == "Space"
    return inlines[2:] if numbered and _HEADING_NUMBER.match(inlines[0]["c"]) else inlines
