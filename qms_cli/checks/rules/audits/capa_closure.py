"""Closing a corrective action per ISO 9001 10.2.1 a)–f) and the process owner's approval of
the closure (issue 16 D): QMS537–QMS538."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.capa import (
    CorrectiveAction,
    closure_missing,
    closure_problems,
    process_approvers,
    section,
)
from qms_cli.model.findings import Severity
from qms_cli.model.record_views import corrective_actions


def _cards(ctx: CheckContext) -> Iterator[tuple[CorrectiveAction, dict[str, Any]]]:
    """Each card's typed view (its id, state, process) with the YAML the closure rules read."""
    for card in corrective_actions(ctx.repo):
        yield card, ctx.repo.files[card.path].data


@repo_rule(
    "QMS537",
    "capa-closure-complete",
    Severity.ERROR,
    "Zamknięta karta działań korygujących pokazuje kroki ISO 9001 pkt 10.2.1 a)–f): skutki, "
    "podobne niezgodności, przyczynę, wykonane działania, ryzyka i szanse, zmiany w SZJ",
)
def capa_closure_complete(ctx: CheckContext) -> Iterator[Hit]:
    for card, data in _cards(ctx):
        if not card.closed:
            continue
        missing = closure_missing(data)
        if missing:
            yield Hit(
                card.path,
                f"karta {card.id} jest zamknięta, a brak: " + "; ".join(missing),
                pointer=("status",),
            )


@repo_rule(
    "QMS538",
    "capa-closure-approval",
    Severity.ERROR,
    "Zamknięcie karty działań korygujących po ocenie skuteczności zatwierdził właściciel "
    "procesu (closure: approved_by, date)",
)
def capa_closure_approval(ctx: CheckContext) -> Iterator[Hit]:
    known = frozenset(ctx.repo.role_ids | ctx.repo.position_ids)
    for card, data in _cards(ctx):
        approvers = process_approvers(ctx.repo, data.get("process"))
        for problem in closure_problems(data, approvers, known):
            where = ("closure",) if section(data, "closure") else ("effectiveness",)
            yield Hit(card.path, f"{card.id}: {problem}", pointer=where)
