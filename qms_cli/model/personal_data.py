"""What looks like personal data in a record that must hold none (RODO art. 5 ust. 1 lit. c
i f, art. 32): the complaint register keeps the EZD case reference, dates, category, unit and
outcome; the complainant's name, address, PESEL, e-mail or phone belong to the case in EZD.
Pure.

Keys are judged by name (``name``, ``imie``, ``adres``, ``pesel`` …, with or without Polish
letters), values by their shape: a PESEL with a valid check digit, an e-mail address, a Polish
phone number, a street address (``ul. Lipowa 7``). The patterns err on the side of asking:
a clerk who meets a false alarm rewrites the text without the number or the street.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

Pointer = tuple[str | int, ...]

_KEY_WORDS = {
    "name": "imię i nazwisko",
    "imie": "imię",
    "nazwisko": "nazwisko",
    "imie-i-nazwisko": "imię i nazwisko",
    "first-name": "imię",
    "last-name": "nazwisko",
    "surname": "nazwisko",
    "adres": "adres",
    "address": "adres",
    "pesel": "PESEL",
    "email": "adres e-mail",
    "e-mail": "adres e-mail",
    "mail": "adres e-mail",
    "telefon": "numer telefonu",
    "tel": "numer telefonu",
    "phone": "numer telefonu",
    "complainant": "dane wnoszącego",
    "wnoszacy": "dane wnoszącego",
}

_PESEL = re.compile(r"(?<!\d)\d{11}(?!\d)")
_PESEL_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?<![\w.])(?:\+48[ -]?|0048[ -]?)?"
    r"(?:\d{3}[ -]\d{3}[ -]\d{3}|\(?\d{2}\)?[ -]\d{3}[ -]\d{2}[ -]\d{2}|\d{9})(?![\w])"
)
_STREET = re.compile(
    r"(?<![\w])(?:ul|al|os|pl)\.\s*[A-ZŁŚŻŹĆŃÓĘĄ0-9][\w.ąćęłńóśźżĄĆĘŁŃÓŚŹŻ-]*"
    r"(?:\s+[\w.ąćęłńóśźżĄĆĘŁŃÓŚŹŻ-]+){0,3}?\s+\d+[a-zA-Z]?(?:/\d+)?",
)
_POSTCODE = re.compile(r"(?<![\d-])\d{2}-\d{3}(?![\d-])\s+[A-ZŁŚŻŹĆŃÓ]")


@dataclass(frozen=True)
class Suspect:
    pointer: Pointer
    what: str  # Polish: "PESEL", "adres e-mail" …
    in_key: bool  # the key's name, not its value


def _plain(text: str) -> str:
    """Lower case, no Polish letters, ``_`` and spaces as ``-``: ``Imię_i nazwisko`` ->
    ``imie-i-nazwisko``."""
    folded = unicodedata.normalize("NFKD", text.lower().replace("ł", "l"))
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[\s_]+", "-", ascii_only.strip())


def key_kind(key: str) -> str | None:
    """What a key named like this would hold, when that is personal data."""
    return _KEY_WORDS.get(_plain(key))


def valid_pesel(digits: str) -> bool:
    if len(digits) != 11 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits, _PESEL_WEIGHTS, strict=False))
    return (10 - total % 10) % 10 == int(digits[10])


def value_kind(text: str) -> str | None:
    """What personal data a text holds, by shape; None when it holds none we can see."""
    if any(valid_pesel(m.group(0)) for m in _PESEL.finditer(text)):
        return "PESEL"
    if _EMAIL.search(text):
        return "adres e-mail"
    if _PHONE.search(text):
        return "numer telefonu"
    if _STREET.search(text) or _POSTCODE.search(text):
        return "adres"
    return None


def suspects(data: Any, pointer: Pointer = ()) -> Iterator[Suspect]:
    """Every key and string value under ``data`` that looks like personal data."""
    if isinstance(data, dict):
        for key, value in data.items():
            here = (*pointer, str(key))
            what = key_kind(str(key))
            if what is not None:
                yield Suspect(here, what, in_key=True)
                continue
            yield from suspects(value, here)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from suspects(item, (*pointer, index))
    elif isinstance(data, str):
        what = value_kind(data)
        if what is not None:
            yield Suspect(pointer, what, in_key=False)
