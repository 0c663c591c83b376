"""Plain git through subprocess: init, status, commit."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from qms_cli.errors import QmsError


def git(args: list[str], cwd: Path, *, check: bool = True, input_text: str | None = None) -> str:
    """Run git and return its stdout; a failure becomes a QmsError with git's own words."""
    if shutil.which("git") is None:
        raise QmsError("nie znaleziono programu git", hint="Zainstaluj git (apt-get install git).")
    proc = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, input=input_text, check=False
    )
    if check and proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise QmsError(
            f"git {args[0]} nie powiódł się: {detail[-1] if detail else proc.returncode}"
        )
    return proc.stdout


def is_repository(path: Path) -> bool:
    proc = subprocess.run(
        ["git", "rev-parse", "--git-dir"], cwd=path, capture_output=True, check=False
    )
    return proc.returncode == 0


def has_identity(path: Path) -> bool:
    name = subprocess.run(
        ["git", "config", "user.name"], cwd=path, capture_output=True, check=False
    )
    return name.returncode == 0 and bool(name.stdout.strip())


def init_and_commit(path: Path, message: str) -> str:
    """``git init``, add everything, make the first commit; return its id."""
    git(["init", "-q", "-b", "main"], path)
    if not has_identity(path):
        raise QmsError(
            "git nie zna autora zmian (user.name, user.email)",
            hint='git config --global user.name "Imię Nazwisko" && '
            "git config --global user.email adres@urzad.gov.pl",
        )
    git(["add", "-A"], path)
    git(["commit", "-q", "-m", message], path)
    return git(["rev-parse", "HEAD"], path).strip()
