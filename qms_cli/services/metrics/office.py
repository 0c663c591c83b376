"""``qms metrics``: one office's indicators for a year, computed by the same functions the
management review (``qms review``) and ``qms due`` use; a figure the repository cannot give
is null with the reason, never a guess."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.model import acks as K
from qms_cli.model import due as D
from qms_cli.model import metrics as M
from qms_cli.model.capa import CorrectiveAction
from qms_cli.model.complaints import Complaint
from qms_cli.model.due_records import accessibility_items
from qms_cli.model.metrics import Figure, share
from qms_cli.model.objectives import Assessment, Objective, Status, assess
from qms_cli.render.metrics_report import value_text
from qms_cli.services.due import last_reviews
from qms_cli.services.loading import register_of
from qms_cli.services.records.complaints import all_complaints
from qms_cli.services.records.nc import all_nc
from qms_cli.services.records.objectives import load_objectives
from qms_cli.services.review.context import audit_year, corrective_actions
from qms_cli.services.survey.data import Figures, year_figures
from qms_cli.services.workspace import Workspace

JUSTIFIED = ("founded", "partly-founded")
CASES_ON_TIME = "cases-on-time"


@dataclass(frozen=True)
class Period:
    year: int
    as_of: dt.date  # today, or the year's last day for a past year

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    def holds(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.as_of


def period_of(year: int | None, today: dt.date) -> Period:
    chosen = today.year if year is None else year
    if chosen > today.year:
        raise QmsError(
            f"rok {chosen} jeszcze się nie zaczął (dziś {today.isoformat()})",
            hint="Podaj bieżący albo miniony rok: --year RRRR.",
        )
    return Period(chosen, min(today, dt.date(chosen, 12, 31)))


def shared_keys(config: dict[str, Any]) -> tuple[str, ...]:
    """``metrics.share`` in qms.yaml (every indicator when absent)."""
    section = config.get("metrics")
    chosen = section.get("share") if isinstance(section, dict) else None
    if chosen is None:
        return M.KEYS
    if not isinstance(chosen, list):
        raise QmsError("metrics.share w qms.yaml musi być listą wskaźników", path="qms.yaml")
    unknown = M.unknown_keys(chosen)
    if unknown:
        raise QmsError(
            "nieznane wskaźniki w metrics.share: " + ", ".join(unknown),
            hint="Wskaźniki: " + ", ".join(M.KEYS) + ".",
            path="qms.yaml",
        )
    return tuple(k for k in M.KEYS if k in chosen)


def office_metrics(
    ws: Workspace,
    year: int | None,
    today: dt.date | None = None,
    trust_root: str | None = None,
) -> dict[str, Any]:
    """The content of the office's metrics file for ``year`` (the current year by default);
    ``today`` from the clock (``QMS_TODAY``) unless given."""
    period = period_of(year, today or clock.today())
    keys = shared_keys(ws.repo.config)
    facts = Facts(ws, period, trust_root)
    figures = {key: COMPUTE[key](facts) for key in keys}
    office = ws.repo.config.get("office")
    office = office if isinstance(office, dict) else {}
    about = {"name": str(office.get("name") or ""), "kind": str(office.get("kind") or "")}
    return M.payload(about, period.year, period.as_of.isoformat(), figures)


def table_rows(data: dict[str, Any]) -> list[list[str]]:
    """(label, value as read) of every indicator in a metrics file's content, for the screen."""
    rows = []
    for key, item in data["indicators"].items():
        indicator = M.BY_KEY[key]
        value = item.get("value")
        if value is None:
            rows.append([indicator.label, f"brak danych: {item.get('reason')}"])
            continue
        shown = value_text(float(value), indicator.unit)
        base = item.get("base")
        rows.append([indicator.label, shown + (f" (z {base})" if base is not None else "")])
    return rows


@dataclass
class Facts:
    """What the indicators are computed from, each record kind read once per run."""

    ws: Workspace
    period: Period
    trust_root: str | None

    @functools.cached_property
    def surveys(self) -> Figures | None:
        return year_figures(self.ws.root, self.ws.repo, self.period.year)

    @functools.cached_property
    def complaints(self) -> list[Complaint]:
        found = all_complaints(self.ws.repo)
        return [c for c in found if c.kind == "complaint" and self.period.holds(c.received)]

    @functools.cached_property
    def capa(self) -> list[CorrectiveAction]:
        return [c for c in corrective_actions(self.ws.repo) if self.period.holds(c.opened)]

    @functools.cached_property
    def objectives(self) -> list[Objective] | None:
        found = load_objectives(self.ws.repo, self.period.year)
        return found[1] if found is not None else None


def _satisfaction(facts: Facts) -> Figure:
    found = facts.surveys
    if found is None or not found.responses:
        return Figure(None, reason=f"brak wyników ankiet za {facts.period.year} r.")
    if found.index is None:
        return Figure(None, found.responses, "ankiety bez odpowiedzi na pytanie wskaźnika")
    return Figure(round(found.index, 1), found.responses)


def _responses(facts: Facts) -> Figure:
    return Figure(facts.surveys.responses if facts.surveys is not None else 0)


def _cases_on_time(facts: Facts) -> Figure:
    marked = [o for o in facts.objectives or [] if o.indicator == CASES_ON_TIME]
    if not marked:
        return Figure(
            None,
            reason=f"żaden cel jakości na {facts.period.year} r. nie ma pola "
            f"indicator: {CASES_ON_TIME}",
        )
    objective = marked[0]
    if objective.result is not None and objective.result.value is not None:
        return Figure(objective.result.value)
    measured = [m for m in objective.measurements if m.date <= facts.period.as_of]
    if not measured:
        return Figure(None, reason=f"cel {objective.id} nie ma jeszcze pomiaru")
    return Figure(measured[-1].value)


def _complaints_received(facts: Facts) -> Figure:
    return Figure(len(facts.complaints))


def _complaints_justified(facts: Facts) -> Figure:
    return Figure(sum(1 for c in facts.complaints if c.outcome in JUSTIFIED))


def _capa_opened(facts: Facts) -> Figure:
    return Figure(len(facts.capa))


def _capa_on_time(facts: Facts) -> Figure:
    return Figure(sum(1 for c in facts.capa if c.closed_on_time()))


def _capa_effective(facts: Facts) -> Figure:
    return Figure(sum(1 for c in facts.capa if c.effective is True))


def _programme(facts: Facts) -> Figure:
    period = facts.period
    found = audit_year(facts.ws.repo, period.start, dt.date(period.year, 12, 31), period.as_of)
    if found.programme is None:
        return Figure(None, reason=f"brak programu auditów na {period.year} r.")
    return share(len(found.planned_done), len(found.planned), "program nie wymienia auditów")


def _objectives(facts: Facts) -> Figure:
    year, day = facts.period.year, facts.period.as_of
    if facts.objectives is None:
        return Figure(None, reason=f"brak celów jakości na {year} r.")
    settled = [a for a in (assess(o, day) for o in facts.objectives) if _settled(a, day)]
    met = sum(1 for a in settled if a.status is Status.MET)
    return share(met, len(settled), f"żaden cel na {year} r. nie został jeszcze rozliczony")


def _settled(found: Assessment, day: dt.date) -> bool:
    """Evaluated, or its due date has passed: achieved or not is known."""
    due = found.objective.due
    return found.evaluated or (due is not None and due < day)


def _nonconforming(facts: Facts) -> Figure:
    return Figure(sum(1 for n in all_nc(facts.ws.repo) if facts.period.holds(n.detected)))


def _documents(facts: Facts) -> Figure:
    items = list(D.document_reviews(facts.ws.repo, last_reviews(facts.ws, facts.trust_root)))
    on_time = sum(1 for i in items if not i.overdue(facts.period.as_of))
    return share(on_time, len(items), "żaden dokument nie ma jeszcze daty przeglądu")


def _acks(facts: Facts) -> Figure:
    found = K.missing(facts.ws.repo, register_of(facts.ws.repo).documents, facts.period.as_of)
    return Figure(sum(1 for m in found if m.overdue))


def _accessibility(facts: Facts) -> Figure:
    found = list(accessibility_items(facts.ws.repo))
    if not found:
        return Figure(None, reason="qms.yaml nie podaje daty deklaracji dostępności")
    return Figure(not found[0].overdue(facts.period.as_of))


COMPUTE: dict[str, Callable[[Facts], Figure]] = {
    "satisfaction_index": _satisfaction,
    "satisfaction_responses": _responses,
    "cases_on_time": _cases_on_time,
    "complaints_received": _complaints_received,
    "complaints_justified": _complaints_justified,
    "capa_opened": _capa_opened,
    "capa_closed_on_time": _capa_on_time,
    "capa_effective": _capa_effective,
    "audit_programme_done": _programme,
    "objectives_achieved": _objectives,
    "nonconforming_outputs": _nonconforming,
    "documents_reviewed_on_time": _documents,
    "acknowledgements_outstanding": _acks,
    "accessibility_statement_current": _accessibility,
}
