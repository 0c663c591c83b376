"""Markdown written by office staff to safe, accessible HTML for the BIP pages.

Three layers, each enough on its own against script injection:

1. pandoc reads Markdown with every raw-HTML and attribute extension switched off, so ``<script>``
   typed in a document comes out as visible text;
2. ``nh3`` (an allow-list sanitiser) keeps only the tags, attributes and URL schemes listed
   here: no event attributes, no ``javascript:``/``data:`` URLs, no ``iframe``/``svg``/``style``;
3. the re-emitter below rebuilds every tag from parsed attributes and escapes every value.

The re-emitter also makes the fragment fit its page: ids get a prefix (no clash with the page's
own ids), headings start at level 2 and never skip a level, tables scroll inside a focusable
region (no horizontal page scroll at 320 px), links to other documents point to their pages,
images not provided by ``image_src`` become their alternative text, and Polish typography is
applied to prose (never to code).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3
import pypandoc

from qms_cli.errors import QmsError
from qms_cli.model.typography import NBSP, ONE_LETTER_WORDS, polish_text

# pandoc's markdown minus everything that passes raw markup or attributes through
MARKDOWN_FORMAT = "markdown" + "".join(
    f"-{ext}"
    for ext in (
        "raw_html",
        "raw_tex",
        "raw_attribute",
        "native_divs",
        "native_spans",
        "fenced_divs",
        "bracketed_spans",
        "link_attributes",
        "header_attributes",
        "fenced_code_attributes",
        "inline_code_attributes",
        "tex_math_dollars",
        "tex_math_single_backslash",
        "task_lists",
        "smart",  # typography is Polish („…”), applied below, not pandoc's English quotes
        "citations",
        "yaml_metadata_block",
    )
)
PANDOC_ARGS = ["--syntax-highlighting=none", "--wrap=none"]

ALLOWED_TAGS = frozenset(
    [
        "a",
        "abbr",
        "blockquote",
        "br",
        "caption",
        "code",
        "dd",
        "del",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "img",
        "li",
        "ol",
        "p",
        "pre",
        "section",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "id", "class"},
    "img": {"src", "alt"},
    "ol": {"start", "type"},
    "li": {"id"},
    "section": {"id"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    **{f"h{n}": {"id"} for n in range(1, 7)},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
ID_PREFIX = "tresc-"
HIDDEN_CLASS = "niewidoczne"  # visually hidden, read by screen readers (bip.css)
VOID = frozenset({"br", "hr", "img"})
NO_TYPOGRAPHY = frozenset({"pre", "code"})
_SAFE_ABSOLUTE = re.compile(r"^(https?://|mailto:|tel:)", re.IGNORECASE)
_HEADING = re.compile(r"^h([1-6])$")
# a one-letter word that ends a text node ("i w <a>…"): the next node continues the sentence
_ORPHAN_BEFORE_TAG = re.compile(rf"(?<!\w)([{ONE_LETTER_WORDS}]) +$")

Resolver = Callable[[str], str | None]


def _none(_: str) -> str | None:
    return None


@dataclass(frozen=True)
class Fragment:
    """A sanitised HTML fragment and the local files it refers to (images)."""

    html: str
    images: tuple[str, ...] = ()


def markdown_to_html(
    markdown: str,
    *,
    title: str | None = None,
    link_target: Resolver = _none,
    image_src: Resolver = _none,
    top_level: int = 2,
) -> Fragment:
    """Safe HTML for a document body.

    ``title``: a first level-1 heading with this text is dropped (the page shows the title).
    ``link_target``: new href for a relative link (e.g. ``P-04.md`` -> ``P-04.html``), None to
    keep only the link text. ``image_src``: new src for a relative image, None to show its
    alternative text instead.
    """
    raw = pandoc_html(body_source(markdown, title))
    return rebuild(sanitise(raw), link_target=link_target, image_src=image_src, top_level=top_level)


def body_source(markdown: str, title: str | None) -> str:
    """The Markdown pandoc converts: the text without a first heading that repeats ``title``."""
    return _drop_title(markdown, title) if title else markdown


def pandoc_html(source: str) -> str:
    """pandoc's HTML of one Markdown text, not yet sanitised."""
    try:
        raw: str = pypandoc.convert_text(
            source, "html5", format=MARKDOWN_FORMAT, extra_args=PANDOC_ARGS
        )
    except RuntimeError as exc:
        raise QmsError(f"pandoc nie przetworzył tekstu dokumentu: {exc}") from exc
    return raw


def sanitise(raw_html: str) -> str:
    """The allow-list sanitiser: what it does not know, it removes."""
    return nh3.clean(
        raw_html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style", "iframe", "object", "embed", "svg", "math"},
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def rebuild(
    clean_html: str,
    *,
    link_target: Resolver = _none,
    image_src: Resolver = _none,
    top_level: int = 2,
) -> Fragment:
    emitter = _Emitter(link_target, image_src, top_level)
    emitter.feed(clean_html)
    emitter.close()
    return Fragment("".join(emitter.out).strip() + "\n", tuple(emitter.images))


def safe_href(url: str) -> str | None:
    """An absolute URL from configuration, when it is safe to link to (http(s), mailto, tel)."""
    value = url.strip()
    if not _SAFE_ABSOLUTE.match(value) or any(c.isspace() or c in "\"'<>`" for c in value):
        return None
    return value


def _drop_title(markdown: str, title: str) -> str:
    lines = markdown.lstrip("\n").split("\n", 1)
    first = lines[0].strip()
    if first.startswith("# ") and first[2:].strip().rstrip("#").strip() == title.strip():
        return lines[1] if len(lines) > 1 else ""
    return markdown


class _Emitter(HTMLParser):
    def __init__(self, link_target: Resolver, image_src: Resolver, top_level: int) -> None:
        super().__init__(convert_charrefs=True)
        self.link_target = link_target
        self.image_src = image_src
        self.top_level = top_level
        self.out: list[str] = []
        self.images: list[str] = []
        self._raw_depth = 0
        self._levels: list[tuple[int, int]] = []  # (source level, output level)
        self._open_headings: list[int] = []
        self._open_links: list[bool] = []  # False: the <a> was dropped, its text kept
        self._tables = 0
        self._backlink = False

    # --- tags ---------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in NO_TYPOGRAPHY:
            self._raw_depth += 1
        heading = _HEADING.match(tag)
        if heading:
            level = self._heading_level(int(heading.group(1)))
            self._open_headings.append(level)
            tag = f"h{level}"
        elif tag == "a":
            link = self._link(values)
            self._open_links.append(link is not None)
            if link is None:
                return
            values = link
        elif tag == "img":
            self._image(values)
            return
        elif tag == "table":
            self._tables += 1
            label = f"Tabela {self._tables} (przewijana w poziomie)"
            self.out.append(f'<div class="tabela" role="region" tabindex="0" aria-label="{label}">')
        if "id" in values:
            values["id"] = ID_PREFIX + values["id"]
        self.out.append(_tag(tag, values))

    def handle_endtag(self, tag: str) -> None:
        if tag in NO_TYPOGRAPHY:
            self._raw_depth = max(0, self._raw_depth - 1)
        if _HEADING.match(tag) and self._open_headings:
            tag = f"h{self._open_headings.pop()}"
        elif tag == "a" and self._open_links and not self._open_links.pop():
            return
        elif tag == "a" and self._backlink:
            # the visible text is only "↩": say in words where the link goes
            self.out.append(f'<span class="{HIDDEN_CLASS}"> powrót do tekstu</span>')
            self._backlink = False
        if tag in VOID:
            return
        self.out.append(f"</{tag}>")
        if tag == "table":
            self.out.append("</div>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        text = data if self._raw_depth else _ORPHAN_BEFORE_TAG.sub(r"\1" + NBSP, polish_text(data))
        self.out.append(html.escape(text, quote=False))

    # --- helpers ------------------------------------------------------------------------------

    def _heading_level(self, source: int) -> int:
        while self._levels and self._levels[-1][0] >= source:
            self._levels.pop()
        level = self._levels[-1][1] + 1 if self._levels else self.top_level
        level = min(level, 6)
        self._levels.append((source, level))
        return level

    def _link(self, values: dict[str, str]) -> dict[str, str] | None:
        href = values.get("href", "")
        cls = values.pop("class", "")
        if href.startswith("#"):
            values["href"] = "#" + ID_PREFIX + href[1:]
            self._backlink = "footnote-back" in cls.split()
            return values
        if not href:
            return None  # the sanitiser removed an unsafe URL: keep the text only
        if _SAFE_ABSOLUTE.match(href):
            return values
        target = self.link_target(href)
        if target is None:
            return None
        values["href"] = target
        return values

    def _image(self, values: dict[str, str]) -> None:
        src = values.get("src", "")
        alt = values.get("alt", "")
        target = None if _SAFE_ABSOLUTE.match(src) or not src else self.image_src(src)
        if target is None:
            # no external resources: an image that is not a local attachment shows its text
            if alt:
                self.out.append(f"[{html.escape(polish_text(alt), quote=False)}]")
            return
        self.images.append(target)
        self.out.append(_tag("img", {"src": target, "alt": alt}))


def _tag(tag: str, values: dict[str, str]) -> str:
    attrs = "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in values.items())
    return f"<{tag}{attrs}>"
