"""Entry point: ``qms``. Importing a command module registers its commands.

``qms check`` runs on every commit in CI and pre-commit, so the entry point imports only the
module of the command being run; ``qms --help`` lists the commands without importing any
(``cli/lazy.py``), completion imports them as it needs them.
``from qms_cli.cli.main import app`` (tests, docs) always gets every command. Typer and the
command table are imported when used: ``qms --version`` needs neither.
"""

from __future__ import annotations

import sys
from typing import Any


def load_commands(command: str | None = None) -> Any:
    """Register ``command`` (all commands when None or unknown) and return the Typer app."""
    from qms_cli.cli.app import app
    from qms_cli.cli.lazy import COMMANDS, load

    load([command] if command in COMMANDS else list(COMMANDS))
    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return load_commands()
    if name == "COMMANDS":
        from qms_cli.cli.lazy import COMMANDS

        return COMMANDS
    raise AttributeError(name)


def utf8_output(streams: tuple[object, ...] | None = None) -> None:
    """Polish text never fails to print: a console on Windows takes Unicode, but output
    redirected to a file or a pipe gets the code page (cp1252 has no „ł”) and would end in
    UnicodeEncodeError; such streams are switched to UTF-8."""
    for stream in streams if streams is not None else (sys.stdout, sys.stderr):
        encoding = str(getattr(stream, "encoding", "") or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding != "utf8" and reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def main() -> None:
    utf8_output()
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    if command is None and sys.argv[1:] == ["--version"]:  # answered without any command
        from qms_cli import __version__

        print(f"qms {__version__}")
        return
    from qms_cli.cli.app import app
    from qms_cli.cli.lazy import COMMANDS, load

    if command in COMMANDS:
        load([command])
    app(prog_name="qms")  # also under python -m qms_cli


if __name__ == "__main__":
    main()
