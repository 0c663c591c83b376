"""An office repository with N SSH-signed approval commits, for the approvals benchmark.

The example office, a registry of signers (one throwaway Ed25519 key per person, made here and
kept in ``<target>-keys/``) committed with the head of office's key (the trust root), then N
approval commits: each document's required signatures in turn, each signed by the person the
approval matrix names. Commit objects and their SSH signatures (SSHSIG, namespace "git",
sha512 — what ``ssh-keygen -Y sign`` makes) are written here in process as loose objects,
because ``git commit -S`` would take ~20 ms per commit; ``approvals_speed.py`` checks a sample
of them with ``git verify-commit``.
Run: ``python benchmarks/approvals_generate.py OUT [--approvals 10000]``.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import hashlib
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qms_cli.demo_signing import DemoSigning
from qms_cli.io import signers_file
from qms_cli.model import governed
from qms_cli.model.approvals import approval_message
from qms_cli.model.signers import blob_fingerprint
from qms_cli.resources import data_path

START = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def _string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


class Signer:
    def __init__(self, name: str) -> None:
        self.key = Ed25519PrivateKey.generate()
        raw = self.key.public_key().public_bytes_raw()
        self.blob = _string(b"ssh-ed25519") + _string(raw)
        self.line = f"ssh-ed25519 {base64.b64encode(self.blob).decode()} BENCHMARK {name}"
        self.fingerprint = blob_fingerprint(self.blob)

    def sshsig(self, payload: bytes) -> str:
        digest = hashlib.sha512(payload).digest()
        signed = b"SSHSIG" + _string(b"git") + _string(b"") + _string(b"sha512") + _string(digest)
        signature = _string(b"ssh-ed25519") + _string(self.key.sign(signed))
        blob = (
            b"SSHSIG"
            + struct.pack(">I", 1)
            + _string(self.blob)
            + _string(b"git")
            + _string(b"")
            + _string(b"sha512")
            + _string(signature)
        )
        text = base64.b64encode(blob).decode()
        lines = [text[i : i + 70] for i in range(0, len(text), 70)]
        return "\n".join(["-----BEGIN SSH SIGNATURE-----", *lines, "-----END SSH SIGNATURE-----"])

    def save(self, folder: Path, name: str) -> Path:
        private = self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.OpenSSH,
            serialization.NoEncryption(),
        )
        (folder / name).write_bytes(private)
        (folder / name).chmod(0o600)
        (folder / f"{name}.pub").write_text(self.line + "\n", encoding="utf-8")
        return folder / f"{name}.pub"


class Objects:
    """Loose git objects written directly (zlib), ids computed as git does."""

    def __init__(self, root: Path) -> None:
        self.folder = root / ".git" / "objects"

    def commit(
        self, tree: str, parent: str, who: str, when: dt.datetime, message: str, signer: Signer
    ) -> str:
        stamp = f"{who} {int(when.timestamp())} {when.strftime('%z')}"
        head = f"tree {tree}\nparent {parent}\nauthor {stamp}\ncommitter {stamp}\n"
        payload = f"{head}\n{message}".encode()
        header = "gpgsig " + signer.sshsig(payload).replace("\n", "\n ") + "\n"
        return self.write(f"{head}{header}\n{message}".encode())

    def write(self, body: bytes) -> str:
        raw = b"commit %d\x00" % len(body) + body
        oid = hashlib.sha1(raw).hexdigest()
        path = self.folder / oid[:2] / oid[2:]
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(zlib.compress(raw, 1))
        return oid


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()


def generate(target: Path, approvals: int) -> Path:
    keys_folder = target.with_name(target.name + "-keys")
    for folder in (target, keys_folder):
        if folder.exists():
            shutil.rmtree(folder)
    shutil.copytree(data_path("docs-repo-template"), target)
    keys_folder.mkdir(parents=True)
    env_identity = ["-c", "user.name=Import", "-c", "user.email=import@bench.invalid"]
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, *env_identity, "commit", "-q", "-m", "Import dokumentacji")
    plan = DemoSigning(target, keys_folder)
    groups = plan.plan()
    signers = {position: Signer(position) for position in plan.people}
    head = plan.holder("kierownik-urzedu", None)
    for position, person in plan.people.items():
        signers[position].save(keys_folder, position)
        signers_file.add_key(
            target,
            signers_file.NewKey(
                person.id,
                person.name,
                position,
                person.roles,
                None,
                "ssh",
                signers[position].fingerprint,
                signers[position].line,
                dt.date(2025, 1, 1),
                None,
            ),
        )
    signers_file.set_trust_root(target, signers[head.position].fingerprint)
    git(target, "add", "-A")
    tree = git(target, "write-tree")
    objects = Objects(target)
    parent = git(target, "rev-parse", "HEAD")
    parent = objects.commit(
        tree,
        parent,
        f"{head.name} <w@bench.invalid>",
        START,
        "Rejestr osób podpisujących\n",
        signers[head.position],
    )
    blobs = {}
    for line in git(target, "ls-tree", "-r", tree).splitlines():
        meta, path = line.split("\t", 1)
        blobs[path] = meta.split()[2]
    titles = {d.id: (d.path, d.title) for d in plan.repo.documents}
    titles.update((p, (p, p)) for p in governed.governed(blobs))  # qms.yaml: configuration
    work = [(pos, meaning, doc) for (pos, meaning), docs in groups.items() for doc in docs]
    for n in range(approvals):
        position, meaning, doc_id = work[n % len(work)]
        path, title = titles[doc_id]
        message = approval_message(doc_id, title, meaning, blobs[path])
        person = plan.people[position]
        when = START + dt.timedelta(minutes=n + 1)
        parent = objects.commit(
            tree,
            parent,
            f"{person.name} <{person.id}@bench.invalid>",
            when,
            message,
            signers[position],
        )
    git(target, "update-ref", "refs/heads/main", parent)
    git(target, "reset", "-q", "--hard", "HEAD")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("--approvals", type=int, default=10_000)
    args = parser.parse_args()
    generate(args.target, args.approvals)
    print(f"{args.approvals} zatwierdzeń w {args.target}")


if __name__ == "__main__":
    main()
