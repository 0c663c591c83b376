"""Overdue duties of ``qms due`` that no other rule reports: QMS610–QMS614.

The other kinds of ``qms due`` have their rules already: corrective actions (QMS510, QMS512),
decisions of the management review (QMS603) and the review itself (QMS601), external audits
(QMS520), complaints and requests (QMS606, QMS607) and the evaluation of objectives (QMS600).
Severities can be changed in ``rules:`` of qms.yaml.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model import due as D
from qms_cli.model import due_records as R
from qms_cli.model.findings import Severity
from qms_cli.model.register import Register, from_data


def _overdue(items: Iterable[D.DueItem], ctx: CheckContext) -> Iterator[Hit]:
    for item in items:
        if item.overdue(ctx.today):
            yield Hit(
                item.source,
                f"{item.title}: termin {item.due.isoformat()}, {D.when_pl(item, ctx.today)}",
                pointer=item.pointer,
            )


@repo_rule(
    "QMS610",
    "document-review-overdue",
    Severity.WARNING,
    "Dokument obowiązujący przejrzany w okresie z review_every w qms.yaml (domyślnie co 12 "
    "miesięcy od zatwierdzenia, wydania lub przeglądu)",
)
def document_review_overdue(ctx: CheckContext) -> Iterator[Hit]:
    try:
        register = from_data(ctx.repo.data("register"))
    except ValueError:  # release reports a broken register.yaml
        register = Register()
    report = ctx.approvals
    approvals = report.approvals if report is not None else {}
    last = D.last_reviews(approvals, register, report.reviews if report is not None else {})
    for hit in _overdue(D.document_reviews(ctx.repo, last), ctx):
        yield Hit(hit.path, hit.message + "; po przeglądzie: qms review-doc <id>")


@repo_rule(
    "QMS612",
    "accessibility-statement-update",
    Severity.WARNING,
    "Deklaracja dostępności przejrzana i zaktualizowana do 31 marca każdego roku "
    "(accessibility.reviewed, a11y-data-przeglad)",
)
def accessibility_statement_update(ctx: CheckContext) -> Iterator[Hit]:
    yield from _overdue(R.accessibility_items(ctx.repo), ctx)


@repo_rule(
    "QMS613",
    "certificate-expired",
    Severity.WARNING,
    "Certyfikat systemu zarządzania jakością jest ważny (certificate.valid_until)",
)
def certificate_expired(ctx: CheckContext) -> Iterator[Hit]:
    items = [i for i in R.certificate_items(ctx.repo) if i.kind == "certificate"]
    yield from _overdue(items, ctx)


@repo_rule(
    "QMS614",
    "objective-measurement-overdue",
    Severity.WARNING,
    "Cel jakości zmierzony w terminie z measure_every (co ile miesięcy)",
)
def objective_measurement_overdue(ctx: CheckContext) -> Iterator[Hit]:
    items = [i for i in R.objective_items(ctx.repo) if i.key.endswith("/measurement")]
    yield from _overdue(items, ctx)
