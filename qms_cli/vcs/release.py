"""Git for releases: work beside the repository, then publish with one atomic ref transaction.

Everything a release makes (the register commit, the signed tag object, the rendered outputs)
is created without moving any ref of the office repository and without touching its index or
working tree. Only ``publish`` changes the repository: branch and tag move together in one
``git update-ref --stdin`` transaction (both or neither), then ``register.yaml`` is brought
into the index and working tree. A process killed before that leaves only unreachable objects
and a scratch folder under ``.git/qms-tmp``, both harmless.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.vcs.git import git, run_git, signing_refused
from qms_cli.vcs.signing import config_value

# settings that decide how git signs, copied into the scratch repository that makes the tag
SIGNING_SETTINGS = (
    "user.name",
    "user.email",
    "user.signingkey",
    "gpg.format",
    "gpg.program",
    "gpg.ssh.program",
    "gpg.openpgp.program",
    "gpg.x509.program",
)
_SSH_GOOD = re.compile(r'Good "git" signature for (\S+) with \S+ key (SHA256:\S+)')
_GPG_GOOD = re.compile(r"^\[GNUPG:\] VALIDSIG ([0-9A-F]{40,64})", re.MULTILINE)


def scratch_dir(root: Path) -> Path:
    """``.git/qms-tmp`` of the repository: same file system, outside the working tree."""
    path = Path(git(["rev-parse", "--git-path", "qms-tmp"], root).strip())
    folder = path if path.is_absolute() else root / path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def uncommitted(root: Path) -> list[str]:
    """``git status --porcelain`` lines: changes, staged or not, and untracked files."""
    return [line for line in git(["status", "--porcelain"], root).splitlines() if line.strip()]


def head(root: Path) -> str:
    return git(["rev-parse", "HEAD"], root).strip()


def commit_time(root: Path, rev: str) -> str:
    """Committer date of ``rev`` in strict ISO 8601 with its zone."""
    return git(["show", "-s", "--format=%cI", rev], root).strip()


def shared_checkout(root: Path, commit: str, dest: Path) -> Path:
    """A working copy of ``commit`` that borrows the repository's objects (``--shared``): the
    commit need not be on any branch yet."""
    git(["clone", "-q", "--shared", "--no-checkout", str(root), str(dest)], root.parent)
    git(["-c", "advice.detachedHead=false", "checkout", "-q", "--detach", commit], dest)
    return dest


def signed_tag(root: Path, commit: str, name: str, message: str) -> str:
    """A signed annotated tag object for ``commit``, written into the repository's object store
    but not referenced by any ref yet. QmsError when git cannot sign."""
    objects = Path(git(["rev-parse", "--git-path", "objects"], root).strip())
    objects = objects if objects.is_absolute() else root / objects
    settings: list[str] = []
    for key in SIGNING_SETTINGS:
        value = config_value(root, key)
        if value:
            settings += ["-c", f"{key}={value}"]
    with tempfile.TemporaryDirectory(
        ignore_cleanup_errors=True, dir=scratch_dir(root), prefix="tag-"
    ) as tmp:
        env = {**os.environ, "GIT_DIR": tmp, "GIT_OBJECT_DIRECTORY": str(objects)}
        env.pop("GIT_WORK_TREE", None)
        subprocess.run(["git", "init", "-q", "--bare", tmp], check=True, capture_output=True)
        tag = [*settings, "tag", "-s", "-F", "-", name, commit]
        proc = run_git(tag, root, input_text=message, env=env)
        if proc.returncode != 0:
            raise signing_refused(
                "znacznika wydania",
                proc.stderr,
                "Pełnomocnik podpisuje wydanie swoim kluczem (git config user.signingkey).",
            )
        return git(["rev-parse", f"refs/tags/{name}"], root, env=env).strip()


def publish(root: Path, old: str, new: str, tag: str, tag_object: str, sync: list[str]) -> None:
    """Move the current branch from ``old`` to ``new`` and create ``refs/tags/<tag>`` in one
    atomic transaction; then bring ``sync`` paths of the new commit into index and tree."""
    script = (
        f"start\nupdate HEAD {new} {old}\ncreate refs/tags/{tag} {tag_object}\nprepare\ncommit\n"
    )
    proc = run_git(["update-ref", "--stdin", "-m", f"qms release {tag}"], root, input_text=script)
    if proc.returncode != 0:
        raise QmsError(
            "nie udało się zapisać wydania w repozytorium (gałąź lub znacznik zmieniły się "
            "w trakcie) — niczego nie zmieniono",
            hint="Uruchom qms release ponownie.",
        )
    if sync:
        git(["checkout", "-q", new, "--", *sync], root)


def tag_commit(root: Path, tag: str) -> str:
    try:
        return git(["rev-parse", f"refs/tags/{tag}^{{commit}}"], root).strip()
    except QmsError:
        raise QmsError(
            f"nie ma znacznika wydania {tag}", hint="Lista wydań: qms release list"
        ) from None


def tag_message(root: Path, tag: str) -> str:
    return git(["for-each-ref", f"refs/tags/{tag}", "--format=%(contents:body)"], root)


def verify_tag(root: Path, tag: str, allowed: str, gnupg_home: Path | None) -> tuple[str, str]:
    """(principal or '', fingerprint) of a tag signature git accepts; QmsError otherwise."""
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True, prefix="qms-allowed-") as tmp:
        allowed_file = Path(tmp) / "allowed_signers"
        allowed_file.write_text(allowed, encoding="utf-8", newline="\n")
        env = {**os.environ}
        if gnupg_home is not None:
            env["GNUPGHOME"] = str(gnupg_home)
        verify = ["-c", f"gpg.ssh.allowedSignersFile={allowed_file}", "verify-tag", "--raw"]
        proc = run_git([*verify, f"refs/tags/{tag}"], root, env=env)
    output = proc.stdout + proc.stderr
    ssh = _SSH_GOOD.search(output)
    gpg = _GPG_GOOD.search(output)
    if proc.returncode == 0 and ssh:
        return ssh.group(1), ssh.group(2)
    if proc.returncode == 0 and gpg:
        return "", gpg.group(1)
    raise QmsError(f"podpis znacznika {tag} jest nieważny albo pochodzi spoza rejestru kluczy")


def move_into_place(source: Path, target: Path) -> None:
    """Rename a finished folder into place (same file system); never over an existing one."""
    if target.exists():
        raise QmsError(f"{target.as_posix()} już istnieje — niczego nie nadpisano")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        source.rename(target)
    except OSError as exc:  # Windows: a file inside the target's folder is held open
        raise QmsError(
            f"nie można przenieść wyników do {target.as_posix()}: {exc.strerror}",
            hint="Zamknij pliki z tego folderu otwarte w innych programach i ponów polecenie.",
        ) from None


def remove(folder: Path) -> None:
    """Remove a scratch folder; git's objects are read-only on Windows, so they are made
    writable first (what cannot be removed stays: it is scratch)."""

    if os.name == "nt":
        for path in folder.rglob("*"):
            with contextlib.suppress(OSError):
                path.chmod(stat.S_IREAD | stat.S_IWRITE)
    shutil.rmtree(folder, ignore_errors=True)


def release_of_head(root: Path) -> str | None:
    """The release id when HEAD is a release commit (``QMS-Release:`` trailer), else None."""
    value = git(["log", "-1", "--format=%(trailers:key=QMS-Release,valueonly)"], root).strip()
    return value or None


def out_of_sync(root: Path, path: str) -> bool:
    """``path`` differs between HEAD and the index or the working tree."""
    return bool(git(["status", "--porcelain", "--", path], root).strip())


def blob_at(root: Path, rev: str, path: str) -> str | None:
    return run_git(["rev-parse", "-q", "--verify", f"{rev}:{path}"], root).stdout.strip() or None


def worktree_blob(root: Path, path: str) -> str | None:
    if not (root / path).is_file():
        return None
    return git(["hash-object", "--", path], root).strip()


def restore(root: Path, path: str) -> None:
    """Index and working tree of ``path`` as in HEAD."""
    git(["checkout", "-q", "HEAD", "--", path], root)
