"""``qms fix``: repair what pasted text breaks (hard spaces, typographic quotes in YAML, CRLF,
Windows-1250), showing the diff."""

from __future__ import annotations

from pathlib import Path

import typer

from qms_cli.cli.app import app, run


@app.command("fix")
def fix_command(
    files: list[str] = typer.Argument(
        None, metavar="[PLIK]...", help="Pliki do naprawy (domyślnie wszystkie .md i .yaml)."
    ),
    check_only: bool = typer.Option(
        False, "--check", help="Tylko pokaż, co byłoby naprawione (kod 1, gdy coś jest)."
    ),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
) -> None:
    """Napraw mechanicznie tekst wklejony z edytora: twarde spacje i znaki o zerowej
    szerokości w YAML, cudzysłowy drukarskie wokół wartości, spacje na końcach wierszy, CRLF,
    kodowanie Windows-1250. Treści nie zmienia."""

    def body() -> int:
        from qms_cli.services.documents.fix import fix_repository

        fixes = fix_repository(path, files or [], check_only)
        for fix in fixes:
            typer.echo(fix.diff, nl=False)
            verb = "do naprawy" if check_only else "naprawiono"
            typer.echo(f"{fix.path}: {verb}: {'; '.join(fix.repairs)}", err=True)
        if not fixes:
            typer.echo("Nic do naprawy.", err=True)
            return 0
        return 1 if check_only else 0

    run(body)
