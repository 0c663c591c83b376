"""Git object ids computed in process, and the time of the last commit."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from pathlib import Path

from qms_cli.vcs.git import git, is_repository, run_git


def blob_id(raw: bytes, *, sha256: bool = False) -> str:
    """The id git gives a file with these bytes (``git hash-object``)."""
    digest = hashlib.sha256() if sha256 else hashlib.sha1()  # git's object id, not security
    digest.update(b"blob %d\x00" % len(raw))
    digest.update(raw)
    return digest.hexdigest()


def worktree_blobs(root: Path, paths: list[str], *, sha256: bool = False) -> dict[str, str]:
    """The blob git would store for each of these working-tree files (``git hash-object`` by
    path, so ``core.autocrlf``, ``eol`` and filters in ``.gitattributes`` apply: a file checked
    out with CRLF is the LF blob it came from). Files that cannot be read are left out;
    without git (no repository), the bytes as they are."""
    files = [p for p in dict.fromkeys(paths) if "\n" not in p and (root / p).is_file()]
    if not files:
        return {}
    if is_repository(root):
        proc = run_git(["hash-object", "--stdin-paths"], root, input_text="\n".join(files) + "\n")
        ids = proc.stdout.split()
        if proc.returncode == 0 and len(ids) == len(files):
            return dict(zip(files, ids, strict=True))
    out = {}
    for rel in files:
        try:
            out[rel] = blob_id((root / rel).read_bytes(), sha256=sha256)
        except OSError:
            continue
    return out


def head_time(root: Path) -> dt.datetime | None:
    """Committer time of HEAD (timezone-aware), or None without git or without commits."""
    if not is_repository(root):
        return None
    out = git(["log", "-1", "--format=%cI"], root, check=False).strip()
    return dt.datetime.fromisoformat(out) if out else None


def commit_id(root: Path, rev: str) -> str | None:
    """The commit ``rev`` names (a tag, branch, hash, ``HEAD~2``), or None."""
    if rev.startswith("-"):
        return None
    out = run_git(["rev-parse", "-q", "--verify", f"{rev}^{{commit}}"], root)
    return out.stdout.strip() or None


def bytes_at(root: Path, commit: str, path: str) -> bytes | None:
    """The file ``path`` as ``commit`` holds it, or None when it has no such file."""
    return _blob(root, f"{commit}:{path}")


def blob_bytes(root: Path, blob: str) -> bytes | None:
    """The content of a blob by its id, or None when the repository does not hold it."""
    return _blob(root, blob)


def _blob(root: Path, spec: str) -> bytes | None:
    proc = subprocess.run(
        ["git", "cat-file", "blob", spec], cwd=root, capture_output=True, check=False
    )
    return proc.stdout if proc.returncode == 0 else None


def changed_paths(root: Path, base: str, head: str = "HEAD") -> list[str]:
    """Files added or modified from ``base`` to ``head`` (paths with ``/``), sorted."""
    out = run_git(["diff", "--name-only", "--diff-filter=AM", "-z", base, head, "--"], root)
    return sorted(p for p in out.stdout.split("\0") if p)
