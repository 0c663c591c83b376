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
    "signers": "signers",
    "render": "render",
    "release": "release",
    "audit": "audit",
    "capa": "capa",
    "objectives": "objectives",
    "survey": "survey",
    "complaint": "complaint",
    "nc": "nc",
    "review": "review",
    "fix": "fix",
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


def main() -> None:
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    load_commands(command)(prog_name="qms")  # also under python -m qms_cli


if __name__ == "__main__":
    main()
