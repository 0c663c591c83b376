"""The user guide stays complete and its examples work.

- every command and sub-command of the CLI appears in docs/ as ``qms <command>``;
- docs/rules.md holds the current table of rules (regenerate: ``make rules-doc``);
- every ```console block runs: each ``$ qms …`` line is executed, in order, in a fresh copy
  of the example office (cwd = the office repository), and must exit 0 unless the line ends
  with ``# exit: N``.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from qms_cli.cli.main import app
from qms_cli.cli.rules import rules_markdown
from tests.conftest import ROOT, make_repo

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
BLOCK_RE = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)
EXIT_RE = re.compile(r"\s+#\s*exit:\s*(\d+)\s*$")


def _commands(group: Any, prefix: str = "qms") -> list[str]:
    """Command paths of a (typer-bundled) click group: ``qms check``, ``qms render pdf`` …"""
    names = []
    for name, command in group.commands.items():
        names.append(f"{prefix} {name}")
        if hasattr(command, "commands"):
            names.extend(_commands(command, f"{prefix} {name}"))
    return names


def test_every_command_is_documented() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in PAGES)
    group = typer.main.get_command(app)
    missing = [c for c in _commands(group) if f"`{c}" not in text and f"$ {c}" not in text]
    assert missing == []


def test_rules_page_lists_every_rule() -> None:
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert rules_markdown() in text, "docs/rules.md is out of date: run `make rules-doc`"


def examples(page: Path) -> list[tuple[str, int]]:
    out = []
    for block in BLOCK_RE.findall(page.read_text(encoding="utf-8")):
        for line in block.splitlines():
            if line.startswith("$ qms "):
                command = line[2:]
                match = EXIT_RE.search(command)
                expected = int(match.group(1)) if match else 0
                out.append((EXIT_RE.sub("", command), expected))
    return out


PAGES_WITH_EXAMPLES = [p for p in PAGES if examples(p)]


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES_WITH_EXAMPLES, ids=[p.name for p in PAGES_WITH_EXAMPLES])
def test_examples_run(page: Path, tmp_path: Path) -> None:
    from qms_cli.resources import data_path

    office = make_repo(data_path("docs-repo-template"), tmp_path / "office")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for command, expected in examples(page):
        args = shlex.split(command)[1:]
        proc = subprocess.run(
            [sys.executable, "-m", "qms_cli", *args],
            cwd=office,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == expected, (
            f"{page.name}: `{command}` exited {proc.returncode}, expected {expected}\n"
            f"{proc.stdout}\n{proc.stderr}"
        )
        assert "Traceback" not in proc.stderr
