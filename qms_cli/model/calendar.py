"""Dates the way the Code of Administrative Procedure (KPA) counts them. Pure.

- art. 57 § 1: a period in days starts the day after the event;
- art. 57 § 3: a period in months ends on the day of the month that corresponds to the start
  day, or on the last day of the month when there is no such day;
- art. 57 § 4: a period that would end on a Saturday or a public holiday ends on the next day
  that is neither (public holidays: ustawa z dnia 18 stycznia 1951 r. o dniach wolnych od pracy,
  with 24 December since 2025).
"""

from __future__ import annotations

import datetime as dt
import functools

from qms_cli.model.dates import add_months, as_date

parse_date = as_date  # one parser for every record date

_FIXED_HOLIDAYS = ((1, 1), (1, 6), (5, 1), (5, 3), (8, 15), (11, 1), (11, 11), (12, 25), (12, 26))


def easter(year: int) -> dt.date:
    """Easter Sunday (Gregorian calendar; the anonymous algorithm of Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)


@functools.cache
def public_holidays(year: int) -> frozenset[dt.date]:
    """Statutory days off work in Poland in ``year``."""
    days = {dt.date(year, month, day) for month, day in _FIXED_HOLIDAYS}
    if year >= 2025:
        days.add(dt.date(year, 12, 24))
    sunday = easter(year)
    days |= {sunday, sunday + dt.timedelta(days=1), sunday + dt.timedelta(days=49)}
    days.add(sunday + dt.timedelta(days=60))  # Corpus Christi
    return frozenset(days)


def is_day_off(day: dt.date) -> bool:
    """Saturday, Sunday or a public holiday."""
    return day.weekday() >= 5 or day in public_holidays(day.year)


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, else the next one (art. 57 § 4)."""
    while is_day_off(day):
        day += dt.timedelta(days=1)
    return day


def deadline_months(start: dt.date, months: int) -> dt.date:
    """The end of a period of ``months`` counted from ``start`` (art. 57 § 3 and § 4)."""
    return next_working_day(add_months(start, months))


def deadline_days(start: dt.date, days: int) -> dt.date:
    """The end of a period of ``days`` counted from ``start`` (art. 57 § 1 and § 4)."""
    return next_working_day(start + dt.timedelta(days=days))
