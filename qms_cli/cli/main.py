"""Entry point: ``qms``. Importing a command module registers its commands.

``qms check`` runs on every commit in CI and pre-commit, so the entry point imports only the
module of the command being run; ``qms --help``, completion and an unknown command load all.
``from qms_cli.cli.main import app`` (tests, docs) always gets every command.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

from qms_cli.cli import app as app_module

# command name -> the module of qms_cli.cli that defines it
COMMANDS = {
    "check": "check",
    "init": "documents",
    "new": "documents",
    "import": "importer",
    "rules": "rules",
    "approve": "approvals",
    "history": "approvals",
    "diff": "diff",
    "pending": "pending",
    "signers": "signers",
    "render": "render",
    "release": "release",
    "audit": "audit",
    "capa": "capa",
    "objectives": "objectives",
    "survey": "survey",
    "complaint": "complaint",
    "nc": "nc",
    "training": "training",
    "review": "review",
    "fix": "fix",
    "due": "due",
    "review-doc": "due",
    "ack": "ack",
    "preview": "preview",
    "transition": "transition",
    "metrics": "metrics",
    "compare": "metrics",
}


def load_commands(command: str | None = None) -> Any:
    """Register ``command`` (all commands when None or unknown) and return the Typer app."""
    modules = [COMMANDS[command]] if command in COMMANDS else sorted(set(COMMANDS.values()))
    for module in modules:
        importlib.import_module(f"qms_cli.cli.{module}")
    return app_module.app


def __getattr__(name: str) -> Any:
    if name == "app":
        return load_commands()
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
    load_commands(command)(prog_name="qms")  # also under python -m qms_cli


if __name__ == "__main__":
    main()
