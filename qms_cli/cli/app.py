"""The Typer application and the helpers every command uses."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import typer

from qms_cli import __version__
from qms_cli.cli import polish
from qms_cli.cli.errors import guarded
from qms_cli.cli.lazy import LazyGroup

polish.install()  # Typer's and Click's own messages in Polish

app = typer.Typer(
    name="qms",
    cls=LazyGroup,
    help="System Zarządzania Jakością (ISO 9001) urzędu jako dokumenty w repozytorium git.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def run(func: Callable[[], int | None]) -> None:
    """Run a command body inside the error boundary and exit with its code."""
    code = guarded(func)
    raise typer.Exit(code or 0)


def refuse_early(func: Callable[[], None]) -> None:
    """Run a check of the options inside the error boundary; stop the command if it fails."""
    code = guarded(func)
    if code:
        raise typer.Exit(code)


def trust_root_option(value: str | None) -> str | None:
    """``--trust-root ""`` (or a value that is not a fingerprint) stops the command: exit 3."""
    from qms_cli.services.approval.trust_input import check_external

    refuse_early(lambda: check_external(value, "--trust-root"))
    return value


def check_format(value: str, allowed: tuple[str, ...] | list[str]) -> None:
    """``--format`` is one of ``allowed``: a usage error (exit 2) names what is allowed."""
    if value not in allowed:
        raise typer.BadParameter(
            f"nieznany format „{value}”; dozwolone: {', '.join(allowed)}", param_hint="--format"
        )


TRUST_HELP = (
    "Odcisk klucza kierownika urzędu, od którego liczy się zaufanie "
    "(zastępuje trust_root z qms.yaml; także zmienna QMS_TRUST_ROOT)."
)


def trust_root_param(help_text: str = TRUST_HELP) -> Any:
    """``--trust-root ODCISK``: the same option, checked the same way, in every command."""
    return typer.Option(
        None, "--trust-root", metavar="ODCISK", callback=trust_root_option, help=help_text
    )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"qms {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Pokaż wersję i zakończ."
    ),
) -> None:
    """System Zarządzania Jakością (ISO 9001) urzędu jako dokumenty w repozytorium git."""
    if not ctx.resilient_parsing:  # QMS_TRUST_ROOT set but empty: no command runs (exit 3)
        from qms_cli.services.approval.trust_input import check_environment

        refuse_early(lambda: check_environment(os.environ))
