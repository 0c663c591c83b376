"""What a clerk needs to hear when a value is not what qms expected: the invisible characters
Word leaves in pasted text, named and placed ("twarda spacja (U+00A0) w kolumnie 14"), and
for an unknown id the known ids it most resembles ("czy chodziło o PR-04?"). Pure."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# characters that look like a space, or like nothing, or like a plain quote
INVISIBLE: dict[str, str] = {
    "\u00a0": "twarda spacja",
    "\u202f": "wąska twarda spacja",
    "\u2007": "spacja cyfrowa",
    "\u2009": "wąska spacja",
    "\u200a": "bardzo wąska spacja",
    "\u2002": "półpauzowa spacja",
    "\u2003": "pauzowa spacja",
    "\u200b": "znak o zerowej szerokości",
    "\u200c": "rozdzielacz o zerowej szerokości",
    "\u200d": "łącznik o zerowej szerokości",
    "\u2060": "łącznik słów",
    "\ufeff": "znacznik BOM",
    "\u00ad": "miękki dywiz",
    "\u2028": "separator wierszy",
    "\u2029": "separator akapitów",
    "\t": "znak tabulacji",
}
TYPOGRAPHIC: dict[str, str] = {
    "\u201e": "cudzysłów drukarski „",
    "\u201d": "cudzysłów drukarski ”",
    "\u201c": "cudzysłów drukarski “",
    "\u2019": "apostrof drukarski ’",
    "\u2018": "apostrof drukarski ‘",
}


def odd_characters(text: str, typographic: bool = False) -> list[tuple[int, str]]:
    """(1-based column, description) of every invisible character in ``text`` (and of the
    typographic quotes, when they would break YAML syntax)."""
    table = {**INVISIBLE, **(TYPOGRAPHIC if typographic else {})}
    return [
        (column, f"{table[char]} (U+{ord(char):04X})")
        for column, char in enumerate(text, start=1)
        if char in table
    ]


def describe_odd(text: str, typographic: bool = False) -> str:
    """``"twarda spacja (U+00A0) w kolumnie 14"`` for the characters of one line or value; ""
    when there are none."""
    found = odd_characters(text, typographic)
    if not found:
        return ""
    parts = [f"{what} w kolumnie {column}" for column, what in found[:3]]
    more = f" i {len(found) - 3} innych" if len(found) > 3 else ""
    return ", ".join(parts) + more


def unknown_value_hint(value: str, known: Iterable[str]) -> str:
    """Why ``value`` is not among ``known``, when it can be told: an invisible character in it
    (a plain id with it would match), or the ids it most resembles. Starts with " — "."""
    odd = odd_characters(value)
    if odd:
        where = "na końcu" if odd[-1][0] == len(value) else f"w kolumnie {odd[0][0]}"
        return f" — w wartości jest {odd[0][1]} {where} (niewidoczny znak, usuń go)"
    close = difflib.get_close_matches(value, sorted(set(known)), n=3, cutoff=0.6)
    if close:
        return " — czy chodziło o " + " albo ".join(close) + "?"
    return ""
