"""``qms import``: the office's Word (.docx) and OpenDocument (.odt) files as drafts."""

from __future__ import annotations

from pathlib import Path

import typer

from qms_cli.cli.app import app, run
from qms_cli.model import placeholders
from qms_cli.model.doctypes import DOC_TYPES
from qms_cli.model.paths import shown


@app.command("import")
def import_(
    files: list[Path] = typer.Argument(
        ..., metavar="PLIK…", help="Pliki .docx lub .odt do zaimportowania."
    ),
    doc_type: str = typer.Option(
        ..., "--type", metavar="TYP", help="Typ dokumentu: " + ", ".join(DOC_TYPES)
    ),
    doc_id: str | None = typer.Option(
        None,
        "--id",
        help="Numer dokumentu (np. P-07); domyślnie symbol z tabeli nagłówkowej "
        "albo kolejny wolny numer.",
    ),
    title: str | None = typer.Option(None, "--title", help="Tytuł dokumentu."),
    owner: str | None = typer.Option(None, "--owner", help="Właściciel: rola albo stanowisko."),
    process: str | None = typer.Option(None, "--process", help="Proces (np. PR-02)."),
    unit: str | None = typer.Option(None, "--unit", help="Komórka (np. USC) dla kart usług."),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
) -> None:
    """Zaimportuj dokumenty urzędu z Worda lub OpenDocument jako projekty (status: projekt)."""
    if doc_type not in DOC_TYPES:
        raise typer.BadParameter(
            f"nieznany typ „{doc_type}”; dozwolone: " + ", ".join(DOC_TYPES),
            param_hint="--type",
        )

    def body() -> int:
        from qms_cli.services.documents.importer import ImportRequest, import_documents

        request = ImportRequest(doc_type, doc_id, title, owner, process, unit)
        todo = False
        for result in import_documents(path, files, request):
            todo = todo or any(placeholders.contains(str(v)) for v in result.meta.values())
            typer.echo(f"Zaimportowano {result.source.name} jako {result.id}: {shown(result.path)}")
            typer.echo(f"  tytuł: {result.meta['title']}; status: projekt")
            for image in result.images:
                typer.echo(f"  obraz: {image}")
            for line in result.info:
                typer.echo(f"  informacja: {line}", err=True)
            for line in result.lost:
                typer.echo(f"  uwaga: {line}", err=True)
        if todo:
            typer.echo("Uzupełnij miejsca „⟦do uzupełnienia: …⟧” (qms check wskaże każde z nich).")
        return 0

    run(body)
