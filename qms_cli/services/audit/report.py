"""``qms audit report``: the audit report with the ISO 19011 6.5.1 elements as Markdown
(``report.md``: front matter + body) and, where the PDF renderer is installed, as a PDF.

The PDF step is a plug-in: ``qms_cli.services.documents.render_pdf.render_record_pdf(root, markdown,
title=…, out=…, record_id=…, date=…, source=…) -> Path`` (the office's PDF layout). When that
function is not available the report is written as Markdown only and the result says so.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io.atomic import write_atomic
from qms_cli.io.records import markdown_text, styled
from qms_cli.model.audit_evidence import coverage, final_problems
from qms_cli.model.audit_records import Audit, Checklist
from qms_cli.model.audit_timing import audit_settings
from qms_cli.model.audits import AuditFolder, auditors_by_id
from qms_cli.model.repository import Repository
from qms_cli.render.reports.audit import (
    NO_DISAGREEMENTS,
    SAMPLING,
    ReportFacts,
    default_conclusions,
    default_conformity,
    drafted,
    finding_counts,
    report_markdown,
)
from qms_cli.services.audit.audits import find_audit
from qms_cli.services.loading import load_repository

PDF_DIR = Path("dist") / "pdf"
PdfRenderer = Callable[..., Path]


@dataclass(frozen=True)
class ReportRequest:
    conclusions: str | None = None
    conformity: str | None = None
    disagreements: str | None = None
    force: bool = False
    pdf: bool = True
    final: bool = False  # refuse unless the evidence supports a final report


class ReportNotFinal(QmsError):
    """``--final`` asked for, and the audit's records do not support it: exit 1."""

    exit_code = 1

    def __init__(self, audit_id: str, problems: list[str]) -> None:
        super().__init__(
            f"raport {audit_id} nie może być ostateczny (--final) — brakuje:",
            hint="Uzupełnij listę pytań kontrolnych i ustalenia, potem ponów polecenie; bez "
            "--final raport zostaje projektem (status: draft).",
        )
        self.problems = problems


@dataclass(frozen=True)
class ReportResult:
    markdown: Path
    pdf: Path | None
    pdf_note: str | None  # why there is no PDF


def pdf_renderer() -> PdfRenderer | None:
    """The office-layout PDF renderer for records, when this installation has one."""
    try:
        module = importlib.import_module("qms_cli.services.documents.render_pdf")
    except ImportError:
        return None
    renderer = getattr(module, "render_record_pdf", None)
    return renderer if callable(renderer) else None


def write_report(
    path: Path, name: str, request: ReportRequest, today: dt.date | None = None
) -> ReportResult:
    today = today or clock.today()
    loaded = load_repository(path)
    repo, root = loaded.repo, loaded.root
    audit = find_audit(repo, name)
    folder = audit.folder
    if folder is None:
        raise QmsError(f"{name} to audit zewnętrzny — jego raport wydaje jednostka certyfikująca")
    target = root / folder.path / "report.md"
    previous = folder.report.data if folder.report is not None else {}
    if target.exists() and not request.force:
        raise QmsError(
            f"raport {folder.path}/report.md już istnieje — niczego nie nadpisano",
            hint="Popraw go w pliku albo utwórz od nowa z --force (wnioski i zastrzeżenia "
            "z nagłówka zostaną zachowane).",
        )
    record = audit.record
    findings = list(record.findings)
    threshold = audit_settings(repo.config).coverage
    facts = _facts(repo, folder, record, request, previous, threshold)
    covered = coverage(facts.results, facts.questions)
    if request.final:
        problems = final_problems(findings, covered, threshold)
        if problems:
            raise ReportNotFinal(folder.id, problems)
    meta = {
        "id": folder.id,
        "type": "audit-report",
        "title": f"Raport z auditu wewnętrznego {folder.id}",
        "date": today.isoformat(),
        "lead": record.lead,
        "findings": finding_counts(findings),
        "conclusions": facts.conclusions,
        "conformity": facts.conformity,
        "disagreements": facts.disagreements,
        "sampling": facts.sampling,
        "coverage": {"checked": covered.checked, "questions": covered.questions},
        "status": "final" if request.final else "draft",
    }
    body = report_markdown(facts)
    write_atomic(target, markdown_text(styled(meta), "\n" + body))
    if not request.pdf:
        return ReportResult(target, None, None)
    renderer = pdf_renderer()
    if renderer is None:
        return ReportResult(target, None, "moduł PDF (qms render pdf) nie jest zainstalowany")
    out = root / PDF_DIR / f"{folder.id}.pdf"
    pdf = renderer(
        root,
        body,
        title=str(meta["title"]),
        out=out,
        record_id=folder.id,
        date=today,
        source=f"{folder.path}/report.md",
    )
    return ReportResult(target, pdf, None)


def _text(request_value: str | None, previous: dict[str, Any], key: str, default: str) -> str:
    """The option's text, else what a person wrote in the report before, else qms's draft
    (a draft of an earlier run is drafted again: the evidence may have changed since)."""
    if request_value and request_value.strip():
        return request_value.strip()
    value = previous.get(key)
    if isinstance(value, str) and value.strip() and not drafted(value):
        return value.strip()
    return default


def _facts(
    repo: Repository,
    folder: AuditFolder,
    audit: Audit,
    request: ReportRequest,
    previous: dict[str, Any],
    threshold: int,
) -> ReportFacts:
    findings = audit.findings
    checklist = Checklist.of(folder.checklist)
    results, questions = checklist.results, checklist.questions
    office = repo.config.get("office")
    office = office if isinstance(office, dict) else {}
    auditors = auditors_by_id(repo)
    units = {str(u["id"]): u for _, _, u in repo.items("structure", "units") if "id" in u}
    positions = {str(p["id"]): p for _, _, p in repo.items("structure", "positions") if "id" in p}

    def who(auditor_id: str) -> str:
        name = auditors.get(auditor_id, {}).get("name")
        return f"{auditor_id} {name}" if name else auditor_id

    def titled(ids: Sequence[str]) -> list[str]:
        return [f"{i} {repo.docs_by_id[i].title}" if i in repo.docs_by_id else i for i in ids]

    team = [
        ("auditor wiodący", who(m)) if i == 0 else ("auditor", who(m))
        for i, m in enumerate(audit.team)
    ]
    auditees = [
        str(positions.get(position, {}).get("title", position))
        for _, position in audit.auditee_positions
    ]
    return ReportFacts(
        audit_id=audit.id,
        office=str(office.get("name", "")),
        client=str(office.get("head_title", "kierownik urzędu")),
        date=audit.date,
        place=audit.place or "—",
        objectives=audit.objectives,
        processes=titled(audit.processes),
        units=[f"{u} {units.get(u, {}).get('name', '')}".strip() for u in audit.units],
        clauses=audit.criteria_clauses,
        criteria=[
            *audit.criteria_other[:1],
            *titled(audit.criteria_documents),
            *audit.criteria_other[1:],
        ],
        team=team,
        auditees=auditees,
        findings=findings,
        results=results,
        questions=questions,
        conclusions=_text(
            request.conclusions,
            previous,
            "conclusions",
            default_conclusions(findings, coverage(results, questions), threshold),
        ),
        conformity=_text(
            request.conformity,
            previous,
            "conformity",
            default_conformity(findings, results, questions, threshold),
        ),
        disagreements=_text(request.disagreements, previous, "disagreements", NO_DISAGREEMENTS),
        sampling=_text(None, previous, "sampling", SAMPLING),
    )
