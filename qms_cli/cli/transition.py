"""``qms transition``: the move to a new edition of ISO 9001."""

from __future__ import annotations

from pathlib import Path

import typer

from qms_cli.cli.app import app, run
from qms_cli.cli.tables import print_table, say

transition_app = typer.Typer(
    help="Przejście na nowe wydanie normy ISO 9001: lista luk w dokumentach urzędu.",
    no_args_is_help=True,
)
app.add_typer(transition_app, name="transition")

STATES_STYLE = {"covered": "done", "missing": "overdue", "unknown": "open"}


@transition_app.command("plan")
def transition_plan(
    edition: str = typer.Option(
        "iso9001:2026", "--edition", help="Wydanie docelowe (domyślnie iso9001:2026)."
    ),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
) -> None:
    """Porównaj dokumenty urzędu z nowymi i zmienionymi wymaganiami wydania docelowego i zapisz
    plan przejścia w records/transition/."""

    def body() -> int:
        from qms_cli.model.transition import COVERED, STATES_PL
        from qms_cli.services.transition import plan_transition

        plan = plan_transition(path, edition)
        rows = [
            [
                f.requirement.id,
                f.requirement.clause,
                STATES_PL[f.state],
                ", ".join(f.documents) or "–",
                f.missing or "–",
            ]
            for f in plan.items
        ]
        print_table(
            f"Plan przejścia na {plan.edition.standard}",
            ["Wymaganie", "Punkt", "Stan", "Dokumenty", "Czego brakuje"],
            rows,
            [STATES_STYLE[f.state] for f in plan.items],
            wrap=(4,),
        )
        done = sum(1 for f in plan.items if f.state == COVERED)
        say(f"Wymagań: {len(plan.items)}, spełnionych: {done}. Zapisano {plan.rel}.")
        if plan.edition.draft:
            say(
                "Uwaga: wymagania pochodzą z projektu normy (status: draft); ostateczną treść "
                "wpisuje się po publikacji w org/iso/."
            )
        return 0

    run(body)
