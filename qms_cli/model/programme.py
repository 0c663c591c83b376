"""Drafting the yearly internal audit programme (ISO 9001 9.2.2 a; ISO 19011 5.4).

Every process and every unit is audited each year; processes with more findings in earlier
audits, open corrective actions or recent changes of their documents weigh more: they come
earlier in the year, and from ``SECOND_AUDIT_FROM`` they are audited twice. A process whose
units leave no impartial auditor is audited unit by unit.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.model.audits import FINDING_TYPES, clause_key, competent_on
from qms_cli.model.dates import month_end

FINDING_WEIGHTS = {"nc-major": 3, "nc-minor": 2, "observation": 1, "improvement": 0}
CHANGES_CAP = 3  # changes of documents count up to this many points
SECOND_AUDIT_FROM = 6  # weight from which a process is audited twice a year
FIRST_MONTH, LAST_MONTH = 2, 11  # January and December stay free (programme, review)


@dataclass
class History:
    """What makes a process weigh more in the programme."""

    findings: Counter[str] = field(default_factory=Counter)  # finding type -> count
    open_capa: int = 0
    changes: int = 0  # commits that changed the process's documents in the last 12 months

    @property
    def weight(self) -> int:
        found = sum(FINDING_WEIGHTS.get(t, 0) * n for t, n in self.findings.items())
        return 1 + found + self.open_capa + min(self.changes, CHANGES_CAP)

    def reasons(self) -> str:
        parts = [
            f"{FINDING_TYPES[t]}: {self.findings[t]}" for t in FINDING_TYPES if self.findings[t]
        ]
        if self.open_capa:
            parts.append(f"otwarte działania korygujące: {self.open_capa}")
        parts.append(f"zmiany dokumentów w ostatnich 12 miesiącach: {self.changes}")
        return "; ".join(parts)


@dataclass(frozen=True)
class ProcessFacts:
    id: str
    title: str
    units: tuple[str, ...]
    home: str | None  # the unit of the process owner
    clauses: tuple[str, ...]
    history: History


@dataclass
class DraftAudit:
    id: str
    month: str
    processes: list[str]
    units: list[str]
    clauses: list[str]
    lead: str
    note: str


def draft_programme(
    year: int,
    processes: Sequence[ProcessFacts],
    units: Sequence[str],
    auditors: Mapping[str, Mapping[str, Any]],
) -> list[DraftAudit]:
    """The audits of ``year``: every process and every unit at least once, heavier first."""
    if not processes:
        raise QmsError(
            "w repozytorium nie ma żadnego procesu do auditowania",
            hint="Program auditów powstaje z kart procesów (documents/processes/).",
        )
    assigned = assign_units(processes, units)
    ordered = sorted(processes, key=lambda p: (-p.history.weight, p.id))
    slots: list[tuple[int, ProcessFacts, bool]] = []
    for index, process in enumerate(ordered):
        month = FIRST_MONTH + index * (LAST_MONTH - FIRST_MONTH + 1) // len(ordered)
        slots.append((month, process, False))
        if process.history.weight >= SECOND_AUDIT_FROM:
            slots.append((min(month + 6, 12), process, True))
    slots.sort(key=lambda s: (s[0], s[2], -s[1].history.weight, s[1].id))
    audits = [
        (month, process, repeat, units)
        for month, process, repeat in slots
        for units in _split(year, month, assigned[process.id], auditors)
    ]
    load: Counter[str] = Counter()
    drafts = []
    for number, (month, process, repeat, audit_units) in enumerate(audits, start=1):
        lead = _lead(year, month, audit_units, auditors, load, process.id)
        load[lead] += 1
        note = f"{process.id} {process.title} — waga {process.history.weight}"
        note += f" ({process.history.reasons()})"
        if repeat:
            note += "; audit ponowny w roku ze względu na wagę procesu"
        drafts.append(
            DraftAudit(
                id=f"AW-{year}-{number:02d}",
                month=f"{year}-{month:02d}",
                processes=[process.id],
                units=audit_units,
                clauses=sorted(set(process.clauses), key=clause_key),
                lead=lead,
                note=note,
            )
        )
    return drafts


def assign_units(processes: Sequence[ProcessFacts], units: Sequence[str]) -> dict[str, list[str]]:
    """Units audited with each process: the owner's unit, then every other unit once, with the
    process that lists it and has the fewest units so far (so that the audits stay small and
    an impartial auditor can be found)."""
    assigned: dict[str, list[str]] = {p.id: [] for p in processes}
    for process in processes:
        home = process.home if process.home in process.units else None
        home = home or (process.units[0] if process.units else None)
        if home is not None:
            assigned[process.id].append(home)
    covered = {u for us in assigned.values() for u in us}
    for unit in units:
        if unit in covered:
            continue
        candidates = [p for p in processes if unit in p.units] or list(processes)
        chosen = min(candidates, key=lambda p: (len(assigned[p.id]), processes.index(p)))
        assigned[chosen.id].append(unit)
        covered.add(unit)
    order = {u: i for i, u in enumerate(units)}
    return {pid: sorted(us, key=lambda u: order.get(u, len(order))) for pid, us in assigned.items()}


def _eligible(
    year: int, month: int, units: list[str], auditors: Mapping[str, Mapping[str, Any]]
) -> list[str]:
    first, last = dt.date(year, month, 1), month_end(year, month)
    return [
        auditor_id
        for auditor_id, auditor in auditors.items()
        if auditor.get("unit") not in units
        and competent_on(auditor, first)
        and competent_on(auditor, last)
    ]


def _split(
    year: int, month: int, units: list[str], auditors: Mapping[str, Mapping[str, Any]]
) -> list[list[str]]:
    """The units in one audit, or one audit per unit when no auditor is outside all of them
    (in a small office every auditor works in one of the process's units)."""
    if len(units) > 1 and not _eligible(year, month, units, auditors):
        return [[unit] for unit in units]
    return [units]


def _lead(
    year: int,
    month: int,
    units: list[str],
    auditors: Mapping[str, Mapping[str, Any]],
    load: Counter[str],
    process: str,
) -> str:
    eligible = _eligible(year, month, units, auditors)
    if not eligible:
        raise QmsError(
            f"brak auditora dla procesu {process} w {year}-{month:02d}: każdy auditor należy do "
            f"auditowanej komórki ({', '.join(units)}) albo nie ma ważnych kompetencji",
            hint="Dodaj auditora w org/auditors.yaml albo odnów zaświadczenia o kompetencjach.",
        )
    return min(eligible, key=lambda a: (load[a], a))
