"""Corrective actions (karty działań korygujących, ISO 9001 10.2): ``records/capa/DK-….yaml``.

Pure helpers shared by ``qms capa`` and the checks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from qms_cli.model.calendar import parse_date
from qms_cli.model.dates import as_date
from qms_cli.model.values import mapping

CAPA_DIR = "records/capa"
CAPA_ID_RE = re.compile(r"^DK-(?P<year>\d{4})-(?P<n>\d{3})$")
CAPA_PATH_RE = re.compile(r"records/capa/(DK-\d{4}-\d+)\.ya?ml")
SOURCE_TYPES = {
    "audit": "audit wewnętrzny",
    "external-audit": "audit zewnętrzny",
    "complaint": "skarga lub wniosek",
    "review": "przegląd zarządzania",
    "other": "inne",
}
DUE_SOON_DAYS = 14  # an open action due within this many days is a warning
DEFAULT_DUE_DAYS = 60  # P-04 5.4.3: at most 3 months
EFFECTIVENESS_AFTER_DAYS = 90  # effectiveness is checked this long after the due date
ROOT_CAUSE_METHOD = "5 x dlaczego"
# P-04 5.3: correction within 7 days, root cause within 14 days of opening
COMPLETE_WITHIN_DAYS = 14


def next_capa_id(existing: Iterable[str], year: int) -> str:
    highest = 0
    for value in existing:
        match = CAPA_ID_RE.fullmatch(value)
        if match and int(match["year"]) == year:
            highest = max(highest, int(match["n"]))
    return f"DK-{year}-{highest + 1:03d}"


def is_open(data: Mapping[str, Any]) -> bool:
    return data.get("status") == "open"


def due_date(data: Mapping[str, Any]) -> dt.date | None:
    return as_date(data.get("due"))


def section(data: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def missing_elements(data: Mapping[str, Any]) -> list[str]:
    """Parts of a corrective action that 10.2.1 asks for and the card leaves empty."""
    missing = []
    if not _text(section(data, "correction").get("description")):
        missing.append("korekcja")
    if not _text(section(data, "root_cause").get("cause")):
        missing.append("przyczyna źródłowa")
    actions = data.get("actions")
    if not isinstance(actions, list) or not any(
        isinstance(a, dict) and _text(a.get("action")) for a in actions
    ):
        missing.append("działanie korygujące")
    return missing


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def days_left(data: Mapping[str, Any], today: dt.date) -> int | None:
    due = due_date(data)
    return (due - today).days if due is not None else None


@dataclass(frozen=True)
class CorrectiveAction:
    """A corrective action card as the management review and the reports read it."""

    id: str
    path: str
    source: str  # audit | external-audit | complaint | review | other
    ref: str
    opened: dt.date | None
    owner: str
    due: dt.date | None
    closed: bool
    verified: dt.date | None
    effective: bool | None

    def overdue(self, today: dt.date) -> bool:
        return not self.closed and self.due is not None and self.due < today


def parse_capa(path: str, data: Any) -> CorrectiveAction | None:
    match = CAPA_PATH_RE.fullmatch(path)
    if match is None or not isinstance(data, dict):
        return None
    source = mapping(data.get("source"))
    effectiveness = mapping(data.get("effectiveness"))
    effective = effectiveness.get("effective")
    return CorrectiveAction(
        id=str(data.get("id") or match.group(1)),
        path=path,
        source=str(source.get("type") or "other"),
        ref=str(source.get("ref") or ""),
        opened=parse_date(data.get("opened")),
        owner=str(data.get("owner") or ""),
        due=parse_date(data.get("due")),
        closed=data.get("status") == "closed",
        verified=parse_date(effectiveness.get("verified")),
        effective=effective if isinstance(effective, bool) else None,
    )
