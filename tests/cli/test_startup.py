"""``qms --help`` lists every command without importing any (``cli/lazy.py``), and says what
it said when every command was imported; each command still runs and has its own help."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
import typer

from qms_cli.cli.lazy import COMMANDS

HEAVY = ("typst", "pypandoc", "jinja2", "nh3", "yaml", "jsonschema_rs", "cryptography")

# run main() as the qms script does, then say which modules it imported
RUN_MAIN = """
import sys
sys.argv = ["qms", *sys.argv[1:]]
from qms_cli.cli import main as entry
if {load_all}:
    entry.load_commands()
try:
    entry.main()
except SystemExit as stop:
    code = stop.code
print("\\x00" + " ".join(sorted(sys.modules)) + f"\\x00{{code}}")
"""


def run_main(*args: str, load_all: bool = False) -> tuple[str, set[str], str]:
    """stdout of ``qms ARGS``, the modules imported, the exit code."""
    proc = subprocess.run(
        [sys.executable, "-c", RUN_MAIN.format(load_all=load_all), *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "80"},
    )
    out, modules, code = proc.stdout.rsplit("\x00", 2)
    return out, set(modules.split()), code.strip()


def test_help_imports_no_command_and_nothing_heavy() -> None:
    out, modules, code = run_main("--help")
    assert code == "0"
    for name in COMMANDS:
        assert f"\n  {name} " in out
    commands = {f"qms_cli.cli.{module}" for module, _ in COMMANDS.values()}
    assert not modules & commands
    assert not [m for m in modules if m.split(".")[0] in HEAVY]


def test_help_is_what_it_is_with_every_command_imported() -> None:
    lazy, _, _ = run_main("--help")
    loaded, modules, _ = run_main("--help", load_all=True)
    assert "qms_cli.cli.render" in modules
    assert lazy == loaded


def test_table_is_every_command_in_order_with_its_help() -> None:
    from qms_cli.cli.main import app  # every command imported

    group: Any = typer.main.get_command(app)
    assert list(group.commands.loaded) == list(COMMANDS)
    for name, command in group.commands.loaded.items():
        module, text = COMMANDS[name]
        callback = command.callback or next(iter(command.commands.values())).callback
        assert callback.__module__ == f"qms_cli.cli.{module}", name
        assert " ".join(command.help.split()).startswith(text), name
        assert text.endswith("."), name  # where Click's short help ends


def test_a_command_imports_only_its_module() -> None:
    out, modules, code = run_main("rules")
    assert code in ("0", "None") and "QMS001" in out
    assert "qms_cli.cli.rules" in modules
    assert "qms_cli.cli.render" not in modules and "qms_cli.cli.release" not in modules


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_its_help(name: str) -> None:
    out, modules, code = run_main(name, "--help")
    assert code == "0"
    assert f"qms {name}" in out
    assert f"qms_cli.cli.{COMMANDS[name][0]}" in modules


def test_a_mistyped_command_is_suggested_without_importing_commands() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", RUN_MAIN.format(load_all=False), "rendr"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "nie ma polecenia „rendr”; czy chodziło o 'render'?" in proc.stderr
    assert proc.stdout.rsplit("\x00", 1)[-1].strip() == "2"
    assert "qms_cli.cli.render" not in proc.stdout
