"""Polish everywhere (issue 14 item 6): Typer's and Click's own usage errors and help chrome
are Polish, placeholders follow one style, usage errors exit 2 — run as a user runs qms."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from qms_cli.cli.polish import PATTERNS, polish
from tests.conftest import ROOT

ENGLISH = (
    " a valid ",
    "Usage:",
    "Error:",
    "Try '",
    "No such",
    "Missing",
    "Show this message",
    "[default",
    "[required]",
    "<str>",
    "[OPTIONS]",
    "COMMAND [ARGS]",
    "Did you mean",
    "Options:",
)


def qms(*args: str) -> tuple[int, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "qms_cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    return proc.returncode, proc.stdout + proc.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["chek"], "qms: błąd: nie ma polecenia „chek”; czy chodziło o 'check'?"),
        (["approve"], "qms: błąd: brak argumentu ID..."),
        (["history", "P-01", "--bogus"], "qms: błąd: nie ma opcji --bogus"),
        (["render", "pdf", "--jobs"], "qms: błąd: opcja --jobs wymaga wartości"),
        (["check", ".", "extra"], "qms: błąd: nadmiarowe argumenty: extra"),
        # an optional number (int | None) is "a valid int" to Click, not "a valid integer"
        (["metrics", "--year", "abc"], "qms: błąd: zła wartość '--year': „abc” nie jest liczbą"),
    ],
)
def test_usage_errors_are_polish_and_exit_2(args: list[str], expected: str) -> None:
    code, out = qms(*args)
    assert code == 2, out
    assert expected in out
    if "--jobs" not in args:  # an option's own error comes without the usage
        assert "Użycie: qms" in out and "Pomoc: qms" in out
    assert not [word for word in ENGLISH if word in out], out


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["signers", "add", "--help"]])
def test_help_chrome_is_polish(args: list[str]) -> None:
    code, out = qms(*args)
    assert code == 0
    assert "Użycie: qms" in out and "Pokaż tę pomoc i zakończ." in out
    assert not [word for word in ENGLISH if word in out], out


def test_every_pattern_translates_its_own_example() -> None:
    examples = {
        "No such command 'x'.": "nie ma polecenia „x”",
        "Missing option '--id'.": "brak opcji --id",
        "Invalid value for '--jobs': 'x' is not a valid integer.": (
            "zła wartość '--jobs': „x” nie jest liczbą całkowitą"
        ),
        "Option '--x' does not take a value.": "opcja --x nie przyjmuje wartości",
    }
    for english, expected in examples.items():
        assert polish(english) == expected
    assert polish("Something new.") == "Something new."  # unknown: shown as it is
    assert len(PATTERNS) >= 15


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["approve", "P-01", "--meaning", "zatwierdzam"], "nieznane znaczenie podpisu"),
        (["init", "x", "--name", "Urząd", "--kind", "wies"], "nieznana wartość „wies”"),
        (["init", "x", "--name", "Urząd", "--head-title", "sołtys"], "nieznana wartość „sołtys”"),
        (["check", "--format", "xml"], "nieznany format „xml”"),
    ],
)
def test_a_bad_choice_is_a_usage_error(args: list[str], expected: str, tmp_path: Path) -> None:
    args = [tmp_path.as_posix() + "/x" if a == "x" else a for a in args]
    code, out = qms(*args)
    assert code == 2, out
    assert expected in out
