"""External audits by the certification body against the certificate in qms.yaml:
surveillance in years 1 and 2, recertification before the certificate expires."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.audit_records import audit_records
from qms_cli.model.audits import EXTERNAL_NAME_RE
from qms_cli.model.certification import DUE_SOON_DAYS, Deadline, certificate_of, cycle_deadlines
from qms_cli.model.findings import Severity


def _deadlines(ctx: CheckContext) -> list[Deadline]:
    if "config" in ctx.repo.broken or "external-audit" in ctx.repo.broken:
        return []
    certificate = certificate_of(ctx.repo.config)
    if certificate is None or certificate.issued is None or certificate.valid_until is None:
        return []
    held = certificate.arranged()
    held += [(a.kind, a.date) for a in audit_records(ctx.repo).external if a.date is not None]
    return cycle_deadlines(certificate.issued, certificate.valid_until, held)


@repo_rule(
    "QMS520",
    "external-audit-overdue",
    Severity.ERROR,
    "Audity nadzoru w 1. i 2. roku i audit ponownej certyfikacji odbyły się w terminie",
)
def external_audit_overdue(ctx: CheckContext) -> Iterator[Hit]:
    for deadline in _deadlines(ctx):
        if not deadline.done and ctx.today > deadline.end:
            yield Hit(
                "qms.yaml",
                f"brak: {deadline.label} (do {deadline.end.isoformat()}); wpisz audit do "
                "certificate.audits albo records/audits/external/ — bez niego certyfikat wygasa",
                pointer=("certificate", "audits"),
            )


@repo_rule(
    "QMS521",
    "external-audit-due",
    Severity.WARNING,
    f"Audit jednostki certyfikującej, którego termin mija w ciągu {DUE_SOON_DAYS} dni, "
    "jest uzgodniony",
)
def external_audit_due(ctx: CheckContext) -> Iterator[Hit]:
    for deadline in _deadlines(ctx):
        left = (deadline.end - ctx.today).days
        if not deadline.done and 0 <= left <= DUE_SOON_DAYS:
            yield Hit(
                "qms.yaml",
                f"za {left} dni mija termin: {deadline.label} ({deadline.end.isoformat()}); "
                "uzgodnij datę z jednostką certyfikującą i wpisz ją do certificate.audits",
                pointer=("certificate", "audits"),
            )


@repo_rule(
    "QMS522",
    "external-audit-file",
    Severity.WARNING,
    "Plik auditu zewnętrznego nazywa się <data>-<rodzaj>.yaml zgodnie z treścią",
)
def external_audit_file(ctx: CheckContext) -> Iterator[Hit]:
    for audit in audit_records(ctx.repo).external:
        expected = f"{audit.date}-{audit.kind}"
        if audit.id != expected or not EXTERNAL_NAME_RE.match(audit.id):
            yield Hit(
                audit.sources[0],
                f"plik auditu zewnętrznego powinien nazywać się {expected}.yaml "
                "(data i rodzaj auditu)",
                pointer=("date",),
            )
