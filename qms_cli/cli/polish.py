"""Typer's and Click's own words in Polish: usage errors, the help's headings, defaults.

Typer (0.28) carries its own copy of Click whose messages are literal English strings, and
only a few of Typer's own go through ``gettext``. qms therefore (1) translates the messages of
usage errors with the patterns below when they are shown, (2) gives Typer's ``gettext`` a
Polish table, and (3) replaces the help option's text and the usage prefix. A message no
pattern knows is shown as it is (a newer Typer may add one; tests/cli/test_polish.py names
every message a user can meet). ``install()`` runs once, when the CLI is imported.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import IO, Any

PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^No such command '(.+?)'\.? Did you mean (.+)\?$"),
        r"nie ma polecenia „\1”; czy chodziło o \2?",
    ),
    (re.compile(r"^No such command '(.+?)'\.$"), r"nie ma polecenia „\1”"),
    (
        re.compile(r"^No such option: (\S+?)\.? Did you mean (.+)\?$"),
        r"nie ma opcji \1; czy chodziło o \2?",
    ),
    (re.compile(r"^No such option: (\S+)$"), r"nie ma opcji \1"),
    (re.compile(r"^Missing argument '(.+)'\.$"), r"brak argumentu \1"),
    (re.compile(r"^Missing option '(.+)'\.$"), r"brak opcji \1"),
    (re.compile(r"^Missing parameter: (.+)$"), r"brak parametru \1"),
    (re.compile(r"^Missing command\.$"), r"brak polecenia"),
    (re.compile(r"^Got unexpected extra argument\(s\) \((.+)\)$"), r"nadmiarowe argumenty: \1"),
    (re.compile(r"^Option '(.+)' requires an argument\.$"), r"opcja \1 wymaga wartości"),
    (re.compile(r"^Option '(.+)' requires (\d+) arguments\.$"), r"opcja \1 wymaga \2 wartości"),
    (re.compile(r"^Option '(.+)' does not take a value\.$"), r"opcja \1 nie przyjmuje wartości"),
    (re.compile(r"^'(.*)' is not a valid int(?:eger)?\.$"), r"„\1” nie jest liczbą całkowitą"),
    (re.compile(r"^'(.*)' is not a valid float\.$"), r"„\1” nie jest liczbą"),
    (re.compile(r"^'(.*)' is not a valid boolean\..*$"), r"„\1” to nie tak/nie (true/false)"),
    (re.compile(r"^'(.*)' is not one of (.+)\.$"), r"„\1” nie jest jedną z wartości: \2"),
    (re.compile(r"^'(.*)' is not (.+)\.$"), r"„\1” to nie \2"),
]
_INVALID = re.compile(r"^Invalid value for (.+?): (.+)$", re.DOTALL)

GETTEXT: dict[str, str] = {
    "Arguments": "Argumenty",
    "Options": "Opcje",
    "Commands": "Polecenia",
    "default: {default}": "domyślnie: {default}",
    "required": "wymagane",
    "env var: {var}": "zmienna środowiskowa: {var}",
    "(dynamic)": "(wyliczane)",
    "Aborted!": "Przerwano.",
}
HELP_TEXT = "Pokaż tę pomoc i zakończ."
USAGE = "Użycie: "
USAGE_WORDS = (("[OPTIONS]", "[OPCJE]"), ("COMMAND [ARGS]...", "POLECENIE [ARGUMENTY]..."))
# one style of placeholders: Polish capitals, like ODCISK, TYP, ID
METAVARS = {
    "<str>": "TEKST",
    "<text>": "TEKST",
    "<int>": "LICZBA",
    "<integer>": "LICZBA",
    "<float>": "LICZBA",
    "<path>": "ŚCIEŻKA",
    "<boolean>": "TAK|NIE",
}


def polish(message: str) -> str:
    """A usage error's message in Polish (as it is, when no pattern knows it)."""
    invalid = _INVALID.match(message)
    if invalid:
        return f"zła wartość {invalid[1]}: {polish(invalid[2])}"
    for pattern, replacement in PATTERNS:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


def _gettext(message: str) -> str:
    return GETTEXT.get(message, message)


def _show_usage_error(self: Any, file: IO[Any] | None = None) -> None:
    out = file or sys.stderr
    ctx = self.ctx
    print(f"qms: błąd: {polish(self.format_message())}", file=out)
    if ctx is not None:
        print(ctx.get_usage(), file=out)
        print(f"Pomoc: {ctx.command_path} --help", file=out)


def _show_error(self: Any, file: IO[Any] | None = None) -> None:
    print(f"qms: błąd: {polish(self.format_message())}", file=file or sys.stderr)


def install() -> None:
    import typer.core
    from typer._click import core, exceptions, formatting

    exceptions.UsageError.show = _show_usage_error  # type: ignore[method-assign]
    exceptions.ClickException.show = _show_error  # type: ignore[method-assign]
    typer.core._ = _gettext  # type: ignore[attr-defined]
    original_usage = formatting.HelpFormatter.write_usage

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, polish_words in USAGE_WORDS:
            args = args.replace(english, polish_words)
        original_usage(self, prog, args, USAGE if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]
    original_help: Callable[..., Any] = core.Command.get_help_option

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original_help(self, ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    core.Command.get_help_option = get_help_option  # type: ignore[method-assign]
    original_metavar: Callable[..., str] = core.Parameter.make_metavar

    def make_metavar(self: Any, ctx: Any, **kwargs: Any) -> str:
        metavar = original_metavar(self, ctx, **kwargs)
        base, dots = (metavar[:-3], "...") if metavar.endswith("...") else (metavar, "")
        return METAVARS.get(base, base) + dots

    core.Parameter.make_metavar = make_metavar  # type: ignore[method-assign]
