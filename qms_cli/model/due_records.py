"""The dated duties of the records (``qms due``): corrective actions, management review,
audits, certificate, complaints, accessibility statement, objectives. Pure; the kinds and
their rules are listed in ``model/due.py``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from qms_cli.model.audit_records import audit_records
from qms_cli.model.audit_timing import external_recorded
from qms_cli.model.audits import EXTERNAL_KINDS
from qms_cli.model.calendar import parse_date
from qms_cli.model.certification import certificate_of, cycle_deadlines
from qms_cli.model.dates import add_months, month_end
from qms_cli.model.due import (
    ACCESSIBILITY_DAY,
    MANAGEMENT_REVIEW_MONTHS,
    DueItem,
)
from qms_cli.model.objectives import Objective
from qms_cli.model.record_views import complaints, corrective_actions, objectives_by_file
from qms_cli.model.repository import Repository
from qms_cli.model.review import action_state, parse_progress, parse_review


def capa_items(repo: Repository) -> Iterator[DueItem]:
    for capa in corrective_actions(repo):
        owner = capa.owner or None
        if not capa.closed and capa.due is not None:
            yield DueItem(
                "capa", f"Działanie korygujące {capa.id}", capa.due, owner, capa.path, capa.id
            )
        planned = capa.planned
        if capa.closed and capa.verified is None and planned is not None:
            yield DueItem(
                "capa",
                f"Ocena skuteczności działania korygującego {capa.id}",
                planned,
                owner,
                capa.path,
                f"{capa.id}/effectiveness",
            )


def review_items(repo: Repository, today: dt.date) -> Iterator[DueItem]:
    progress = parse_progress(repo.data("review-actions"))
    reviews = [
        r
        for r in (parse_review(s.data, s.body, s.body_line, s.path) for s in repo.of_kind("review"))
        if r is not None and r.held is not None
    ]
    for review in reviews:
        for action in review.actions():
            if action.due is None or action_state(action, progress, today) not in (
                "open",
                "overdue",
            ):
                continue
            yield DueItem(
                "review-decision",
                f"Ustalenie {action.id} przeglądu zarządzania",
                action.due,
                action.owner,
                review.path,
                action.id,
            )
    if reviews:
        last = max(reviews, key=lambda r: r.held or dt.date.min)
        assert last.held is not None
        yield DueItem(
            "management-review",
            f"Kolejny przegląd zarządzania (poprzedni {last.id}: {last.held.isoformat()})",
            add_months(last.held, MANAGEMENT_REVIEW_MONTHS),
            "kierownik-urzedu",
            last.path,
            "next",
        )


def internal_audits(repo: Repository) -> Iterator[DueItem]:
    """Audits of the programme not yet held, due by the end of their month: held means a
    report in the audit's folder, or ``held`` (a date) in the programme for an audit recorded
    outside the repository (on paper, before the office moved to qms)."""
    reported = {
        s.path.split("/")[2] for s in repo.by_kind.get("audit-report", []) if s.path.count("/") == 3
    }
    for entry in audit_records(repo).programme:
        if entry.id is None or entry.id in reported or entry.held is not None or entry.due is None:
            continue
        yield DueItem(
            "internal-audit",
            f"Audit wewnętrzny {entry.id} (plan: {entry.when})",
            entry.due,
            entry.lead or "audytor-wewnetrzny",
            entry.path,
            entry.id,
            ("audits", entry.index),
        )


def certificate_items(repo: Repository) -> Iterator[DueItem]:
    certificate = certificate_of(repo.config)
    if certificate is None or certificate.issued is None or certificate.valid_until is None:
        return
    issued, valid_until = certificate.issued, certificate.valid_until
    yield DueItem(
        "certificate",
        f"Wygaśnięcie certyfikatu {certificate.number or ''}".rstrip(),
        valid_until,
        "pelnomocnik",
        "qms.yaml",
        "valid_until",
        ("certificate", "valid_until"),
    )
    records = [(a.kind, a.date) for a in audit_records(repo).external if a.date is not None]
    held = list(records)
    for kind, day in certificate.arranged():
        held.append((kind, day))  # its window of the cycle is taken: planned or held
        if day >= issued and not external_recorded(kind, day, records):
            name = EXTERNAL_KINDS.get(kind, kind)
            yield DueItem(  # agreed with the certification body, not recorded yet (QMS532)
                "external-audit",
                f"{name[:1].upper()}{name[1:]} (uzgodniony termin)",
                day,
                "pelnomocnik",
                "qms.yaml",
                f"{kind}/{day.isoformat()}",
            )
    for deadline in cycle_deadlines(issued, valid_until, held):
        if not deadline.done:
            yield DueItem(
                "external-audit",
                deadline.label[:1].upper() + deadline.label[1:],
                deadline.end,
                "pelnomocnik",
                "qms.yaml",
                f"{deadline.kind}/{deadline.end.isoformat()}",
            )


def complaint_items(repo: Repository) -> Iterator[DueItem]:
    """Open complaints and requests by register id only: never a name, address or subject."""
    for case in complaints(repo):
        if case.closed is not None:
            continue
        unit = case.unit or None
        if not case.competent and case.forwarded is None:
            yield DueItem(
                "complaint",
                f"Przekazanie {case.id} właściwemu organowi (art. 231 KPA)",
                case.forward_by,
                unit,
                case.path,
                f"{case.id}/forward",
            )
        elif case.competent:
            yield DueItem(
                "complaint",
                f"Załatwienie {case.id} ({case.kind_pl})",
                case.due,
                unit,
                case.path,
                case.id,
            )


def accessibility_items(repo: Repository) -> Iterator[DueItem]:
    """The yearly review of the accessibility statement, due by 31 March of the year after the
    last one: ``reviewed`` (a11y-data-przeglad), else the day it was prepared; offices that
    recorded neither are judged by the site's ``updated`` or ``published`` date."""
    statement = _section(repo.config, "accessibility")
    if not statement:
        return
    keys = ("reviewed", "prepared", "updated", "published")
    found = next(((k, d) for k in keys if (d := parse_date(statement.get(k))) is not None), None)
    if found is None:
        return
    key, last = found
    month, day = ACCESSIBILITY_DAY  # reviewed in a year: the next review by 31 March of the next
    yield DueItem(
        "accessibility",
        f"Coroczna aktualizacja deklaracji dostępności (ostatnio {last.isoformat()})",
        dt.date(last.year + 1, month, day),
        None,
        "qms.yaml",
        "accessibility",
        ("accessibility", key),
    )


def objective_items(repo: Repository) -> Iterator[DueItem]:
    """The next measurement of an objective with ``measure_every`` (months) and, until it is
    evaluated, its evaluation on its due date."""
    for found in objectives_by_file(repo).values():
        for objective in found:
            if objective.result is not None:
                continue
            where = ("objectives", objective.index)
            following = _next_measurement(objective)
            if following is not None and (objective.due is None or following < objective.due):
                yield DueItem(
                    "objective",
                    f"Pomiar celu {objective.id} (co {objective.measure_every} mies.)",
                    following,
                    objective.owner,
                    objective.path,
                    f"{objective.id}/measurement",
                    where,
                )
            if objective.due is not None:
                yield DueItem(
                    "objective",
                    f"Ocena realizacji celu {objective.id}",
                    objective.due,
                    objective.owner,
                    objective.path,
                    f"{objective.id}/result",
                    where,
                )


def _next_measurement(objective: Objective) -> dt.date | None:
    """The end of the month in which ``measure_every`` months from the last measurement (before
    the first: from the start of the objective's year) run out."""
    if objective.measure_every is None:
        return None
    if objective.latest is not None:
        start = objective.latest.date
    elif objective.year > 1:
        start = dt.date(objective.year - 1, 12, 31)
    else:
        return None
    after = add_months(start, objective.measure_every)
    return month_end(after.year, after.month)


def record_items(repo: Repository, today: dt.date) -> list[DueItem]:
    """Every dated duty of the records (all but the documents' reviews)."""
    return [
        *capa_items(repo),
        *review_items(repo, today),
        *internal_audits(repo),
        *certificate_items(repo),
        *complaint_items(repo),
        *accessibility_items(repo),
        *objective_items(repo),
    ]


def _section(data: Any, key: str) -> dict[str, Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}
