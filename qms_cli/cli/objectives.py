"""``qms objectives [YEAR]``: status of the quality objectives, with charts."""

from __future__ import annotations

from pathlib import Path

import typer

from qms_cli.cli.app import app, run
from qms_cli.cli.tables import print_table, say


@app.command("objectives")
def objectives_command(
    year: int | None = typer.Argument(None, help="Rok celów (domyślnie bieżący)."),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
    no_charts: bool = typer.Option(False, "--no-charts", help="Nie zapisuj wykresów."),
) -> None:
    """Pokaż stan celów jakości (osiągnięty, na dobrej drodze, zagrożony, nieosiągnięty)
    i zapisz wykres każdego celu (SVG i PNG)."""

    def body() -> int:
        from qms_cli.model.numbers import with_unit
        from qms_cli.services.records.objectives import objectives_status

        status = objectives_status(path, year, charts=not no_charts)
        rows, styles = [], []
        for a in status.assessments:
            o = a.objective
            latest = o.latest
            rows.append(
                [
                    o.id,
                    a.status.label_pl,
                    f"{with_unit(latest.value, o.unit)} ({latest.date})" if latest else "–",
                    ("≤ " if o.direction == "max" else "≥ ") + with_unit(o.target, o.unit),
                    with_unit(o.baseline, o.unit),
                    str(o.due or "–"),
                    a.reason,
                    o.kpi,
                ]
            )
            styles.append(a.status.value)
        print_table(
            f"Cele jakości {status.year} r. ({status.source})",
            [
                "Cel",
                "Stan",
                "Ostatni pomiar",
                "Wartość docelowa",
                "Wyjściowa",
                "Termin",
                "Dlaczego",
                "Miernik",
            ],
            rows,
            styles,
            wrap=(6, 7),
        )
        counts: dict[str, int] = {}
        for a in status.assessments:
            counts[a.status.label_pl] = counts.get(a.status.label_pl, 0) + 1
        say("Podsumowanie: " + ", ".join(f"{k}: {v}" for k, v in counts.items()) + ".")
        if status.charts:
            folder = status.charts[0].rsplit("/", 1)[0]
            say(
                f"Wykresy (SVG i PNG): {folder}/ — plików: {len(status.charts)}, "
                f"zmienionych: {status.written}."
            )
        return 0

    run(body)
