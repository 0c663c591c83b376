"""model/docimport: the header table, the title and Word's artefacts, on pandoc's AST."""

from __future__ import annotations

import json
from typing import Any

import pypandoc
import pytest

from qms_cli.model.docimport import clean, plain_text, read_header


def ast_of(markdown: str) -> dict[str, Any]:
    raw = pypandoc.convert_text(markdown, "json", format="markdown", sandbox=True)
    ast: dict[str, Any] = json.loads(raw)
    return ast


def first_table(markdown: str) -> dict[str, Any]:
    return next(b for b in ast_of(markdown)["blocks"] if b["t"] == "Table")


def headings(blocks: list[Any]) -> list[tuple[int, str]]:
    return [(b["c"][0], plain_text(b["c"][2])) for b in blocks if b["t"] == "Header"]


def span(classes: list[str], text: str) -> dict[str, Any]:
    return {"t": "Span", "c": [["", classes, []], [{"t": "Str", "c": text}]]}


def test_header_table_side_by_side() -> None:
    table = first_table(
        "| Symbol | P-07 | Wydanie | 3 |\n|---|---|---|---|\n"
        "| Obowiązuje od | 2025-03-01 | Strona | 1 z 3 |\n"
        "| Opracował | Jan Kowalski | Sprawdził | Ewa Nowak |\n"
    )
    assert read_header(table) == {
        "symbol": "P-07",
        "edition": "3",
        "date": "2025-03-01",
        "page": "1 z 3",
        "prepared": "Jan Kowalski",
        "checked": "Ewa Nowak",
    }


def test_header_table_labels_above_values_and_after_colons() -> None:
    table = first_table(
        "| Oznaczenie | Nr wydania | Data | Zatwierdził |\n|---|---|---|---|\n"
        "| KU-USC-01 | 2 | 2024-01-02 | Wójt Gminy |\n"
    )
    assert read_header(table) == {
        "symbol": "KU-USC-01",
        "edition": "2",
        "date": "2024-01-02",
        "approved": "Wójt Gminy",
    }
    inline = first_table("| Symbol: P-03 | Wydanie: 4 |\n|---|---|\n| Tytuł: Audity | |\n")
    assert read_header(inline) == {"symbol": "P-03", "edition": "4", "title": "Audity"}


def test_an_ordinary_table_is_not_a_header() -> None:
    assert (
        read_header(first_table("| Zapis | Miejsce |\n|---|---|\n| Data | sekretariat |\n")) is None
    )


def test_header_table_near_the_top_is_dropped_with_the_title_above_it() -> None:
    cleaned = clean(
        ast_of(
            "PROCEDURA NADZORU\n\n| Symbol | P-07 |\n|---|---|\n| Wydanie | 3 |\n\n"
            "# 1. Cel\n\nTekst.\n\n# 2. Zakres\n\nTekst.\n"
        )
    )
    assert cleaned.title == "PROCEDURA NADZORU"
    assert cleaned.header == {"symbol": "P-07", "edition": "3"}
    assert [b["t"] for b in cleaned.blocks] == ["Header", "Para", "Header", "Para"]
    assert headings(cleaned.blocks) == [(2, "Cel"), (2, "Zakres")]


@pytest.mark.parametrize(
    ("heading", "kept"),
    [
        ("1. Cel", "Cel"),
        ("2.1 Zakres", "Zakres"),
        ("2.1.3. Definicje", "Definicje"),
        ("IV. Zapisy", "Zapisy"),
        ("§3 Postanowienia", "Postanowienia"),
        ("2025 rok", "2025 rok"),
        ("I etap", "I etap"),
    ],
)
def test_typed_numbering_leaves_headings(heading: str, kept: str) -> None:
    cleaned = clean(ast_of(f"# Wstęp\n\ntekst\n\n# {heading}\n\ntekst\n"))
    assert headings(cleaned.blocks)[1] == (2, kept)


def test_the_only_top_heading_is_the_title() -> None:
    cleaned = clean(ast_of("# Audity wewnętrzne\n\n## Cel\n\nTekst.\n\n### Szczegóły\n\nTekst.\n"))
    assert cleaned.title == "Audity wewnętrzne"
    assert headings(cleaned.blocks) == [(2, "Cel"), (3, "Szczegóły")]


def test_word_artefacts_go() -> None:
    para = {
        "t": "Para",
        "c": [
            {"t": "Str", "c": "Wniosek\u200b"},
            {"t": "Space"},
            span(["smarttag"], "Sanok"),
            {"t": "Space"},
            span(["insertion"], "nowy"),
            span(["deletion"], "stary"),
            span(["comment-start"], "Czy tak?"),
            span(["comment-end"], ""),
            {"t": "Str", "c": "\u00adtekst"},
        ],
    }
    empty = {"t": "Para", "c": [{"t": "Str", "c": "\u200b"}, {"t": "Space"}]}
    cleaned = clean({"blocks": [empty, para, empty], "meta": {}})
    assert len(cleaned.blocks) == 1
    assert plain_text(cleaned.blocks) == "Wniosek Sanok nowytekst"
    assert "Span" not in json.dumps(cleaned.blocks)
    assert cleaned.notes == [
        "pominięto komentarze (1)",
        "przyjęto zmiany śledzone (wstawienia: 1, usunięcia: 1) — sprawdź treść",
    ]


def test_images_without_alt_text_are_reported() -> None:
    cleaned = clean(ast_of("![](a.png)\n\n![Schemat](b.png)\n"))
    assert cleaned.notes == ["obrazy bez tekstu alternatywnego (1) — dopisz opis w ![…]"]
