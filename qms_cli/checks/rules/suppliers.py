"""Supplier evaluations (ISO 9001 8.4, procedure P-10; ``records/suppliers/<id>-<year>.yaml``):
the final score and result follow from the criteria, the summary in ``records/suppliers.yaml``
is the latest evaluation, a conditional approval is followed up. QMS644–646."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.dates import as_date
from qms_cli.model.findings import Severity
from qms_cli.model.suppliers import (
    CONDITIONAL,
    Evaluation,
    final_score,
    parse_evaluation,
    result_for,
)


def _evaluations(ctx: CheckContext) -> Iterator[Evaluation]:
    return ctx.parsed("supplier-evaluation", parse_evaluation)


@repo_rule(
    "QMS644",
    "supplier-score",
    Severity.ERROR,
    "Ocena końcowa dostawcy to średnia ocen kryteriów zaokrąglona do liczby całkowitej, a wynik "
    "odpowiada ocenie (P-10 §5.3)",
)
def supplier_score(ctx: CheckContext) -> Iterator[Hit]:
    for evaluation in _evaluations(ctx):
        mean = final_score(evaluation.criteria)
        if mean is not None and evaluation.score != mean:
            yield Hit(
                evaluation.path,
                f"{evaluation.supplier}: ocena końcowa {evaluation.score}, a średnia kryteriów "
                f"zaokrąglona do całości to {mean}",
                pointer=("score",),
            )
        elif evaluation.score is not None and evaluation.result != result_for(evaluation.score):
            yield Hit(
                evaluation.path,
                f"{evaluation.supplier}: ocena {evaluation.score} daje wynik "
                f"„{result_for(evaluation.score)}”, a wpisano „{evaluation.result}”",
                pointer=("result",),
            )


@repo_rule(
    "QMS645",
    "supplier-summary",
    Severity.ERROR,
    "Wykaz dostawców (records/suppliers.yaml) podaje datę, ocenę i wynik ostatniej karty oceny "
    "dostawcy",
)
def supplier_summary(ctx: CheckContext) -> Iterator[Hit]:
    latest: dict[str, Evaluation] = {}
    for evaluation in sorted(_evaluations(ctx), key=lambda e: e.date or dt.date.min):
        latest[evaluation.supplier] = evaluation  # the later overwrites the earlier
    listed = set()
    for source, index, supplier in ctx.repo.items("suppliers", "suppliers"):
        listed.add(str(supplier.get("id")))
        card = latest.get(str(supplier.get("id")))
        if card is None:
            continue
        said = (as_date(supplier.get("evaluated")), supplier.get("score"), supplier.get("result"))
        if said != (card.date, card.score, card.result):
            yield Hit(
                source.path,
                f"dostawca {supplier.get('id')}: wykaz podaje ocenę z {said[0]} ({said[1]}, "
                f"„{said[2]}”), a ostatnia karta {card.path} — z {card.date} "
                f"({card.score}, „{card.result}”)",
                pointer=("suppliers", index),
            )
    for supplier_id, evaluation in sorted(latest.items()):
        if supplier_id not in listed and ctx.repo.single("suppliers") is not None:
            yield Hit(
                evaluation.path,
                f"dostawcy {supplier_id} nie ma w wykazie records/suppliers.yaml",
                pointer=("supplier",),
            )


@repo_rule(
    "QMS646",
    "supplier-follow-up",
    Severity.WARNING,
    "Dostawca zatwierdzony warunkowo ma uzgodnione działania i termin ich sprawdzenia, a po "
    "terminie – zapis sprawdzenia (P-10 §5.3.3)",
)
def supplier_follow_up(ctx: CheckContext) -> Iterator[Hit]:
    for evaluation in _evaluations(ctx):
        if evaluation.result != CONDITIONAL:
            continue
        if not evaluation.actions or evaluation.follow_up_due is None:
            yield Hit(
                evaluation.path,
                f"{evaluation.supplier}: zatwierdzony warunkowo bez uzgodnionych działań "
                "(actions) i terminu ich sprawdzenia (follow_up.due)",
                pointer=("result",),
            )
        elif evaluation.follow_up_done is None and evaluation.follow_up_due < ctx.today:
            yield Hit(
                evaluation.path,
                f"{evaluation.supplier}: termin sprawdzenia działań uzgodnionych przy "
                f"zatwierdzeniu warunkowym minął {evaluation.follow_up_due} — wpisz "
                "follow_up.done i wynik",
                pointer=("follow_up", "due"),
            )
