"""Closing a corrective action per ISO 9001 10.2.1 a)–f) and the process owner's approval of
the closure (issue 16 D): QMS537–QMS538."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.capa import closure_missing, closure_problems, process_approvers, section
from qms_cli.model.documents import SourceFile
from qms_cli.model.findings import Severity


def _id(card: SourceFile) -> str:
    value = card.data.get("id")
    return value if isinstance(value, str) else card.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


@repo_rule(
    "QMS537",
    "capa-closure-complete",
    Severity.ERROR,
    "Zamknięta karta działań korygujących pokazuje kroki ISO 9001 pkt 10.2.1 a)–f): skutki, "
    "podobne niezgodności, przyczynę, wykonane działania, ryzyka i szanse, zmiany w SZJ",
)
def capa_closure_complete(ctx: CheckContext) -> Iterator[Hit]:
    for card in ctx.repo.of_kind("capa"):
        if card.data.get("status") != "closed":
            continue
        missing = closure_missing(card.data)
        if missing:
            yield Hit(
                card.path,
                f"karta {_id(card)} jest zamknięta, a brak: " + "; ".join(missing),
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
    for card in ctx.repo.of_kind("capa"):
        approvers = process_approvers(ctx.repo, card.data.get("process"))
        for problem in closure_problems(card.data, approvers, known):
            where = ("closure",) if section(card.data, "closure") else ("effectiveness",)
            yield Hit(card.path, f"{_id(card)}: {problem}", pointer=where)
