"""``qms nc``: the register of nonconforming outputs (ISO 9001 8.7)."""

from __future__ import annotations

from pathlib import Path

import typer

from qms_cli.cli.app import app, run
from qms_cli.cli.prompts import iso_date
from qms_cli.cli.tables import print_table, say

nc_app = typer.Typer(
    help="Rejestr niezgodnych usług (ISO 9001, pkt 8.7): wystąpienia, korekcja, odstępstwa.",
)
app.add_typer(nc_app, name="nc")

PATH = typer.Option(Path(), "--path", help="Folder repozytorium.")


@nc_app.callback(invoke_without_command=True)
def nc_list(
    ctx: typer.Context,
    everything: bool = typer.Option(False, "--all", help="Także zamknięte wpisy."),
    path: Path = PATH,
) -> None:
    """Pokaż otwarte wpisy rejestru niezgodnych usług."""
    if ctx.invoked_subcommand is not None:
        return

    def body() -> int:
        from qms_cli.services.records.nc import list_nc

        listed = list_nc(path, everything=everything)
        if not listed:
            say("Brak otwartych niezgodności." if not everything else "Rejestr jest pusty.")
            return 0
        rows = [
            [
                n.id,
                str(n.detected or "–"),
                n.unit,
                str(n.corrected or "–"),
                n.concession_by or "–",
                n.capa or "–",
                str(n.closed) if n.closed else "otwarta",
                n.description,
            ]
            for n in listed
        ]
        print_table(
            "Rejestr niezgodnych usług",
            ["Numer", "Stwierdzono", "Komórka", "Korekcja", "Odstępstwo", "DK", "Stan", "Opis"],
            rows,
            [None] * len(rows),
            wrap=(7,),
        )
        return 0

    run(body)


@nc_app.command("new")
def new_command(
    description: str = typer.Option(..., "--description", help="Opis (bez danych osobowych)."),
    unit: str = typer.Option(..., "--unit", help="Komórka, np. USC."),
    detected: str | None = typer.Option(None, "--detected", help="Data stwierdzenia RRRR-MM-DD."),
    process: str | None = typer.Option(None, "--process", help="Proces, np. PR-03."),
    service: str | None = typer.Option(None, "--service", help="Karta usługi, np. KU-USC-01."),
    case: str | None = typer.Option(None, "--case", help="Znak sprawy w EZD."),
    source: str = typer.Option(
        "internal", "--source", help="internal, complaint, audit albo other."
    ),
    ref: str | None = typer.Option(None, "--ref", help="Np. SK-2026-004 albo AW-2026-03/1."),
    correction: str | None = typer.Option(None, "--correction", help="Korekcja."),
    path: Path = PATH,
) -> None:
    """Zarejestruj niezgodną usługę (NZ-ROK-NR)."""

    def body() -> int:
        from qms_cli.services.records.nc import NewNc, new_nc

        request = NewNc(
            description,
            unit,
            iso_date(detected, "--detected"),
            process,
            service,
            case,
            source,
            ref,
            correction,
        )
        nc = new_nc(path, request)
        say(f"Zarejestrowano {nc.id}: records/nc/{nc.id}.yaml")
        say(
            "Uzupełnij korekcję (correction.date), odstępstwo (concession) i decydującego "
            "(decided_by); działanie korygujące: qms capa new --description … i pole capa."
        )
        return 0

    run(body)
