"""Git object ids computed in process, and the time of the last commit."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from qms_cli.vcs.git import git, is_repository


def blob_id(raw: bytes, *, sha256: bool = False) -> str:
    """The id git gives a file with these bytes (``git hash-object``)."""
    digest = hashlib.sha256() if sha256 else hashlib.sha1()  # git's object id, not security
    digest.update(b"blob %d\x00" % len(raw))
    digest.update(raw)
    return digest.hexdigest()


def same_blob(raw: bytes, blob: str | None) -> bool:
    """Whether ``raw`` is exactly the blob git recorded (sha1 or sha256 repositories)."""
    if blob is None:
        return False
    return blob_id(raw, sha256=len(blob) == 64) == blob


def head_time(root: Path) -> dt.datetime | None:
    """Committer time of HEAD (timezone-aware), or None without git or without commits."""
    if not is_repository(root):
        return None
    out = git(["log", "-1", "--format=%cI"], root, check=False).strip()
    return dt.datetime.fromisoformat(out) if out else None
