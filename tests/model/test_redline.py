"""The pure redline: blocks, words, moves and front-matter fields in Polish."""

from __future__ import annotations

from qms_cli.model.redline import (
    ADDED,
    CHANGED,
    MOVED_FROM,
    MOVED_TO,
    REMOVED,
    Block,
    Piece,
    blocks,
    redline,
    words_diff,
)
from qms_cli.model.redline_fields import field_changes

PROPS = {
    "deadline": {"title": "Termin załatwienia"},
    "required_documents": {"title": "Wymagane dokumenty"},
    "public": {"title": "Publikacja w BIP"},
}


def test_blocks_split_lists_and_tables() -> None:
    body = "# T\n\nAkapit\ndalej.\n\n- a\n  ciąg\n- b\n\n| x | y |\n| --- | --- |\n| 1 | 2 |\n"
    assert blocks(body) == [
        Block("# T", "heading"),
        Block("Akapit\ndalej.", "para"),
        Block("- a\n  ciąg", "item"),
        Block("- b", "item"),
        Block("| x | y |", "row"),
        Block("| --- | --- |", "row"),
        Block("| 1 | 2 |", "row"),
    ]


def test_words() -> None:
    assert words_diff("Termin 30 dni.", "Termin 14 dni.") == (
        Piece("same", "Termin "),
        Piece("del", "30"),
        Piece("ins", "14"),
        Piece("same", " dni."),
    )


def test_a_moved_section_is_a_move() -> None:
    old = "## A\n\nTekst A.\n\n## B\n\nTekst B.\n\n## C\n\nTekst C.\n"
    new = "## B\n\nTekst B.\n\n## C\n\nTekst C.\n\n## A\n\nTekst A.\n"
    red = redline(old, new)
    assert [(h.change, h.pieces[0].text) for h in red.changed] == [
        (MOVED_FROM, "## A"),
        (MOVED_FROM, "Tekst A."),
        (MOVED_TO, "## A"),
        (MOVED_TO, "Tekst A."),
    ]
    assert red.sections == ("A",)
    assert (red.words_added, red.words_removed, red.moved) == (0, 0, 2)


def test_changed_removed_added() -> None:
    red = redline(
        "Pierwszy akapit tekstu.\n\nDrugi.\n",
        "Pierwszy akapit nowego tekstu.\n\nTrzeci zupełnie inny.\n",
    )
    assert [h.change for h in red.changed] == [CHANGED, REMOVED, ADDED]
    assert red.empty is False
    assert redline("A.\n", "A.\n").empty


def test_fields_in_polish() -> None:
    old = {"deadline": {"days": 30}, "required_documents": ["Wniosek", "Dowód"], "public": True}
    new = {"deadline": {"kind": "miesiac"}, "required_documents": ["Dowód", "Pełnomocnictwo"]}
    assert [c.line() for c in field_changes(old, new, PROPS)] == [
        "Termin załatwienia: 30 dni → do 1 miesiąca",
        "Wymagane dokumenty: dodano „Pełnomocnictwo”; usunięto „Wniosek”",
        "Publikacja w BIP: tak → (brak)",
    ]
