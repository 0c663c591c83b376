"""Context (4.1–4.3), risks (6.1) and external providers (8.4)."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
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
    context = ctx.repo.single("context")
    if context is None:
        yield Hit("records/context.yaml", "brak analizy kontekstu (records/context.yaml)")
        return
    decision = context.data.get("climate_change")
    if (
        not isinstance(decision, dict)
        or not isinstance(decision.get("relevant"), bool)
        or not str(decision.get("justification") or "").strip()
    ):
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
    context = ctx.repo.single("context")
    if context is None:
        return
    scope = context.data.get("scope")
    exclusions = scope.get("exclusions") if isinstance(scope, dict) else None
    excluded: list[str] = []
    for index, item in enumerate(exclusions if isinstance(exclusions, list) else []):
        if not isinstance(item, dict):
            continue
        clause = str(item.get("clause", ""))
        excluded.append(clause)
        if not str(item.get("justification") or "").strip():
            yield Hit(
                context.path,
                f"wyłączenie punktu {clause} bez uzasadnienia",
                pointer=("scope", "exclusions", index),
            )
    for doc in ctx.repo.documents:
        for index, clause in enumerate(doc.refs("clauses")):
            if any(clause == e or clause.startswith(e + ".") for e in excluded if e):
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
    for source, index, risk in ctx.repo.items("risks", "risks"):
        name = risk.get("id", f"#{index + 1}")
        process = risk.get("process")
        if isinstance(process, str) and process not in processes:
            yield Hit(
                source.path,
                f"ryzyko {name}: proces {process} nie istnieje"
                + unknown_value_hint(process, processes),
                pointer=("risks", index, "process"),
            )
        likelihood, impact = risk.get("likelihood"), risk.get("impact")
        if not (isinstance(likelihood, int) and isinstance(impact, int)):
            continue
        if risk.get("type", "risk") != "risk" or likelihood * impact < RISK_ACTION_THRESHOLD:
            continue
        actions = [
            a
            for a in risk.get("actions") or []
            if isinstance(a, dict) and a.get("owner") and a.get("due")
        ]
        if not actions:
            yield Hit(
                source.path,
                f"ryzyko {name} (ocena {likelihood * impact}) nie ma działania "
                "z odpowiedzialnym i terminem",
                pointer=("risks", index),
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
