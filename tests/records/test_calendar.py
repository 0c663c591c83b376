"""KPA periods (art. 57) with Polish public holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from qms_cli.model.calendar import (
    deadline_days,
    deadline_months,
    easter,
    is_day_off,
    parse_date,
    public_holidays,
)
from qms_cli.model.dates import add_months

D = dt.date


@pytest.mark.parametrize(
    ("year", "sunday"), [(2024, D(2024, 3, 31)), (2025, D(2025, 4, 20)), (2026, D(2026, 4, 5))]
)
def test_easter(year: int, sunday: dt.date) -> None:
    assert easter(year) == sunday


def test_public_holidays_2026() -> None:
    days = public_holidays(2026)
    assert D(2026, 4, 6) in days  # Easter Monday
    assert D(2026, 6, 4) in days  # Corpus Christi
    assert D(2026, 12, 24) in days  # Wigilia, a day off since 2025
    assert D(2024, 12, 24) not in public_holidays(2024)
    assert len(days) == 14


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2026, 1, 31), D(2026, 2, 28)),  # no 31 February: the last day of the month
        (D(2024, 1, 31), D(2024, 2, 29)),
        (D(2026, 12, 15), D(2027, 1, 15)),
    ],
)
def test_add_months(start: dt.date, end: dt.date) -> None:
    assert add_months(start, 1) == end


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        (D(2026, 10, 15), D(2026, 11, 16)),  # 15 November is a Sunday
        (D(2026, 1, 31), D(2026, 3, 2)),  # 28 February is a Saturday
        (D(2026, 10, 11), D(2026, 11, 12)),  # 11 November is a holiday
        (D(2026, 11, 24), D(2026, 12, 28)),  # 24 XII, then 25–27 XII off
        (D(2026, 2, 9), D(2026, 3, 9)),  # a plain Monday
    ],
)
def test_one_month_deadline(received: dt.date, deadline: dt.date) -> None:
    assert deadline_months(received, 1) == deadline


def test_seven_days_start_the_day_after() -> None:
    assert deadline_days(D(2026, 6, 3), 7) == D(2026, 6, 10)
    assert deadline_days(D(2026, 11, 21), 7) == D(2026, 11, 30)  # 28 XI is a Saturday
    assert is_day_off(D(2026, 11, 28)) and not is_day_off(D(2026, 11, 30))


def test_parse_date() -> None:
    assert parse_date("2026-02-28") == D(2026, 2, 28)
    assert parse_date("2026-02-30") is None
    assert parse_date("28.02.2026") is None
    assert parse_date(None) is None
