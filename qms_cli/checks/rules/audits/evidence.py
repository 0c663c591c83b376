"""Reports say only what the evidence supports (issue 16 C): every finding has a description,
a criterion and evidence; a final report rests on a checklist examined at least to the
coverage threshold (``audits.coverage`` in qms.yaml). QMS535–QMS536."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.checks.rules.audits.internal import findings_files, folders
from qms_cli.model.audit_evidence import FINDING_PARTS, coverage, final_problems, missing_parts
from qms_cli.model.audit_timing import audit_settings
from qms_cli.model.audits import FINDING_TYPES, finding_items, is_nonconformity
from qms_cli.model.findings import Severity


@repo_rule(
    "QMS535",
    "finding-described",
    Severity.WARNING,
    "Każde ustalenie auditu (także obserwacja i szansa doskonalenia) ma opis, kryterium i dowód",
)
def finding_described(ctx: CheckContext) -> Iterator[Hit]:
    for _, source, _ in findings_files(ctx):
        for index, finding in finding_items(source):
            missing = missing_parts(finding)
            if is_nonconformity(finding):  # QMS505 asks for their criterion and evidence
                missing = [k for k in missing if k == "description"]
            if not missing:
                continue
            kind = FINDING_TYPES.get(str(finding.get("type")), "ustalenie")
            names = ", ".join(FINDING_PARTS[k] for k in missing)
            yield Hit(
                source.path,
                f"{kind} nr {finding.get('no')}: brak {names} — raport nie może być ostateczny, "
                "dopóki ustalenie nie mówi, co stwierdzono, wobec jakiego kryterium i na jakim "
                "dowodzie",
                pointer=("findings", index, missing[0]),
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
    for folder in folders(ctx):
        report = folder.report
        if report is None or report.data.get("status") != "final":
            continue
        data = folder.checklist.data if folder.checklist is not None else {}
        listed = data.get("questions") if isinstance(data, dict) else None
        questions = [q for q in listed if isinstance(q, dict)] if isinstance(listed, list) else []
        results = Counter(str(q.get("result")) for q in questions if q.get("result"))
        findings = [f for _, f in folder.finding_items()]
        problems = final_problems(findings, coverage(results, len(questions)), threshold)
        if problems:
            yield Hit(
                report.path,
                f"raport {folder.id} ma status final, a zapisy auditu go nie uzasadniają: "
                + "; ".join(problems)
                + " — zmień status na draft albo uzupełnij zapisy",
                pointer=("status",),
            )
