"""Corrective actions (ISO 9001 10.2; P-04): on time, complete, verified for effectiveness,
traceable to their source, and numbered without collisions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.audit_records import Audit, audit_records
from qms_cli.model.audits import AuditFinding
from qms_cli.model.capa import (
    CAPA_ID_RE,
    COMPLETE_WITHIN_DAYS,
    DUE_SOON_DAYS,
    CorrectiveAction,
    next_capa_id,
)
from qms_cli.model.dates import days_pl
from qms_cli.model.findings import Severity
from qms_cli.model.record_views import corrective_actions


def _cards(ctx: CheckContext) -> list[CorrectiveAction]:
    """Every corrective-action card, read once into its view (model/capa.py)."""
    return corrective_actions(ctx.repo)


@repo_rule(
    "QMS510",
    "capa-overdue",
    Severity.ERROR,
    "Otwarte działanie korygujące nie jest przeterminowane",
)
def capa_overdue(ctx: CheckContext) -> Iterator[Hit]:
    for card in _cards(ctx):
        left = card.days_left(ctx.today)
        if card.open and card.due is not None and left is not None and left < 0:
            yield Hit(
                card.path,
                f"działanie korygujące {card.id} przeterminowane: termin "
                f"{card.due.isoformat()} minął {days_pl(-left)} temu",
                pointer=("due",),
            )


@repo_rule(
    "QMS511",
    "capa-due-soon",
    Severity.WARNING,
    f"Termin otwartego działania korygującego mija w ciągu {DUE_SOON_DAYS} dni",
)
def capa_due_soon(ctx: CheckContext) -> Iterator[Hit]:
    for card in _cards(ctx):
        left = card.days_left(ctx.today)
        if card.open and card.due is not None and left is not None and 0 <= left <= DUE_SOON_DAYS:
            when = "dziś" if left == 0 else f"za {days_pl(left)}"
            yield Hit(
                card.path,
                f"termin działania korygującego {card.id} mija {when} ({card.due.isoformat()})",
                pointer=("due",),
            )


@repo_rule(
    "QMS512",
    "capa-effectiveness",
    Severity.ERROR,
    "Po zamknięciu działania korygującego jego skuteczność jest oceniona w zaplanowanym terminie",
)
def capa_effectiveness(ctx: CheckContext) -> Iterator[Hit]:
    for card in _cards(ctx):
        if not card.closed:
            continue
        planned = card.planned
        where = ("effectiveness",)
        if card.checked:
            if card.effective is None:
                yield Hit(
                    card.path,
                    f"{card.id}: ocena skuteczności bez wyniku (effective)",
                    pointer=where,
                )
        elif planned is None:
            yield Hit(
                card.path,
                f"{card.id} zamknięto bez zaplanowanej oceny skuteczności",
                pointer=where,
            )
        elif planned < ctx.today:
            yield Hit(
                card.path,
                f"{card.id}: ocena skuteczności zaplanowana na {planned.isoformat()} nie została "
                f"wykonana („qms capa verify {card.id} --effective tak|nie --evidence …”)",
                pointer=where,
            )


@repo_rule(
    "QMS513",
    "capa-complete",
    Severity.WARNING,
    f"Karta działań korygujących ma korekcję, przyczynę źródłową i działanie "
    f"(najpóźniej {COMPLETE_WITHIN_DAYS} dni po otwarciu)",
)
def capa_complete(ctx: CheckContext) -> Iterator[Hit]:
    for card in _cards(ctx):
        opened = card.opened
        young = opened is not None and (ctx.today - opened).days <= COMPLETE_WITHIN_DAYS
        if card.open and young:
            continue
        if card.missing:
            yield Hit(card.path, f"karta {card.id} nie ma: {', '.join(card.missing)}")


@repo_rule(
    "QMS514",
    "capa-ineffective",
    Severity.WARNING,
    "Po nieskutecznym działaniu korygującym otwarto nową kartę (follows)",
)
def capa_ineffective(ctx: CheckContext) -> Iterator[Hit]:
    followed = {c.follows for c in _cards(ctx)}
    for card in _cards(ctx):
        if card.effective is False and card.id not in followed:
            yield Hit(
                card.path,
                f"działanie {card.id} okazało się nieskuteczne, a nie ma nowej karty "
                f"z „follows: {card.id}”",
                pointer=("effectiveness", "effective"),
            )


def _findings_by_audit(ctx: CheckContext) -> dict[tuple[str, str], Audit]:
    """(source type, audit name) -> the audit, for every internal and external audit."""
    records = audit_records(ctx.repo)
    index: dict[tuple[str, str], Audit] = {}
    for folder, audit in records.folder_audits():
        index.setdefault(("audit", folder.name), audit)
        index.setdefault(("audit", audit.id), audit)
    for audit in records.external:
        index[("external-audit", audit.id)] = audit
    return index


def _finding(index: dict[tuple[str, str], Audit], kind: str, ref: str) -> AuditFinding | str:
    """The finding ``ref`` (``AW-2027-01/3`` or ``2027-05-18-surveillance/1``) or why not."""
    name, _, number = ref.rpartition("/")
    if not number.isdigit():
        return f"odwołanie {ref} powinno mieć postać <audit>/<numer ustalenia>"
    if (kind, name) not in index:
        where = "auditu" if kind == "audit" else "auditu zewnętrznego"
        return f"nie ma {where} {name}"
    for finding in index[(kind, name)].findings:
        if finding.written_no == int(number):
            return finding
    return f"audit {name} nie ma ustalenia nr {number}"


def _chain(card_id: str, follows: dict[str, Any]) -> list[str]:
    """The card and the cards it follows up (an ineffective action gets a new card)."""
    chain = [card_id]
    while isinstance(follows.get(chain[-1]), str) and follows[chain[-1]] not in chain:
        chain.append(follows[chain[-1]])
    return chain


@repo_rule(
    "QMS515",
    "capa-source",
    Severity.ERROR,
    "Karta działań korygujących z auditu wskazuje istniejące ustalenie, które wskazuje ją",
)
def capa_source(ctx: CheckContext) -> Iterator[Hit]:
    cards = _cards(ctx)
    follows: dict[str, Any] = {c.id: c.follows for c in cards}
    index = _findings_by_audit(ctx)
    for card in cards:
        kind, ref = card.source, card.source_ref
        if kind not in ("audit", "external-audit") or ref is None:
            continue
        found = _finding(index, kind, ref)
        if isinstance(found, str):
            yield Hit(card.path, f"{card.id}: {found}", pointer=("source", "ref"))
        elif found.capa not in _chain(card.id, follows):
            yield Hit(
                card.path,
                f"{card.id}: ustalenie {ref} wskazuje kartę {found.capa}, nie tę "
                "(pole capa w findings.yaml)",
                pointer=("source", "ref"),
            )


@repo_rule(
    "QMS516",
    "capa-id",
    Severity.ERROR,
    "Numer karty DK jest jednoznaczny i równy nazwie pliku",
)
def capa_id(ctx: CheckContext) -> Iterator[Hit]:
    cards = _cards(ctx)
    names = [c.path.rsplit("/", 1)[-1].rsplit(".", 1)[0] for c in cards]
    taken = names + [c.id for c in cards]
    for card, name in zip(cards, names, strict=True):
        card_id = card.card_id
        if card_id is None or card_id == name:
            continue
        match = CAPA_ID_RE.match(card_id)
        free = next_capa_id(taken, int(match["year"])) if match else "DK-<rok>-<nr>"
        yield Hit(
            card.path,
            f"plik {name}.yaml zawiera kartę {card_id} (np. po scaleniu gałęzi): nadaj karcie "
            f"wolny numer {free} — zmień nazwę pliku i pole id, a w ustaleniu auditu pole capa",
            pointer=("id",),
        )


@repo_rule(
    "QMS517",
    "capa-owner",
    Severity.ERROR,
    "Odpowiedzialni za działania korygujące są rolami albo stanowiskami z org/structure.yaml",
)
def capa_owner(ctx: CheckContext) -> Iterator[Hit]:
    if "structure" in ctx.repo.broken:
        return
    known = ctx.repo.role_ids | ctx.repo.position_ids
    for card in _cards(ctx):
        for pointer, owner in card.owners:
            if owner not in known:
                yield Hit(
                    card.path,
                    f"odpowiedzialny „{owner}” nie jest rolą ani stanowiskiem z org/structure.yaml",
                    pointer=pointer,
                )
