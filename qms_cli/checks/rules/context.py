"""Context (4.1–4.3), risks (6.1) and external providers (8.4)."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.context_records import CONTEXT_FILE, context_of, risks_of
from qms_cli.model.findings import Severity
from qms_cli.model.hints import unknown_value_hint

RISK_ACTION_THRESHOLD = 8  # likelihood x impact from which a risk needs a planned action
SUPPLIER_INTERVAL_DAYS = 365


@repo_rule(
    "QMS090",
    "context-climate",
    Severity.ERROR,
    "Kontekst (4.1) zawiera decyzję, czy zmiana klimatu jest istotna (ISO 9001 Amd 1:2024)",
)
def context_climate(ctx: CheckContext) -> Iterator[Hit]:
    context = context_of(ctx.repo)
    if context is None:
        yield Hit(CONTEXT_FILE, f"brak analizy kontekstu ({CONTEXT_FILE})")
        return
    decision = context.climate
    if decision is None or decision.relevant is None or decision.justification is None:
        yield Hit(
            context.path,
            "brak decyzji, czy zmiana klimatu jest istotną kwestią "
            "(climate_change: relevant + justification)",
            pointer=("climate_change",),
        )


@repo_rule(
    "QMS091",
    "scope-exclusions",
    Severity.ERROR,
    "Wyłączenia z zakresu (4.3) są uzasadnione i żaden dokument nie powołuje się na "
    "wyłączony punkt normy",
)
def scope_exclusions(ctx: CheckContext) -> Iterator[Hit]:
    context = context_of(ctx.repo)
    if context is None:
        return
    for exclusion in context.exclusions:
        if exclusion.justification is None:
            yield Hit(
                context.path,
                f"wyłączenie punktu {exclusion.clause} bez uzasadnienia",
                pointer=("scope", "exclusions", exclusion.index),
            )
    excluded = [e.clause for e in context.exclusions if e.clause]
    for doc in ctx.repo.documents:
        for index, clause in enumerate(doc.refs("clauses")):
            if any(clause == e or clause.startswith(e + ".") for e in excluded):
                yield Hit(
                    doc.path,
                    f"{doc.id} powołuje się na punkt {clause}, wyłączony z zakresu systemu",
                    pointer=("clauses", index),
                )


@repo_rule(
    "QMS092",
    "risk-actions",
    Severity.WARNING,
    "Istotne ryzyko (prawdopodobieństwo × skutek ≥ 8) ma zaplanowane działanie z "
    "odpowiedzialnym i terminem",
)
def risk_actions(ctx: CheckContext) -> Iterator[Hit]:
    processes = {d.id for d in ctx.repo.documents_of_type("process")}
    for risk in risks_of(ctx.repo):
        if risk.process is not None and risk.process not in processes:
            yield Hit(
                risk.path,
                f"ryzyko {risk.name}: proces {risk.process} nie istnieje"
                + unknown_value_hint(risk.process, processes),
                pointer=("risks", risk.index, "process"),
            )
        score = risk.score
        if score is None or risk.type != "risk" or score < RISK_ACTION_THRESHOLD:
            continue
        if not any(a.owner and a.due_written for a in risk.actions):
            yield Hit(
                risk.path,
                f"ryzyko {risk.name} (ocena {score}) nie ma działania z odpowiedzialnym i terminem",
                pointer=("risks", risk.index),
            )


@repo_rule(
    "QMS108",
    "supplier-evaluation",
    Severity.WARNING,
    "Dostawcy zewnętrzni ocenieni w ostatnich 12 miesiącach (8.4)",
)
def supplier_evaluation(ctx: CheckContext) -> Iterator[Hit]:
    limit = ctx.days_ago(SUPPLIER_INTERVAL_DAYS)
    for source, index, supplier in ctx.repo.items("suppliers", "suppliers"):
        evaluated = supplier.get("evaluated")
        if not isinstance(evaluated, str) or evaluated < limit:
            yield Hit(
                source.path,
                f"dostawca {supplier.get('id')}: brak oceny w ostatnich 12 miesiącach",
                pointer=("suppliers", index),
            )
