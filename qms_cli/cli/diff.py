"""``qms diff``: what changed in a document, for the person who signs it."""

from __future__ import annotations

from pathlib import Path

import typer

from qms_cli.cli.app import app, check_format, run, trust_root_param


@app.command()
def diff(
    doc_id: str = typer.Argument(..., metavar="ID", help="Dokument, np. P-03 albo KU-USC-01."),
    old: str | None = typer.Option(
        None,
        "--from",
        metavar="WYDANIE|WERSJA",
        help="Od czego porównać: numer wydania (np. 2) albo wersja gita (np. HEAD~1, znacznik "
        "wydania). Domyślnie wydanie obowiązujące, a przed pierwszym wydaniem ostatnia "
        "zatwierdzona treść.",
    ),
    new: str | None = typer.Option(
        None,
        "--to",
        metavar="WERSJA",
        help="Z czym porównać: wersja gita albo numer wydania. Domyślnie bieżąca treść pliku.",
    ),
    output_format: str = typer.Option(
        "text",
        "--format",
        "-f",
        help="text (znaczniki [-usunięte-] {+dodane+}), html albo pdf (do pliku).",
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Plik PDF (z --format pdf); domyślnie dist/porownania/<ID>.pdf w repozytorium.",
    ),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
    trust_root: str | None = trust_root_param(),
) -> None:
    """Zmiany w dokumencie: wydanie obowiązujące a bieżąca treść (albo dwie dowolne wersje)."""
    check_format(output_format, ("text", "html", "pdf"))

    def body() -> int:
        from qms_cli.services.diff import compare, rendered, write_pdf
        from qms_cli.services.workspace import Workspace

        with Workspace.open(path) as ws:
            found = compare(ws, doc_id, old, new, trust_root)
            if output_format == "pdf":
                written = write_pdf(ws, found, output.absolute() if output else None)
                typer.echo(f"Zapisano porównanie {found.doc_id} (PDF): {written}")
                return 0
        typer.echo(rendered(found, output_format), nl=False)
        return 0

    run(body)
