"""Making signed commits with git's normal signing (``gpg.format``, ``user.signingkey``).

Approval and registry commits are built with ``git commit-tree -S`` and only then published
with ``git update-ref HEAD <new> <old>``: the caller verifies the signed object first (who
signed it, may that person sign this?) and refuses without touching the branch. A refused
commit object is unreachable and git removes it in its next clean-up.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.model.signers import ssh_key_fingerprint
from qms_cli.vcs.git import git, run_git, signing_refused

SIGNING_HINT = (
    "Ustaw klucz do podpisu, np. git config gpg.format ssh && "
    "git config user.signingkey ~/.ssh/id_ed25519.pub (klucz SSH) albo "
    "git config gpg.format openpgp && git config user.signingkey ODCISK (GnuPG)."
)


@dataclass(frozen=True)
class SigningSetup:
    format: str  # ssh | openpgp | x509
    key: str | None  # user.signingkey as configured
    fingerprint: str | None  # known before signing for SSH keys with a readable public part


def config_value(root: Path, name: str) -> str | None:
    """The effective value of a git setting here (repository, global, GIT_CONFIG_* env)."""
    return run_git(["config", "--get", name], root).stdout.strip() or None


def signing_setup(root: Path) -> SigningSetup:
    """The signing key git would use here; refuses when SSH signing has no key."""
    fmt = (config_value(root, "gpg.format") or "openpgp").lower()
    key = config_value(root, "user.signingkey")
    if fmt == "ssh" and key is None and config_value(root, "gpg.ssh.defaultKeyCommand") is None:
        raise QmsError("git nie ma klucza do podpisu (brak user.signingkey)", hint=SIGNING_HINT)
    fingerprint = None
    if fmt == "ssh" and key is not None:
        public = _ssh_public_line(key)
        fingerprint = ssh_key_fingerprint(public) if public else None
    return SigningSetup(fmt, key, fingerprint)


def _ssh_public_line(key: str) -> str | None:
    """The public key line for ``user.signingkey`` (``key::…`` literal or a key file)."""
    if key.startswith("key::"):
        return key[5:]
    if key.startswith(("ssh-", "ecdsa-", "sk-")):
        return key
    path = Path(key).expanduser()
    for candidate in (path, path.with_name(path.name + ".pub")):
        try:
            text = candidate.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            continue
        if text.startswith(("ssh-", "ecdsa-", "sk-")):
            return text.splitlines()[0]
    return None


def head_tree(root: Path) -> str:
    return git(["rev-parse", "HEAD^{tree}"], root).strip()


def tree_with(root: Path, files: dict[str, bytes]) -> str:
    """The tree of HEAD with ``files`` replaced, built in a temporary index (the user's index
    and working tree are not touched). Each blob is stored as ``git add`` would store that
    path (``--path``: ``core.autocrlf`` and ``eol``/filters in .gitattributes apply, so a
    CRLF working file becomes the LF blob a checkout shows as unchanged)."""
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True, prefix="qms-index-") as tmp:
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(tmp) / "index")}
        _plumbing(root, ["read-tree", "HEAD"], env)
        for path, data in files.items():
            blob = _plumbing(
                root, ["hash-object", "-w", "--stdin", f"--path={path}"], env, data
            ).strip()
            _plumbing(root, ["update-index", "--add", "--cacheinfo", f"100644,{blob},{path}"], env)
        return _plumbing(root, ["write-tree"], env).strip()


def _plumbing(root: Path, args: list[str], env: dict[str, str], data: bytes | None = None) -> str:
    proc = subprocess.run(
        ["git", *args], cwd=root, env=env, input=data, capture_output=True, check=False
    )
    if proc.returncode != 0:
        raise QmsError(f"git {args[0]} nie powiódł się: {proc.stderr.decode().strip()}")
    return proc.stdout.decode()


def commit_signed(root: Path, tree: str, parent: str, message: str) -> str:
    """A new signed commit object (not yet on any branch); QmsError when git cannot sign."""
    proc = run_git(["commit-tree", "-S", tree, "-p", parent, "-F", "-"], root, input_text=message)
    if proc.returncode != 0:
        raise signing_refused("commita", proc.stderr, SIGNING_HINT)
    return proc.stdout.strip()


def advance_head(root: Path, new: str, old: str, reason: str, sync: tuple[str, ...] = ()) -> None:
    """Move HEAD (its branch) from ``old`` to ``new``; refuse if HEAD moved meanwhile. The
    index entries of ``sync`` are set to the new commit (their files were committed)."""
    if run_git(["update-ref", "-m", reason, "HEAD", new, old], root).returncode != 0:
        raise QmsError(
            "gałąź zmieniła się w trakcie zatwierdzania — nic nie zapisano",
            hint="Uruchom polecenie ponownie.",
        )
    if sync:
        git(["reset", "-q", "HEAD", "--", *sync], root)


def file_state(root: Path, path: str) -> str:
    """``clean``, ``modified`` (working tree or index differs from HEAD) or ``untracked``."""
    tracked = subprocess.run(
        ["git", "cat-file", "-e", f"HEAD:{path}"], cwd=root, capture_output=True, check=False
    )
    if tracked.returncode != 0:
        return "untracked"
    out = git(["status", "--porcelain", "--", path], root)
    return "modified" if out.strip() else "clean"
