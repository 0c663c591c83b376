"""Quality objectives (ISO 9001, 6.2) and how far each one is: met, on track, at risk, missed.

Pure: built from the parsed ``records/objectives/<year>.yaml`` and a date.

- Evaluated (``result`` written after the due date): the status people decided, met or missed.
- Past due without evaluation: met or missed by the latest measurement (and ``qms check``
  asks for the evaluation, QMS600).
- Before the due date: on track when the latest measurement already meets the target, or when
  the straight line fitted through the measurements reaches it on the due date; at risk
  otherwise, and when there is no measurement yet.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any

from qms_cli.model.calendar import parse_date


class Status(enum.Enum):
    MET = "met"
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    MISSED = "missed"

    @property
    def label_pl(self) -> str:
        return _STATUS_PL[self]


_STATUS_PL = {
    Status.MET: "osiągnięty",
    Status.ON_TRACK: "na dobrej drodze",
    Status.AT_RISK: "zagrożony",
    Status.MISSED: "nieosiągnięty",
}


@dataclass(frozen=True)
class Measurement:
    date: dt.date
    value: float
    source: str | None = None
    sample: int | None = None  # valid answers the value was computed from


@dataclass(frozen=True)
class Result:
    """The evaluation after the due date (6.2.2 e): what was achieved and the decision."""

    date: dt.date
    status: Status  # MET or MISSED
    value: float | None
    comment: str | None


@dataclass(frozen=True)
class Objective:
    id: str
    year: int
    index: int  # position in the file's list (for the YAML pointer)
    path: str
    kpi: str
    unit: str
    target: float
    direction: str  # min: at least target; max: at most target
    baseline: float | None
    owner: str | None
    due: dt.date | None
    commitment: str | None
    process: str | None
    measurements: tuple[Measurement, ...]
    result: Result | None
    measure_every: int | None = None  # months between measurements (qms due, QMS614)
    min_sample: int | None = None  # fewest valid answers for a measurement to decide

    def too_small(self, measurement: Measurement) -> str | None:
        """Why ``measurement`` cannot decide the objective: its sample is below ``min_sample``
        (Polish, None when it can)."""
        if self.min_sample is None or measurement.sample is None:
            return None
        if measurement.sample >= self.min_sample:
            return None
        return f"próba {measurement.sample} mniejsza niż wymagana {self.min_sample}"

    indicator: str | None = None  # the shared indicator it measures (qms metrics), if any

    def meets(self, value: float) -> bool:
        return value <= self.target if self.direction == "max" else value >= self.target

    @property
    def latest(self) -> Measurement | None:
        return self.measurements[-1] if self.measurements else None


@dataclass(frozen=True)
class Assessment:
    objective: Objective
    status: Status
    reason: str  # one Polish sentence: why this status
    projected: float | None = None  # the fitted line's value on the due date
    evaluated: bool = False


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _positive(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _measurements(raw: Any) -> tuple[Measurement, ...]:
    found = []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict):
            continue
        day, value = parse_date(item.get("date")), _number(item.get("value"))
        if day is not None and value is not None:
            sample = item.get("sample")
            whole = sample if isinstance(sample, int) and not isinstance(sample, bool) else None
            found.append(Measurement(day, value, _text(item.get("source")), whole))
    return tuple(sorted(found, key=lambda m: m.date))


def _result(raw: Any) -> Result | None:
    if not isinstance(raw, dict):
        return None
    day = parse_date(raw.get("date"))
    status = {"met": Status.MET, "missed": Status.MISSED}.get(str(raw.get("status")))
    if day is None or status is None:
        return None
    return Result(day, status, _number(raw.get("value")), _text(raw.get("comment")))


def parse_objectives(data: Any, path: str) -> list[Objective]:
    """The objectives of one file; entries without an id or a numeric target are skipped
    (QMS001/QMS020 report them)."""
    if not isinstance(data, dict):
        return []
    year: int = data["year"] if isinstance(data.get("year"), int) else 0
    out = []
    for index, item in enumerate(data.get("objectives") or []):
        if not isinstance(item, dict):
            continue
        target = _number(item.get("target"))
        if not isinstance(item.get("id"), str) or target is None:
            continue
        out.append(
            Objective(
                id=item["id"],
                year=year,
                index=index,
                path=path,
                kpi=_text(item.get("kpi")) or "",
                unit=_text(item.get("unit")) or "",
                target=target,
                direction="max" if item.get("direction") == "max" else "min",
                baseline=_number(item.get("baseline")),
                owner=_text(item.get("owner")),
                due=parse_date(item.get("due")),
                commitment=_text(item.get("commitment")),
                process=_text(item.get("process")),
                measurements=_measurements(item.get("measurements")),
                result=_result(item.get("result")),
                measure_every=_positive(item.get("measure_every")),
                min_sample=_positive(item.get("min_sample")),
                indicator=_text(item.get("indicator")),
            )
        )
    return out


def fitted_value(points: tuple[Measurement, ...], when: dt.date) -> float | None:
    """The least-squares line through ``points`` (value against day), read at ``when``."""
    if len(points) < 2:
        return None
    xs = [p.date.toordinal() for p in points]
    ys = [p.value for p in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return mean_y + slope * (when.toordinal() - mean_x)


def assess(objective: Objective, today: dt.date) -> Assessment:
    result, latest = objective.result, objective.latest
    if result is not None:
        return Assessment(objective, result.status, f"ocena z {result.date}", evaluated=True)
    small = objective.too_small(latest) if latest is not None else None
    if objective.due is not None and objective.due < today:
        if latest is not None and objective.meets(latest.value) and small is None:
            return Assessment(objective, Status.MET, "po terminie, ostatni pomiar spełnia cel")
        why = "brak pomiarów" if latest is None else small or "ostatni pomiar nie spełnia celu"
        return Assessment(objective, Status.MISSED, f"po terminie, {why}")
    if latest is None:
        return Assessment(objective, Status.AT_RISK, "brak pomiarów")
    if small is not None:  # the value may meet the target, but it does not decide yet
        return Assessment(objective, Status.AT_RISK, f"ostatni pomiar: {small}")
    if objective.meets(latest.value):
        return Assessment(objective, Status.ON_TRACK, "ostatni pomiar spełnia cel")
    when = objective.due or dt.date(objective.year or today.year, 12, 31)
    projected = fitted_value(objective.measurements, when)
    if projected is not None and objective.unit == "%":  # a share stays within 0–100
        projected = min(max(projected, 0.0), 100.0)
    if projected is not None and objective.meets(projected):
        return Assessment(
            objective, Status.ON_TRACK, "trend pomiarów osiąga cel w terminie", projected
        )
    why = "trend pomiarów nie osiąga celu w terminie" if projected is not None else "jeden pomiar"
    return Assessment(objective, Status.AT_RISK, why, projected)
