"""Polish typography: what the checks flag in the source and what rendering applies.

The source is never rewritten: checks report, renderers apply ``polish_text`` to a copy.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

NBSP = "\u00a0"
ONE_LETTER_WORDS = "aiouwzAIOUWZ"

MONTHS_GENITIVE = (
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
)

_ORPHAN_AT_END = re.compile(rf"(?:^|[\s(„])([{ONE_LETTER_WORDS}])[ \t]*$")
_ORPHAN_INLINE = re.compile(rf"(?<![\w\u00a0])([{ONE_LETTER_WORDS}]) +(?=\S)")
_MONTH_ALT = "|".join(MONTHS_GENITIVE)
_DATE_NO_R = re.compile(rf"\b(\d{{1,2}}) ({_MONTH_ALT}) (\d{{4}})(?!\s*r\.)(?!\s*roku)")
_DATE_R_GLUED = re.compile(r"\b(\d{4})r\.")
_DATE_LEADING_ZERO = re.compile(rf"\b0(\d) ({_MONTH_ALT})\b")
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]+)"')
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<[^>\n]*>")
_NUMBER_RANGE = re.compile(
    r"(?<![\d.:/-])(\d{1,2}[.:]\d{2}|\d+)( ?)-( ?)(\d{1,2}[.:]\d{2}|\d+)(?![\d/-]|[.:]\d)"
)
_POSTAL_CODE = re.compile(r"\d{2}-\d{3}")


def format_date_pl(value: dt.date | str) -> str:
    """``2013-02-28`` -> ``28 lutego 2013 r.``"""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} r."


def prose_lines(body: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """Lines of Markdown prose with their file line numbers, skipping fenced code blocks and
    masking inline code and link targets (so they are never flagged)."""
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        stripped = line.lstrip()
        if fence is None and stripped[:3] in ("```", "~~~"):
            fence = stripped[:3]
            continue
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        masked = _INLINE_CODE.sub(lambda m: " " * len(m.group()), line)
        masked = _LINK_TARGET.sub(lambda m: " " * len(m.group()), masked)
        yield first_line + offset, masked


def orphan_at_line_end(line: str) -> bool:
    """True when the line ends with a one-letter word (a, i, o, u, w, z): a ``sierotka``."""
    return _ORPHAN_AT_END.search(line.rstrip("\r")) is not None


def bad_dates(line: str) -> list[str]:
    """Date spellings against the Polish convention ("28 lutego 2013 r.")."""
    found = [m.group(0) for m in _DATE_NO_R.finditer(line)]
    found += [m.group(0) for m in _DATE_R_GLUED.finditer(line)]
    found += [m.group(0) for m in _DATE_LEADING_ZERO.finditer(line)]
    return found


def straight_quotes(line: str) -> list[str]:
    """Text in straight double quotes, which Polish writes as „…”."""
    return [m.group(0) for m in _STRAIGHT_QUOTES.finditer(line)]


def format_datetime_pl(value: dt.datetime) -> str:
    """A timezone-aware moment in its own offset: ``12 marca 2026 r., 14:03:05 (UTC+01:00)``.

    The offset is the one recorded with the moment (e.g. by git), never the local clock's.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("format_datetime_pl needs a timezone-aware datetime")
    offset = value.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:5]}"
    return f"{format_date_pl(value.date())}, {value:%H:%M:%S} ({zone})"


def fix_dates(text: str) -> str:
    """Write dates the Polish way: ``28 lutego 2013`` and ``2013r.`` become ``… 2013 r.``,
    ``05 marca`` becomes ``5 marca`` (what the typography check flags)."""
    text = _DATE_LEADING_ZERO.sub(lambda m: f"{m.group(1)} {m.group(2)}", text)
    text = _DATE_R_GLUED.sub(lambda m: f"{m.group(1)} r.", text)
    return _DATE_NO_R.sub(lambda m: f"{m.group(0)} r.", text)


def polish_text(text: str) -> str:
    """Apply Polish typography to prose for rendering: „quotes”, no one-letter word at a line
    end (non-breaking space after it), en dash in number ranges, dates as "28 lutego 2013 r."."""
    text = fix_dates(text)
    text = _STRAIGHT_QUOTES.sub(lambda m: f"„{m.group(1)}”", text)
    text = _ORPHAN_INLINE.sub(lambda m: m.group(1) + NBSP, text)
    return _NUMBER_RANGE.sub(_range_dash, text)


def _range_dash(match: re.Match[str]) -> str:
    """``10-15`` and ``7.30-15.30`` take an en dash; postal codes (``00-950``) keep the hyphen."""
    if _POSTAL_CODE.fullmatch(match.group(0)):
        return match.group(0)
    return f"{match.group(1)}–{match.group(4)}"
