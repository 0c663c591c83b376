"""The head of office's reception hours for complaints and requests (KPA art. 253 § 1–3):
"w godzinach pracy oraz w ustalonym dniu tygodnia po godzinach pracy". Pure.

``office.hours`` in ``qms.yaml`` holds the office's working hours per weekday,
``office.complaint_hours`` the reception slots; a slot counts as after working hours when it
ends later than the office closes on that day, or falls on a day the office does not work.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

DAYS = ("poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela")
_SPAN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[–-]\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class Span:
    start: int  # minutes after midnight
    end: int

    @property
    def text(self) -> str:
        return f"{_clock(self.start)}–{_clock(self.end)}"


@dataclass(frozen=True)
class Slot:
    index: int  # position in office.complaint_hours
    day: str
    span: Span


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def parse_span(value: Any) -> Span | None:
    """``"7:30–15:30"`` (en dash or hyphen) as minutes; None when it is not such a span."""
    match = _SPAN.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    span = Span(h1 * 60 + m1, h2 * 60 + m2)
    return span if span.start < span.end else None


def working_hours(office: Mapping[str, Any]) -> dict[str, Span]:
    hours = office.get("hours")
    if not isinstance(hours, dict):
        return {}
    return {day: span for day, v in hours.items() if (span := parse_span(v)) is not None}


def reception_slots(office: Mapping[str, Any]) -> list[Slot]:
    listed = office.get("complaint_hours")
    slots = []
    for index, item in enumerate(listed if isinstance(listed, list) else []):
        if not isinstance(item, dict) or item.get("day") not in DAYS:
            continue
        span = parse_span(item.get("hours"))
        if span is not None:
            slots.append(Slot(index, str(item["day"]), span))
    return slots


def after_hours(slot: Slot, hours: Mapping[str, Span]) -> bool:
    """The slot ends after the office closes that day, or the office does not work that day."""
    closing = hours.get(slot.day)
    return closing is None or slot.span.end > closing.end
