"""Audits as typed records, built once per repository after schema validation. Pure.

One view of an audit for every reader: the check rules (QMS500–QMS536), the audit commands,
the management review and the audit pack read :class:`Audit` (an internal audit's plan,
checklist, findings and report, or an external audit's file) and :class:`PlannedAudit` (an
entry of the yearly programme), never the YAML. Fields of the wrong type are left out (the
schema reports them); the raw round-trip data stays only for editing (``services/audit``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from qms_cli.model.audit_timing import planned_by
from qms_cli.model.audits import (
    EXTERNAL_NAME_RE,
    AuditFinding,
    AuditFolder,
    audit_folders,
    external_name,
)
from qms_cli.model.dates import as_date
from qms_cli.model.documents import SourceFile
from qms_cli.model.repository import Repository

# the kind of an audit in the review's sentences ("audit nadzoru")
AUDIT_KIND_PL = {
    "internal": "wewnętrzny",
    "certification": "certyfikujący",
    "surveillance": "nadzoru",
    "recertification": "recertyfikujący",
    "transition": "przejścia na nowe wydanie normy",
}


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def findings_of(source: SourceFile | None) -> tuple[AuditFinding, ...]:
    """The findings of a findings file or an external audit's file, each knowing its place in
    the list (``index``, for pointers) and its number as written (``written_no``)."""
    data = source.data if source is not None and source.ok else None
    listed = data.get("findings") if isinstance(data, dict) else None
    out = []
    position = 0
    for index, item in enumerate(listed if isinstance(listed, list) else []):
        if isinstance(item, dict):
            position += 1
            out.append(AuditFinding.from_record(item, position, index))
    return tuple(out)


@dataclass(frozen=True)
class Checklist:
    """What the checklist says was examined: the questions and their results."""

    questions: int = 0
    results: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, source: SourceFile | None) -> Checklist:
        data = _mapping(source.data if source is not None else None)
        listed = data.get("questions")
        items = [q for q in listed if isinstance(q, dict)] if isinstance(listed, list) else []
        return cls(len(items), Counter(str(q["result"]) for q in items if q.get("result")))


@dataclass(frozen=True)
class Report:
    """The audit report's front matter as the rules read it, and its headings' source."""

    path: str
    status: str | None
    fields: Mapping[str, str | None]
    body: str
    body_line: int

    @classmethod
    def of(cls, source: SourceFile) -> Report:
        data = _mapping(source.data)
        fields = {key: _text(data, key) for key in ("conclusions", "conformity", "disagreements")}
        status = data.get("status")
        return cls(
            source.path,
            status if isinstance(status, str) else None,
            fields,
            source.body,
            source.body_line,
        )

    @property
    def final(self) -> bool:
        return self.status == "final"


@dataclass(frozen=True)
class Audit:
    """One audit as recorded: internal (``kind`` internal, from its folder) or external (the
    certification body's, from ``records/audits/external/<date>-<kind>.yaml``)."""

    id: str
    kind: str
    date: dt.date | None
    until: dt.date | None = None
    prepared: dt.date | None = None
    lead: str | None = None
    auditors: tuple[str, ...] = ()
    processes: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    auditee_positions: tuple[tuple[int, str], ...] = ()  # (place in ``auditees``, position)
    criteria_documents: tuple[str, ...] = ()
    criteria_clauses: tuple[str, ...] = ()
    criteria_other: tuple[str, ...] = ()  # the standard, the law: the report lists them first
    objectives: tuple[str, ...] = ()
    place: str | None = None
    planned: bool = True
    status: str | None = None
    closed_on: str | None = None
    findings: tuple[AuditFinding, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def end(self) -> dt.date | None:
        """The audit's last day: ``until`` when it ran over several days."""
        return self.until or self.date

    @property
    def team(self) -> list[str]:
        return ([self.lead] if self.lead else []) + list(self.auditors)

    @property
    def closed(self) -> bool:
        return self.status == "closed"

    @property
    def nonconformities(self) -> list[AuditFinding]:
        return [f for f in self.findings if f.nonconformity]


def internal_audit(folder: AuditFolder) -> Audit:
    """The audit of one folder (its name stands for the id when the plan is missing)."""
    plan = _mapping(folder.data)
    criteria = _mapping(plan.get("criteria"))
    auditees = plan.get("auditees")
    positions = tuple(
        (i, a["position"])
        for i, a in enumerate(auditees if isinstance(auditees, list) else [])
        if isinstance(a, dict) and isinstance(a.get("position"), str)
    )
    closed = plan.get("closed")
    sources = tuple(s.path for s in (folder.plan, folder.findings) if s is not None)
    return Audit(
        id=folder.id,
        kind=str(plan.get("kind") or "internal"),
        date=as_date(plan.get("date")),
        until=as_date(plan.get("until")),
        prepared=as_date(plan.get("prepared")),
        lead=_text(plan, "lead"),
        auditors=_strings(plan.get("auditors")),
        processes=_strings(plan.get("processes")),
        units=_strings(plan.get("units")),
        auditee_positions=positions,
        criteria_documents=_strings(criteria.get("documents")),
        criteria_clauses=_strings(criteria.get("clauses")),
        criteria_other=_strings(criteria.get("other")),
        objectives=_strings(plan.get("objectives")),
        place=str(plan["place"]) if plan.get("place") is not None else None,
        planned=plan.get("planned", True) is not False,
        status=_text(plan, "status"),
        closed_on=str(closed) if closed is not None else None,
        findings=findings_of(folder.findings),
        sources=sources,
    )


def external_audit(source: SourceFile) -> Audit:
    """The certification body's audit of one file (``<YYYY-MM-DD>-<kind>.yaml``; what the file
    says wins over its name, which QMS522 compares)."""
    name = external_name(source)
    match = EXTERNAL_NAME_RE.match(name)
    data = _mapping(source.data)
    kind = data.get("kind")
    return Audit(
        id=name,
        kind=str(kind) if kind is not None else (match["kind"] if match else ""),
        date=as_date(data.get("date")) or (as_date(match["date"]) if match else None),
        until=as_date(data.get("until")),
        auditors=_strings(data.get("auditors")),
        findings=findings_of(source),
        sources=(source.path,),
    )


@dataclass(frozen=True)
class PlannedAudit:
    """One audit of the yearly programme (``records/audits/programme-<year>.yaml``)."""

    path: str  # the programme's file
    index: int  # its place in ``audits``
    year: int | None
    id: str | None
    month: str | None
    date: dt.date | None
    held: dt.date | None
    processes: tuple[str, ...]
    units: tuple[str, ...]
    clauses: tuple[str, ...]
    lead: str | None
    auditors: tuple[str, ...]
    due: dt.date | None  # the last day it was planned for

    @property
    def when(self) -> str:
        """The planned time as the programme writes it."""
        return self.date.isoformat() if self.date else (self.month or "")

    @property
    def team(self) -> list[str]:
        return ([self.lead] if self.lead else []) + list(self.auditors)


def planned_audits(source: SourceFile) -> list[PlannedAudit]:
    data = _mapping(source.data)
    year = data.get("year")
    listed = data.get("audits")
    out = []
    for index, entry in enumerate(listed if isinstance(listed, list) else []):
        if not isinstance(entry, dict):
            continue
        month = entry.get("month")
        out.append(
            PlannedAudit(
                path=source.path,
                index=index,
                year=year if isinstance(year, int) and not isinstance(year, bool) else None,
                id=_text(entry, "id"),
                month=str(month) if month is not None else None,
                date=as_date(entry.get("date")),
                held=as_date(entry.get("held")),
                processes=_strings(entry.get("processes")),
                units=_strings(entry.get("units")),
                clauses=_strings(entry.get("clauses")),
                lead=_text(entry, "lead"),
                auditors=_strings(entry.get("auditors")),
                due=planned_by(entry),
            )
        )
    return out


@dataclass(frozen=True)
class AuditRecords:
    """Every audit record of the repository, typed once."""

    folders: tuple[AuditFolder, ...]
    internal: tuple[Audit, ...]  # one per folder, in folder order
    external: tuple[Audit, ...]  # in file order
    programme: tuple[PlannedAudit, ...]

    def folder_audits(self) -> list[tuple[AuditFolder, Audit]]:
        return list(zip(self.folders, self.internal, strict=True))

    def planned(self, audit_id: str) -> PlannedAudit | None:
        return next((p for p in self.programme if p.id == audit_id), None)


def _build(repo: Repository) -> AuditRecords:
    folders = tuple(audit_folders(repo).values())
    return AuditRecords(
        folders=folders,
        internal=tuple(internal_audit(f) for f in folders),
        external=tuple(external_audit(s) for s in repo.of_kind("external-audit")),
        programme=tuple(p for s in repo.of_kind("audit-programme") for p in planned_audits(s)),
    )


def audit_records(repo: Repository) -> AuditRecords:
    """The repository's audit records, built on first use and kept with the repository."""
    return repo.memo("audit-records", lambda: _build(repo))
