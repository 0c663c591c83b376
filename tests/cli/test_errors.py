"""The error boundary: QmsError -> 3, Ctrl-C -> 130, a bug -> 4 with the traceback in a log."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from qms_cli import __version__
from qms_cli.cli.errors import guarded
from qms_cli.errors import QmsError


def test_qms_error_is_exit_3_with_hint(capsys: pytest.CaptureFixture[str]) -> None:
    def fail() -> int:
        raise QmsError("folder nie jest pusty", hint="Wskaż inny.", path="a.yaml", line=3)

    assert guarded(fail) == 3
    err = capsys.readouterr().err
    assert err == "qms: błąd: a.yaml:3: folder nie jest pusty\n  wskazówka: Wskaż inny.\n"


def test_interrupt_is_130(capsys: pytest.CaptureFixture[str]) -> None:
    def stop() -> int:
        raise KeyboardInterrupt

    assert guarded(stop) == 130
    assert capsys.readouterr().err == "qms: przerwano\n"


def test_bug_is_exit_4_with_log(capsys: pytest.CaptureFixture[str]) -> None:
    def bug() -> int:
        raise ZeroDivisionError("boom")

    assert guarded(bug) == 4
    err = capsys.readouterr().err
    assert "błąd wewnętrzny (ZeroDivisionError)" in err and "Traceback" not in err
    log = Path(err.split("szczegóły w ")[1].split(". Prosimy")[0])
    assert "ZeroDivisionError: boom" in log.read_text(encoding="utf-8")
    log.unlink()


def test_version() -> None:
    from typer.testing import CliRunner

    from qms_cli import __version__
    from qms_cli.cli.main import app

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"qms {__version__}\n"


def test_shell_completion_script() -> None:
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "_QMS_COMPLETE": "complete_bash",
        "COMP_WORDS": "qms ch",
        "COMP_CWORD": "1",
    }
    script = Path(sys.executable).with_name("qms")
    proc = subprocess.run(
        [str(script)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "check" in proc.stdout


def test_every_command_is_mapped_to_its_module() -> None:
    import typer

    from qms_cli.cli.main import COMMANDS, app

    assert set(typer.main.get_command(app).commands.loaded) == set(COMMANDS)  # type: ignore[attr-defined]


def test_bad_option_value_inside_the_body_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import typer

    def bad() -> int:
        raise typer.BadParameter("nieznany format „x”", param_hint="--format")

    assert guarded(bad) == 2
    assert capsys.readouterr().err == "qms: błąd: --format: nieznany format „x”\n"


def test_exit_inside_the_body_keeps_its_code() -> None:
    import typer

    def stop() -> int:
        raise typer.Exit(3)

    assert guarded(stop) == 3


def test_version_loads_no_command() -> None:
    """`qms --version` answers without importing any command module (issue 17: start-up)."""
    code = (
        "import sys; sys.argv = ['qms', '--version']\n"
        "from qms_cli.cli.main import main\n"
        "main()\n"
        "print(sorted(m for m in sys.modules if m.startswith('qms_cli.cli.')"
        " and m.rsplit('.', 1)[1] not in ('app', 'main', 'polish', 'errors', 'lazy')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines() == [f"qms {__version__}", "[]"]
