"""Polish typography: what the checks flag in the source and what rendering applies.

The source is never rewritten: checks report, renderers apply ``polish_text`` to a copy.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
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

_ORPHAN_INLINE = re.compile(rf"(?<![\w\u00a0])([{ONE_LETTER_WORDS}]) +(?=\S)")
_MONTH_ALT = "|".join(MONTHS_GENITIVE)
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]+)"')
_NUMBER_RANGE = re.compile(
    r"(?<![\d.:/-])(\d{1,2}[.:]\d{2}|\d+)( ?)-( ?)(\d{1,2}[.:]\d{2}|\d+)(?![\d/-]|[.:]\d)"
)
_POSTAL_CODE = re.compile(r"\d{2}-\d{3}")
# what a line may not split (Polish typesetting): a number and what it counts ("2026 r.",
# "17,00 zł", "30 dni", "5 stycznia"), an abbreviation and its number ("§ 9", "art. 35",
# "ust. 2", "pkt 3", "poz. 107", "Nr 1/2026"), and digit groups of a telephone or account number
_UNIT_AFTER = re.compile(
    rf"(?<=\d) (?=(?:r\.|roku|zł|gr|dni|dnia|tys\.|mln|%|godz\.|min\.?|km|m²|ha|"
    rf"{_MONTH_ALT})(?!\w))"
)
_NUMBER_AFTER = re.compile(
    r"(?<![\w.])(§§?|art\.|ust\.|pkt|lit\.|poz\.|nr|Nr|str\.|s\.|z\.|Dz\.U\.|Dz\. U\.|godz\.) "
    r"(?=\d|[a-z]\))"
)
_DIGIT_GROUPS = re.compile(r"(?<![\w,.])\+?\d[\d -]{7,}\d(?![\w]|,\d)")
_NB_HYPHEN = "\u2011"


def format_date_pl(value: dt.date | str) -> str:
    """``2013-02-28`` -> ``28 lutego 2013 r.``"""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} r."


def polish_time(moment: dt.datetime) -> dt.datetime:
    """The moment in Polish time (Europe/Warsaw): what an office and a citizen read, whatever
    zone git recorded (an author abroad, a CI runner on UTC); never the machine's zone. A naive
    moment is taken as it is."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment
    return moment.astimezone(_warsaw())


@functools.cache
def _warsaw() -> dt.tzinfo:
    try:
        return zoneinfo.ZoneInfo("Europe/Warsaw")
    except zoneinfo.ZoneInfoNotFoundError:  # no time zone database: Polish standard time
        return dt.timezone(dt.timedelta(hours=1), "CET")


def format_datetime_pl(moment: dt.datetime) -> str:
    """``2026-01-05T13:05+00:00`` -> ``5 stycznia 2026 r., godz. 14:05`` (Polish time)."""
    local = polish_time(moment)
    return f"{format_date_pl(local.date())}, godz. {local.hour}:{local.minute:02d}"


_FENCE = re.compile(r"^[ \t]*(```|~~~).*?(?:^[ \t]*\1[^\n]*$|\Z)", re.MULTILINE | re.DOTALL)
_MASKED = re.compile(r"`[^`\n]*`|\]\([^)\n]*\)|<[^>\n]*>")
_MONTH_TAIL = re.compile(rf" (?:{_MONTH_ALT})(?P<year> \d{{4}})?(?P<suffix>\s*r\.|\s*roku)?")
# where a date can be wrong: a day with a zero, or a year without " r." (no "r." or glued);
# the search starts at a literal, a space, so it runs at the speed of a string search
_SUSPECT_MONTH = re.compile(
    rf" (?<=\d )(?:(?<=0 )(?:{_MONTH_ALT})|(?<=0\d )(?:{_MONTH_ALT})"
    rf"|(?:{_MONTH_ALT}) \d{{4}}(?!\s+r\.|\s*roku))"
)
_GLUED_YEAR = re.compile(r"r\.(?<=\dr\.)")
_ONE_LETTER = frozenset(ONE_LETTER_WORDS)
_DATE_CANDIDATE = re.compile(
    rf"\b\d(?:(?P<day>\d?) (?:{_MONTH_ALT})(?P<year> \d{{4}})?(?P<suffix>\s*r\.|\s*roku)?"
    r"|\d{3}r\.)"
)


def _blank(match: re.Match[str]) -> str:
    """Replace a match by spaces, keeping its newlines (so offsets and lines stay)."""
    return re.sub(r"[^\n]", " ", match.group(0))


@functools.lru_cache(maxsize=8)
def masked_prose(body: str) -> str:
    """``body`` with fenced code, inline code and link targets blanked out, so they are never
    flagged; same length and same line breaks as ``body``."""
    if not _maskable(body):
        return body
    if "```" in body or "~~~" in body:
        body = _FENCE.sub(_blank, body)
    return _MASKED.sub(_blank, body)


def _line_of(text: str, offset: int, first_line: int) -> int:
    return first_line + text.count("\n", 0, offset)


def _maskable(body: str) -> bool:
    """Whether ``masked_prose`` could change ``body`` (code, link targets, tags)."""
    return "`" in body or "~~~" in body or "](" in body or "<" in body


# The checks below look at the raw text first, with searches that start at a literal (fast in
# ``re``), and mask code and links only when the raw text has something to report: most
# documents have nothing, and masking every body costs more than all the checks together.


def orphans(body: str, first_line: int = 1) -> Iterator[int]:
    """Lines that end with a one-letter word (a, i, o, u, w, z): a ``sierotka``. A line that
    ends with code or a link after the word (``w `P-01` ``) is not one."""
    raw = _orphan_lines(body)
    if raw and _maskable(body):
        raw = raw.intersection(_orphan_lines(masked_prose(body)))
    for offset in sorted(raw):
        yield first_line + offset


def _orphan_lines(text: str) -> set[int]:
    found = set()
    for offset, line in enumerate(text.split("\n")):
        end = line.rstrip() if line[-1:] in " \t" else line
        if end[-1:] in _ONE_LETTER and (len(end) == 1 or end[-2] in " \t(„"):
            found.add(offset)
    return found


def bad_dates(body: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """Dates against the Polish convention ("28 lutego 2013 r."): (line, text)."""
    found = _bad_dates(body)
    if found and _maskable(body):
        body = masked_prose(body)
        found = _bad_dates(body)
    for offset, text in found:
        yield _line_of(body, offset, first_line), text


def _bad_dates(text: str) -> list[tuple[int, str]]:
    """What ``_DATE_CANDIDATE.finditer`` flags, without running it over every character: a
    candidate is a day before a month name or a year glued to "r.", so the searches start at
    the month (after a space) and at "r."; the day is then read backwards."""
    candidates = [_day_month(text, m.start()) for m in _SUSPECT_MONTH.finditer(text)]
    candidates += [_glued_year(text, m.start()) for m in _GLUED_YEAR.finditer(text)]
    found: list[tuple[int, str]] = []
    end = 0
    for candidate in sorted(c for c in candidates if c is not None):
        start, stop, bad = candidate
        if start >= end:  # as finditer: a candidate inside the previous one is not one
            end = stop
            if bad:
                found.append((start, text[start:stop]))
    return found


def _day_month(text: str, space: int) -> tuple[int, int, bool] | None:
    """``5 marca 2026`` (no "r."), ``05 marca``, ``5 marca 2026r.`` are bad; a day must start
    at a word boundary (``x5 marca`` and ``123 marca`` are no dates)."""
    match = _MONTH_TAIL.match(text, space)
    if match is None:
        return None
    start = space - 2 if space >= 2 and text[space - 2].isdecimal() else space - 1
    if start > 0 and _is_word(text[start - 1]):
        return None
    year, suffix = match.group("year"), match.group("suffix")
    glued = year is not None and suffix == "r."
    leading_zero = text[start] == "0"
    no_suffix = year is not None and suffix is None
    return start, match.end(), glued or leading_zero or no_suffix


def _glued_year(text: str, r_dot: int) -> tuple[int, int, bool] | None:
    """``2013r.``: four digits at a word boundary, glued to "r."."""
    start = r_dot - 4
    if start < 0 or not text[start:r_dot].isdecimal() or (start and _is_word(text[start - 1])):
        return None
    return start, r_dot + 2, True


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def straight_quotes(body: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """Text in straight double quotes, which Polish writes as „…”: (line, text)."""
    if '"' not in body:
        return
    text = masked_prose(body) if _maskable(body) else body
    for match in _STRAIGHT_QUOTES.finditer(text):
        yield _line_of(text, match.start(), first_line), match.group(0)


def format_timestamp_pl(moment: dt.datetime) -> str:
    """A signature's moment to the second in Polish time with its zone, as 21 CFR 11.50 asks:
    ``12 marca 2026 r., godz. 14:03:05 (czas polski, UTC+01:00)``; never the local clock's."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("format_timestamp_pl needs a timezone-aware datetime")
    local = polish_time(moment)
    offset = local.strftime("%z")
    zone = f"czas polski, UTC{offset[:3]}:{offset[3:5]}"
    return f"{format_date_pl(local.date())}, godz. {local:%H:%M:%S} ({zone})"


def fix_dates(text: str) -> str:
    """Write dates the Polish way (what ``bad_dates`` flags): ``28 lutego 2013`` and ``2013r.``
    become ``… 2013 r.``, ``05 marca`` becomes ``5 marca``."""
    parts: list[str] = []
    end = 0
    for start, found in _bad_dates(text):  # a good date would come out as it is
        match = _DATE_CANDIDATE.match(text, start)
        assert match is not None and match.group(0) == found
        parts += (text[end:start], _fixed_date(match))
        end = start + len(found)
    return "".join(parts) + text[end:] if parts else text


def _fixed_date(match: re.Match[str]) -> str:
    found = match.group(0)
    if match.group("day") is None:  # the year glued to "r.": "2013r."
        return found[:-2] + " r."
    if match.group("day") and found.startswith("0"):  # "05 marca"
        found = found[1:]
    if match.group("year") is not None and match.group("suffix") is None:
        found += " r."
    return found


@functools.lru_cache(maxsize=16384)  # a site repeats its labels and phrases on every page
def polish_text(text: str) -> str:
    """Apply Polish typography to prose for rendering: „quotes”, no one-letter word at a line
    end (non-breaking space after it), en dash in number ranges, dates as "28 lutego 2013 r."."""
    text = fix_dates(text)
    text = _STRAIGHT_QUOTES.sub(lambda m: f"„{m.group(1)}”", text)
    text = _ORPHAN_INLINE.sub(lambda m: m.group(1) + NBSP, text)
    text = _DIGIT_GROUPS.sub(_unbroken_number, text)
    text = _NUMBER_RANGE.sub(_range_dash, text)
    text = _UNIT_AFTER.sub(NBSP, text)
    return _NUMBER_AFTER.sub(lambda m: m.group(1) + NBSP, text)


def _unbroken_number(match: re.Match[str]) -> str:
    """A telephone or account number ("017 2765-002", "+48 13 465 65 00", 26 digits in
    groups) stays on one line and keeps its hyphen (never an en dash of a range)."""
    found = match.group(0)
    digits = sum(c.isdigit() for c in found)
    grouped = " " in found or found[0] in "0+" or found.count("-") > 1
    if digits < 9 or not grouped or "  " in found:
        return found
    return found.replace(" ", NBSP).replace("-", _NB_HYPHEN)


def _range_dash(match: re.Match[str]) -> str:
    """``10-15`` and ``7.30-15.30`` take an en dash; postal codes (``00-950``) keep the hyphen."""
    if _POSTAL_CODE.fullmatch(match.group(0)):
        return match.group(0)
    return f"{match.group(1)}–{match.group(4)}"
