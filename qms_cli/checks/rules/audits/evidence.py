"""Reports say only what the evidence supports (issue 16 C): every finding has a description,
a criterion and evidence; a final report rests on a checklist examined at least to the
coverage threshold (``audits.coverage`` in qms.yaml). QMS535–QMS536."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.checks.rules.audits.internal import audits_with_findings, folders
from qms_cli.model.audit_evidence import FINDING_PARTS, coverage, final_problems, missing_parts
from qms_cli.model.audit_records import Checklist, Report
from qms_cli.model.audit_timing import audit_settings
from qms_cli.model.findings import Severity


@repo_rule(
    "QMS535",
    "finding-described",
    Severity.WARNING,
    "Każde ustalenie auditu (także obserwacja i szansa doskonalenia) ma opis, kryterium i dowód",
)
def finding_described(ctx: CheckContext) -> Iterator[Hit]:
    for path, audit in audits_with_findings(ctx):
        for finding in audit.findings:
            missing = missing_parts(finding)
            if finding.nonconformity:  # QMS505 asks for their criterion and evidence
                missing = [k for k in missing if k == "description"]
            if not missing:
                continue
            names = ", ".join(FINDING_PARTS[k] for k in missing)
            yield Hit(
                path,
                f"{finding.kind_pl} nr {finding.no}: brak {names} — raport nie może być "
                "ostateczny, dopóki ustalenie nie mówi, co stwierdzono, wobec jakiego kryterium "
                "i na jakim dowodzie",
                pointer=("findings", finding.index, missing[0]),
            )


@repo_rule(
    "QMS536",
    "audit-report-final",
    Severity.ERROR,
    "Raport ostateczny (status: final) opiera się na liście pytań sprawdzonej co najmniej "
    "w progu audits.coverage i na kompletnych ustaleniach",
)
def report_final(ctx: CheckContext) -> Iterator[Hit]:
    threshold = audit_settings(ctx.repo.config).coverage
    for folder, audit in folders(ctx):
        if folder.report is None or not (report := Report.of(folder.report)).final:
            continue
        checklist = Checklist.of(folder.checklist)
        covered = coverage(checklist.results, checklist.questions)
        problems = final_problems(audit.findings, covered, threshold)
        if problems:
            yield Hit(
                report.path,
                f"raport {audit.id} ma status final, a zapisy auditu go nie uzasadniają: "
                + "; ".join(problems)
                + " — zmień status na draft albo uzupełnij zapisy",
                pointer=("status",),
            )
