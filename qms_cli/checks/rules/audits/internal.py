"""Internal audits (ISO 9001 9.2, ISO 19011): a plan before the audit, an impartial and
competent team, a complete report after it, findings that cite criterion and evidence, a
corrective action for every nonconformity, and audit ids that never collide."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.audit_records import Audit, Report, audit_records
from qms_cli.model.audits import (
    CAPA_DAYS,
    REPORT_DAYS,
    REPORT_FIELDS,
    REPORT_SECTIONS,
    AuditFinding,
    AuditFolder,
    auditors_by_id,
    is_clause,
    team_problems,
)
from qms_cli.model.capa import CAPA_DIR
from qms_cli.model.findings import Severity

_HEADING = re.compile(r"^#{1,6}\s+(?:\d+(?:\.\d+)*\.?\s+)?(?P<title>.+?)\s*#*\s*$", re.MULTILINE)


def folders(ctx: CheckContext) -> list[tuple[AuditFolder, Audit]]:
    """Every internal audit folder with its typed audit."""
    return audit_records(ctx.repo).folder_audits()


def _unreadable(ctx: CheckContext, path: str) -> bool:
    """The file is there but could not be parsed (QMS002 says so; nothing else to add)."""
    source = ctx.repo.files.get(path)
    return source is not None and not source.ok


@repo_rule(
    "QMS500",
    "audit-plan-timely",
    Severity.ERROR,
    "Audit wewnętrzny ma plan sporządzony przed datą auditu",
)
def audit_plan_timely(ctx: CheckContext) -> Iterator[Hit]:
    for folder, audit in folders(ctx):
        if folder.plan is None:
            present = [f for f in (folder.checklist, folder.findings, folder.report) if f]
            if present and not _unreadable(ctx, f"{folder.path}/plan.yaml"):
                yield Hit(
                    present[0].path,
                    f"audit {folder.name} nie ma planu ({folder.path}/plan.yaml); "
                    "plan sporządza się przed auditem poleceniem „qms audit new”",
                )
            continue
        prepared, date = audit.prepared, audit.date
        if prepared is not None and date is not None and prepared > date:
            yield Hit(
                folder.plan.path,
                f"plan auditu {audit.id} sporządzono {prepared.isoformat()}, po dacie auditu "
                f"{date.isoformat()}: plan musi powstać przed auditem",
                pointer=("prepared",),
            )


@repo_rule(
    "QMS501",
    "audit-team",
    Severity.ERROR,
    "Zespół auditu: auditorzy z rejestru, spoza auditowanych komórek, z ważnymi kompetencjami",
)
def audit_team(ctx: CheckContext) -> Iterator[Hit]:
    if "auditors" in ctx.repo.broken:
        return
    auditors = auditors_by_id(ctx.repo)
    for folder, audit in folders(ctx):
        if folder.plan is None:
            continue
        for problem in team_problems(audit.team, audit.units, auditors, audit.date):
            yield Hit(folder.plan.path, f"audit {audit.id}: {problem.message}", pointer=("lead",))


@repo_rule(
    "QMS502",
    "audit-report-missing",
    Severity.ERROR,
    f"Raport z auditu istnieje najpóźniej {REPORT_DAYS} dni po audicie",
)
def audit_report_missing(ctx: CheckContext) -> Iterator[Hit]:
    for folder, audit in folders(ctx):
        end = audit.end
        if folder.plan is None or folder.report is not None or end is None:
            continue
        if _unreadable(ctx, f"{folder.path}/report.md"):
            continue
        if (ctx.today - end).days > REPORT_DAYS:
            yield Hit(
                folder.plan.path,
                f"audit {audit.id} odbył się {end.isoformat()}, a nie ma raportu "
                f"(report.md) — minęło ponad {REPORT_DAYS} dni; „qms audit report {audit.id}”",
                pointer=("date",),
            )


@repo_rule(
    "QMS503",
    "audit-report-complete",
    Severity.ERROR,
    "Raport z auditu zawiera elementy ISO 19011 pkt 6.5.1",
)
def audit_report_complete(ctx: CheckContext) -> Iterator[Hit]:
    for folder, _ in folders(ctx):
        if folder.report is None:
            continue
        report = Report.of(folder.report)
        for key, name in REPORT_FIELDS.items():
            if report.fields.get(key) is None:
                yield Hit(report.path, f"raport bez elementu: {name} (pole „{key}”)", pointer=())
        headings = [m["title"].strip().lower() for m in _HEADING.finditer(report.body)]
        for section in REPORT_SECTIONS:
            if not any(h.startswith(section.lower()) for h in headings):
                yield Hit(
                    report.path,
                    f"raport bez części „{section}” (ISO 19011 pkt 6.5.1)",
                    line=report.body_line,
                )


def audits_with_findings(ctx: CheckContext) -> Iterator[tuple[str, Audit]]:
    """(the file holding the findings, audit) of internal audits with a findings file and of
    external audits."""
    records = audit_records(ctx.repo)
    for folder, audit in records.folder_audits():
        if folder.findings is not None:
            yield folder.findings.path, audit
    for audit in records.external:
        yield audit.sources[0], audit


@repo_rule(
    "QMS504",
    "nonconformity-capa",
    Severity.ERROR,
    f"Każda niezgodność ma kartę działań korygujących (najpóźniej {CAPA_DAYS} dni po audicie)",
)
def nonconformity_capa(ctx: CheckContext) -> Iterator[Hit]:
    existing = {s.path.rsplit("/", 1)[-1].rsplit(".", 1)[0] for s in ctx.repo.of_kind("capa")}
    for path, audit in audits_with_findings(ctx):
        for finding in audit.nonconformities:
            if finding.capa is not None:
                if finding.capa not in existing and "capa" not in ctx.repo.broken:
                    yield Hit(
                        path,
                        f"karta {finding.capa} nie istnieje ({CAPA_DIR}/{finding.capa}.yaml)",
                        pointer=("findings", finding.index, "capa"),
                    )
                continue
            since = max(d for d in (audit.end, finding.recorded, dt.date.min) if d)
            if (ctx.today - since).days > CAPA_DAYS:
                name = f"{audit.id}/{finding.written_no}"
                yield Hit(
                    path,
                    f"niezgodność {name} nie ma działania korygującego "
                    f"(minęło ponad {CAPA_DAYS} dni): „qms capa new --from {name}”",
                    pointer=("findings", finding.index),
                )


def _criterion_unknown(ctx: CheckContext, finding: AuditFinding) -> bool:
    criterion = finding.criterion
    return (
        criterion is not None
        and not is_clause(criterion)
        and criterion not in ctx.repo.docs_by_id
        and criterion not in ctx.repo.broken_document_ids
    )


@repo_rule(
    "QMS505",
    "finding-complete",
    Severity.ERROR,
    "Niezgodność wskazuje kryterium i dowód; kryterium to istniejący dokument albo punkt normy",
)
def finding_complete(ctx: CheckContext) -> Iterator[Hit]:
    for path, audit in audits_with_findings(ctx):
        for finding in audit.findings:
            where = ("findings", finding.index)
            kind, no = finding.kind_pl, finding.written_no
            if finding.nonconformity:
                for value, name in ((finding.criterion, "kryterium"), (finding.evidence, "dowodu")):
                    if value is None:
                        yield Hit(path, f"{kind} nr {no} bez {name}", pointer=where)
            if _criterion_unknown(ctx, finding):
                yield Hit(
                    path,
                    f"{kind} nr {no}: kryterium {finding.criterion} nie jest dokumentem "
                    "ani punktem normy",
                    pointer=(*where, "criterion"),
                )


@repo_rule(
    "QMS508",
    "audit-refs",
    Severity.ERROR,
    "Plan auditu wskazuje istniejące procesy, komórki, stanowiska i dokumenty",
)
def audit_refs(ctx: CheckContext) -> Iterator[Hit]:
    repo = ctx.repo
    processes = {d.id for d in repo.documents_of_type("process")}
    for folder, audit in folders(ctx):
        if folder.plan is None:
            continue
        path = folder.plan.path
        for index, process in enumerate(audit.processes):
            if process not in processes and process not in repo.broken_document_ids:
                yield Hit(path, f"nie ma procesu {process}", pointer=("processes", index))
        if "structure" not in repo.broken:
            for index, unit in enumerate(audit.units):
                if unit not in repo.unit_ids:
                    yield Hit(path, f"nie ma komórki {unit}", pointer=("units", index))
            for index, position in audit.auditee_positions:
                if position not in repo.position_ids:
                    yield Hit(path, f"nie ma stanowiska {position}", pointer=("auditees", index))
        for index, doc_id in enumerate(audit.criteria_documents):
            if doc_id not in repo.docs_by_id and doc_id not in repo.broken_document_ids:
                yield Hit(
                    path,
                    f"kryterium auditu {doc_id} nie jest dokumentem z documents/",
                    pointer=("criteria", "documents", index),
                )


@repo_rule(
    "QMS509",
    "audit-closed",
    Severity.ERROR,
    "Zamknięty audit ma raport, a każda jego niezgodność — kartę działań korygujących",
)
def audit_closed(ctx: CheckContext) -> Iterator[Hit]:
    for folder, audit in folders(ctx):
        if folder.plan is None or not audit.closed:
            continue
        if folder.report is None and not _unreadable(ctx, f"{folder.path}/report.md"):
            yield Hit(
                folder.plan.path, f"audit {audit.id} zamknięto bez raportu", pointer=("status",)
            )
        for finding in audit.nonconformities:
            if finding.capa is None:
                yield Hit(
                    folder.plan.path,
                    f"audit {audit.id} zamknięto, a niezgodność nr {finding.written_no} nie ma "
                    "karty działań korygujących",
                    pointer=("status",),
                )
