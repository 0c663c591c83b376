"""Citations of Polish acts in the Journal of Laws (Dziennik Ustaw), as real registers write
them, and the one form qms prints: ``Dz.U. 2024 poz. 572`` and, for acts published before 2012
in numbered issues, ``Dz.U. 2006 nr 156 poz. 1118``. Pure.

Accepted variants (each normalises to the form above): spaces and dots written or left out
(``Dz. U.``, ``Dz.U.``), ``z 2006 r.`` or ``z 2006r.``, commas between the parts, ``Nr`` in
any case, several positions (``poz. 775, 1641`` or ``poz. 775 i 1641``), and the short form of
legal databases ``Dz.U. 04.92.880`` / ``Dz.U.2004.92.880`` (year, issue, position) or
``Dz.U.2024.572`` (year, position); a trailing ``ze zm.`` or ``z późn. zm.`` is dropped.
Two-digit years are 19xx, except 00–11 (2000–2011: issues were numbered until 2011).
"""

from __future__ import annotations

import re

_PREFIX = r"^\s*Dz\s*\.?\s*U\s*\.?\s*"
_POSITIONS = r"(?P<poz>\d+(?:\s*(?:,|\bi\b)\s*\d+)*)"
# "ze zm.", "z późn. zm.": the amendments belong in the entry's version, not in its citation
_AMENDED = r"\s*,?\s*(?:(?:ze\s*zm|z\s*późn\.?\s*zm)\s*\.?)?\s*\.?\s*$"
_LONG = re.compile(
    _PREFIX
    + r"(?:z\s*)?(?P<year>\d{4})\s*(?:r\s*\.?)?\s*,?\s*"
    + r"(?:nr\s*\.?\s*(?P<nr>\d+)\s*,?\s*)?"
    + r"poz\s*\.?\s*"
    + _POSITIONS
    + _AMENDED,
    re.IGNORECASE,
)
_SHORT = re.compile(
    _PREFIX + r"(?P<year>\d{2}|\d{4})\s*\.\s*(?:(?P<nr>\d+)\s*\.\s*)?(?P<poz>\d+)" + _AMENDED,
    re.IGNORECASE,
)
MAX_LENGTH = 200  # longer is no citation (and never reaches the patterns)
NUMBERED_ISSUES_UNTIL = 2011  # from 2012 the Journal of Laws has no issue numbers


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= NUMBERED_ISSUES_UNTIL - 2000 else 1900
    return year


def normalise_citation(citation: str) -> str | None:
    """The citation in qms's form, or None when it is not a Journal of Laws citation that can
    be read (``Dz. U. z 2006r., Nr 156, poz. 1118`` -> ``Dz.U. 2006 nr 156 poz. 1118``)."""
    if len(citation) > MAX_LENGTH:
        return None
    text = " ".join(citation.split())  # one space between words: the patterns stay linear
    match = _LONG.match(text) or _SHORT.match(text)
    if match is None:
        return None
    year = _year(match["year"])
    if not 1918 <= year <= 2999:
        return None
    positions = [int(p) for p in re.findall(r"\d+", match["poz"])]
    if any(p == 0 for p in positions) or (match["nr"] is not None and int(match["nr"]) == 0):
        return None
    issue = f" nr {int(match['nr'])}" if match["nr"] is not None else ""
    return f"Dz.U. {year}{issue} poz. {', '.join(str(p) for p in positions)}"
