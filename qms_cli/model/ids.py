"""Ids and numbering patterns (``P-{n:02}``, ``KU-{unit}-{n:02}``, ``Z-{year}-{n:02}``)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

ID_RE = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")
_FIELD_RE = re.compile(r"\{(n|unit|year)(?::0?(\d+))?\}")


def is_valid_id(value: object) -> bool:
    return isinstance(value, str) and ID_RE.fullmatch(value) is not None


@functools.cache
def pattern_regex(pattern: str) -> re.Pattern[str]:
    """A regex that matches the ids a numbering pattern produces; group ``n`` is the number."""
    out: list[str] = []
    pos = 0
    for match in _FIELD_RE.finditer(pattern):
        out.append(re.escape(pattern[pos : match.start()]))
        name = match.group(1)
        if name == "n":
            out.append(r"(?P<n>\d+)")
        elif name == "year":
            out.append(r"(?P<year>\d{4})")
        else:
            out.append(r"(?P<unit>[A-Z0-9]+)")
        pos = match.end()
    out.append(re.escape(pattern[pos:]))
    return re.compile("".join(out))


def pattern_fields(pattern: str) -> set[str]:
    return {m.group(1) for m in _FIELD_RE.finditer(pattern)}


def format_id(pattern: str, n: int, unit: str | None = None, year: int | None = None) -> str:
    def repl(match: re.Match[str]) -> str:
        name, width = match.group(1), match.group(2)
        if name == "n":
            return str(n).zfill(int(width)) if width else str(n)
        if name == "year":
            return str(year)
        return unit or ""

    return _FIELD_RE.sub(repl, pattern)


def next_id(
    pattern: str, existing: Iterable[str], unit: str | None = None, year: int | None = None
) -> str:
    """The next free id: one more than the highest number in use for the same unit and year."""
    regex = pattern_regex(pattern)
    if "n" not in pattern_fields(pattern):
        candidate = format_id(pattern, 0, unit, year)
        return candidate
    highest = 0
    for value in existing:
        match = regex.fullmatch(value)
        if not match:
            continue
        groups = match.groupdict()
        if unit is not None and groups.get("unit") not in (None, unit):
            continue
        if year is not None and groups.get("year") not in (None, str(year)):
            continue
        highest = max(highest, int(groups["n"]))
    return format_id(pattern, highest + 1, unit, year)
