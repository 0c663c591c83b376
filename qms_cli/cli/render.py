"""``qms render``: documents for people (``bip``: the static site for the BIP)."""

from __future__ import annotations

from pathlib import Path

import typer

from qms_cli.cli.app import app, run

render_app = typer.Typer(
    help="Publikacje z repozytorium: strony BIP.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(render_app, name="render")


@render_app.command("bip")
def bip(
    out: Path | None = typer.Option(
        None, "--out", help="Folder wynikowy (domyślnie dist/bip w repozytorium)."
    ),
    pdf: Path | None = typer.Option(
        None, "--pdf", help="Folder z PDF-ami dokumentów <id>.pdf (domyślnie dist/pdf)."
    ),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
) -> None:
    """Strony BIP: karty usług, Polityka Jakości, certyfikat, rejestr dokumentów,
    deklaracja dostępności. Tylko dokumenty publiczne; metryczka z historii git."""

    def body() -> int:
        from qms_cli.services.render_bip import render_bip

        result = render_bip(
            path,
            out=out.absolute() if out else None,
            pdf_dir=pdf.absolute() if pdf else None,
        )
        for warning in result.warnings:
            typer.echo(f"qms: ostrzeżenie: {warning}", err=True)
        typer.echo(
            f"Zapisano stronę BIP w {result.out}: stron {result.pages}, plików {result.files}"
            f" (w tym PDF: {result.pdfs})."
        )
        typer.echo(f"Otwórz w przeglądarce: {result.index.as_uri()}")
        return 0

    run(body)
