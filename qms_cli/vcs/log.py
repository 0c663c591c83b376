"""Reading history from git in one pass (never one ``git log`` per file)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qms_cli.model.history import Change
from qms_cli.vcs.git import git, is_repository

_SEP = "\x1e"


def file_changes(root: Path, paths: list[str]) -> dict[str, list[Change]]:
    """Commits that changed each of ``paths`` (oldest first), with the blob after each commit.

    One ``git log`` over all paths; renames are not followed (documents keep their id-based
    file names).
    """
    result: dict[str, list[Change]] = {p: [] for p in paths}
    if not paths or not is_repository(root):
        return result
    out = git(
        [
            "log",
            "--reverse",
            "--raw",
            "--no-abbrev",
            "--no-renames",
            "-z",
            f"--format={_SEP}%H%x00%cI%x00%an%x00%s%x00",
            "--",
            *paths,
        ],
        root,
    )
    for record in out.split(_SEP)[1:]:
        fields = record.split("\x00")
        commit, when, author, summary = fields[:4]
        stamp = dt.datetime.fromisoformat(when)
        raw = [f for f in fields[4:] if f.strip()]
        # --raw -z: ":old_mode new_mode old_blob new_blob status", then the path
        for meta, path in zip(raw[0::2], raw[1::2], strict=False):
            parts = meta.strip().lstrip(":").split()
            if path in result and len(parts) >= 4:
                result[path].append(Change(commit, stamp, author, summary, parts[3]))
    return result
