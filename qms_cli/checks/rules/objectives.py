"""Quality objectives (6.2): measurable, owned, planned, tied to the policy."""

from __future__ import annotations

import re
from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.findings import Severity
from qms_cli.model.record_views import objectives_by_file

PLANNING_FIELDS = (
    ("kpi", "miernika"),
    ("owner", "właściciela"),
    ("due", "terminu"),
    ("resources", "zasobów"),
    ("evaluation", "sposobu oceny"),
)


@repo_rule(
    "QMS020",
    "objective-measurable",
    Severity.ERROR,
    "Cel jakości jest mierzalny: miernik, wartość docelowa liczbowa, właściciel, termin, "
    "zasoby, sposób oceny",
)
def objective_measurable(ctx: CheckContext) -> Iterator[Hit]:
    for source, index, objective in ctx.repo.items("objectives", "objectives"):
        name = objective.get("id", f"#{index + 1}")
        target = objective.get("target")
        if isinstance(target, bool) or not isinstance(target, int | float):
            yield Hit(
                source.path,
                f"cel {name}: wartość docelowa (target) musi być liczbą",
                pointer=("objectives", index, "target"),
            )
        for key, label in PLANNING_FIELDS:
            value = objective.get(key)
            if value is None or (isinstance(value, str) and not value.strip()):
                yield Hit(
                    source.path,
                    f"cel {name}: brak {label} (pole „{key}”)",
                    pointer=("objectives", index),
                )


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


@repo_rule(
    "QMS021",
    "objective-policy-link",
    Severity.WARNING,
    "Cel jakości służy zobowiązaniu zapisanemu w Polityce Jakości",
)
def objective_policy_link(ctx: CheckContext) -> Iterator[Hit]:
    policies = ctx.repo.documents_of_type("policy")
    policy_text = _normal(" ".join(p.body for p in policies))
    for source, index, objective in ctx.repo.items("objectives", "objectives"):
        commitment = objective.get("commitment")
        name = objective.get("id", f"#{index + 1}")
        if not isinstance(commitment, str) or not commitment.strip():
            yield Hit(
                source.path,
                f"cel {name}: nie wskazano zobowiązania z Polityki Jakości (pole „commitment”)",
                pointer=("objectives", index),
            )
        elif policies and _normal(commitment) not in policy_text:
            yield Hit(
                source.path,
                f"cel {name}: zobowiązania „{commitment}” nie ma w tekście Polityki Jakości",
                pointer=("objectives", index, "commitment"),
            )


@repo_rule(
    "QMS023",
    "objectives-current-year",
    Severity.WARNING,
    "Cele jakości na bieżący rok są ustalone (records/objectives/<rok>.yaml)",
)
def objectives_current_year(ctx: CheckContext) -> Iterator[Hit]:
    year = ctx.today.year
    if not any(s.data.get("year") == year for s in ctx.repo.of_kind("objectives")):
        yield Hit(
            "records/objectives/",
            f"brak celów jakości na {year} r. (records/objectives/{year}.yaml)",
        )


@repo_rule(
    "QMS600",
    "objective-evaluated",
    Severity.WARNING,
    "Cel jakości po terminie ma ocenę realizacji (pole „result”: data, wynik met/missed)",
)
def objective_evaluated(ctx: CheckContext) -> Iterator[Hit]:
    for path, found in objectives_by_file(ctx.repo).items():
        for objective in found:
            if objective.due is not None and objective.due < ctx.today and objective.result is None:
                yield Hit(
                    path,
                    f"cel {objective.id}: termin {objective.due} minął, a cel nie ma oceny "
                    "realizacji (pole „result”: date, status met|missed, value, comment)",
                    pointer=("objectives", objective.index),
                )
