"""Citations of Polish legal acts as real registers write them, and the one form qms prints.
Pure.

Three official journals an office cites (Dz.U. 2019 poz. 1461, ustawa o ogłaszaniu aktów
normatywnych, art. 8–13):

- the Journal of Laws, ``Dz.U. 2024 poz. 572`` (ustawy, rozporządzenia);
- Monitor Polski, ``M.P. 2024 poz. 10`` (uchwały Rady Ministrów, obwieszczenia);
- the voivodeship's official journal, ``Dz. Urz. Woj. Podkarpackiego 2024 poz. 1234`` (akty
  prawa miejscowego: uchwały rady gminy, rady powiatu, sejmiku, zarządzenia wojewody).

Acts published before 2012 in numbered issues keep the issue: ``Dz.U. 2006 nr 156 poz. 1118``.

Accepted variants (each normalises to the form above): spaces and dots written or left out
(``Dz. U.``, ``Dz.U.``, ``M. P.``, ``Dz.Urz.Woj.``), ``Monitor Polski`` written out,
``z 2006 r.`` or ``z 2006r.``, commas between the parts, ``Nr`` in any case, several positions
(``poz. 775, 1641`` or ``poz. 775 i 1641``), the short form of legal databases
``Dz.U. 04.92.880`` / ``Dz.U.2004.92.880`` (year, issue, position) or ``Dz.U.2024.572`` (year,
position), and the voivodeship written out or abbreviated as legal databases do (``Wlkp.``,
``Podk.``, ``Śl.`` …); a trailing ``ze zm.`` or ``z późn. zm.`` is dropped. Two-digit years
are 19xx, except 00–11 (2000–2011: issues were numbered until 2011).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

JOURNAL_OF_LAWS = "Dz.U."
MONITOR = "M.P."
VOIVODESHIP = "Dz. Urz. Woj."

# the sixteen voivodeships (genitive, as the journal's title has them) and the abbreviations
# legal databases use (LEX, Legalis); ambiguous ones ("Lub.") are left out
VOIVODESHIPS: dict[str, tuple[str, ...]] = {
    "Dolnośląskiego": ("Dolnośl.", "Doln."),
    "Kujawsko-Pomorskiego": ("Kuj.-Pom.",),
    "Lubelskiego": ("Lubel.",),
    "Lubuskiego": ("Lubus.",),
    "Łódzkiego": ("Łódz.", "Łódzk."),
    "Małopolskiego": ("Małop.", "Małopol."),
    "Mazowieckiego": ("Maz.", "Mazow."),
    "Opolskiego": ("Opol.",),
    "Podkarpackiego": ("Podk.", "Podkarp."),
    "Podlaskiego": ("Podl.", "Podlas."),
    "Pomorskiego": ("Pom.",),
    "Śląskiego": ("Śl.", "Śląsk."),
    "Świętokrzyskiego": ("Święt.", "Świętokrz."),
    "Warmińsko-Mazurskiego": ("Warm.-Maz.",),
    "Wielkopolskiego": ("Wlkp.", "Wielkop."),
    "Zachodniopomorskiego": ("Zach.-Pom.", "Zachodniopom."),
}


def _squash(name: str) -> str:
    """A voivodeship's name or abbreviation as a key: lower case, no dots, spaces or dashes."""
    return re.sub(r"[\s.\-–]", "", name).lower()


_VOIVODESHIP_KEYS = {
    _squash(spelling): name
    for name, abbreviations in VOIVODESHIPS.items()
    for spelling in (name, *abbreviations)
}

_DZU = r"Dz\s*\.?\s*U\s*\.?"
_MP = r"(?:M\s*\.?\s*P\s*\.?|Monitor\s+Polski)"
_DZURZ = r"Dz\s*\.?\s*Urz\s*\.?\s*Woj\s*\.?\s*(?P<woj>[^\W\d_][\w.\-–\s]*?)\s*\.?"
_POSITIONS = r"(?P<poz>\d+(?:\s*(?:,|\bi\b)\s*\d+)*)"
# "ze zm.", "z późn. zm.": the amendments belong in the entry's version, not in its citation
_AMENDED = r"\s*,?\s*(?:(?:ze\s*zm|z\s*późn\.?\s*zm)\s*\.?)?\s*\.?\s*$"
_LONG_TAIL = (
    r"\s*,?\s*(?:z\s*)?(?P<year>\d{4})\s*(?:r\s*\.?)?\s*,?\s*"
    + r"(?:nr\s*\.?\s*(?P<nr>\d+)\s*,?\s*)?"
    + r"poz\s*\.?\s*"
    + _POSITIONS
    + _AMENDED
)
_SHORT_TAIL = r"\s*(?P<year>\d{2}|\d{4})\s*\.\s*(?:(?P<nr>\d+)\s*\.\s*)?(?P<poz>\d+)" + _AMENDED
_PATTERNS = [
    (journal, re.compile(r"^\s*" + prefix + tail, re.IGNORECASE))
    for journal, prefix in ((VOIVODESHIP, _DZURZ), (JOURNAL_OF_LAWS, _DZU), (MONITOR, _MP))
    for tail in (_LONG_TAIL, _SHORT_TAIL)
]
MAX_LENGTH = 200  # longer is no citation (and never reaches the patterns)
NUMBERED_ISSUES_UNTIL = 2011  # from 2012 the journals have no issue numbers


@dataclass(frozen=True)
class Citation:
    journal: str  # JOURNAL_OF_LAWS | MONITOR | VOIVODESHIP
    text: str  # the one form qms prints


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= NUMBERED_ISSUES_UNTIL - 2000 else 1900
    return year


def _journal_title(journal: str, voivodeship: str | None) -> str | None:
    if journal != VOIVODESHIP:
        return journal
    name = _VOIVODESHIP_KEYS.get(_squash(voivodeship or ""))
    return f"{VOIVODESHIP} {name}" if name else None


def read_citation(citation: str) -> Citation | None:
    """The citation's journal and its form in qms, or None when it is no citation of the three
    journals that can be read."""
    if len(citation) > MAX_LENGTH:
        return None
    text = " ".join(citation.split())  # one space between words: the patterns stay linear
    for journal, pattern in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        title = _journal_title(journal, match.groupdict().get("woj"))
        year = _year(match["year"])
        if title is None or not 1918 <= year <= 2999:
            return None
        positions = [int(p) for p in re.findall(r"\d+", match["poz"])]
        if any(p == 0 for p in positions) or (match["nr"] is not None and int(match["nr"]) == 0):
            return None
        issue = f" nr {int(match['nr'])}" if match["nr"] is not None else ""
        return Citation(
            journal, f"{title} {year}{issue} poz. {', '.join(str(p) for p in positions)}"
        )
    return None


def normalise_citation(citation: str) -> str | None:
    """The citation in qms's form, or None when it cannot be read
    (``Dz. U. z 2006r., Nr 156, poz. 1118`` -> ``Dz.U. 2006 nr 156 poz. 1118``)."""
    found = read_citation(citation)
    return found.text if found is not None else None
