"""The Typer application and the helpers every command uses."""

from __future__ import annotations

from collections.abc import Callable

import typer

from qms_cli import __version__
from qms_cli.cli.errors import guarded

app = typer.Typer(
    name="qms",
    help="System Zarządzania Jakością (ISO 9001) urzędu jako dokumenty w repozytorium git.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def run(func: Callable[[], int | None]) -> None:
    """Run a command body inside the error boundary and exit with its code."""
    code = guarded(func)
    raise typer.Exit(code or 0)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"qms {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Pokaż wersję i zakończ."
    ),
) -> None:
    """System Zarządzania Jakością (ISO 9001) urzędu jako dokumenty w repozytorium git."""
