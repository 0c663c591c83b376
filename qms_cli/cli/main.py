"""Entry point: ``qms``. Importing the command modules registers their commands."""

from __future__ import annotations

from qms_cli.cli import check, documents, render, rules  # noqa: F401
from qms_cli.cli.app import app


def main() -> None:
    app()


if __name__ == "__main__":
    main()
