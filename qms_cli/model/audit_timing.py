"""The audit programme checked against what happened (issue 16 B). Pure.

- A programme audit whose month has ended with no audit folder (plan, report) is a warning;
  after ``grace_days`` an error. Once a plan exists, its date governs (QMS502).
- An external audit listed in ``certificate.audits`` whose date has passed with no record under
  ``records/audits/external/`` (same kind, within ``EXTERNAL_MATCH_DAYS``): the same.
- A plan must give the auditees ``notice_days`` of notice (P-03: 7 days).

``qms.yaml`` ``audits: {grace_days, notice_days, coverage}`` sets the numbers; the defaults are
the ones below.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from qms_cli.model.dates import as_date, month_end

GRACE_DAYS = 30
NOTICE_DAYS = 7
COVERAGE = 80  # % of checklist questions with a result before a report may conclude
EXTERNAL_MATCH_DAYS = 31  # an external audit moved by up to a month is still the one listed
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class AuditSettings:
    grace_days: int = GRACE_DAYS
    notice_days: int = NOTICE_DAYS
    coverage: int = COVERAGE


def audit_settings(config: Mapping[str, Any]) -> AuditSettings:
    """``audits`` in qms.yaml, with the defaults for what is missing or not a whole number."""
    section = config.get("audits")
    section = section if isinstance(section, dict) else {}

    def number(key: str, default: int) -> int:
        value = section.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        return default

    return AuditSettings(
        number("grace_days", GRACE_DAYS),
        number("notice_days", NOTICE_DAYS),
        number("coverage", COVERAGE),
    )


def planned_by(entry: Mapping[str, Any]) -> dt.date | None:
    """The last day a programme audit was planned for: its ``date``, else its month's end."""
    day = as_date(entry.get("date"))
    if day is not None:
        return day
    month = entry.get("month")
    match = _MONTH.match(month) if isinstance(month, str) else None
    if match is None or not 1 <= int(match[2]) <= 12:
        return None
    return month_end(int(match[1]), int(match[2]))


@dataclass(frozen=True)
class Late:
    due: dt.date  # the day it should have happened by
    days: int  # days since
    overdue: bool  # beyond the grace period


def lateness(due: dt.date | None, today: dt.date, grace_days: int) -> Late | None:
    """None while ``due`` has not passed."""
    if due is None or due >= today:
        return None
    days = (today - due).days
    return Late(due, days, days > grace_days)


def external_recorded(
    kind: str,
    day: dt.date,
    records: Iterable[tuple[str, dt.date]],
    window: int = EXTERNAL_MATCH_DAYS,
) -> bool:
    """A record of the same kind of external audit within ``window`` days of ``day``."""
    return any(k == kind and abs((d - day).days) <= window for k, d in records)
