"""``qms survey import`` and ``qms survey report``: customer satisfaction surveys (P-06)."""

from __future__ import annotations

from pathlib import Path

import typer

from qms_cli.cli.app import app, run
from qms_cli.cli.tables import print_table, say

survey_app = typer.Typer(
    help="Badanie satysfakcji klientów: wczytywanie ankiet i raport roczny.",
    no_args_is_help=True,
)
app.add_typer(survey_app, name="survey")


@survey_app.command("import")
def import_command(
    file: Path = typer.Argument(..., help="Plik CSV z ankietami (wiersz = jedna ankieta)."),
    channel: str = typer.Option(
        ..., "--channel", help="Kanał zbierania ankiet: paper (papierowe) albo online."
    ),
    skip_bad: bool = typer.Option(
        False, "--skip-bad", help="Pomiń błędne wiersze (zostaną wypisane) zamiast przerwać."
    ),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
) -> None:
    """Wczytaj ankiety z pliku CSV (UTF-8 lub Windows-1250, przecinek lub średnik)."""

    def body() -> int:
        from qms_cli.services.survey.importer import import_survey

        result = import_survey(path, file, channel, skip_bad=skip_bad)
        say(f"Plik {result.source}: {result.describe_format()}.")
        for written in result.written:
            say(f"Zapisano {written.responses} ankiet ({written.year} r.): {written.path}")
        for problem in result.invalid:
            say(f"  wiersz {problem.line}: pominięto — {problem.message}")
        for problem in result.skipped:
            say(f"  wiersz {problem.line}: pominięto (--skip-bad) — {problem.message}")
        say(
            f"Razem wczytano: {result.responses}; nieważne: {len(result.invalid)}; "
            f"błędne pominięte: {len(result.skipped)}."
        )
        return 0

    run(body)


@survey_app.command("report")
def report_command(
    year: int = typer.Argument(..., help="Rok badania, np. 2026."),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
) -> None:
    """Raport roczny: wskaźnik zadowolenia według komórek i spraw, trend, wykresy."""

    def body() -> int:
        from qms_cli.model.numbers import change, with_unit
        from qms_cli.services.survey.report import survey_report

        report = survey_report(path, year)
        summary, previous = report.summary, report.previous
        columns = ["Komórka", "Ankiety", f"Wskaźnik {year}"]
        if previous is not None:
            columns += [f"Wskaźnik {previous.year}", "Zmiana"]
        rows = []
        for g in [*summary.units, summary.overall]:
            row = [g.label, str(g.responses), with_unit(g.index, "%")]
            if previous is not None:
                before = previous.units.get(g.key) if g.key else previous.index
                row += [with_unit(before, "%"), change(g.index, before)]
            rows.append(row)
        print_table(
            f"Wskaźnik zadowolenia klientów {year} r. (odsetek ocen 4–5)",
            columns,
            rows,
            right=(1, 2, 3, 4),
        )
        verb = "Utworzono" if report.created else "Zaktualizowano"
        say(f"{verb} raport: {report.path}")
        say("Wykresy (SVG i PNG): " + ", ".join(report.charts))
        return 0

    run(body)
