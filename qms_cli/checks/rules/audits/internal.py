"""Internal audits (ISO 9001 9.2, ISO 19011): a plan before the audit, an impartial and
competent team, a complete report after it, findings that cite criterion and evidence, a
corrective action for every nonconformity, and audit ids that never collide."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.audits import (
    CAPA_DAYS,
    FINDING_TYPES,
    REPORT_DAYS,
    REPORT_FIELDS,
    REPORT_SECTIONS,
    AuditFolder,
    audit_folders,
    auditors_by_id,
    external_audits,
    external_name,
    finding_items,
    is_clause,
    is_nonconformity,
    strings,
    team_problems,
)
from qms_cli.model.capa import CAPA_DIR
from qms_cli.model.dates import as_date
from qms_cli.model.documents import SourceFile
from qms_cli.model.findings import Severity

_HEADING = re.compile(r"^#{1,6}\s+(?:\d+(?:\.\d+)*\.?\s+)?(?P<title>.+?)\s*#*\s*$", re.MULTILINE)


def folders(ctx: CheckContext) -> list[AuditFolder]:
    return list(audit_folders(ctx.repo).values())


def _unreadable(ctx: CheckContext, path: str) -> bool:
    """The file is there but could not be parsed (QMS002 says so; nothing else to add)."""
    source = ctx.repo.files.get(path)
    return source is not None and not source.ok


def _end(folder: AuditFolder) -> dt.date | None:
    return as_date(folder.data.get("until")) or folder.date


@repo_rule(
    "QMS500",
    "audit-plan-timely",
    Severity.ERROR,
    "Audit wewnętrzny ma plan sporządzony przed datą auditu",
)
def audit_plan_timely(ctx: CheckContext) -> Iterator[Hit]:
    for folder in folders(ctx):
        if folder.plan is None:
            present = [f for f in (folder.checklist, folder.findings, folder.report) if f]
            if present and not _unreadable(ctx, f"{folder.path}/plan.yaml"):
                yield Hit(
                    present[0].path,
                    f"audit {folder.name} nie ma planu ({folder.path}/plan.yaml); "
                    "plan sporządza się przed auditem poleceniem „qms audit new”",
                )
            continue
        prepared, date = as_date(folder.data.get("prepared")), folder.date
        if prepared is not None and date is not None and prepared > date:
            yield Hit(
                folder.plan.path,
                f"plan auditu {folder.id} sporządzono {prepared.isoformat()}, po dacie auditu "
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
    for folder in folders(ctx):
        if folder.plan is None:
            continue
        for problem in team_problems(folder.team, folder.units, auditors, folder.date):
            yield Hit(folder.plan.path, f"audit {folder.id}: {problem.message}", pointer=("lead",))


@repo_rule(
    "QMS502",
    "audit-report-missing",
    Severity.ERROR,
    f"Raport z auditu istnieje najpóźniej {REPORT_DAYS} dni po audicie",
)
def audit_report_missing(ctx: CheckContext) -> Iterator[Hit]:
    for folder in folders(ctx):
        end = _end(folder)
        if folder.plan is None or folder.report is not None or end is None:
            continue
        if _unreadable(ctx, f"{folder.path}/report.md"):
            continue
        if (ctx.today - end).days > REPORT_DAYS:
            yield Hit(
                folder.plan.path,
                f"audit {folder.id} odbył się {end.isoformat()}, a nie ma raportu "
                f"(report.md) — minęło ponad {REPORT_DAYS} dni; „qms audit report {folder.id}”",
                pointer=("date",),
            )


@repo_rule(
    "QMS503",
    "audit-report-complete",
    Severity.ERROR,
    "Raport z auditu zawiera elementy ISO 19011 pkt 6.5.1",
)
def audit_report_complete(ctx: CheckContext) -> Iterator[Hit]:
    for folder in folders(ctx):
        report = folder.report
        if report is None:
            continue
        for key, name in REPORT_FIELDS.items():
            value = report.data.get(key)
            if not (isinstance(value, str) and value.strip()):
                yield Hit(report.path, f"raport bez elementu: {name} (pole „{key}”)", pointer=())
        headings = [m["title"].strip().lower() for m in _HEADING.finditer(report.body)]
        for section in REPORT_SECTIONS:
            if not any(h.startswith(section.lower()) for h in headings):
                yield Hit(
                    report.path,
                    f"raport bez części „{section}” (ISO 19011 pkt 6.5.1)",
                    line=report.body_line,
                )


def findings_files(ctx: CheckContext) -> Iterator[tuple[str, SourceFile, dt.date | None]]:
    """(reference prefix, findings file, audit end date) of internal and external audits."""
    for folder in folders(ctx):
        if folder.findings is not None:
            yield folder.id, folder.findings, _end(folder)
    for source in external_audits(ctx.repo):
        end = as_date(source.data.get("until")) or as_date(source.data.get("date"))
        yield external_name(source), source, end


@repo_rule(
    "QMS504",
    "nonconformity-capa",
    Severity.ERROR,
    f"Każda niezgodność ma kartę działań korygujących (najpóźniej {CAPA_DAYS} dni po audicie)",
)
def nonconformity_capa(ctx: CheckContext) -> Iterator[Hit]:
    existing = {s.path.rsplit("/", 1)[-1].rsplit(".", 1)[0] for s in ctx.repo.of_kind("capa")}
    for ref, source, end in findings_files(ctx):
        for index, finding in finding_items(source):
            if not is_nonconformity(finding):
                continue
            capa = finding.get("capa")
            where = ("findings", index, "capa")
            if isinstance(capa, str):
                if capa not in existing and "capa" not in ctx.repo.broken:
                    yield Hit(
                        source.path,
                        f"karta {capa} nie istnieje ({CAPA_DIR}/{capa}.yaml)",
                        pointer=where,
                    )
                continue
            since = max(d for d in (end, as_date(finding.get("recorded")), dt.date.min) if d)
            if (ctx.today - since).days > CAPA_DAYS:
                name = f"{ref}/{finding.get('no')}"
                yield Hit(
                    source.path,
                    f"niezgodność {name} nie ma działania korygującego "
                    f"(minęło ponad {CAPA_DAYS} dni): „qms capa new --from {name}”",
                    pointer=("findings", index),
                )


@repo_rule(
    "QMS505",
    "finding-complete",
    Severity.ERROR,
    "Niezgodność wskazuje kryterium i dowód; kryterium to istniejący dokument albo punkt normy",
)
def finding_complete(ctx: CheckContext) -> Iterator[Hit]:
    for _, source, _ in findings_files(ctx):
        for index, finding in finding_items(source):
            where = ("findings", index)
            criterion = finding.get("criterion")
            kind = FINDING_TYPES.get(str(finding.get("type")), "ustalenie")
            if is_nonconformity(finding):
                for key, name in (("criterion", "kryterium"), ("evidence", "dowodu")):
                    value = finding.get(key)
                    if not (isinstance(value, str) and value.strip()):
                        yield Hit(
                            source.path, f"{kind} nr {finding.get('no')} bez {name}", pointer=where
                        )
            if (
                isinstance(criterion, str)
                and not is_clause(criterion)
                and criterion not in ctx.repo.docs_by_id
                and criterion not in ctx.repo.broken_document_ids
            ):
                yield Hit(
                    source.path,
                    f"{kind} nr {finding.get('no')}: kryterium {criterion} nie jest dokumentem "
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
    for folder in folders(ctx):
        if folder.plan is None:
            continue
        path = folder.plan.path
        for index, process in enumerate(folder.processes):
            if process not in processes and process not in repo.broken_document_ids:
                yield Hit(path, f"nie ma procesu {process}", pointer=("processes", index))
        if "structure" not in repo.broken:
            for index, unit in enumerate(folder.units):
                if unit not in repo.unit_ids:
                    yield Hit(path, f"nie ma komórki {unit}", pointer=("units", index))
            for index, auditee in enumerate(folder.data.get("auditees") or []):
                position = auditee.get("position") if isinstance(auditee, dict) else None
                if isinstance(position, str) and position not in repo.position_ids:
                    yield Hit(path, f"nie ma stanowiska {position}", pointer=("auditees", index))
        criteria = folder.data.get("criteria")
        documents = strings(criteria.get("documents")) if isinstance(criteria, dict) else []
        for index, doc_id in enumerate(documents):
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
    for folder in folders(ctx):
        if folder.plan is None or not folder.closed:
            continue
        if folder.report is None and not _unreadable(ctx, f"{folder.path}/report.md"):
            yield Hit(
                folder.plan.path, f"audit {folder.id} zamknięto bez raportu", pointer=("status",)
            )
        for _, finding in folder.finding_items():
            if is_nonconformity(finding) and not finding.get("capa"):
                yield Hit(
                    folder.plan.path,
                    f"audit {folder.id} zamknięto, a niezgodność nr {finding.get('no')} nie ma "
                    "karty działań korygujących",
                    pointer=("status",),
                )
