"""``qms due --format ics``: an iCalendar file (RFC 5545), one all-day VEVENT per duty. Pure.

Deterministic: UIDs come from the duty (kind, source file, key), DTSTAMP from the day the list
was made for (the pinned "today"), so the same repository on the same day gives the same
bytes. Lines end with CRLF and are folded at 75 octets without splitting a UTF-8 character.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from qms_cli.model.due import DueItem, when_pl

LIMIT = 75  # octets per line, CRLF excluded (RFC 5545 3.1)


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """One content line folded into lines of at most 75 octets joined by CRLF + space."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        # continuation lines begin with a space, which counts towards their 75 octets
        if size + width > LIMIT:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def _date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def calendar(items: Iterable[DueItem], today: dt.date, office: str) -> str:
    stamp = f"{_date(today)}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//qms//qms due//PL",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape('Terminy SZJ – ' + office if office else 'Terminy SZJ')}",
    ]
    for item in items:
        details = [
            f"Rodzaj: {item.kind_pl}",
            f"Odpowiada: {item.owner or '–'}",
            f"Plik: {item.source}",
            f"Stan na {today.isoformat()}: {when_pl(item, today)}",
        ]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{item.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_date(item.due)}",
            f"DTEND;VALUE=DATE:{_date(item.due + dt.timedelta(days=1))}",
            f"SUMMARY:{escape(item.title)}",
            f"DESCRIPTION:{escape(chr(10).join(details))}",
            f"CATEGORIES:{escape(item.kind_pl)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
