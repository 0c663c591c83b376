"""``qms render``: documents for people — ``pdf``: official PDFs; ``bip``: the static site for
the BIP."""

from __future__ import annotations

from pathlib import Path

import typer

from qms_cli.cli.app import app, run
from qms_cli.cli.errors import EXIT_CANNOT, EXIT_OK, report_error
from qms_cli.errors import QmsError
from qms_cli.model.paths import shown

render_app = typer.Typer(
    help="Publikacje z repozytorium: urzędowe PDF i strony BIP.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(render_app, name="render")


@render_app.command("pdf")
def pdf(
    ids: list[str] | None = typer.Argument(
        None,
        metavar="[ID]...",
        help="Dokumenty do złożenia: identyfikatory albo pliki (domyślnie wszystkie).",
    ),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Folder na pliki PDF (domyślnie dist/pdf w repozytorium)."
    ),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, help="Liczba procesów (domyślnie liczba rdzeni)."
    ),
    edition: int | None = typer.Option(
        None, "--edition", min=1, help="Numer wydania jednego dokumentu (także nieaktualnego)."
    ),
) -> None:
    """Złóż urzędowe PDF dokumentów (PDF/A-2a, PDF/UA-1) i Księgę Jakości jako jeden plik."""

    def body() -> int:
        from qms_cli.services.documents.render_pdf import render_pdf
        from qms_cli.services.release.editions import render_edition
        from qms_cli.services.workspace import Workspace

        if edition is not None and len(ids or []) != 1:
            raise QmsError(
                "--edition dotyczy jednego dokumentu", hint="np. qms render pdf P-03 --edition 2"
            )
        if edition is not None and ids:
            report = render_edition(path, ids[0], edition, out)
        else:
            with Workspace.open(path) as ws:
                report = render_pdf(ws, ids or None, out, workers=jobs)
        for written in report.written:
            typer.echo(f"  {_shown(written)}")
        typer.echo(f"Zapisano plików PDF: {len(report.written)} (w {_shown(report.out_dir)}).")
        for failure in report.failures:
            report_error(QmsError(failure.error or failure.label, hint=failure.hint))
        if report.failures:
            typer.echo(f"Nie udało się złożyć dokumentów: {len(report.failures)}.", err=True)
        return EXIT_CANNOT if report.failures else EXIT_OK

    run(body)


def _shown(target: Path) -> str:
    try:
        return shown(target.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return shown(target)


@render_app.command("bip")
def bip(
    out: Path | None = typer.Option(
        None, "--out", help="Folder wynikowy (domyślnie dist/bip w repozytorium)."
    ),
    pdf: Path | None = typer.Option(
        None, "--pdf", help="Folder z PDF-ami dokumentów <id>.pdf (domyślnie dist/pdf)."
    ),
    draft: bool = typer.Option(
        False,
        "--draft",
        help="Podgląd treści jeszcze niewydanej: każda strona oznaczona jako PROJEKT.",
    ),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
) -> None:
    """Strony BIP: karty usług, Polityka Jakości, certyfikat, rejestr dokumentów,
    deklaracja dostępności. Tylko dokumenty publiczne; metryczka z historii git.
    Treść niewydaną (zmienioną po wydaniu) pokazuje tylko z --draft."""

    def body() -> int:
        from qms_cli.services.documents.render_bip import render_bip
        from qms_cli.services.workspace import Workspace

        with Workspace.open(path) as ws:
            result = render_bip(
                ws,
                out=out.absolute() if out else None,
                pdf_dir=pdf.absolute() if pdf else None,
                draft=draft,
            )
        for warning in result.warnings:
            typer.echo(f"qms: ostrzeżenie: {warning}", err=True)
        if draft:
            typer.echo("PROJEKT: strony oznaczono jako projekt, nie publikuj ich w BIP.")
        typer.echo(
            f"Zapisano stronę BIP w {result.out}: stron {result.pages}, plików {result.files}"
            f" (w tym PDF: {result.pdfs})."
        )
        typer.echo(f"Otwórz w przeglądarce: {result.index.as_uri()}")
        return 0

    run(body)
