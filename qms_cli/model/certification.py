"""The certification cycle (ISO/IEC 17021-1 9.1.3): surveillance audits in years 1 and 2 of a
certificate, recertification before it expires."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from qms_cli.model.dates import add_months, as_date

DUE_SOON_DAYS = 90  # an external audit not yet arranged this close to its deadline warns


@dataclass(frozen=True)
class Deadline:
    kind: str  # surveillance | recertification
    label: str  # Polish, for messages
    start: dt.date  # the window is (start, end]
    end: dt.date
    done: bool  # an audit of that kind falls in the window (held or arranged)


# A transition audit (to a new edition of the standard) is held together with a surveillance
# audit of the cycle and counts as one; it never replaces recertification.
COUNTS_AS = {"transition": "surveillance"}


def _counts(held: str, needed: str) -> bool:
    return held == needed or COUNTS_AS.get(held) == needed


def cycle_deadlines(
    issued: dt.date, valid_until: dt.date, audits: Iterable[tuple[str, dt.date]]
) -> list[Deadline]:
    """The external audits a certificate needs, each with whether one is recorded."""
    held = list(audits)
    year_1, year_2 = add_months(issued, 12), add_months(issued, 24)
    windows = [
        ("surveillance", "audit nadzoru w 1. roku ważności certyfikatu", issued, year_1),
        ("surveillance", "audit nadzoru w 2. roku ważności certyfikatu", year_1, year_2),
        (
            "recertification",
            "audit ponownej certyfikacji przed wygaśnięciem certyfikatu",
            issued,
            valid_until,
        ),
    ]
    return [
        Deadline(
            kind, label, start, end, any(_counts(k, kind) and start < d <= end for k, d in held)
        )
        for kind, label, start, end in windows
    ]


@dataclass(frozen=True)
class ListedAudit:
    """An external audit arranged with the certification body (``certificate.audits``)."""

    index: int  # its place in the list, for pointers
    type: str
    date: dt.date | None


@dataclass(frozen=True)
class Certificate:
    """``certificate`` in qms.yaml, typed: every reader (the rules, ``qms due``, the review,
    the audit commands) reads this, never the YAML."""

    body: str | None
    number: str | None
    scope: str | None
    issued: dt.date | None
    valid_until: dt.date | None
    audits: tuple[ListedAudit, ...]

    def arranged(self) -> list[tuple[str, dt.date]]:
        """(kind, date) of every listed audit with a date."""
        return [(a.type, a.date) for a in self.audits if a.date is not None]


def certificate_of(config: Mapping[str, Any]) -> Certificate | None:
    """The office's certificate; None when it has none yet (``certificate: null``)."""
    section = config.get("certificate")
    if not isinstance(section, dict):
        return None

    def text(key: str) -> str | None:
        value = section.get(key)
        return value if isinstance(value, str) and value.strip() else None

    listed = section.get("audits")
    audits = tuple(
        ListedAudit(i, str(a.get("type")), as_date(a.get("date")))
        for i, a in enumerate(listed if isinstance(listed, list) else [])
        if isinstance(a, dict)
    )
    return Certificate(
        text("body"),
        text("number"),
        text("scope"),
        as_date(section.get("issued")),
        as_date(section.get("valid_until")),
        audits,
    )
