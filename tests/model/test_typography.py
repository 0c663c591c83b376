"""What the typography checks flag in a body, and what they leave alone (code, links, tags)."""

from __future__ import annotations

import pytest

from qms_cli.model.typography import bad_dates, orphans, polish_text, straight_quotes

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


NB, NBH = "\u00a0", "\u2011"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("z dnia 5 stycznia 2026 r.", f"z{NB}dnia 5{NB}stycznia 2026{NB}r."),
        ("opłata 17,00 zł za 30 dni", f"opłata 17,00{NB}zł za 30{NB}dni"),
        ("§ 9 i art. 35 § 3 pkt 2 ust. 4", f"§{NB}9 i{NB}art.{NB}35 §{NB}3 pkt{NB}2 ust.{NB}4"),
        ("Zarządzenie Nr 1/2026", f"Zarządzenie Nr{NB}1/2026"),
        ("Dz.U. 2024 poz. 107", f"Dz.U.{NB}2024 poz.{NB}107"),
        ("tel. 017 2765-002", f"tel. 017{NB}2765{NBH}002"),  # not the range 2765–002
        ("+48 13 465 65 00", f"+48{NB}13{NB}465{NB}65{NB}00"),
        ("nr rachunku 12 3456 7890 1234 5678 9012 3456", f"nr rachunku 12{NB}3456{NB}7890"
         f"{NB}1234{NB}5678{NB}9012{NB}3456"),
        ("w godz. 7.30-15.30, w latach 2020 - 2025", f"w{NB}godz.{NB}7.30–15.30, w{NB}latach "
         "2020–2025"),
        ("kwota 10000-20000 zł", f"kwota 10000–20000{NB}zł"),  # a range, not a phone
        ("kod 38-500 Sanok", "kod 38-500 Sanok"),
        ("art. 7a ust. 1", f"art.{NB}7a ust.{NB}1"),
    ],
)  # fmt: skip
def test_a_line_never_splits_a_number_from_what_it_counts(text: str, expected: str) -> None:
    """Issue 15: "2026 r.", "17,00 zł", "§ 9", "art. 35", phone and account numbers stay on
    one line on paper and on the BIP page; a telephone number keeps its hyphen."""
    assert polish_text(text) == expected


def test_polish_text_is_idempotent_on_its_own_output() -> None:
    text = "tel. 017 2765-002, 5 stycznia 2026 r., § 9, 7.30-15.30, 17,00 zł"
    once = polish_text(text)
    assert polish_text(once) == once
