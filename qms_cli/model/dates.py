"""Calendar helpers for records: ISO dates as YAML gives them, month arithmetic."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any


def as_date(value: Any) -> dt.date | None:
    """A date from a record value (``"2027-03-12"`` or a date object); None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months; the 31st becomes the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_iso(text: str) -> dt.date:
    """A date the user typed (``2027-03-12``); ValueError with a Polish message otherwise."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"„{text}” nie jest datą w postaci RRRR-MM-DD") from None


def days_pl(count: int) -> str:
    """``1 dzień``, ``2 dni``, ``15 dni``."""
    return "1 dzień" if count == 1 else f"{count} dni"
