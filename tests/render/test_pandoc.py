"""Markdown -> the template's data: nothing executable survives, typography is applied."""

from __future__ import annotations

import json
from typing import Any

import pytest

from qms_cli.render.pandoc import Body, convert, markdown_body, parse_many, parse_markdown


def blocks(markdown: str, *shown: str) -> list[dict[str, Any]]:
    return markdown_body(markdown, shown).blocks


def all_text(value: Any) -> str:
    """Every string in the tree (the text the template shows, plus urls and code)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(all_text(v) for v in value)
    if isinstance(value, dict):
        return "".join(all_text(v) for k, v in value.items() if k not in ("t", "lang"))
    return ""


def kinds(value: Any) -> set[str]:
    """Every node type in the tree."""
    found: set[str] = set()
    if isinstance(value, list):
        for v in value:
            found |= kinds(v)
    elif isinstance(value, dict):
        if "t" in value:
            found.add(value["t"])
        for v in value.values():
            found |= kinds(v)
    return found


def test_text_is_plain_strings() -> None:
    assert blocks("Zwykły *ważny* tekst.") == [
        {"t": "par", "c": ["Zwykły ", {"t": "emph", "c": ["ważny"]}, " tekst."]}
    ]


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ('Tekst #read("/etc/passwd")', "Tekst #read(„/etc/passwd”)"),
        ('*a*.at(read("x"))', ".at(read(„x”))"),
        ('[x](https://a.pl).at(eval("1"))', ".at(eval(„1”))"),
        ("#let x = 1\n\n#x", "#let x = 1"),
        ("= nie nagłówek Typst", "= nie nagłówek Typst"),
        ('$#read("/etc/passwd")$', "$#read(„/etc/passwd”)$"),
        ("\\input{/etc/passwd}", "\\input{/etc/passwd}"),
        ('`#read("x")`', '#read("x")'),
        ('```{=typst}\n#read("x")\n```', '#read("x")'),
        ("<label> @cite [@cite]", "@cite [@cite]"),
    ],
)
def test_code_in_the_text_stays_text(markdown: str, shown: str) -> None:
    result = blocks(markdown)
    assert shown in all_text(result)
    assert kinds(result) <= {"par", "plain", "emph", "code", "link", "codeblock"}


def test_raw_html_tex_and_typst_are_dropped() -> None:
    result = blocks(
        "<script>alert(1)</script>\n\n<!-- notatka -->\n\nA <b>tu</b> tekst.\n\n"
        "<div>w bloku</div>\n"
    )
    text = all_text(result).replace("\u00a0", " ")
    assert "alert" not in text and "notatka" not in text and "<b>" not in text
    assert "tu tekst." in text and "w bloku" in text


def test_raw_nodes_are_dropped_whatever_their_format() -> None:
    ast = {
        "blocks": [
            {"t": "RawBlock", "c": ["typst", '#read("/etc/passwd")']},
            {"t": "Para", "c": [{"t": "RawInline", "c": ["typst", "#x"]}, {"t": "Str", "c": "ok"}]},
        ]
    }
    assert convert(ast).blocks == [{"t": "par", "c": ["ok"]}]


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://bip.example.invalid", True),
        ("http://example.invalid", True),
        ("mailto:sekretariat@example.invalid", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("#cel", False),
    ],
)
def test_only_web_and_mail_links_are_links(url: str, kept: bool) -> None:
    (par,) = blocks(f"[odnośnik]({url})")
    first = par["c"][0]
    if kept:
        assert first == {"t": "link", "url": url, "c": ["odnośnik"]}
    else:
        assert first == "odnośnik"


def test_images_are_collected_with_alt_text() -> None:
    body = markdown_body("Ikona ![Herb gminy](img/herb.png) w tekście.\n\n![](schemat.png)\n")
    assert [(i.src, i.alt) for i in body.images] == [
        ("img/herb.png", "Herb gminy"),
        ("schemat.png", "Ilustracja schemat.png"),
    ]
    assert {"t": "image", "n": 0} in body.blocks[0]["c"]
    data = body.data(["/job/1/img/0-0.png", "/job/1/img/0-1.png"])
    assert data["images"][0] == {"path": "/job/1/img/0-0.png", "alt": "Herb gminy"}
    json.dumps(data)  # plain JSON for the template


def test_polish_typography_in_text_runs() -> None:
    (par,) = blocks('Dnia 28 lutego 2013 w godz. 10-15 "tak" i w *domu* z kodem `a - b`.')
    text = all_text(par)
    assert "28\u00a0lutego 2013\u00a0r." in text
    assert "10–15" in text
    assert "„tak”" in text
    assert "i\u00a0w\u00a0" in text  # one-letter words bound to what follows, even an emphasis
    assert "z\u00a0kodem" in text
    assert {"t": "code", "text": "a - b"} in par["c"]  # code untouched


def test_headings_start_at_level_two_and_repeated_title_is_dropped() -> None:
    result = blocks(
        "# Nadzór nad dokumentacją\n\n# Cel\n\nTekst\n\n## Szczegóły\n", "Nadzór nad dokumentacją"
    )
    assert [(b["level"], b["c"]) for b in result if b["t"] == "heading"] == [
        (2, ["Cel"]),
        (3, ["Szczegóły"]),
    ]


def test_order_heading_repeating_number_and_subject_is_dropped() -> None:
    markdown = (
        "# Zarządzenie Nr 1/2026 Wójta Gminy z dnia 5 stycznia 2026 r.\n\n"
        "## w sprawie SZJ\n\n**§ 1.** Treść.\n"
    )
    result = blocks(markdown, "Tytuł", "Zarządzenie Nr 1/2026", "w sprawie SZJ")
    assert result[0]["t"] == "par"
    assert all_text(result).startswith("§\u00a01.")


def test_lists_tables_and_code_blocks() -> None:
    result = blocks(
        "1) pierwszy\n2) drugi\n\na. lit\nb. lit\n\n- punkt\n\n"
        "| A | B |\n|:--|--:|\n| 1 | 2 |\n\n```python\nx = '#read(1)'\n```\n"
    )
    enum1, enum2, bullets, table, code = result
    assert (enum1["t"], enum1["numbering"], enum1["tight"]) == ("enum", "1)", True)
    assert enum2["numbering"] == "a."
    assert bullets["t"] == "list"
    assert table["t"] == "table" and table["columns"] == 2
    assert table["aligns"] == ["left", "right"]
    assert table["head"][0][0]["c"] == [{"t": "plain", "c": ["A"]}]
    assert code == {"t": "codeblock", "text": "x = '#read(1)'", "lang": "python"}


def test_footnotes_and_identifiers() -> None:
    result = blocks("Tekst[^1] i [przejdź](#cel).\n\n[^1]: Przypis.\n\n## Cel {#cel}\n")
    par = result[0]["c"]
    assert {"t": "note", "c": [{"t": "par", "c": ["Przypis."]}]} in par
    assert "przejdź" in all_text(par) and "link" not in kinds(par)
    assert "cel" not in json.dumps(result[1])  # no label survives


def test_parse_markdown_uses_the_sandboxed_reader() -> None:
    ast = parse_markdown("tekst")
    assert ast["blocks"] == [{"t": "Para", "c": [{"t": "Str", "c": "tekst"}]}]


def test_empty_body() -> None:
    assert markdown_body("") == Body([], [])


def test_many_texts_in_one_pandoc_run_stay_apart() -> None:
    texts = [
        "Pierwszy[^a].\n\n[^a]: Przypis pierwszy.\n",
        "```\nniezamknięty blok kodu\n",
        "# Trzeci\n\nTekst trzeci.\n",
        "",
    ]
    asts = parse_many(texts)
    assert [convert(a).blocks for a in asts] == [convert(parse_markdown(t)).blocks for t in texts]
    assert convert(asts[2]).blocks[1] == {"t": "par", "c": ["Tekst trzeci."]}


def test_heading_levels_never_skip_one() -> None:
    result = blocks("## A\n\n#### B\n\n###### C\n\n## D\n\n### E\n")
    assert [b["level"] for b in result] == [2, 3, 4, 2, 3]
