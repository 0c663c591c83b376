"""``qms audit new``: the plan and the checklist of an internal audit, from its process.

Refuses an auditor from an audited unit or without valid competence on the audit date, and a
date outside the audit programme unless the audit is declared unplanned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io import iso as iso_data
from qms_cli.io.records import create_folder, yaml_text
from qms_cli.model.audits import (
    AUDITS_DIR,
    audit_folders,
    auditors_by_id,
    clause_key,
    competent_on,
    next_audit_id,
    programme_entries,
    strings,
    team_problems,
)
from qms_cli.model.checklist import checklist
from qms_cli.model.dates import parse_iso
from qms_cli.model.documents import Document
from qms_cli.model.repository import Repository
from qms_cli.services.loading import load_repository

SCHEDULE = (
    ("09:00", "Spotkanie otwierające z kierownikiem komórki auditowanej"),
    ("09:15", "Badanie obszaru: rozmowy, obserwacja pracy, przegląd dokumentów i spraw w EZD"),
    ("13:00", "Spotkanie zespołu auditowego: ustalenia i ich klasyfikacja"),
    ("14:00", "Spotkanie zamykające: przedstawienie ustaleń"),
)


@dataclass(frozen=True)
class NewAuditRequest:
    process: str
    date: str
    lead: str
    auditors: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    unplanned: bool = False


@dataclass(frozen=True)
class NewAuditResult:
    id: str
    folder: Path
    planned: bool
    questions: int
    notes: list[str] = field(default_factory=list)


def audit_choices(path: Path) -> tuple[list[tuple[str, str]], dict[str, dict[str, Any]]]:
    """What the interactive mode offers: (process id, title) and the auditors."""
    repo = load_repository(path).repo
    processes = [(d.id, d.title) for d in _processes(repo)]
    return processes, auditors_by_id(repo)


def eligible_auditors(
    auditors: dict[str, dict[str, Any]], units: list[str], day: dt.date
) -> list[str]:
    return [
        a
        for a, data in auditors.items()
        if data.get("unit") not in units and competent_on(data, day)
    ]


def _processes(repo: Repository) -> list[Document]:
    return sorted(
        (d for d in repo.documents_of_type("process") if d.status != "withdrawn"),
        key=lambda d: d.id,
    )


def new_audit(path: Path, request: NewAuditRequest, today: dt.date | None = None) -> NewAuditResult:
    today = today or clock.today()
    loaded = load_repository(path)
    repo, root = loaded.repo, loaded.root
    process = _process(repo, request.process)
    try:
        date = parse_iso(request.date)
    except ValueError as exc:
        raise QmsError(str(exc), hint="Podaj datę auditu, np. --date 2027-03-12.") from None
    entry, notes = _programme_entry(repo, request, date)
    units = list(request.units) or (strings(entry.get("units")) if entry else [])
    units = units or process.refs("units")
    unknown = [u for u in units if u not in repo.unit_ids]
    if unknown:
        raise QmsError(
            "nie ma komórki: " + ", ".join(unknown),
            hint="Dostępne: " + ", ".join(sorted(repo.unit_ids)),
        )
    auditors = auditors_by_id(repo)
    team = list(dict.fromkeys([request.lead, *request.auditors]))
    problems = [p.message for p in team_problems(team, units, auditors, date)]
    if problems:
        allowed = eligible_auditors(auditors, units, date)
        raise QmsError(
            "nie można powołać zespołu auditowego: " + "; ".join(problems),
            hint=f"W dniu {date.isoformat()} audit komórek {', '.join(units)} mogą prowadzić: "
            + (", ".join(allowed) or "nikt — dodaj auditora w org/auditors.yaml"),
        )
    audit_id = str(entry["id"]) if entry else next_audit_id(repo, date.year)
    if entry and entry.get("lead") not in (None, request.lead):
        notes.append(f"w programie auditorem wiodącym {audit_id} jest {entry.get('lead')}")
    documents = _process_documents(repo, process)
    clauses = strings(entry.get("clauses")) if entry else []
    clauses = clauses or _clauses(process, documents)
    plan = _plan(repo, audit_id, process, documents, clauses, units, date, request, today)
    plan = {"id": audit_id, "kind": "internal", "planned": entry is not None, **plan}
    questions = checklist(process, documents, clauses, iso_data.edition(repo))
    folder = root / AUDITS_DIR / audit_id
    create_folder(
        folder,
        {
            "plan.yaml": yaml_text(plan, _header("audit-plan", f"Plan auditu {audit_id}", today)),
            "checklist.yaml": yaml_text(
                {"id": audit_id, "questions": questions},
                _header("audit-checklist", f"Lista pytań kontrolnych auditu {audit_id}", today),
            ),
        },
    )
    return NewAuditResult(audit_id, folder, entry is not None, len(questions), notes)


def _process(repo: Repository, process_id: str) -> Document:
    processes = _processes(repo)
    for doc in processes:
        if doc.id == process_id:
            return doc
    raise QmsError(
        f"nie ma procesu „{process_id}”", hint="Dostępne: " + ", ".join(d.id for d in processes)
    )


def _programme_entry(
    repo: Repository, request: NewAuditRequest, date: dt.date
) -> tuple[dict[str, Any] | None, list[str]]:
    """The programme audit this one carries out (None: unplanned), and notes for the user."""
    taken = set(audit_folders(repo))
    entries = [
        e
        for source, _, e in programme_entries(repo)
        if source.data.get("year") == date.year and request.process in strings(e.get("processes"))
    ]
    month = date.isoformat()[:7]
    matching = [e for e in entries if e.get("month") == month]
    free = [e for e in matching if e.get("id") not in taken]
    if request.unplanned:
        return None, []
    if free:
        return free[0], []
    if matching:
        raise QmsError(
            f"audit {matching[0].get('id')} procesu {request.process} z {month} ma już plan "
            f"({AUDITS_DIR}/{matching[0].get('id')}/)",
            hint="Drugi audit w tym miesiącu to audit pozaplanowy: dodaj --unplanned.",
        )
    if not any(s.data.get("year") == date.year for s in repo.of_kind("audit-programme")):
        raise QmsError(
            f"brak programu auditów na {date.year} r., więc data {date.isoformat()} jest poza "
            "programem",
            hint=f"Przygotuj program: qms audit programme {date.year}; audit pozaplanowy: "
            "dodaj --unplanned.",
        )
    months = ", ".join(f"{e.get('month')} ({e.get('id')})" for e in entries)
    planned = f"zaplanowano na {months}" if months else "nie jest ujęty w programie"
    raise QmsError(
        f"data {date.isoformat()} jest poza programem auditów: proces {request.process} {planned}",
        hint="Audit pozaplanowy: dodaj --unplanned (zmianę programu zatwierdza kierownik urzędu).",
    )


def _process_documents(repo: Repository, process: Document) -> list[Document]:
    kinds = ("procedure", "instruction", "service-card")
    return sorted(
        (
            d
            for d in repo.documents
            if d.type in kinds and d.meta.get("process") == process.id and d.status != "withdrawn"
        ),
        key=lambda d: (kinds.index(d.type), d.id),
    )


def _clauses(process: Document, documents: list[Document]) -> list[str]:
    found = {
        c for d in [process, *documents] if d.type != "service-card" for c in d.refs("clauses")
    }
    return sorted(found, key=clause_key)


def _plan(
    repo: Repository,
    audit_id: str,
    process: Document,
    documents: list[Document],
    clauses: list[str],
    units: list[str],
    date: dt.date,
    request: NewAuditRequest,
    today: dt.date,
) -> dict[str, Any]:
    office = repo.config.get("office")
    office = office if isinstance(office, dict) else {}
    iso = repo.config.get("iso")
    standard = iso.get("standard") if isinstance(iso, dict) else None
    standard = str(standard or "PN-EN ISO 9001:2015-10")
    names = {str(u["id"]): u for _, _, u in repo.items("structure", "units") if "id" in u}
    unit_text = ", ".join(f"{u} ({names.get(u, {}).get('name', u)})" for u in units)
    place = ", ".join(str(v) for v in (office.get("name"), office.get("address")) if v)
    return {
        "title": f"Audit wewnętrzny procesu {process.id} {process.title}",
        "processes": [process.id],
        "units": units,
        "date": date.isoformat(),
        "place": place or "siedziba urzędu",
        "lead": request.lead,
        "auditors": [a for a in request.auditors if a != request.lead],
        "objectives": [
            f"Ocena zgodności procesu {process.id} z wymaganiami {standard}, dokumentacji "
            "SZJ urzędu i przepisów prawa.",
            "Ocena skuteczności wdrożenia i utrzymania procesu oraz osiągania jego mierników.",
            "Wskazanie szans doskonalenia.",
        ],
        "scope": f"Proces {process.id} „{process.title}” w komórkach: {unit_text}; "
        f"punkty normy: {', '.join(clauses) or '—'}.",
        "criteria": {
            "documents": [process.id, *(d.id for d in documents)],
            "clauses": clauses,
            "other": [standard, "przepisy prawa wskazane w dokumentach procesu"],
        },
        "auditees": [
            {"unit": u, "position": names[u]["head"]}
            for u in units
            if isinstance(names.get(u, {}).get("head"), str)
        ],
        "schedule": [{"time": t, "activity": a} for t, a in SCHEDULE],
        "prepared": today.isoformat(),
        "status": "planned",
        "closed": None,
    }


def _header(schema: str, title: str, today: dt.date) -> list[str]:
    return [
        f"yaml-language-server: $schema=../../../.qms/schemas/{schema}.schema.json",
        f"{title} (ISO 19011, pkt 6.3; procedura auditów wewnętrznych), "
        f"utworzono poleceniem „qms audit new” {today.isoformat()}.",
    ]
