"""``qms training``: the plan of trainings and their records (ISO 9001 7.2, P-09)."""

from __future__ import annotations

from pathlib import Path

import typer

from qms_cli.cli.app import app, run
from qms_cli.cli.prompts import iso_date
from qms_cli.cli.tables import print_table, say

training_app = typer.Typer(
    help="Szkolenia (ISO 9001, pkt 7.2; procedura P-09): plan, odbyte szkolenia, dowody.",
)
app.add_typer(training_app, name="training")

PATH = typer.Option(Path(), "--path", help="Folder repozytorium.")


@training_app.callback(invoke_without_command=True)
def training_list(
    ctx: typer.Context,
    year: int | None = typer.Option(None, "--year", help="Rok planu (domyślnie wszystkie)."),
    path: Path = PATH,
) -> None:
    """Pokaż plan szkoleń i ich stan: zaplanowane, po terminie, odbyte, ocenione."""
    if ctx.invoked_subcommand is not None:
        return

    def body() -> int:
        from qms_cli.model.trainings import OVERDUE, STATE_LABELS
        from qms_cli.services.records.trainings import training_states

        listed = training_states(path, year)
        if not listed:
            say("Brak szkoleń w ewidencji.")
            return 0
        states = [state for _, state in listed]
        rows = [
            [
                t.id,
                str(t.planned or "–"),
                str(t.held or "–"),
                STATE_LABELS[state],
                str(t.count if t.count is not None else len(t.participants)),
                t.title,
            ]
            for t, state in listed
        ]
        print_table(
            "Szkolenia" + (f" {year}" if year else ""),
            ["Numer", "Termin", "Odbyte", "Stan", "Osób", "Temat"],
            rows,
            ["overdue" if s == OVERDUE else None for s in states],
            right=(4,),
            wrap=(5,),
        )
        return 0

    run(body)


@training_app.command("new")
def new_command(
    title: str = typer.Option(..., "--title", help="Temat szkolenia."),
    planned: str = typer.Option(..., "--planned", help="Termin z planu RRRR-MM-DD."),
    participants: list[str] = typer.Option(
        ..., "--participant", help="Stanowisko lub rola uczestnika (można wiele razy)."
    ),
    kind: str = typer.Option("external", "--kind", help="external, internal albo e-learning."),
    provider: str | None = typer.Option(None, "--provider", help="Prowadzący."),
    competence: str | None = typer.Option(None, "--competence", help="Jaka kompetencja."),
    objective: str | None = typer.Option(None, "--objective", help="Cel jakości, np. CJ-2026-04."),
    path: Path = PATH,
) -> None:
    """Dopisz szkolenie do planu (SZ-ROK-NR)."""

    def body() -> int:
        from qms_cli.services.records.trainings import NewTraining, new_training

        day = iso_date(planned, "--planned")
        assert day is not None
        request = NewTraining(
            title, day, tuple(participants), kind, provider, competence, objective
        )
        training = new_training(path, request)
        say(f"Zaplanowano {training.id}: {training.path}")
        say(f"Po szkoleniu: qms training done {training.id} --held RRRR-MM-DD --evidence …")
        return 0

    run(body)


@training_app.command("done")
def done_command(
    training_id: str = typer.Argument(..., metavar="ID", help="Szkolenie, np. SZ-2026-001."),
    held: str = typer.Option(..., "--held", help="Data odbycia RRRR-MM-DD."),
    evidence: str = typer.Option(
        ..., "--evidence", help="Dowód: lista obecności, zaświadczenia, znak sprawy w EZD."
    ),
    count: int | None = typer.Option(None, "--count", help="Liczba uczestników.", min=0),
    path: Path = PATH,
) -> None:
    """Zapisz, że szkolenie się odbyło, i wskaż dowód."""

    def body() -> int:
        from qms_cli.model.trainings import TRAINING_DIR
        from qms_cli.services.records.trainings import training_done

        day = iso_date(held, "--held")
        assert day is not None
        target = training_done(path, training_id, day, evidence, count)
        say(f"Zapisano odbycie {training_id}: {TRAINING_DIR}/{target.name}")
        say(
            "Ocenę skuteczności (F-07) wpisuje kierownik komórki w ciągu 1–3 miesięcy "
            "(effectiveness)."
        )
        return 0

    run(body)
