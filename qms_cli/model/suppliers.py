"""Supplier evaluations (ISO 9001 8.4, procedure P-10): one record per supplier and year,
``records/suppliers/<supplier>-<year>.yaml``, behind the summary in ``records/suppliers.yaml``.
Pure.

P-10 §5.3: each criterion is scored 1–5; the final score is their mean rounded to a whole
number; 4–5 "zatwierdzony", 3 "zatwierdzony warunkowo" (the head of the unit agrees corrective
steps with the supplier: ``actions`` and a ``follow_up`` with its due date and outcome), 1–2
"niezatwierdzony".
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from qms_cli.model.dates import as_date
from qms_cli.model.values import mapping

SUPPLIERS_DIR = "records/suppliers"
APPROVED, CONDITIONAL, REJECTED = "zatwierdzony", "zatwierdzony warunkowo", "niezatwierdzony"


def result_for(score: int) -> str:
    """The result P-10 gives a final score."""
    if score >= 4:
        return APPROVED
    return CONDITIONAL if score == 3 else REJECTED


def final_score(criteria: dict[str, int]) -> int | None:
    """The mean of the criteria rounded half up (P-10 §5.3.2); None without criteria."""
    if not criteria:
        return None
    return math.floor(sum(criteria.values()) / len(criteria) + 0.5)


@dataclass(frozen=True)
class Evaluation:
    path: str
    supplier: str
    date: dt.date | None
    criteria: dict[str, int]
    score: int | None
    result: str
    actions: str
    follow_up_due: dt.date | None
    follow_up_done: dt.date | None


def parse_evaluation(data: Any, path: str) -> Evaluation | None:
    if not isinstance(data, dict) or not isinstance(data.get("supplier"), str):
        return None
    criteria = {
        str(k): v
        for k, v in mapping(data.get("criteria")).items()
        if isinstance(v, int) and not isinstance(v, bool)
    }
    score = data.get("score")
    follow_up = mapping(data.get("follow_up"))
    return Evaluation(
        path=path,
        supplier=data["supplier"],
        date=as_date(data.get("date")),
        criteria=criteria,
        score=score if isinstance(score, int) and not isinstance(score, bool) else None,
        result=str(data.get("result") or ""),
        actions=str(data.get("actions") or "").strip(),
        follow_up_due=as_date(follow_up.get("due")),
        follow_up_done=as_date(follow_up.get("done")),
    )
