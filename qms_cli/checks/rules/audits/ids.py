"""Audit and finding numbers never collide, also after two branches are merged: an audit
folder, its plan and the programme agree on the number, and the message says how to renumber."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.checks.rules.audits.internal import audits_with_findings, folders
from qms_cli.model.audit_records import Audit, audit_records
from qms_cli.model.audits import AUDIT_ID_RE, AuditFolder, next_audit_id, next_finding_no
from qms_cli.model.findings import Severity


def _renumber_hint(ctx: CheckContext, folder: AuditFolder) -> str:
    match = AUDIT_ID_RE.match(folder.id) or AUDIT_ID_RE.match(folder.name)
    year = int(match["year"]) if match else ctx.today.year
    return (
        f"; nadaj mu wolny numer poleceniem „qms audit renumber {folder.name}” "
        f"(następny wolny: {next_audit_id(ctx.repo, year)}), które zmieni nazwę katalogu, numery "
        "w jego plikach i odwołania w kartach DK"
    )


@repo_rule(
    "QMS506",
    "audit-id",
    Severity.ERROR,
    "Numer auditu jest jednoznaczny: katalog, plan i program auditów mówią o tym samym audicie",
)
def audit_id(ctx: CheckContext) -> Iterator[Hit]:
    for folder, audit in folders(ctx):
        if folder.plan is None:
            continue
        path = folder.plan.path
        if folder.id != folder.name:
            yield Hit(
                path,
                f"katalog {folder.name} zawiera plan auditu {folder.id} (np. po scaleniu gałęzi)"
                + _renumber_hint(ctx, folder),
                pointer=("id",),
            )
            continue
        for other in (folder.checklist, folder.findings, folder.report):
            other_id = other.data.get("id") if other is not None else None
            if other is not None and isinstance(other_id, str) and other_id != folder.id:
                yield Hit(
                    other.path,
                    f"plik ma numer auditu {other_id}, a katalog i plan — {folder.id}",
                    pointer=("id",),
                )
        yield from _against_programme(ctx, folder, audit)


def _against_programme(ctx: CheckContext, folder: AuditFolder, audit: Audit) -> Iterator[Hit]:
    assert folder.plan is not None
    entry = audit_records(ctx.repo).planned(audit.id)
    if entry is None:
        if audit.planned and ctx.repo.of_kind("audit-programme"):
            yield Hit(
                folder.plan.path,
                f"audit {folder.id} jest oznaczony jako planowy (planned), a programu auditów "
                "nie ma takiego numeru; audit pozaplanowy oznacz „planned: false”",
                pointer=("planned",),
            )
        return
    listed = entry.processes
    if not audit.planned:
        yield Hit(
            folder.plan.path,
            f"numer {folder.id} nadano auditowi pozaplanowemu ({', '.join(audit.processes)}), "
            f"a w programie auditów ma go audit {', '.join(listed)} ({entry.month})"
            + _renumber_hint(ctx, folder),
            pointer=("id",),
        )
    elif listed and not set(audit.processes) & set(listed):
        yield Hit(
            folder.plan.path,
            f"numer {folder.id} w programie auditów dotyczy {', '.join(listed)}, a plan — "
            f"{', '.join(audit.processes)} (numer nadano dwa razy?)" + _renumber_hint(ctx, folder),
            pointer=("id",),
        )


@repo_rule(
    "QMS507",
    "finding-number",
    Severity.ERROR,
    "Numery ustaleń w audicie się nie powtarzają",
)
def finding_number(ctx: CheckContext) -> Iterator[Hit]:
    for path, audit in audits_with_findings(ctx):
        highest = next_finding_no(f.written_no for f in audit.findings) - 1
        seen: set[object] = set()
        for finding in audit.findings:
            number = finding.written_no
            if number in seen:
                highest += 1
                yield Hit(
                    path,
                    f"ustalenie {audit.id}/{number} powtórzone (np. po scaleniu gałęzi): nadaj "
                    f"drugiemu numer {highest} i popraw odwołanie source.ref w jego karcie DK",
                    pointer=("findings", finding.index, "no"),
                )
            seen.add(number)
