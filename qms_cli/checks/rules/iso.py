"""The edition of ISO 9001 the office works to (``iso.edition``): clauses documents cite, the
edition's new or changed requirements, and the end of the transition period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.io import iso
from qms_cli.model.audit_records import audit_records
from qms_cli.model.certification import certificate_of
from qms_cli.model.clauses import EDITION_2015
from qms_cli.model.dates import as_date
from qms_cli.model.findings import Severity
from qms_cli.model.transition import (
    MISSING,
    NEAR_MONTHS,
    cap_problem,
    coverage,
    doc_views,
    near_end,
)


@repo_rule(
    "QMS094",
    "clause-in-edition",
    Severity.WARNING,
    "Dokument powołuje się tylko na punkty wydania normy, które stosuje urząd (iso.edition)",
)
def clause_in_edition(ctx: CheckContext) -> Iterator[Hit]:
    if "config" in ctx.repo.broken:
        return
    edition = iso.edition(ctx.repo)
    for doc in ctx.repo.documents:
        for index, clause in enumerate(doc.refs("clauses")):
            if not edition.knows(clause):
                yield Hit(
                    doc.path,
                    f"{doc.id} powołuje się na pkt {clause}, którego nie ma w wydaniu "
                    f"{edition.label} (punkty wydania: templates/iso/ qms albo org/iso/)",
                    pointer=("clauses", index),
                )


@repo_rule(
    "QMS095",
    "edition-requirement",
    Severity.WARNING,
    "Dokumenty urzędu odnoszą się do nowych i zmienionych wymagań stosowanego wydania normy",
)
def edition_requirement(ctx: CheckContext) -> Iterator[Hit]:
    if "config" in ctx.repo.broken:
        return
    edition = iso.edition(ctx.repo)
    docs = doc_views(ctx.repo)
    paths = {d.id: d.path for d in ctx.repo.documents}
    for requirement in edition.requirements:
        found = coverage(requirement, docs)
        if found.state != MISSING:
            continue
        draft = ", projekt normy" if requirement.draft else ""
        yield Hit(
            paths.get(found.documents[0], "qms.yaml") if found.documents else "qms.yaml",
            f"wymaganie {requirement.id} (pkt {requirement.clause} {edition.label}{draft}: "
            f"{requirement.summary.rstrip('.')}): {found.missing}",
        )


def _transition_until(ctx: CheckContext) -> dt.date | None:
    if "config" in ctx.repo.broken:
        return None
    section = ctx.repo.config.get("iso")
    if not isinstance(section, dict):
        return None
    if iso.edition(ctx.repo).name != EDITION_2015:
        return None  # the office already works to the new edition
    return as_date(section.get("transition_until"))


@repo_rule(
    "QMS096",
    "transition-certificate",
    Severity.WARNING,
    "Certyfikat na wydanie 2015 nie jest ważny dłużej niż okres przejściowy (iso.transition_until)",
)
def transition_certificate(ctx: CheckContext) -> Iterator[Hit]:
    until = _transition_until(ctx)
    certificate = certificate_of(ctx.repo.config)
    if until is None or certificate is None:
        return
    valid_until = certificate.valid_until
    problem = cap_problem(valid_until, until) if valid_until else None
    if problem:
        yield Hit("qms.yaml", problem, pointer=("certificate", "valid_until"))


def _transition_audit(ctx: CheckContext) -> bool:
    certificate = certificate_of(ctx.repo.config)
    kinds = [a.type for a in certificate.audits] if certificate is not None else []
    kinds += [a.kind for a in audit_records(ctx.repo).external]
    return "transition" in kinds


@repo_rule(
    "QMS097",
    "transition-near",
    Severity.WARNING,
    f"Okres przejściowy na nowe wydanie normy nie kończy się w ciągu {NEAR_MONTHS} miesięcy "
    "bez zapisanego auditu przejścia",
)
def transition_near(ctx: CheckContext) -> Iterator[Hit]:
    until = _transition_until(ctx)
    if until is None or not near_end(ctx.today, until) or _transition_audit(ctx):
        return
    when = "zakończył się" if ctx.today > until else "kończy się"
    yield Hit(
        "qms.yaml",
        f"okres przejściowy na nowe wydanie normy {when} {until.isoformat()}, a urząd nie ma "
        "zapisanego auditu przejścia (type: transition w certificate.audits albo "
        "records/audits/external/); zob. qms transition plan",
        pointer=("iso", "transition_until"),
    )
