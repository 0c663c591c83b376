"""Entry point: ``qms``. Importing the command modules registers their commands."""

from __future__ import annotations

from qms_cli.cli import (  # noqa: F401
    approvals,
    audit,
    capa,
    check,
    complaint,
    documents,
    objectives,
    release,
    render,
    review,
    rules,
    signers,
    survey,
)
from qms_cli.cli.app import app


def main() -> None:
    app()


if __name__ == "__main__":
    main()
