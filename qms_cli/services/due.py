"""``qms due``: everything that falls due, gathered from the repository and its history."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io.atomic import write_atomic
from qms_cli.model import acks as K
from qms_cli.model import due as D
from qms_cli.model.due_records import record_items
from qms_cli.render.ics import calendar
from qms_cli.services.loading import register_of
from qms_cli.services.workspace import Workspace

FORMATS = ("text", "json", "ics")


@dataclass(frozen=True)
class DueList:
    today: dt.date
    days: int  # the horizon: overdue items and those due within this many days
    items: list[D.DueItem]
    office: str

    @property
    def overdue(self) -> list[D.DueItem]:
        return [i for i in self.items if i.overdue(self.today)]


def parse_within(text: str) -> int:
    """``30d``, ``30`` (days), ``6w`` (weeks), ``3m`` (months of 30 days) -> days."""
    raw = text.strip().lower()
    factor = {"d": 1, "w": 7, "t": 7, "m": 30}.get(raw[-1:], 0)
    number = raw[:-1] if factor else raw
    if not number.isdigit() or int(number) > 36500:
        raise ValueError(
            f"„{text}” nie jest okresem: podaj liczbę dni (np. 30d), tygodni (6w) lub miesięcy (3m)"
        )
    return int(number) * (factor or 1)


def last_reviews(ws: Workspace, trust_root: str | None = None) -> dict[str, dt.date]:
    """Document id -> its last approval, edition in force or signed review (qms review-doc)."""
    register = register_of(ws.repo)
    report = ws.evaluation(trust_root).report
    return D.last_reviews(report.approvals, register, report.reviews)


def due_list(
    target: Path | Workspace,
    days: int,
    today: dt.date | None = None,
    trust_root: str | None = None,
) -> DueList:
    ws = Workspace.of(target)
    day = today or clock.today()
    outstanding = K.missing(ws.repo, register_of(ws.repo).documents, day)
    items = [
        *D.document_reviews(ws.repo, last_reviews(ws, trust_root)),
        *record_items(ws.repo, day),
        *K.due_items(outstanding, K.period_days(ws.repo.config)),
    ]
    office = ws.repo.config.get("office")
    name = office.get("name") if isinstance(office, dict) else None
    return DueList(day, days, D.within(items, day, days), name if isinstance(name, str) else "")


def as_json(found: DueList) -> str:
    payload: dict[str, Any] = {
        "today": found.today.isoformat(),
        "within_days": found.days,
        "overdue": len(found.overdue),
        "items": [
            {
                "uid": i.uid,
                "kind": i.kind,
                "title": i.title,
                "due": i.due.isoformat(),
                "days_left": i.days_left(found.today),
                "overdue": i.overdue(found.today),
                "owner": i.owner,
                "source": i.source,
            }
            for i in found.items
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def as_ics(found: DueList) -> str:
    return calendar(found.items, found.today, found.office)


def write_output(path: Path, text: str) -> None:
    """The list in a file, written atomically; iCalendar keeps its CRLF line ends."""
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise QmsError(f"nie można zapisać {path}: {exc.strerror or exc}") from None
