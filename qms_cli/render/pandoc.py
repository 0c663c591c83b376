"""Markdown -> a small document tree (plain JSON data) through pandoc's reader.

Nothing a document says may run as Typst code, so the text never becomes Typst markup: pandoc
parses the Markdown (``pypandoc``, the wheel's own pandoc, ``--sandbox``), and this module
turns pandoc's AST into plain data — blocks and inlines whose text is Python strings — that
the template (``templates/typst/markdown.typ``) lays out. A Typst string is shown as it is,
so ``#read("/etc/passwd")`` in a document is only ever text.

(pandoc's own Typst writer escapes characters but not what follows its function calls:
``*a*.at(read("x"))`` becomes ``#emph[a].at(read("x"))``, which Typst evaluates.)

On the way, raw HTML/TeX is dropped, math becomes its source text, links to anything but
http(s) and mailto become plain text, identifiers (labels) are dropped, headings are shifted so
the body's top level is 2 (level 1 is the document title) and never skip one (``##`` then
``####`` become 2 and 3, as accessible PDF requires), leading headings that repeat what the
layout prints are dropped, and Polish typography is applied to every text run.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypandoc

from qms_cli.errors import QmsError
from qms_cli.model.typography import polish_text

# pandoc's Markdown with everything that could carry foreign markup or code switched off.
# raw_html stays on so that HTML comments and tags are parsed as raw nodes and then dropped
# (with it off, "<!-- note -->" would be printed).
READER = "markdown" + "".join(
    f"-{ext}"
    for ext in (
        "raw_tex",
        "raw_attribute",
        "citations",
        "tex_math_dollars",
        "tex_math_single_backslash",
        "tex_math_double_backslash",
        "yaml_metadata_block",
        "pandoc_title_block",
        "auto_identifiers",
    )
)

LINK_SCHEMES = ("http://", "https://", "mailto:")
_SENTINEL = "\ue000"  # marks "an element follows" so that a trailing one-letter word is bound
_LANG = re.compile(r"[A-Za-z0-9_+#.-]{1,30}")
_QUOTES = {"DoubleQuote": ("„", "”"), "SingleQuote": ("«", "»")}
_LIST_STYLES = {"LowerAlpha": "a", "UpperAlpha": "A", "LowerRoman": "i", "UpperRoman": "I"}
_LIST_DELIMITERS = {"OneParen": "{})", "TwoParens": "({})", "Period": "{}."}
_SIMPLE_INLINES = {
    "Emph": "emph",
    "Strong": "strong",
    "Strikeout": "strike",
    "Superscript": "super",
    "Subscript": "sub",
    "SmallCaps": "smallcaps",
    "Underline": "underline",
}

Block = dict[str, Any]
Inline = str | dict[str, Any]


@dataclass(frozen=True)
class ImageRef:
    """An image the document shows: ``src`` as written in the Markdown, ``alt`` its text."""

    src: str
    alt: str


@dataclass
class Body:
    """A document body as data: ``blocks`` for the template, ``images`` in reference order
    (an image block or inline refers to its index ``n``)."""

    blocks: list[Block]
    images: list[ImageRef] = field(default_factory=list)

    def data(self, image_paths: list[str]) -> dict[str, Any]:
        """The tree for the template; ``image_paths`` are where the images are for Typst."""
        images = [{"path": p, "alt": i.alt} for p, i in zip(image_paths, self.images, strict=True)]
        return {"blocks": self.blocks, "images": images}


def parse_markdown(markdown: str) -> dict[str, Any]:
    """pandoc's AST (JSON) of a Markdown text."""
    try:
        raw = pypandoc.convert_text(
            markdown, "json", format=READER, sandbox=True, verify_format=False
        )
    except (RuntimeError, OSError) as exc:
        raise QmsError(f"pandoc nie przetworzył tekstu: {exc}") from exc
    ast: dict[str, Any] = json.loads(raw)
    return ast


def parse_many(markdowns: list[str]) -> list[dict[str, Any]]:
    """pandoc's ASTs of many Markdown texts from one pandoc run (starting pandoc costs more
    than parsing a document). ``--file-scope`` parses each text on its own, so nothing in one
    (an unclosed fence, a footnote) reaches into the next; a marker paragraph that no text
    contains tells where each text begins."""
    if len(markdowns) < 2:
        return [parse_markdown(m) for m in markdowns]
    marker = part_marker(markdowns)
    if marker is None:  # pragma: no cover - a collision of the hash
        return [parse_markdown(m) for m in markdowns]
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True, prefix="qms-pandoc-") as folder:
        paths = []
        for index, markdown in enumerate(markdowns):
            path = Path(folder) / f"{index:06d}.md"
            path.write_text(f"{marker}{index}\n\n{markdown}\n", encoding="utf-8", newline="\n")
            paths.append(str(path))
        try:
            raw = pypandoc.convert_file(
                paths,
                "json",
                format=READER,
                extra_args=["--file-scope"],
                sandbox=True,
                verify_format=False,
                sort_files=False,
            )
        except (RuntimeError, OSError) as exc:
            raise QmsError(f"pandoc nie przetworzył tekstu: {exc}") from exc
    return _split(json.loads(raw), marker, len(markdowns)) or [parse_markdown(m) for m in markdowns]


def part_marker(texts: list[str]) -> str | None:
    """A word that none of ``texts`` contains (None in the unlikely case one does), to mark
    where each text begins when many are converted in one pandoc run."""
    marker = "QMSPART" + hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:20] + "N"
    return None if any(marker in text for text in texts) else marker


def _split(ast: dict[str, Any], marker: str, count: int) -> list[dict[str, Any]] | None:
    parts: list[dict[str, Any]] = []
    for block in ast.get("blocks", []):
        content = block.get("c")
        if (
            block.get("t") == "Para"
            and len(content) == 1
            and content[0].get("t") == "Str"
            and content[0].get("c") == f"{marker}{len(parts)}"
        ):
            parts.append({**ast, "blocks": []})
        elif parts:
            parts[-1]["blocks"].append(block)
        else:
            return None
    return parts if len(parts) == count else None


def markdown_body(markdown: str, shown: tuple[str, ...] = ()) -> Body:
    """Parse ``markdown`` and convert it to the template's data (see the module docstring)."""
    return convert(parse_markdown(markdown), shown)


def convert(ast: dict[str, Any], shown: tuple[str, ...] = ()) -> Body:
    """pandoc AST -> ``Body`` (pure). Leading headings that repeat any of ``shown`` (what the
    layout already prints: the title, an order's number and subject) are dropped."""
    blocks = list(ast.get("blocks", []))
    while blocks and _repeats(blocks[0], shown):
        blocks = blocks[1:]
    converter = _Converter(_heading_shift(blocks))
    return Body(converter.blocks(blocks), converter.images)


def plain_text(inlines: list[Any]) -> str:
    """The text of pandoc inlines, without formatting."""
    out: list[str] = []
    for node in _walk_inlines(inlines):
        kind = node.get("t")
        if kind == "Str":
            out.append(node["c"])
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind == "Code":
            out.append(node["c"][1])
    return "".join(out)


def _walk_inlines(inlines: list[Any]) -> Iterator[dict[str, Any]]:
    for node in inlines:
        yield node
        content = node.get("c")
        kind = node.get("t")
        if kind in _SIMPLE_INLINES:
            yield from _walk_inlines(content)
        elif kind in ("Link", "Image", "Span", "Quoted"):
            yield from _walk_inlines(content[1])


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _repeats(block: dict[str, Any], shown: tuple[str, ...]) -> bool:
    if block.get("t") != "Header":
        return False
    text = _norm(plain_text(block["c"][2]))
    return any(_norm(s) and _norm(s) in text for s in shown)


def _heading_levels(blocks: list[Any]) -> Iterator[int]:
    for block in blocks:
        kind, content = block.get("t"), block.get("c")
        if kind == "Header":
            yield int(content[0])
        elif kind in ("BlockQuote", "Div"):
            yield from _heading_levels(content if kind == "BlockQuote" else content[1])


def _heading_shift(blocks: list[Any]) -> int:
    """How much to add to heading levels so that the body's top level is 2."""
    levels = list(_heading_levels(blocks))
    return 2 - min(levels) if levels else 0


class _Converter:
    """One pass over pandoc's blocks; collects images as it goes."""

    def __init__(self, shift: int) -> None:
        self.shift = shift
        self.level = 1  # the last heading level; 1 is the title the layout prints
        self.images: list[ImageRef] = []

    # --- blocks ---------------------------------------------------------------------------

    def blocks(self, nodes: list[Any]) -> list[Block]:
        out: list[Block] = []
        for node in nodes:
            out.extend(self.block(node))
        return out

    def block(self, node: dict[str, Any]) -> list[Block]:
        kind: str | None = node.get("t")
        c: Any = node.get("c")
        if kind in ("Para", "Plain"):
            inlines = self.inlines(c)
            return [{"t": "par" if kind == "Para" else "plain", "c": inlines}] if inlines else []
        if kind == "Header":
            # never deeper than one below the previous heading (PDF/UA wants no gaps)
            level = max(2, min(6, int(c[0]) + self.shift, self.level + 1))
            self.level = level
            return [{"t": "heading", "level": level, "c": self.inlines(c[2])}]
        if kind == "BulletList":
            return [{"t": "list", "tight": _tight(c), "items": [self.blocks(i) for i in c]}]
        if kind == "OrderedList":
            (start, style, delim), items = c
            default = "{})" if style.get("t") in _LIST_STYLES else "{}."
            pattern = _LIST_DELIMITERS.get(delim.get("t"), default)
            numbering = pattern.format(_LIST_STYLES.get(style.get("t"), "1"))
            return [
                {
                    "t": "enum",
                    "start": int(start),
                    "numbering": numbering,
                    "tight": _tight(items),
                    "items": [self.blocks(i) for i in items],
                }
            ]
        if kind == "DefinitionList":
            terms = [
                {"term": self.inlines(term), "c": [b for d in defs for b in self.blocks(d)]}
                for term, defs in c
            ]
            return [{"t": "terms", "items": terms}]
        if kind == "CodeBlock":
            (_id, classes, _kv), text = c
            lang = next((cls for cls in classes if _LANG.fullmatch(cls)), None)
            return [{"t": "codeblock", "text": text, "lang": lang}]
        if kind == "BlockQuote":
            return [{"t": "quote", "c": self.blocks(c)}]
        if kind == "LineBlock":
            return [{"t": "lines", "c": [self.inlines(line) for line in c]}]
        if kind == "HorizontalRule":
            return [{"t": "rule"}]
        if kind == "Div":
            return self.blocks(c[1])
        if kind == "Table":
            return [self.table(c)]
        if kind == "Figure":
            _attr, (_short, caption), content = c
            return [{"t": "figure", "caption": self.blocks(caption), "c": self.blocks(content)}]
        return []  # RawBlock and anything unknown: dropped

    def table(self, c: list[Any]) -> Block:
        _attr, (_short, caption), colspecs, head, bodies, foot = c
        aligns = [_align(spec[0]) for spec in colspecs]
        widths = [spec[1]["c"] if spec[1].get("t") == "ColWidth" else None for spec in colspecs]
        rows: list[list[Block]] = []
        for body in bodies:
            rows.extend(self.row(r) for r in body[2] + body[3])
        return {
            "t": "table",
            "columns": len(colspecs),
            "aligns": aligns,
            "widths": widths if all(w is not None for w in widths) else None,
            "caption": self.blocks(caption),
            "head": [self.row(r) for r in head[1]],
            "rows": rows,
            "foot": [self.row(r) for r in foot[1]],
        }

    def row(self, row: list[Any]) -> list[Block]:
        return [
            {
                "align": _align(align),
                "rowspan": int(rowspan),
                "colspan": int(colspan),
                "c": self.blocks(content),
            }
            for _attr, align, rowspan, colspan, content in row[1]
        ]

    # --- inlines --------------------------------------------------------------------------

    def inlines(self, nodes: list[Any]) -> list[Inline]:
        """Inlines with text runs merged into strings and Polish typography applied."""
        merged: list[Inline] = []
        for item in self._flat_inlines(nodes):
            if isinstance(item, str) and merged and isinstance(merged[-1], str):
                merged[-1] += item
            else:
                merged.append(item)
        out: list[Inline] = []
        for index, item in enumerate(merged):
            if isinstance(item, str):
                followed = index + 1 < len(merged)
                text = polish_text(item + _SENTINEL if followed else item).replace(_SENTINEL, "")
                out.append(text)
            else:
                out.append(item)
        return out

    def _flat_inlines(self, nodes: list[Any]) -> Iterator[Inline]:
        for node in nodes:
            kind: str | None = node.get("t")
            c: Any = node.get("c")
            if kind == "Str":
                yield c
            elif kind in ("Space", "SoftBreak"):
                yield " "
            elif kind == "LineBreak":
                yield {"t": "br"}
            elif kind in _SIMPLE_INLINES:
                yield {"t": _SIMPLE_INLINES[kind], "c": self.inlines(c)}
            elif kind == "Quoted":
                opening, closing = _QUOTES.get(c[0].get("t"), _QUOTES["DoubleQuote"])
                yield opening
                yield from self._flat_inlines(c[1])
                yield closing
            elif kind == "Code":
                yield {"t": "code", "text": c[1]}
            elif kind == "Math":
                yield c[1]
            elif kind == "Link":
                yield from self._link(c)
            elif kind == "Image":
                yield self._image(c)
            elif kind == "Note":
                yield {"t": "note", "c": self.blocks(c)}
            elif kind in ("Span", "Cite"):  # [attr or citations, inlines]
                yield from self._flat_inlines(c[1])
            # RawInline and anything unknown: dropped

    def _link(self, c: list[Any]) -> Iterator[Inline]:
        _attr, content, (url, _title) = c
        if url.lower().startswith(LINK_SCHEMES):
            yield {"t": "link", "url": url, "c": self.inlines(content)}
        else:  # internal anchors, javascript:, file: … -> the text only
            yield from self._flat_inlines(content)

    def _image(self, c: list[Any]) -> Inline:
        _attr, alt, (src, _title) = c
        text = plain_text(alt).strip() or f"Ilustracja {src.rsplit('/', 1)[-1]}"
        self.images.append(ImageRef(src, text))
        return {"t": "image", "n": len(self.images) - 1}


def _tight(items: list[Any]) -> bool:
    return all(not item or item[0].get("t") == "Plain" for item in items)


def _align(node: dict[str, Any]) -> str | None:
    return {"AlignLeft": "left", "AlignRight": "right", "AlignCenter": "center"}.get(
        node.get("t", "")
    )
