"""The audit programme and the certification cycle checked against the records (issue 16 B):
an audit whose date has passed has a record; a plan gives the auditees notice. QMS530–QMS534;
the numbers come from ``audits`` in qms.yaml (``model.audit_timing``)."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.audit_records import audit_records
from qms_cli.model.audit_timing import Late, audit_settings, external_recorded, lateness
from qms_cli.model.audits import EXTERNAL_DIR, EXTERNAL_KINDS
from qms_cli.model.certification import certificate_of
from qms_cli.model.findings import Severity


def _missed_programme(ctx: CheckContext) -> Iterator[tuple[Hit, Late]]:
    if "audit-programme" in ctx.repo.broken:
        return
    grace = audit_settings(ctx.repo.config).grace_days
    records = audit_records(ctx.repo)
    held = {f.name for f in records.folders} | {a.id for a in records.internal}
    for entry in records.programme:
        if entry.id is None or entry.id in held or entry.held is not None:
            continue  # carried out: its records, or "held" for one documented on paper
        late = lateness(entry.due, ctx.today, grace)
        if late is None:
            continue
        audit_id, when = entry.id, entry.when
        processes = ", ".join(entry.processes) or "–"
        if late.overdue:
            message = (
                f"audit {audit_id} ({processes}) zaplanowany w programie na {when} nie odbył się: "
                f"minęło {late.days} dni od {late.due.isoformat()}, a nie ma planu ani raportu "
                f"(records/audits/{audit_id}/); przeprowadź go („qms audit new”) albo zmień "
                "program auditów (zmianę zatwierdza kierownik urzędu)"
            )
        else:
            message = (
                f"audit {audit_id} ({processes}) zaplanowany w programie na {when}: termin minął "
                f"{late.due.isoformat()}, a nie ma planu ani raportu (records/audits/{audit_id}/); "
                f"po {grace} dniach będzie to błąd QMS531"
            )
        yield Hit(entry.path, message, pointer=("audits", entry.index, "id")), late


@repo_rule(
    "QMS530",
    "audit-programme-due",
    Severity.WARNING,
    "Audit z programu, którego termin minął, ma plan i raport (ostrzeżenie w okresie "
    "karencji audits.grace_days, domyślnie 30 dni)",
)
def programme_due(ctx: CheckContext) -> Iterator[Hit]:
    yield from (hit for hit, late in _missed_programme(ctx) if not late.overdue)


@repo_rule(
    "QMS531",
    "audit-programme-missed",
    Severity.ERROR,
    "Audit z programu odbył się: po terminie i okresie karencji (audits.grace_days) ma plan "
    "i raport",
)
def programme_missed(ctx: CheckContext) -> Iterator[Hit]:
    yield from (hit for hit, late in _missed_programme(ctx) if late.overdue)


def _missed_external(ctx: CheckContext) -> Iterator[tuple[Hit, Late]]:
    if "config" in ctx.repo.broken or "external-audit" in ctx.repo.broken:
        return
    certificate = certificate_of(ctx.repo.config)
    if certificate is None:
        return
    records = [(a.kind, a.date) for a in audit_records(ctx.repo).external if a.date is not None]
    grace = audit_settings(ctx.repo.config).grace_days
    for audit in certificate.audits:
        day, kind = audit.date, audit.type
        issued = certificate.issued
        if day is None or (issued is not None and day < issued):
            continue  # audits before the certificate belong to the previous cycle
        late = lateness(day, ctx.today, grace)
        if late is None or external_recorded(kind, day, records):
            continue
        name = EXTERNAL_KINDS.get(kind, kind)
        record = f"{EXTERNAL_DIR}/{day.isoformat()}-{kind}.yaml"
        if late.overdue:
            message = (
                f"{name} z {day.isoformat()} (certificate.audits) nie ma zapisu ({record}): "
                f"minęło {late.days} dni; zapisz go z raportem jednostki certyfikującej: "
                f"qms audit external --kind {kind} --date {day.isoformat()} --report …"
            )
        else:
            message = (
                f"{name} z {day.isoformat()} (certificate.audits) nie ma jeszcze zapisu "
                f"({record}); po {grace} dniach będzie to błąd QMS533"
            )
        yield Hit("qms.yaml", message, pointer=("certificate", "audits", audit.index)), late


@repo_rule(
    "QMS532",
    "external-audit-record-due",
    Severity.WARNING,
    "Audit jednostki certyfikującej z certificate.audits, którego data minęła, ma zapis "
    "w records/audits/external/ (ostrzeżenie w okresie karencji audits.grace_days)",
)
def external_record_due(ctx: CheckContext) -> Iterator[Hit]:
    yield from (hit for hit, late in _missed_external(ctx) if not late.overdue)


@repo_rule(
    "QMS533",
    "external-audit-record-missing",
    Severity.ERROR,
    "Audit jednostki certyfikującej z certificate.audits ma zapis w records/audits/external/ "
    "najpóźniej po okresie karencji (audits.grace_days)",
)
def external_record_missing(ctx: CheckContext) -> Iterator[Hit]:
    yield from (hit for hit, late in _missed_external(ctx) if late.overdue)


@repo_rule(
    "QMS534",
    "audit-notice",
    Severity.WARNING,
    "Plan auditu sporządzono z wyprzedzeniem wymaganym przez procedurę auditów "
    "(audits.notice_days, domyślnie 7 dni)",
)
def audit_notice(ctx: CheckContext) -> Iterator[Hit]:
    notice = audit_settings(ctx.repo.config).notice_days
    for folder, audit in audit_records(ctx.repo).folder_audits():
        prepared, date = audit.prepared, audit.date
        if folder.plan is None or prepared is None or date is None or prepared > date:
            continue  # QMS500 says a plan after the audit is wrong
        days = (date - prepared).days
        if days < notice:
            yield Hit(
                folder.plan.path,
                f"plan auditu {audit.id} sporządzono {prepared.isoformat()}, {days} dni przed "
                f"auditem {date.isoformat()}; auditowanych powiadamia się co najmniej {notice} "
                "dni wcześniej (audits.notice_days w qms.yaml)",
                pointer=("prepared",),
            )
