"""Markdown to safe HTML (render.html): pandoc without raw HTML, the allow-list sanitiser and
the re-emitter. Real pandoc, no mocks."""

from __future__ import annotations

import re

import pytest

from qms_cli.render.html import markdown_to_html, rebuild, safe_href, sanitise
from tests.bip.bip_helpers import PAYLOADS, audit


def convert(markdown: str, **kwargs: object) -> str:
    return markdown_to_html(markdown, **kwargs).html  # type: ignore[arg-type]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_inert(payload: str) -> None:
    out = convert(f"Tekst\n\n{payload}\n\nakapit {payload}\n\n- {payload}\n")
    tags = set(re.findall(r"<([a-z0-9]+)", out))
    assert tags <= {"p", "ul", "li", "a", "code", "pre", "figure", "figcaption", "div", "table"}
    assert audit(out) == []
    assert "<img" not in out  # no image here is a local attachment


def test_raw_html_is_shown_as_text() -> None:
    assert convert("<b>gruby</b> <script>alert(1)</script>") == (
        "<p>&lt;b&gt;gruby&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    )


def test_sanitiser_alone_removes_what_pandoc_would_never_emit() -> None:
    dirty = (
        '<p onclick="x()">a<script>alert(1)</script><iframe src="x"></iframe>'
        '<a href="javascript:alert(1)">b</a><img src="data:image/png;base64,AA" alt="c">'
        '<svg><script>alert(2)</script></svg><span style="color:red">d</span></p>'
    )
    assert sanitise(dirty) == '<p>a<a>b</a><img alt="c">d</p>'


def test_unsafe_links_keep_only_their_text() -> None:
    out = convert("[a](javascript:alert(1)) [b](https://example.org/x?y=1) [c](mailto:a@b.pl)")
    assert out == (
        '<p>a <a href="https://example.org/x?y=1">b</a> <a href="mailto:a@b.pl">c</a></p>\n'
    )


def test_relative_links_go_through_the_resolver() -> None:
    seen: list[str] = []

    def resolve(href: str) -> str | None:
        seen.append(href)
        return "P-04.html" if href.startswith("P-04.md") else None

    out = convert("[jawny](P-04.md) i [tajny](../x/P-99.md) [kotwica](#cel)", link_target=resolve)
    assert seen == ["P-04.md", "../x/P-99.md"]
    assert '<a href="P-04.html">jawny</a>' in out
    assert "tajny" in out and "P-99" not in out
    assert '<a href="#tresc-cel">kotwica</a>' in out


def test_images_only_from_the_resolver() -> None:
    out = convert(
        "![lokalny](a.png) ![zdalny](https://x.invalid/a.png) ![svg](a.svg)",
        image_src=lambda src: "zalaczniki/1.png" if src == "a.png" else None,
    )
    assert '<img src="zalaczniki/1.png" alt="lokalny">' in out
    assert "[zdalny]" in out and "[svg]" in out
    assert out.count("<img") == 1


def test_title_heading_is_dropped_and_levels_never_skip() -> None:
    out = convert("# Tytuł\n\n#### A\n\n## B\n\n#### C\n\n### D\n", title="Tytuł")
    assert re.findall(r"<(h\d)", out) == ["h2", "h2", "h3", "h3"]
    assert "Tytuł" not in out


def test_a_different_first_heading_stays() -> None:
    out = convert("# Wstęp\n\ntekst", title="Tytuł", top_level=3)
    assert out.startswith('<h3 id="tresc-wstęp">Wstęp</h3>')


def test_tables_scroll_in_a_focusable_region() -> None:
    out = convert("| A | B |\n| --- | --- |\n| 1 | 2 |\n\n| C |\n| --- |\n| 3 |\n")
    assert out.count('role="region" tabindex="0"') == 2
    assert 'aria-label="Tabela 2 (przewijana w poziomie)"' in out
    assert "<th>A</th>" in out


def test_polish_typography_in_prose_but_not_in_code() -> None:
    out = convert('Tekst "cytat" i w 10-15 dni.\n\n```\n"kod" i w 10-15\n```\n\n`"x" i w`')
    assert "Tekst „cytat” i\u00a0w\u00a010–15\u00a0dni." in out
    assert '<pre><code>"kod" i w 10-15</code></pre>' in out
    assert '<code>"x" i w</code>' in out


def test_one_letter_word_before_a_link_binds_to_it() -> None:
    out = convert("Zobacz w [formularzu](https://example.org).")
    assert "w\u00a0<a " in out


def test_footnote_backlink_says_where_it_goes() -> None:
    out = convert("Tekst[^1]\n\n[^1]: Przypis.\n")
    assert '<a href="#tresc-fn1" id="tresc-fnref1">' in out
    assert '<span class="niewidoczne"> powrót do tekstu</span></a>' in out


def test_rebuild_escapes_every_attribute_value() -> None:
    out = rebuild('<a href="https://x.invalid/?a=&quot;&gt;&lt;script&gt;">t</a>').html
    assert out == '<a href="https://x.invalid/?a=&quot;&gt;&lt;script&gt;">t</a>\n'


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://bip.gmina.pl/", "https://bip.gmina.pl/"),
        ("mailto:a@b.pl", "mailto:a@b.pl"),
        ("javascript:alert(1)", None),
        ("https://x.pl/a b", None),
        ('https://x.pl/"onmouseover=', None),
        ("//x.pl", None),
    ],
)
def test_safe_href(url: str, expected: str | None) -> None:
    assert safe_href(url) == expected
