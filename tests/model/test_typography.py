"""What the typography checks flag in a body, and what they leave alone (code, links, tags)."""

from __future__ import annotations

import pytest

from qms_cli.model.typography import bad_dates, orphans, straight_quotes

FENCE = "```\n"


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        ("Procedurę stosuje się w\nkażdej komórce.\n", [10]),
        ("Wniosek składa się\ni\nodbiera osobiście.\n", [11]),
        ("Dokument (a\nnie kopia).\n", [10]),
        ("Cytat „a\nresztą”.\n", [10]),
        ("Zgodnie z \t\nustawą.\n", [10]),  # trailing blanks do not hide it
        ("Ostatni wiersz kończy się na z", [10]),
        ("Nic tu nie wisi.\nAni tu.\n", []),
        ("Kolumna A\nw tabeli.\n", [10]),  # the rule cannot tell a label from a word
        ("Zob. plik `kod w`\ndalej.\n", []),  # inside inline code
        (f"{FENCE}a = w\n{FENCE}", []),  # inside a fenced block
        ("Zgodnie z `P-01`\ndalej.\n", []),  # code after the word: the line does not end on it
        ("Zob. [wzór](https://bip.example/?q= a)\ndalej.\n", []),  # inside a link target
    ],
)
def test_orphans(body: str, lines: list[int]) -> None:
    assert list(orphans(body, 10)) == lines


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("Obowiązuje od 05 marca 2026 r.\n", [(10, "05 marca 2026 r.")]),
        ("Do dnia 5 marca 2026 złożyć.\n", [(10, "5 marca 2026")]),
        (
            "Rok 2013r. był\ninny, a 12 marca 2013r. też.\n",
            [(10, "2013r."), (11, "12 marca 2013r.")],
        ),
        ("Dnia 28 lutego 2013 r. i 1 maja 2020 roku.\n", []),
        ("Terminy: 5 marca, 31 grudnia.\n", []),
        ("Numer 123 marca i x5 marca to nie daty; 12013r. też nie.\n", []),
        ("Sygnatura `05 marca 2026` w kodzie.\n", []),
        (f"{FENCE}05 marca\n{FENCE}", []),
        ("[zob.](https://bip.example/05 marca 2026) i <05 marca 2026>\n", []),
        ("Kod `x` i data 05 marca.\n", [(10, "05 marca")]),  # code elsewhere: still found
    ],
)
def test_bad_dates(body: str, found: list[tuple[int, str]]) -> None:
    assert list(bad_dates(body, 10)) == found


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ('Tak zwany "obieg dokumentów".\n', [(10, '"obieg dokumentów"')]),
        ('Pierwszy\ni "drugi".\n', [(11, '"drugi"')]),
        ("Tak zwany „obieg dokumentów”.\n", []),
        ('Atrybut `class="x"` w kodzie.\n', []),
        ('<a href="x">link</a>\n', []),
    ],
)
def test_straight_quotes(body: str, found: list[tuple[int, str]]) -> None:
    assert list(straight_quotes(body, 10)) == found
