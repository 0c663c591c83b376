"""Polish typography applied when rendering (``qms_cli.model.typography``, shared with BIP)."""

from __future__ import annotations

import datetime as dt

import pytest

from qms_cli.model.typography import fix_dates, format_timestamp_pl, polish_text


@pytest.mark.parametrize(
    ("source", "rendered"),
    [
        ("dnia 28 lutego 2013 wydano", "dnia 28 lutego 2013 r. wydano"),
        ("od 05 marca 2024 r.", "od 5 marca 2024 r."),
        ("w 2013r. i 2014r.", "w 2013 r. i 2014 r."),
        ("28 lutego 2013 roku", "28 lutego 2013 roku"),
        ("28 lutego 2013 r.", "28 lutego 2013 r."),
        ("do 15 maja", "do 15 maja"),
        ("kod 62-345 i rok 2013", "kod 62-345 i rok 2013"),
    ],
)
def test_fix_dates(source: str, rendered: str) -> None:
    assert fix_dates(source) == rendered


def test_polish_text_applies_everything() -> None:
    assert polish_text('W dniach 1-3 maja 2026 "Dni otwarte" i w urzędzie, kod 62-345.') == (
        "W\u00a0dniach 1–3\u00a0maja 2026\u00a0r. „Dni otwarte” i\u00a0w\u00a0urzędzie, kod 62-345."
    )


@pytest.mark.parametrize(
    ("when", "hours", "shown"),
    [
        ((2026, 3, 12, 14, 3, 5), 1, "12 marca 2026 r., godz. 14:03:05 (czas polski, UTC+01:00)"),
        ((2026, 7, 1, 8, 0, 0), 2, "1 lipca 2026 r., godz. 08:00:00 (czas polski, UTC+02:00)"),
        # recorded in New York, read in Poland: the next day, winter time
        (
            (2026, 1, 2, 23, 59, 59),
            -5,
            "3 stycznia 2026 r., godz. 05:59:59 (czas polski, UTC+01:00)",
        ),
        # a CI runner on UTC in summer
        ((2026, 7, 1, 8, 0, 0), 0, "1 lipca 2026 r., godz. 10:00:00 (czas polski, UTC+02:00)"),
    ],
)
def test_format_timestamp_in_polish_time(when: tuple[int, ...], hours: int, shown: str) -> None:
    moment = dt.datetime(*when, tzinfo=dt.timezone(dt.timedelta(hours=hours)))
    assert format_timestamp_pl(moment) == shown


def test_format_datetime_refuses_a_naive_time() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        format_timestamp_pl(dt.datetime(2026, 3, 12, 14, 3, 5))
