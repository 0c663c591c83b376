"""``qms release verify`` and ``qms release list``: anyone with the repository and qms can prove
that the published files came from the approved text."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.model import register as R
from qms_cli.model.signers import registry_from_data
from qms_cli.services.approvals import evaluate
from qms_cli.services.check import load_repository
from qms_cli.services.release import PELNOMOCNIK, read_register
from qms_cli.services.release_outputs import MANIFEST, Progress, build_outputs
from qms_cli.vcs import release as vcs
from qms_cli.vcs.gitverify import allowed_signers, gnupg_home

_MANIFEST_RE = re.compile(r"^Manifest: sha256:([0-9a-f]{64})$", re.MULTILINE)


@dataclass
class Verification:
    tag: str
    signer: str = ""
    manifest_hash: str = ""
    differences: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    outputs: int = 0

    @property
    def identical(self) -> bool:
        return not self.differences and not self.problems


def list_releases(path: Path) -> list[R.Release]:
    return list(read_register(load_repository(path)).releases)


def latest_tag(path: Path) -> str:
    releases = list_releases(path)
    if not releases:
        raise QmsError(
            "w repozytorium nie ma jeszcze żadnego wydania",
            hint="Wydanie tworzy pełnomocnik poleceniem qms release.",
        )
    return releases[-1].tag


def verify_release(
    path: Path,
    tag: str | None = None,
    trust_root: str | None = None,
    progress: Progress | None = None,
) -> Verification:
    """Check the tag's signature and the register's approvals, rebuild every output from the
    tagged commit and compare with the manifest."""
    root = load_repository(path).root
    tag = tag or latest_tag(root)
    tag = tag if tag.startswith("release/") else f"release/{tag}"
    commit = vcs.tag_commit(root, tag)
    result = Verification(tag)
    with tempfile.TemporaryDirectory(prefix="qms-verify-") as tmp:
        checkout = vcs.shared_checkout(root, commit, Path(tmp) / "src")
        loaded = load_repository(checkout)
        register = read_register(loaded)
        release = next((r for r in register.releases if r.tag == tag), None)
        if release is None:
            raise QmsError(f"register.yaml w {tag} nie opisuje tego wydania")
        result.signer = _check_signature(root, tag, loaded.repo.data("signers"), result)
        _check_approvals(checkout, register, release, trust_root, result)
        when = vcs.commit_time(root, commit)
        outputs = build_outputs(
            checkout,
            Path(tmp) / "out",
            register,
            release,
            dt.datetime.fromisoformat(when),
            progress,
        )
        result.outputs = len(outputs.hashes)
        _compare(root, tag, release, outputs.hashes, outputs.manifest, result)
    return result


def _check_signature(root: Path, tag: str, signers: object, result: Verification) -> str:
    registry = registry_from_data(signers)
    allowed = allowed_signers((s.id, k) for s in registry.signers for k in s.keys)
    armored = [k.public_key for s in registry.signers for k in s.keys if k.kind == "openpgp"]
    try:
        with gnupg_home(armored) as home:
            principal, fingerprint = vcs.verify_tag(root, tag, allowed, home)
    except QmsError as exc:
        result.problems.append(exc.message)
        return ""
    found = registry.key(fingerprint)
    signer = found[0] if found else (registry.signer(principal) if principal else None)
    if signer is None or PELNOMOCNIK not in signer.roles:
        result.problems.append(f"znacznik {tag} nie jest podpisany kluczem Pełnomocnika ds. SZJ")
        return fingerprint
    return f"{signer.name} ({fingerprint})"


def _check_approvals(
    checkout: Path,
    register: R.Register,
    release: R.Release,
    trust_root: str | None,
    result: Verification,
) -> None:
    """Every document released in this release carries valid approvals of its exact blob."""
    report = evaluate(load_repository(checkout), trust_root).report
    if not report.verified:
        result.problems.append(
            f"zatwierdzeń nie da się zweryfikować: {report.reason or 'brak trust_root'}"
        )
        return
    for entry in register.documents:
        if entry.release != release.id:
            continue
        valid = {
            a.commit
            for a in report.approvals.get(entry.id, [])
            if a.valid and a.targets(entry.blob)
        }
        missing = [a.commit[:10] for a in entry.approvals if a.commit not in valid]
        if missing or not entry.approvals:
            result.problems.append(
                f"{entry.id}: zatwierdzenia w rejestrze nie są ważne dla "
                f"wydanej treści ({', '.join(missing) or 'brak podpisów'})"
            )


def _compare(
    root: Path,
    tag: str,
    release: R.Release,
    hashes: dict[str, str],
    manifest: bytes,
    result: Verification,
) -> None:
    """The rebuilt outputs against the published manifest (whose hash the signed tag holds)."""
    match = _MANIFEST_RE.search(vcs.tag_message(root, tag))
    if match is None:
        result.problems.append(f"znacznik {tag} nie zawiera skrótu manifestu")
        return
    result.manifest_hash = match.group(1)
    published = root / "dist" / release.id / MANIFEST
    if published.is_file():
        data = published.read_bytes()
        if hashlib.sha256(data).hexdigest() != result.manifest_hash:
            result.problems.append(f"dist/{release.id}/{MANIFEST} różni się od podpisanego w {tag}")
            return
        expected: dict[str, str] = json.loads(data)["outputs"]
    elif hashlib.sha256(manifest).hexdigest() == result.manifest_hash:
        expected = hashes
    else:
        result.problems.append(
            "brak opublikowanego manifestu, a odbudowany ma inny skrót (inna wersja qms?)"
        )
        return
    for name in sorted(set(expected) | set(hashes)):
        if expected.get(name) != hashes.get(name):
            state = (
                "brak w odbudowie"
                if name not in hashes
                else ("nowy plik" if name not in expected else "inna treść")
            )
            result.differences.append(f"{name}: {state}")
