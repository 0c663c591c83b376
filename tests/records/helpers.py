"""Shared helpers of the records tests: run the CLI in process, dates of this project's world."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from qms_cli.cli.main import app
from tests.conftest import EXAMPLE_DAY

TODAY = EXAMPLE_DAY  # the example office describes this day
runner = CliRunner()


def qms(office: Path, *args: str) -> tuple[int, str, str]:
    """Run ``qms ARGS --path OFFICE`` (or with the office as cwd for commands without --path)."""
    result = runner.invoke(app, [*args, "--path", str(office)])
    return result.exit_code, result.stdout, result.stderr


def all_text(
    root: Path, suffixes: tuple[str, ...] = (".md", ".yaml", ".csv", ".svg")
) -> dict[str, str]:
    return {
        str(p.relative_to(root)): p.read_bytes().decode("utf-8", "replace")
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.suffix in suffixes and ".git" not in p.parts
    }
