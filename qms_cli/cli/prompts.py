"""Asking for what a command needs when it runs in a terminal (Polish prompts).

Every value also has a flag; without a terminal (CI, scripts, pipes) a missing required value
is a usage error (exit 2). ``--interactive`` forces the questions (tests answer them through
standard input), ``--no-interactive`` forbids them.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

import typer

from qms_cli.cli.errors import EXIT_CANNOT, EXIT_USAGE

Check = Callable[[str], str | None]  # None: the answer is fine; otherwise why not

INTERACTIVE = typer.Option(
    None,
    "--interactive/--no-interactive",
    help="Pytaj o brakujące wartości (domyślnie: gdy polecenie działa w terminalu).",
)


def is_interactive(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return sys.stdin.isatty() and sys.stdout.isatty()


def missing(option: str) -> NoReturn:
    typer.echo(
        f"qms: błąd: brak {option} — podaj wartość w poleceniu albo uruchom je w terminalu, "
        "żeby odpowiedzieć na pytania",
        err=True,
    )
    raise typer.Exit(EXIT_USAGE)


class Asker:
    """Fills in missing values: asks in a terminal, otherwise reports the missing option."""

    def __init__(self, interactive: bool) -> None:
        self.interactive = interactive

    def required(
        self,
        value: str | None,
        option: str,
        label: str,
        *,
        default: str | None = None,
        check: Check | None = None,
        options: Sequence[str] = (),
    ) -> str:
        if value is not None and value.strip():
            return value.strip()
        if not self.interactive:
            missing(option)
        if options:
            typer.echo(", ".join(options))
        while True:
            answer = str(typer.prompt(label, default=default or "", show_default=bool(default)))
            answer = answer.strip()
            problem = (
                "odpowiedź jest wymagana" if not answer else (check(answer) if check else None)
            )
            if problem is None:
                return answer
            typer.echo(f"  {problem}")

    def optional(
        self, value: str | None, label: str, *, default: str = "", check: Check | None = None
    ) -> str | None:
        """Ask only in interactive mode; an empty answer leaves the value out."""
        if value is not None or not self.interactive:
            return value
        while True:
            answer = str(typer.prompt(label, default=default, show_default=bool(default))).strip()
            problem = check(answer) if (answer and check) else None
            if problem is None:
                return answer or None
            typer.echo(f"  {problem}")

    def several(self, values: Sequence[str], label: str, limit: int = 5) -> list[str]:
        """Answers one by one until an empty one (only in interactive mode, when none given)."""
        if values or not self.interactive:
            return list(values)
        answers: list[str] = []
        while len(answers) < limit:
            answer = str(
                typer.prompt(
                    f"{label} ({len(answers) + 1}, Enter — koniec)", default="", show_default=False
                )
            ).strip()
            if not answer:
                break
            answers.append(answer)
        return answers


def one_of(choices: Sequence[str]) -> Check:
    allowed = list(choices)
    return lambda answer: None if answer in allowed else "wybierz jedno z: " + ", ".join(allowed)


def day(value: str | None, option: str = "--date") -> dt.date | None:
    """A date given as an option (``2027-03-12``); a wrong one stops the command (exit 3)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        not_a_date(option, "podaj datę w postaci RRRR-MM-DD")


def iso_date(value: str | None, option: str) -> dt.date | None:
    """A date option other than ``--date`` (``--valid-from``, ``--received`` …); a wrong one
    stops the command (exit 3) with a message that quotes it."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        not_a_date(option, f"„{value}” nie jest datą RRRR-MM-DD")


def not_a_date(option: str, message: str) -> NoReturn:
    """Exit 3, as every wrong date does, whether it is found in the option (here, before the
    command runs) or by the command itself (``audit new --date 2026-02-30``, ``capa new
    --due``); ``typer.Exit`` works both outside and inside the error boundary."""
    typer.echo(f"qms: błąd: {option}: {message}", err=True)
    raise typer.Exit(EXIT_CANNOT)


def date_option(what: str) -> Any:
    return typer.Option(None, "--date", help=f"{what} RRRR-MM-DD (domyślnie dziś).")


def yes_no(text: str) -> bool | None:
    """``tak``/``yes``/``nie``/``no`` to a bool; anything else is None."""
    value = text.strip().lower()
    if value in ("tak", "yes", "t", "y", "true"):
        return True
    if value in ("nie", "no", "n", "false"):
        return False
    return None
