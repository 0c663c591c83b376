"""Orders (zarządzenia) of the head of office are legal acts: their own number, date and day
of entry into force, not the QMS edition and release date. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from qms_cli.model.calendar import parse_date


@dataclass(frozen=True)
class OrderDates:
    date: dt.date | None  # z dnia …
    in_force: dt.date | None  # wchodzi w życie …

    @property
    def on_signing(self) -> bool:
        """It enters into force on the day it is made („z dniem podjęcia”)."""
        return self.in_force is not None and self.in_force == self.date


def order_dates(meta: Mapping[str, Any]) -> OrderDates:
    """The order's date and the day it enters into force: ``in_force`` when the order names
    another day, else the day it was made."""
    date = parse_date(meta.get("date"))
    return OrderDates(date, parse_date(meta.get("in_force")) or date)
