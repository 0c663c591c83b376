"""``qms review``: the management review (ISO 9001 9.3, P-05) and its tracked decisions."""

from __future__ import annotations

from pathlib import Path

import typer

from qms_cli.cli.app import app, run
from qms_cli.cli.prompts import iso_date
from qms_cli.cli.tables import print_table, say

review_app = typer.Typer(
    help="Przegląd zarządzania: projekt raportu z danych repozytorium i śledzenie ustaleń.",
    no_args_is_help=True,
)
app.add_typer(review_app, name="review")
PATH = typer.Option(Path(), "--path", help="Folder repozytorium.")


@review_app.command("new")
def new_command(
    year: int = typer.Argument(..., help="Rok przeglądu, np. 2027 (obejmuje rok poprzedni)."),
    path: Path = PATH,
) -> None:
    """Przygotuj projekt raportu records/reviews/PZ-<rok>.md ze wszystkimi danymi 9.3.2."""

    def body() -> int:
        from qms_cli.services.review.review import new_review

        draft = new_review(path, year)
        say(f"Utworzono projekt {draft.id}: {draft.path}")
        say(f"Okres: {draft.start} – {draft.end}; poprzedni przegląd: {draft.previous or 'brak'}.")
        say(f"Dane z {len(draft.sources)} plików repozytorium (wymienione pod każdą sekcją).")
        say("Dalej: uzupełnij ocenę i ustalenia w sekcji 7, po przeglądzie wpisz datę (date).")
        return 0

    run(body)


@review_app.command("actions")
def actions_command(
    everything: bool = typer.Option(False, "--all", help="Także wykonane i odwołane."),
    path: Path = PATH,
) -> None:
    """Pokaż ustalenia z przeglądów (PZ-<rok>/<nr>): odpowiedzialny, termin, stan."""

    def body() -> int:
        from qms_cli.model.review import STATE_PL
        from qms_cli.services.review.review import review_actions

        tracked = [t for t in review_actions(path) if everything or t.state in ("open", "overdue")]
        if not tracked:
            say("Brak otwartych ustaleń z przeglądów zarządzania.")
            return 0
        print_table(
            "Ustalenia z przeglądów zarządzania",
            ["Ustalenie", "Odpowiada", "Termin", "Stan", "Treść"],
            [
                [
                    t.action.id,
                    t.action.owner or "–",
                    str(t.action.due or "–"),
                    STATE_PL[t.state] + (f" {t.date}" if t.date and t.state != "open" else ""),
                    t.action.text,
                ]
                for t in tracked
            ],
            [t.state for t in tracked],
            wrap=(4,),
        )
        return 0

    run(body)


@review_app.command("done")
def done_command(
    action_id: str = typer.Argument(..., metavar="USTALENIE", help="Np. PZ-2026/2."),
    day: str | None = typer.Option(
        None, "--date", help="Data wykonania (RRRR-MM-DD), domyślnie dziś."
    ),
    note: str | None = typer.Option(None, "--note", help="Jak wykonano, dowód."),
    cancel: bool = typer.Option(False, "--cancel", help="Ustalenie odwołane, nie wykonane."),
    path: Path = PATH,
) -> None:
    """Zapisz wykonanie (albo odwołanie) ustalenia w records/reviews/actions.yaml."""

    def body() -> int:
        from qms_cli.model.review import STATE_PL
        from qms_cli.services.review.review import mark_action

        when = iso_date(day, "--date")
        tracked = mark_action(
            path, action_id, status="cancelled" if cancel else "done", day=when, note=note
        )
        say(f"{tracked.action.id}: {STATE_PL[tracked.state]} {tracked.date}.")
        return 0

    run(body)
