"""Plain git through subprocess: init, status, commit."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from qms_cli.errors import QmsError


def git(
    args: list[str],
    cwd: Path,
    *,
    check: bool = True,
    input_text: str | None = None,
    env: dict[str, str] | None = None,
) -> str:
    """Run git and return its stdout; a failure becomes a QmsError with git's own words."""
    if shutil.which("git") is None:
        raise missing_git()
    proc = run_git(args, cwd, input_text=input_text, env=env)
    if check and proc.returncode != 0:
        raise git_failed(args[0], proc.stderr or proc.stdout, proc.returncode)
    return proc.stdout


def run_git(
    args: list[str],
    cwd: Path,
    *,
    input_text: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run git and capture its text output; its exit code is the caller's to judge.

    Bytes go both ways: Python's text mode would write ``\r\n`` for every ``\n`` on Windows
    (a commit message's trailers would end in CR) and read the locale's code page (cp1250
    garbles Polish paths). What is read is decoded as UTF-8 with line ends as text mode
    gives them (CRLF and CR become LF)."""
    proc = subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        input=None if input_text is None else input_text.encode("utf-8"),
        env=env,
        check=False,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, as_text(proc.stdout), as_text(proc.stderr)
    )


def as_text(raw: bytes) -> str:
    """Git's output as text: UTF-8, CRLF and CR read as LF (as Python's text mode reads)."""
    text = raw.decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def signing_refused(what: str, stderr: str, hint: str) -> QmsError:
    """git could not sign ``what`` (commit, tag) with the configured key: its first words."""
    detail = [line for line in stderr.strip().splitlines() if line.strip()]
    return QmsError(
        f"git nie może podpisać {what} skonfigurowanym kluczem"
        + (f": {detail[0]}" if detail else ""),
        hint=hint,
    )


def missing_git() -> QmsError:
    return QmsError("nie znaleziono programu git", hint="Zainstaluj git (apt-get install git).")


def git_failed(command: str, output: str, returncode: int) -> QmsError:
    """A failed git command in git's own words: the last line it wrote."""
    detail = output.strip().splitlines()
    return QmsError(f"git {command} nie powiódł się: {detail[-1] if detail else returncode}")


def tracked_files(root: Path) -> list[str]:
    """The paths in git's index (``git ls-files``)."""
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True
    ).stdout
    return [p for p in out.decode("utf-8", "surrogateescape").split("\x00") if p]


def is_repository(path: Path) -> bool:
    proc = subprocess.run(
        ["git", "rev-parse", "--git-dir"], cwd=path, capture_output=True, check=False
    )
    return proc.returncode == 0


# the author of what ``qms init`` brings: the template's text is the tool's, not the person's
# who ran it (who stays the committer), so nobody is its author for the four-eyes rule
TOOL_AUTHOR = "qms (szablon dokumentacji) <qms-init@qms.invalid>"


def init_and_commit(path: Path, message: str) -> str:
    """``git init``, add everything, make the first commit; return its id. GitPython here:
    one-off porcelain outside any loop (hot paths use plain git subprocesses, see vcs.commits)."""
    import git as gitpython  # imported here: ~50 ms that `qms check` should not pay

    try:
        repo = gitpython.Repo.init(path, initial_branch="main")
        try:
            repo.git.config("user.name")
        except gitpython.GitCommandError:
            raise QmsError(
                "git nie zna autora zmian (user.name, user.email)",
                hint='git config --global user.name "Imię Nazwisko" && '
                "git config --global user.email adres@urzad.gov.pl",
            ) from None
        repo.git.add("-A")
        repo.git.commit("-q", "-m", message, f"--author={TOOL_AUTHOR}")
        return repo.head.commit.hexsha
    except gitpython.GitCommandError as exc:
        detail = str(exc.stderr or exc).strip().splitlines()
        raise QmsError(f"git nie powiódł się: {detail[-1] if detail else exc}") from None
