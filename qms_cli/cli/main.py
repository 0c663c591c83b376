"""Entry point: ``qms``. Importing the command modules registers their commands."""

from __future__ import annotations

from qms_cli.cli import approvals, check, documents, render, rules, signers  # noqa: F401
from qms_cli.cli.app import app


def main() -> None:
    app()


if __name__ == "__main__":
    main()
