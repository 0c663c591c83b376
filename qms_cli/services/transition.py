"""``qms transition plan``: the gap checklist for the move to a new edition of ISO 9001,
written to ``records/transition/plan-<edition>.yaml``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io import iso as iso_data
from qms_cli.io.atomic import write_atomic
from qms_cli.io.records import yaml_text
from qms_cli.io.schemas import schema_errors
from qms_cli.model.clauses import EDITION_2026, EDITIONS, Edition, edition_file
from qms_cli.model.dates import as_date
from qms_cli.model.repository import Repository
from qms_cli.model.transition import Coverage, coverage, doc_views
from qms_cli.services.loading import load_repository

PLAN_DIR = "records/transition"
KEPT = ("action", "owner", "due", "notes")  # written by people; a new plan keeps them
HEADER = (
    "Plan przejścia na nowe wydanie normy ISO 9001: lista luk (qms transition plan).",
    "Dla każdego nowego lub zmienionego wymagania: które dokumenty urzędu się do niego odnoszą",
    "(clauses: w metryce dokumentów, punkty wydania 2015 przeliczone według mapy) i czego brakuje.",
    "Pola action, owner, due i notes uzupełnia Pełnomocnik; ponowne polecenie je zachowuje.",
    "Status draft: wymagania z projektu normy, do sprawdzenia z tekstem opublikowanym.",
)


def plan_path(edition: str) -> str:
    return f"{PLAN_DIR}/plan-{edition_file(edition)}"


@dataclass(frozen=True)
class TransitionPlan:
    rel: str
    edition: Edition
    items: list[Coverage]
    transition_until: dt.date | None


def _existing(repo: Repository, rel: str) -> dict[str, dict[str, Any]]:
    source = repo.files.get(rel)
    data = source.data if source is not None else None
    items = data.get("requirements") if isinstance(data, dict) else None
    return {
        str(i.get("id")): i
        for i in (items if isinstance(items, list) else [])
        if isinstance(i, dict)
    }


def gaps(repo: Repository, target: str = EDITION_2026) -> tuple[Edition, Edition, list[Coverage]]:
    """The office's edition, the target edition and each requirement's coverage."""
    if target not in EDITIONS:
        raise QmsError(f"nieznane wydanie normy {target}", hint="Dozwolone: " + ", ".join(EDITIONS))
    current = iso_data.edition(repo)
    if current.name == target:
        raise QmsError(
            f"urząd stosuje już wydanie {current.label} (iso.edition w qms.yaml)",
            hint="Plan przejścia porównuje dokumenty z wydaniem, na które urząd przechodzi.",
        )
    new = iso_data.edition(repo, target)
    mapped = iso_data.clause_map(repo).to_target
    views = doc_views(repo)
    return current, new, [coverage(r, views, mapped) for r in new.requirements]


def _record(
    plan: TransitionPlan, current: Edition, today: dt.date, kept: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    edition = plan.edition
    items = []
    for found in plan.items:
        r = found.requirement
        clause = edition.clause(r.clause)
        item: dict[str, Any] = {
            "id": r.id,
            "clause": r.clause,
            "title": clause.title if clause else "",
            "status": r.status,
            "change": r.change,
            "summary": r.summary,
            "state": found.state,
            "addressed_by": list(found.documents),
            "missing": found.missing or None,
        }
        item.update({k: kept.get(r.id, {}).get(k) for k in KEPT})
        items.append(item)
    return {
        "edition": edition.name,
        "from": current.name,
        "standard": edition.standard,
        "status": edition.status,
        "prepared": today,
        "transition_until": plan.transition_until,
        "requirements": items,
    }


def plan_transition(
    path: Path, target: str = EDITION_2026, today: dt.date | None = None
) -> TransitionPlan:
    """Compare the office's documents with the new edition and write the plan."""
    today = today or clock.today()
    loaded = load_repository(path)
    repo = loaded.repo
    current, new, items = gaps(repo, target)
    section = repo.config.get("iso")
    until = as_date(section.get("transition_until")) if isinstance(section, dict) else None
    plan = TransitionPlan(plan_path(target), new, items, until)
    data = _record(plan, current, today, _existing(repo, plan.rel))
    problems = [e.message for e in schema_errors("transition-plan", _plain(data))]
    if problems:  # a bug, not the office's: the record qms writes must satisfy its schema
        raise QmsError("plan przejścia nie spełnia schematu: " + "; ".join(problems))
    write_atomic(loaded.root / plan.rel, yaml_text(data, HEADER))
    return plan


def _plain(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data.isoformat() if isinstance(data, dt.date) else data
