"""Signing a file's bytes with the user's SSH signing key (``ssh-keygen -Y sign``), the key
git signs commits with (``gpg.format=ssh``, ``user.signingkey``). The signature is checked in
process by ``vcs.sshsig``."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.vcs.signing import SIGNING_HINT, SigningSetup, signing_setup


def ssh_signing_key(root: Path) -> SigningSetup:
    """The SSH key git would sign with here; a QmsError for OpenPGP or a missing key."""
    setup = signing_setup(root)
    if setup.format != "ssh" or setup.key is None:
        raise QmsError(
            "podpis pliku wskaźników wymaga klucza SSH (gpg.format=ssh i user.signingkey)",
            hint=SIGNING_HINT,
        )
    return setup


def sign_bytes(setup: SigningSetup, payload: bytes, namespace: str) -> str:
    """The armored SSH signature of ``payload`` in ``namespace``."""
    key = setup.key or ""
    with tempfile.TemporaryDirectory(prefix="qms-sign-") as tmp:
        if key.startswith(("key::", "ssh-", "ecdsa-", "sk-")):  # a literal public key
            literal = Path(tmp) / "key.pub"
            literal.write_text(key.removeprefix("key::") + "\n", encoding="utf-8")
            key = str(literal)
        try:
            proc = subprocess.run(
                ["ssh-keygen", "-q", "-Y", "sign", "-n", namespace, "-f", key],
                input=payload,
                capture_output=True,
                check=False,
            )
        except FileNotFoundError:
            raise QmsError(
                "brak programu ssh-keygen", hint="Zainstaluj OpenSSH (klient)."
            ) from None
    text = proc.stdout.decode("ascii", "replace")
    if proc.returncode != 0 or "BEGIN SSH SIGNATURE" not in text:
        problem = proc.stderr.decode("utf-8", "replace").strip()
        raise QmsError(
            f"ssh-keygen nie podpisał pliku: {problem or 'brak podpisu'}", hint=SIGNING_HINT
        )
    return text
