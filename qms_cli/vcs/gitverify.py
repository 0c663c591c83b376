"""Git's own signature verification (``%G?`` and friends) with keys from the registry.

qms writes git's allowed-signers file (SSH) or a temporary GnuPG home (OpenPGP) from
``org/signers.yaml`` into a temporary folder — never into the repository — and asks git. This
is how OpenPGP signatures and SSH key types the in-process verifier does not know are checked,
and what the differential test compares the in-process verifier with. Anyone can do the same
with ``qms signers allowed-signers > plik`` and ``git -c gpg.ssh.allowedSignersFile=plik
verify-commit <commit>``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.model.approvals import BAD, GOOD, UNCHECKED, UNSIGNED, SignatureCheck
from qms_cli.model.signers import KeyGrant, normalize_fingerprint
from qms_cli.vcs.git import run_git

_FORMAT = "%H%x00%G?%x00%GK%x00%GF%x00%GP%x00%GS%x1e"


@dataclass(frozen=True)
class GitSignature:
    """What ``git log --format=%G? %GK %GF %GP %GS`` says about one commit."""

    letter: str  # G good, U good but no principal / out of validity, B bad, N none, E cannot …
    key: str
    fingerprint: str
    primary: str
    signer: str

    def as_check(self, kind: str) -> SignatureCheck:
        """The registry-independent part: is the signature valid, and by which key."""
        if self.letter == "N":
            return SignatureCheck(UNSIGNED)
        if self.letter == "B":
            return SignatureCheck(BAD, kind, detail="podpis nie pasuje do treści commita")
        if self.letter == "R":
            return SignatureCheck(BAD, kind, detail="klucz OpenPGP unieważniony przez właściciela")
        if self.letter in "GUXY":
            fpr = self.primary or self.fingerprint or self.key
            return SignatureCheck(GOOD, kind, normalize_fingerprint(fpr))
        return SignatureCheck(
            UNCHECKED, kind, detail="git nie może sprawdzić podpisu (brak klucza publicznego)"
        )


def allowed_signers(entries: Iterable[tuple[str, KeyGrant]]) -> str:
    """git's ``gpg.ssh.allowedSignersFile``: ``principal namespaces="git",valid-after=…,
    valid-before=… <public key>`` for every SSH key (principal = signer id).

    The validity options use the key's dates in UTC; the registry's history, not this file,
    decides about revocation (git cannot know the order of registry changes).
    """
    lines = []
    for principal, key in entries:
        if key.kind != "ssh" or key.revoked:
            continue
        options = ['namespaces="git"']
        if key.valid_from is not None:
            options.append(f'valid-after="{key.valid_from:%Y%m%d}Z"')
        if key.valid_until is not None:
            end = key.valid_until + dt.timedelta(days=1)
            options.append(f'valid-before="{end:%Y%m%d}Z"')
        lines.append(f"{principal} {','.join(options)} {key.public_key}")
    return "".join(f"{line}\n" for line in lines)


@contextlib.contextmanager
def gnupg_home(armored_keys: Iterable[str]) -> Iterator[Path]:
    """A temporary GnuPG home holding these OpenPGP public keys."""
    folder = Path(tempfile.mkdtemp(prefix="qms-gnupg-"))
    try:
        folder.chmod(0o700)
        keys = "\n".join(armored_keys)
        if keys.strip():
            _gpg(["--import"], folder, keys)
        yield folder
    finally:
        _stop_agent(folder)
        shutil.rmtree(folder, ignore_errors=True)


def openpgp_fingerprint(armored: str) -> str:
    """The primary key fingerprint of an armored OpenPGP public key."""
    folder = Path(tempfile.mkdtemp(prefix="qms-gnupg-"))
    try:
        folder.chmod(0o700)
        out = _gpg(["--with-colons", "--import-options", "show-only", "--import"], folder, armored)
    finally:
        _stop_agent(folder)
        shutil.rmtree(folder, ignore_errors=True)
    lines = out.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("pub:"):
            for following in lines[index + 1 :]:
                if following.startswith("fpr:"):
                    return following.split(":")[9].upper()
    raise QmsError("to nie jest klucz publiczny OpenPGP (gpg nie znalazł klucza głównego)")


def signature_status(
    root: Path,
    commits: list[str],
    allowed: str = "",
    openpgp_keys: Iterable[str] = (),
) -> dict[str, GitSignature]:
    """``%G?`` and friends for each commit, from one ``git log --no-walk --stdin``."""
    if not commits:
        return {}
    with (
        tempfile.TemporaryDirectory(ignore_cleanup_errors=True, prefix="qms-allowed-") as tmp,
        gnupg_home(openpgp_keys) as gh,
    ):
        allowed_file = Path(tmp) / "allowed_signers"
        allowed_file.write_text(allowed, encoding="utf-8", newline="\n")
        proc = run_git(
            [
                "-c",
                f"gpg.ssh.allowedSignersFile={allowed_file}",
                "log",
                "--no-walk=unsorted",
                "--stdin",
                f"--format={_FORMAT}",
            ],
            root,
            input_text="\n".join(commits) + "\n",
            env={**os.environ, "GNUPGHOME": str(gh)},
        )
    if proc.returncode != 0:
        raise QmsError(f"git log nie powiódł się: {proc.stderr.strip()}")
    result = {}
    for record in proc.stdout.split("\x1e"):
        fields = record.strip("\n").split("\x00")
        if len(fields) == 6:
            result[fields[0]] = GitSignature(*fields[1:])
    return result


def verify_commit(root: Path, commit: str, allowed: str) -> bool:
    """``git verify-commit`` with this allowed-signers content: True when git accepts it."""
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True, prefix="qms-allowed-") as tmp:
        allowed_file = Path(tmp) / "allowed_signers"
        allowed_file.write_text(allowed, encoding="utf-8", newline="\n")
        proc = subprocess.run(
            ["git", "-c", f"gpg.ssh.allowedSignersFile={allowed_file}", "verify-commit", commit],
            cwd=root,
            capture_output=True,
            check=False,
        )
    return proc.returncode == 0


def _gpg(args: list[str], home: Path, input_text: str) -> str:
    if shutil.which("gpg") is None:
        raise QmsError("nie znaleziono programu gpg (potrzebny do kluczy OpenPGP)")
    proc = subprocess.run(
        ["gpg", "--batch", "--no-tty", "--homedir", str(home), *args],
        input=input_text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if proc.returncode != 0 and not proc.stdout:
        detail = proc.stderr.strip().splitlines()
        raise QmsError("gpg nie przyjął klucza: " + (detail[-1] if detail else "błąd"))
    return proc.stdout


def _stop_agent(home: Path) -> None:
    if shutil.which("gpgconf"):
        subprocess.run(
            ["gpgconf", "--homedir", str(home), "--kill", "all"],
            capture_output=True,
            check=False,
        )
