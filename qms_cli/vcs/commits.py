"""Reading commits for approvals in a few git processes, whatever the length of history.

- ``git rev-list --topo-order --reverse --parents HEAD``: every commit, parents first;
- one ``git cat-file --batch`` (fed from a thread, so neither side blocks) for the raw commit
  objects, whose SSH signatures are verified here in process (``sshsig``);
- one ``git log --no-walk --stdin --raw`` for the files each commit changed;
- one ``git cat-file --batch-check`` for "which blob is path P in commit C".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
import threading
from collections.abc import Generator, Iterable
from pathlib import Path
from typing import IO

from qms_cli.errors import QmsError
from qms_cli.model.approvals import (
    BAD,
    GOOD,
    UNCHECKED,
    UNSIGNED,
    CommitRecord,
    SignatureCheck,
    parse_trailers,
)
from qms_cli.vcs import sshsig
from qms_cli.vcs.git import git

_SEP = "\x1e"


def topo_order_args(rev: str = "HEAD") -> list[str]:
    return ["rev-list", "--topo-order", "--reverse", "--parents", rev]


def parse_topo_order(out: str) -> list[tuple[str, tuple[str, ...]]]:
    """(commit, parents) of every commit ``rev-list`` listed, parents before children."""
    result = []
    for line in out.splitlines():
        ids = line.split()
        if ids:
            result.append((ids[0], tuple(ids[1:])))
    return result


def _feed(stream: IO[bytes], lines: Iterable[str]) -> None:
    try:
        for line in lines:
            stream.write(line.encode("utf-8") + b"\n")
    except BrokenPipeError:
        pass
    finally:
        with contextlib.suppress(BrokenPipeError):
            stream.close()


def _batch(root: Path, args: list[str], lines: list[str]) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        ["git", *args],
        cwd=root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdin is not None
    threading.Thread(target=_feed, args=(proc.stdin, lines), daemon=True).start()
    return proc


def read_objects(root: Path, ids: list[str]) -> Generator[tuple[str, bytes], None, None]:
    """(id, raw content) of each object, via one ``git cat-file --batch``."""
    if not ids:
        return
    proc = _batch(root, ["cat-file", "--batch"], ids)
    assert proc.stdout is not None
    out = proc.stdout
    try:
        for oid in ids:
            header = out.readline().split()
            if len(header) < 3 or header[1] == b"missing":
                raise QmsError(f"git nie znalazł obiektu {oid}")
            size = int(header[2])
            data = out.read(size)
            out.read(1)
            yield oid, data
    finally:
        out.close()
        proc.wait()


def blobs_at(root: Path, specs: list[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
    """The blob id of ``path`` in a commit or tree for each (commit or tree, path); None where
    absent."""
    if not specs:
        return {}
    proc = _batch(
        root,
        ["cat-file", "--batch-check=%(objectname) %(objecttype)"],
        [f"{commit}:{path}" for commit, path in specs],
    )
    assert proc.stdout is not None
    result: dict[tuple[str, str], str | None] = {}
    for spec in specs:
        parts = proc.stdout.readline().decode().split()
        result[spec] = parts[0] if len(parts) == 2 and parts[1] == "blob" else None
    proc.stdout.close()
    proc.wait()
    return result


def changes(root: Path, ids: list[str]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Files each commit changed against its first parent: (path, new blob or "")."""
    return _raw_changes(root, ids, "first-parent")


def merged_changes(root: Path, ids: list[str]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Files each merge commit made differ from every one of its parents (git's combined
    diff): what the merge wrote itself, not what it took from a branch."""
    return _raw_changes(root, ids, "combined")


def _raw_changes(root: Path, ids: list[str], merges: str) -> dict[str, tuple[tuple[str, str], ...]]:
    result: dict[str, tuple[tuple[str, str], ...]] = dict.fromkeys(ids, ())
    if not ids:
        return result
    proc = _batch(
        root,
        [
            "log",
            "--no-walk=unsorted",
            "--stdin",
            "--raw",
            "-z",
            "--no-renames",
            "--no-abbrev",
            f"--diff-merges={merges}",
            f"--format={_SEP}%H",
        ],
        ids,
    )
    assert proc.stdout is not None
    raw = proc.stdout.read().decode("utf-8", "surrogateescape")
    proc.stdout.close()
    proc.wait()
    for record in raw.split(_SEP)[1:]:
        commit, _, rest = record.partition("\x00")
        fields = rest.lstrip("\n\x00").split("\x00")  # combined diffs start with a NUL
        found = []
        for meta, path in zip(fields[0::2], fields[1::2], strict=False):
            entry = _raw_entry(meta)
            if entry is not None:
                found.append((path, entry))
        result[commit] = tuple(found)
    return result


def _raw_entry(meta: str) -> str | None:
    """The blob after the change ("" when deleted) from one ``--raw`` line; a combined line
    (``::m1 m2 m ob1 ob2 b MM``) has one colon, mode and blob per parent."""
    parents = len(meta) - len(meta.lstrip(":"))
    parts = meta.lstrip(":").split()
    if parents < 1 or len(parts) < 2 * (parents + 1) + 1:
        return None
    blob, status = parts[2 * (parents + 1) - 1], parts[-1]
    return "" if "D" in status or set(blob) == {"0"} else blob


def tree_args(rev: str, prefixes: list[str]) -> list[str]:
    return ["ls-tree", "-r", "-z", "--full-tree", rev, "--", *prefixes]


def parse_tree(out: str) -> dict[str, str]:
    """path -> blob id of every file ``ls-tree`` listed."""
    result = {}
    for entry in out.split("\x00"):
        meta, _, path = entry.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob":
            result[path] = parts[2]
    return result


def dirty_paths(root: Path, prefixes: list[str]) -> set[str]:
    """Files under ``prefixes`` that differ from HEAD in the working tree or the index, and
    untracked ones."""
    return parse_status(git(status_args(prefixes), root))


def status_args(prefixes: list[str]) -> list[str]:
    return ["status", "--porcelain", "-z", "--untracked-files=all", "--", *prefixes]


def parse_status(out: str) -> set[str]:
    paths = set()
    entries = iter(out.split("\x00"))
    for entry in entries:
        if len(entry) < 4:
            continue
        paths.add(entry[3:])
        if entry[0] in "RC":
            next(entries, None)  # the original path of a rename
    return paths


# --- raw commit objects ---------------------------------------------------------------------

_ARMOR_KINDS = (
    ("-----BEGIN SSH SIGNATURE-----", "ssh"),
    ("-----BEGIN PGP SIGNATURE-----", "openpgp"),
    ("-----BEGIN PGP MESSAGE-----", "openpgp"),
    ("-----BEGIN SIGNED MESSAGE-----", "x509"),
)


def split_signature(raw: bytes, algo: str = "sha1") -> tuple[bytes, str | None]:
    """(signed payload, armored signature) exactly as git separates them: the ``gpgsig``
    header of this hash algorithm (and other ``gpgsig*`` headers) removed from the object."""
    header = b"gpgsig-sha256" if algo == "sha256" else b"gpgsig"
    payload: list[bytes] = []
    signature: list[bytes] = []
    in_sig = other = False
    pos = 0
    while pos < len(raw):
        end = raw.find(b"\n", pos)
        nxt = len(raw) if end < 0 else end + 1
        line = raw[pos:nxt]
        sig_part: bytes | None = None
        if in_sig and line.startswith(b" "):
            sig_part = line[1:]
        elif line.startswith(header + b" "):
            sig_part = line[len(header) + 1 :]
            other = False
        elif line.startswith(b"gpgsig"):
            other = True
        elif other and not line.startswith(b" "):
            other = False
        if sig_part is not None:
            signature.append(sig_part)
            in_sig = True
        else:
            if line == b"\n":
                nxt = len(raw)
                line = raw[pos:]
            if not other:
                payload.append(line)
            in_sig = False
        pos = nxt
    text = b"".join(signature).decode("utf-8", "replace") if signature else None
    return b"".join(payload), text


def check_signature(payload: bytes, armored: str | None) -> SignatureCheck:
    """Verify an SSH signature in process; other kinds are left ``unchecked`` for git."""
    if armored is None:
        return SignatureCheck(UNSIGNED)
    kind = next((k for prefix, k in _ARMOR_KINDS if armored.startswith(prefix)), "")
    if kind != "ssh":
        return SignatureCheck(UNCHECKED, kind or "unknown")
    try:
        sig = sshsig.parse_armored(armored)
        valid = sshsig.verify(sig, payload)
    except sshsig.UnsupportedKey as exc:
        return SignatureCheck(UNCHECKED, "ssh", detail=f"rodzaj klucza {exc}")
    except sshsig.SshSigError as exc:
        return SignatureCheck(BAD, "ssh", detail=str(exc))
    if not valid:
        return SignatureCheck(BAD, "ssh", detail="podpis nie pasuje do treści commita")
    return SignatureCheck(GOOD, "ssh", sig.fingerprint)


def parse_commit(oid: str, raw: bytes, algo: str = "sha1") -> CommitRecord:
    """A commit object as a record (without ``changes``), its SSH signature verified."""
    payload, armored = split_signature(raw, algo)
    head_part, _, body = raw.partition(b"\n\n")
    parents: list[str] = []
    tree = author = author_email = committer_email = ""
    when = dt.datetime.fromtimestamp(0, dt.UTC)
    for line in head_part.split(b"\n"):
        key, _, value = line.partition(b" ")
        if key == b"parent":
            parents.append(value.decode())
        elif key == b"tree":
            tree = value.decode()
        elif key == b"author":
            author, author_email, _ = _identity(value)
        elif key == b"committer":
            _, committer_email, when = _identity(value)
    message = body.decode("utf-8", "replace")
    return CommitRecord(
        id=oid,
        parents=tuple(parents),
        author=author,
        author_email=author_email,
        committer_email=committer_email,
        when=when,
        summary=message.split("\n", 1)[0].strip(),
        trailers=parse_trailers(message),
        changes=(),
        signature=check_signature(payload, armored),
        tree=tree,
    )


def _identity(value: bytes) -> tuple[str, str, dt.datetime]:
    """``Name <email> 1700000000 +0100`` -> (name, email, aware datetime)."""
    text = value.decode("utf-8", "replace")
    name, _, rest = text.partition("<")
    email, _, stamp = rest.partition(">")
    parts = stamp.split()
    when = dt.datetime.fromtimestamp(0, dt.UTC)
    if len(parts) == 2:
        try:
            sign = -1 if parts[1].startswith("-") else 1
            hours, minutes = int(parts[1][1:3]), int(parts[1][3:5])
            zone = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
            when = dt.datetime.fromtimestamp(int(parts[0]), zone)
        except (ValueError, OverflowError, OSError):
            pass
    return name.strip(), email.strip(), when
