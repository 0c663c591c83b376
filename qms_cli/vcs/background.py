"""Read-only git commands started at once and read later, so that they run while Python does
other work (``qms check`` starts them before it reads the files).

Each command writes into an unnamed temporary file, not a pipe: a pipe holds 64 kB, and a
``git ls-tree`` of thousands of files would stop there until read.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

from qms_cli.vcs.git import git_failed, missing_git


@dataclass(frozen=True)
class RepoState:
    """What one ``git rev-parse`` says about the folder."""

    toplevel: Path | None  # None: not inside a git working tree (or no git program)
    head: str | None  # None: no commit yet
    shallow: bool = False
    algo: str = "sha1"


STATE_ARGS = [
    "rev-parse",
    "--show-toplevel",
    "--is-shallow-repository",
    "--show-object-format",
    "--verify",
    "-q",
    "HEAD^{commit}",
]


def parse_state(returncode: int, out: str) -> RepoState:
    lines = out.splitlines()
    if len(lines) < 3:  # not a working tree: rev-parse stopped at --show-toplevel
        return RepoState(None, None)
    head = lines[3] if returncode == 0 and len(lines) > 3 else None
    return RepoState(Path(lines[0]), head, lines[1] == "true", lines[2] or "sha1")


class BackgroundGit:
    """``BackgroundGit(root, [args, ...])`` starts every command; ``result(command)`` (the
    command's first word) waits for one and returns its exit code, stdout and stderr;
    ``output`` its stdout, or a ``QmsError`` with git's words as ``git()``.
    As a context manager, leaving it stops what is still running and removes the files."""

    def __init__(self, root: Path, commands: list[list[str]]) -> None:
        self._files = contextlib.ExitStack()
        self._running: dict[str, tuple[subprocess.Popen[bytes] | None, IO[bytes], IO[bytes]]] = {}
        for args in commands:
            # both closed (and so removed) by the ExitStack when the context is left
            out = self._files.enter_context(tempfile.TemporaryFile())  # noqa: SIM115
            err = self._files.enter_context(tempfile.TemporaryFile())  # noqa: SIM115
            try:
                proc: subprocess.Popen[bytes] | None = subprocess.Popen(
                    ["git", *args], cwd=root, stdout=out, stderr=err, stdin=subprocess.DEVNULL
                )
            except OSError:  # no git program: said when the output is asked for
                proc = None
            self._running[args[0]] = (proc, out, err)

    def result(self, command: str) -> tuple[int, str, str]:
        proc, out, err = self._running.pop(command)
        if proc is None:
            raise missing_git()
        returncode = proc.wait()
        out.seek(0)
        err.seek(0)
        return returncode, out.read().decode(errors="replace"), err.read().decode(errors="replace")

    def output(self, command: str) -> str:
        returncode, stdout, stderr = self.result(command)
        if returncode != 0:
            raise git_failed(command, stderr, returncode)
        return stdout

    def __enter__(self) -> BackgroundGit:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for proc, _, _ in self._running.values():
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
        self._running.clear()
        self._files.close()
