"""``qms init`` and ``qms new``."""

from __future__ import annotations

from pathlib import Path

import typer

from qms_cli.cli.app import app, run
from qms_cli.model.doctypes import DOC_TYPES


@app.command()
def init(
    path: Path = typer.Argument(..., help="Nowy (albo pusty) folder repozytorium."),
    kind: str | None = typer.Option(None, "--kind", help="Rodzaj urzędu: gmina, powiat, miasto."),
    name: str | None = typer.Option(
        None, "--name", help="Nazwa urzędu, np. „Urząd Gminy Zielonka”."
    ),
) -> None:
    """Utwórz repozytorium dokumentacji SZJ z przykładowego urzędu (git init i pierwszy commit)."""

    def body() -> int:
        from qms_cli.services.init import init_office

        result = init_office(path, kind=kind, name=name)
        typer.echo(
            f"Utworzono repozytorium SZJ w {result.path} ({result.files} plików, "
            f"commit {result.commit[:10]})."
        )
        typer.echo(f"Dalej: cd {result.path} && qms check")
        return 0

    run(body)


@app.command()
def new(
    doc_type: str = typer.Argument(..., metavar="TYP", help="Typ: " + ", ".join(DOC_TYPES)),
    title: str | None = typer.Option(None, "--title", help="Tytuł dokumentu."),
    owner: str | None = typer.Option(None, "--owner", help="Właściciel: rola albo stanowisko."),
    process: str | None = typer.Option(None, "--process", help="Proces (np. PR-02)."),
    unit: str | None = typer.Option(None, "--unit", help="Komórka (np. USC) dla kart usług."),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
) -> None:
    """Utwórz nowy dokument (projekt) z kolejnym wolnym numerem."""

    def body() -> int:
        from qms_cli.services.new import NewRequest, new_document

        result = new_document(path, NewRequest(doc_type, title, owner, process, unit))
        typer.echo(f"Utworzono {result.id}: {result.path} (status: projekt).")
        return 0

    run(body)
