"""``qms check``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from qms_cli.cli.app import app, check_format, run, trust_root_param
from qms_cli.cli.errors import EXIT_FINDINGS, EXIT_OK
from qms_cli.cli.formats import FORMATS


@app.command()
def check(
    path: Path = typer.Argument(Path(), help="Folder repozytorium dokumentacji."),
    output_format: str = typer.Option(
        "text", "--format", "-f", help="Format wyniku: " + ", ".join(FORMATS) + "."
    ),
    strict: bool = typer.Option(False, "--strict", help="Ostrzeżenia też kończą się kodem 1."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Nie używaj pamięci podręcznej."),
    trust_root: str | None = trust_root_param(
        "Odcisk klucza kierownika urzędu, od którego liczy się zaufanie do zatwierdzeń "
        "(zastępuje trust_root z qms.yaml; także zmienna QMS_TRUST_ROOT).",
    ),
) -> None:
    """Sprawdź całe repozytorium: schematy, odwołania, reguły SZJ. Niczego nie zmienia."""
    check_format(output_format, tuple(FORMATS))

    def body() -> int:
        from qms_cli.services.check import run_check
        from qms_cli.services.workspace import Workspace

        # git reads the history while the files are read; bodies of documents stay unread
        with Workspace.open(path, use_cache=not no_cache, bodies=False, strict=False) as ws:
            report = run_check(ws, trust_root=trust_root)
        sys.stdout.write(FORMATS[output_format](report))
        return EXIT_FINDINGS if report.failed(strict) else EXIT_OK

    run(body)
