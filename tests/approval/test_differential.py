"""The in-process SSHSIG verifier agrees with git (``%G?``, ``%GK``, ``git verify-commit``)
on every commit of every attack case, and on a zoo of signature kinds and forgeries."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from qms_cli.model import approvals as A
from qms_cli.model.signers import ssh_key_fingerprint
from qms_cli.services.approval.signers import allowed_signers
from qms_cli.vcs import commits, gitverify
from tests.approval.conftest import Key, Keys, Office
from tests.approval.scenarios import SCENARIOS, edit_p01

pytestmark = pytest.mark.any_day  # holds on any pinned day (tests/test_any_day.py)


def _signed_object(
    office: Office,
    key: Key,
    message: str,
    *,
    namespace: str = "git",
    hashalg: str = "sha512",
    mangle: str = "",
) -> str:
    """A commit object signed by hand with ``ssh-keygen -Y sign`` (any namespace/hash), put on
    a branch so that history reaches it."""
    tree = office.git("rev-parse", "HEAD^{tree}").strip()
    parent = office.head()
    who = "Zoo <zoo@example.invalid> 1767225600 +0100"
    payload = f"tree {tree}\nparent {parent}\nauthor {who}\ncommitter {who}\n\n{message}\n"
    folder = office.root.parent
    (folder / "payload").write_text(payload, encoding="utf-8")
    subprocess.run(
        [
            "ssh-keygen",
            "-q",
            "-Y",
            "sign",
            "-n",
            namespace,
            "-O",
            f"hashalg={hashalg}",
            "-f",
            str(key.private),
            str(folder / "payload"),
        ],
        check=True,
        capture_output=True,
    )
    armor = (folder / "payload.sig").read_text(encoding="utf-8").strip()
    (folder / "payload.sig").unlink()
    if mangle == "base64":
        lines = armor.splitlines()
        lines[2] = lines[2][:10] + ("A" if lines[2][10] != "A" else "B") + lines[2][11:]
        armor = "\n".join(lines)
    if mangle == "message":
        payload = payload.replace(message, message + " (zmieniono)")
    header = "gpgsig " + "\n ".join(armor.splitlines()) + "\n"
    raw = payload.replace("\n\n", "\n" + header + "\n", 1)
    oid = office.git("hash-object", "-t", "commit", "-w", "--stdin", data=raw).strip()
    office.git("branch", f"zoo-{len(office.git('branch').splitlines())}", oid)
    return oid


def zoo(office: Office, keys: Keys) -> None:
    office.commit("RSA", keys.rsa, empty=True)
    office.commit("ECDSA", keys.kor, empty=True)
    office.commit("przed ważnością klucza", keys.usc, empty=True, date="2024-05-01T12:00:00+02:00")
    office.commit("bez podpisu", empty=True)
    edit_p01(office, key=keys.wojt)
    _signed_object(office, keys.usc, "sha256", hashalg="sha256")
    _signed_object(office, keys.usc, "inna przestrzeń nazw", namespace="file")
    _signed_object(office, keys.sekretarz, "uszkodzony base64", mangle="base64")
    _signed_object(office, keys.sekretarz, "zmieniona treść", mangle="message")
    _signed_object(office, keys.attacker, "klucz spoza rejestru")


CASES = {**{name: s.build for name, s in SCENARIOS.items()}, "zoo": zoo}


def _predict_letter(check: A.SignatureCheck, when: dt.datetime, allowed: str) -> str:
    """What git says given our verdict and the allowed-signers file: G needs the key listed
    and the commit time inside valid-after/valid-before."""
    if check.status == A.UNSIGNED:
        return "N"
    if check.status == A.BAD:
        return "B"
    for line in allowed.splitlines():
        _principal, options, key_type, key_b64, *_ = line.split(" ")
        if ssh_key_fingerprint(f"{key_type} {key_b64}") != check.fingerprint:
            continue
        window = dict(opt.split("=", 1) for opt in options.split(",") if "=" in opt)
        after = window.get("valid-after", '"19700101Z"').strip('"').rstrip("Z")
        before = window.get("valid-before", '"99991231Z"').strip('"').rstrip("Z")
        stamp = when.astimezone(dt.UTC).strftime("%Y%m%d")
        return "G" if after <= stamp < before else "U"
    return "U"


@pytest.mark.parametrize("name", sorted(CASES))
def test_in_process_verifier_agrees_with_git(name: str, office: Office, keys: Keys) -> None:
    CASES[name](office, keys)
    root = office.root
    ids = sorted(set(office.git("rev-list", "--all", "--reflog").split()))
    records = {oid: commits.parse_commit(oid, raw) for oid, raw in commits.read_objects(root, ids)}
    allowed = allowed_signers(root)
    assert allowed.count("\n") >= 3
    git_says = gitverify.signature_status(root, ids, allowed)
    assert set(git_says) == set(ids)
    statuses = set()
    for oid in ids:
        ours, theirs = records[oid].signature, git_says[oid]
        statuses.add(theirs.letter)
        assert ours.status != A.UNCHECKED, oid
        expected = {"N": A.UNSIGNED, "B": A.BAD, "G": A.GOOD, "U": A.GOOD}[theirs.letter]
        assert ours.status == expected, (oid, ours, theirs)
        if ours.status == A.GOOD:
            assert ours.fingerprint == theirs.key, (oid, ours, theirs)
        assert _predict_letter(ours, records[oid].when, allowed) == theirs.letter, (oid, theirs)
        accepted = gitverify.verify_commit(root, oid, allowed)
        assert accepted == (theirs.letter == "G"), oid
    assert {"N", "G"} <= statuses
    if name == "zoo":
        assert statuses == {"N", "G", "U", "B"}


def test_payload_is_what_ssh_keygen_verifies(office: Office, keys: Keys, tmp_path: Path) -> None:
    """The payload split from the signature is exactly what the signature covers."""
    oid = office.commit("podpisany", keys.wojt, empty=True)
    ((_, raw),) = commits.read_objects(office.root, [oid])
    payload, armor = commits.split_signature(raw)
    assert armor is not None and b"gpgsig" not in payload
    (tmp_path / "sig").write_text(armor, encoding="utf-8")
    proc = subprocess.run(
        ["ssh-keygen", "-Y", "check-novalidate", "-n", "git", "-s", str(tmp_path / "sig")],
        input=payload,
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
