"""``qms metrics``: the office's indicators for a year; ``qms compare``: many offices' signed
metrics files side by side (the regional coordinator)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from qms_cli.cli.app import app, check_format, run, trust_root_param
from qms_cli.cli.tables import print_table, say

FORMATS = ("text", "json")


@app.command("metrics")
def metrics_command(
    year: int | None = typer.Option(None, "--year", help="Rok (domyślnie bieżący)."),
    output_format: str = typer.Option(
        "text", "--format", "-f", help="Format na ekranie: text (tabela) albo json."
    ),
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        metavar="PLIK",
        help="Zapisz plik wskaźników (JSON); z --sign domyślnie metrics-<rok>.json.",
    ),
    sign: bool = typer.Option(
        False, "--sign", help="Podpisz plik kluczem SSH Pełnomocnika (plik .sig obok)."
    ),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
    trust_root: str | None = trust_root_param(
        "Odcisk klucza kierownika urzędu (zatwierdzenia liczą się jako przeglądy "
        "dokumentów; także zmienna QMS_TRUST_ROOT).",
    ),
) -> None:
    """Wskaźniki urzędu za rok do porównań z innymi urzędami: tylko liczby zbiorcze, te
    wskaźniki, które urząd udostępnia (metrics.share w qms.yaml)."""
    check_format(output_format, FORMATS)

    def body() -> int:
        from qms_cli.model import metrics as M
        from qms_cli.services.metrics.files import default_name, write_metrics
        from qms_cli.services.metrics.office import office_metrics, table_rows
        from qms_cli.services.workspace import Workspace

        with Workspace.open(path) as ws:
            data = office_metrics(ws, year, trust_root=trust_root)
            target = out or (Path(default_name(data["year"])) if sign else None)
            if target is not None:
                done = write_metrics(ws, data, target, sign)
                signed = f", podpis {done.signature} ({done.signer})" if done.signature else ""
                say(f"Zapisano {done.path}{signed}.")
                return 0
        if output_format == "json":
            sys.stdout.write(M.dumps(data).decode("utf-8"))
            return 0
        rows = table_rows(data)
        print_table(
            f"Wskaźniki za {data['year']} r. (stan na {data['as_of']})",
            ["Wskaźnik", "Wartość"],
            rows,
            wrap=(0, 1),
        )
        return 0

    run(body)


@app.command("compare")
def compare_command(
    sources: list[Path] = typer.Argument(
        ..., metavar="FOLDER|PLIK…", help="Pliki wskaźników urzędów albo foldery z nimi."
    ),
    offices: Path = typer.Option(
        ...,
        "--offices",
        metavar="PLIK",
        help="Lista urzędów z ich kluczami publicznymi SSH (offices.yaml).",
    ),
    anonymous: str | None = typer.Option(
        None,
        "--anonymous",
        metavar="ID",
        help="Zestawienie dla jednego urzędu: on sam na tle rozkładu, bez innych urzędów.",
    ),
    out: Path | None = typer.Option(
        None, "--out", metavar="FOLDER", help="Folder zestawienia (domyślnie porownanie-<rok>)."
    ),
) -> None:
    """Porównaj wskaźniki urzędów: sprawdź podpisy plików kluczami z listy urzędów i zapisz
    zestawienie (strona HTML i PDF) z medianą, kwartylami i wykresami."""

    def body() -> int:
        from qms_cli.services.metrics.compare import compare
        from qms_cli.services.metrics.report import write_report

        found = compare(sources, offices)
        suffix = f"-{anonymous}" if anonymous else ""
        target = out or Path(f"porownanie-{found.year}{suffix}")
        done = write_report(found, target, anonymous)
        say(
            f"Porównano {done.offices} urzędów za {found.year} r. (podpisy sprawdzone). "
            f"Zapisano {done.folder}: index.html, {done.pdf}."
        )
        return 0

    run(body)
