"""A file as it was on a given day, from git history (for "what changed since …")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.vcs.git import git, is_repository


def file_at(root: Path, rel: str, day: dt.date) -> tuple[str, str] | None:
    """(commit id, text) of ``rel`` as last committed by the end of ``day``; None when the
    file had no commit by then or ``root`` is not a git repository."""
    try:
        if not is_repository(root):
            return None
        commit = git(
            ["log", "-1", "--format=%H", f"--before={day.isoformat()} 23:59:59", "--", rel],
            root,
            check=False,
        ).strip()
        if not commit:
            return None
        text = git(["show", f"{commit}:{rel}"], root, check=False)
    except QmsError:  # no git program: the review says it could not compare
        return None
    return (commit, text) if text else None
