"""Placeholders: what the user still has to write. Pure functions, no I/O.

One recognisable form, ``⟦do uzupełnienia: …⟧`` (``qms init`` writes it wherever a fact of the
office is not known yet). The plain phrase "do uzupełnienia" that the skeletons of ``qms new``
carry ("Do uzupełnienia.", "Do uzupełnienia: czemu służy procedura.", a YAML value
``do uzupełnienia``) counts as a placeholder too, when nothing follows it but punctuation or
the end of the line: "wzywa do uzupełnienia braków" is ordinary Polish.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

OPEN, CLOSE = "⟦", "⟧"
PHRASE = "do uzupełnienia"
_PLACEHOLDER = re.compile(
    rf"{OPEN}[^{CLOSE}\n]*{CLOSE}?|\b[Dd]o uzupełnienia(?=[ \t]*(?:$|[,.:;|\]}})\"'”]))"
)


def placeholder(what: str) -> str:
    """The placeholder for a fact still to be written: ``⟦do uzupełnienia: what⟧``."""
    return f"{OPEN}{PHRASE}: {what}{CLOSE}"


def contains(text: str) -> bool:
    return _PLACEHOLDER.search(text) is not None


def find(text: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(line number, placeholder text) of every placeholder in ``text``, whose first line is
    ``first_line`` of its file."""
    for offset, line in enumerate(text.split("\n")):
        for match in _PLACEHOLDER.finditer(line):
            yield first_line + offset, match.group(0)
