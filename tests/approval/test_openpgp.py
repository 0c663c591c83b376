"""OpenPGP works too: a GnuPG key registered, approving with ``gpg.format=openpgp``, checked by
git in a temporary GnuPG home built from the registry."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from qms_cli.services.approval.approve import approve, commit_registry
from qms_cli.services.approval.history import document_histories
from qms_cli.services.approval.signers import add_signer
from tests.approval.conftest import Keys, Office
from tests.approval.scenarios import edit_p01
from tests.conftest import need_tool

pytestmark = [
    pytest.mark.any_day,  # holds on any pinned day (tests/test_any_day.py)
    pytest.mark.linux_only("GnuPG (gpg, gpgconf) is installed on the ubuntu runners only"),
]


@pytest.fixture
def gnupg(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    need_tool(shutil.which("gpg") is not None, "gpg")
    home = Path(tempfile.mkdtemp(prefix="qg", dir="/tmp"))  # short: gpg-agent socket path
    home.chmod(0o700)
    monkeypatch.setenv("GNUPGHOME", str(home))
    yield home
    subprocess.run(["gpgconf", "--kill", "all"], capture_output=True, check=False)
    shutil.rmtree(home, ignore_errors=True)


def _gpg(*args: str) -> str:
    proc = subprocess.run(["gpg", "--batch", *args], capture_output=True, text=True, check=True)
    return proc.stdout


def test_openpgp_approval_is_verified(office: Office, keys: Keys, gnupg: Path) -> None:
    _gpg(
        "--passphrase",
        "",
        "--quick-gen-key",
        "Piotr PGP (TEST-ONLY) <piotr@x.invalid>",
        "ed25519",
        "sign",
        "never",
    )
    fpr = next(
        line.split(":")[9]
        for line in _gpg("--with-colons", "--list-keys").splitlines()
        if line.startswith("fpr:")
    )
    exported = gnupg / "piotr.asc"
    exported.write_text(_gpg("--armor", "--export", fpr), encoding="utf-8")
    new = add_signer(
        office.root,
        signer_id="piotr-pgp",
        name="Piotr PGP",
        position="kierownik-or",
        roles=["pelnomocnik"],
        key=str(exported),
    )
    assert (new.kind, new.fingerprint) == ("openpgp", fpr)
    office.use_key(keys.wojt)
    commit_registry(office.root, "Rejestr: klucz OpenPGP Piotra")
    edit_p01(office)
    office.git("config", "gpg.format", "openpgp")
    office.git("config", "user.signingkey", fpr)
    signed = approve(office.root, ["P-01"], "review") + approve(office.root, ["P-01"])
    assert [(s.name, s.fingerprint) for s in signed] == [("Piotr PGP", fpr)] * 2
    assert office.findings() == []
    current = document_histories(office.root, ["P-01"])["P-01"].current_signatures()
    assert [(s.meaning, s.name, s.fingerprint) for s in current] == [
        ("authorship", "Olek Or", keys.kor.fingerprint),  # the edit, signed by its author
        ("review", "Piotr PGP", fpr),
        ("approval", "Piotr PGP", fpr),
    ]
