"""Trainings (ISO 9001 7.2; procedure P-09): the year's plan and the record of each training,
one file ``records/trainings/SZ-<year>-<nnn>.yaml`` per training. Pure.

A training is planned (``planned``: the date the plan names), then held (``held``: the date it
ended) with the evidence that it took place (attendance list, certificates: ``evidence``),
then its effectiveness is assessed by the head of the unit on form F-07 one to three months
after it (``effectiveness: {date, score 1–5, by}``; P-09 §5.4). Participants are named by
position, never by name: the repository reaches every employee's clone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from qms_cli.model.audits import strings
from qms_cli.model.dates import as_date
from qms_cli.model.ids import next_id
from qms_cli.model.values import mapping

TRAINING_DIR = "records/trainings"
TRAINING_PATTERN = "SZ-{year}-{n:03}"
TRAINING_ID_RE = re.compile(r"^SZ-\d{4}-\d{3,}$")
EFFECTIVENESS_WITHIN_DAYS = 92  # P-09 §5.4: assessed one to three months after the training

PLANNED, OVERDUE, HELD, ASSESSED = "planned", "overdue", "held", "assessed"
STATE_LABELS = {
    PLANNED: "zaplanowane",
    OVERDUE: "po terminie",
    HELD: "odbyte, bez oceny skuteczności",
    ASSESSED: "odbyte i ocenione",
}


def next_training_id(existing: Iterable[str], year: int) -> str:
    return next_id(TRAINING_PATTERN, existing, year=year)


@dataclass(frozen=True)
class Training:
    id: str
    path: str
    title: str
    planned: dt.date | None
    held: dt.date | None
    participants: tuple[str, ...]  # positions or roles of org/structure.yaml
    count: int | None  # how many people completed it (several may hold one position)
    provider: str
    evidence: str
    assessed: dt.date | None  # effectiveness.date
    score: int | None  # effectiveness.score, 1–5 (F-07)

    def state(self, today: dt.date) -> str:
        if self.held is not None:
            return ASSESSED if self.assessed is not None else HELD
        if self.planned is not None and self.planned < today:
            return OVERDUE
        return PLANNED

    @property
    def assessment_due(self) -> dt.date | None:
        if self.held is None:
            return None
        return self.held + dt.timedelta(days=EFFECTIVENESS_WITHIN_DAYS)


def parse_training(data: Any, path: str) -> Training | None:
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    effectiveness = mapping(data.get("effectiveness"))
    score = effectiveness.get("score")
    return Training(
        id=data["id"],
        path=path,
        title=str(data.get("title") or ""),
        planned=as_date(data.get("planned")),
        held=as_date(data.get("held")),
        participants=tuple(strings(data.get("participants"))),
        count=_whole(data.get("count")),
        provider=str(data.get("provider") or ""),
        evidence=str(data.get("evidence") or "").strip(),
        assessed=as_date(effectiveness.get("date")),
        score=_whole(score),
    )


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
