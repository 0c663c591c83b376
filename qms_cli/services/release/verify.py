"""``qms release verify`` and ``qms release list``: anyone with the repository and qms can prove
that the published files came from the approved text.

Verification, in order:

1. the trust walk from the external trust root judges the history of the tagged commit; the
   tag's signature is checked against the registry that walk verified at that commit (never
   against what ``org/signers.yaml`` in the commit says: an unsigned edit can write anything);
2. the documents of the release carry valid approvals of their exact text;
3. every output is rebuilt from the tagged commit and compared with the signed manifest;
4. the published files (``dist/<release>/`` or ``--published``) are hashed and compared with
   the signed manifest: missing, extra and changed files are listed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.model import approvals as A
from qms_cli.model import governed
from qms_cli.model import register as R
from qms_cli.model.signers import Registry
from qms_cli.services.approval.evaluation import Evaluation
from qms_cli.services.loading import read_register
from qms_cli.services.release.outputs import MANIFEST, Progress, build_outputs
from qms_cli.services.release.release import PELNOMOCNIK
from qms_cli.services.workspace import Workspace
from qms_cli.vcs import release as vcs
from qms_cli.vcs.gitverify import allowed_signers, gnupg_home

_MANIFEST_RE = re.compile(r"^Manifest: sha256:([0-9a-f]{64})$", re.MULTILINE)


@dataclass
class Verification:
    tag: str
    signer: str = ""
    manifest_hash: str = ""
    differences: list[str] = field(default_factory=list)  # rebuilt vs signed manifest
    problems: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)  # published files vs signed manifest
    published_dir: Path | None = None  # None: no published files were found to check
    outputs: int = 0
    trust_root: str = ""  # the key the trust walk started from, and where it came from
    trust_source: str = ""

    @property
    def identical(self) -> bool:
        return not self.differences and not self.problems and not self.published


def list_releases(target: Path | Workspace) -> list[R.Release]:
    return list(read_register(Workspace.of(target).loaded).releases)


def latest_tag(target: Path | Workspace) -> str:
    releases = list_releases(target)
    if not releases:
        raise QmsError(
            "w repozytorium nie ma jeszcze żadnego wydania",
            hint="Wydanie tworzy pełnomocnik poleceniem qms release.",
        )
    return releases[-1].tag


def verify_release(
    target: Path | Workspace,
    tag: str | None = None,
    trust_root: str | None = None,
    progress: Progress | None = None,
    published: Path | None = None,
) -> Verification:
    """Check the tag's signature and the register's approvals, rebuild every output from the
    tagged commit and compare it and the published files (``published``, by default
    ``dist/<release>/``) with the signed manifest."""
    ws = Workspace.of(target)
    root = ws.root
    if published is not None and not published.is_dir():
        raise QmsError(f"nie ma folderu z opublikowanymi plikami: {published}")
    tag = tag or latest_tag(ws)
    tag = tag if tag.startswith("release/") else f"release/{tag}"
    commit = vcs.tag_commit(root, tag)
    result = Verification(tag)
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True, prefix="qms-verify-") as tmp:
        checkout = vcs.shared_checkout(root, commit, Path(tmp) / "src")
        tagged = Workspace.open(checkout, early_git=False)  # read once: approvals, PDF, BIP
        register = read_register(tagged.loaded)
        release = next((r for r in register.releases if r.tag == tag), None)
        if release is None:
            raise QmsError(f"register.yaml w {tag} nie opisuje tego wydania")
        evaluation = tagged.evaluation(trust_root)
        result.trust_root = evaluation.report.trust_root or ""
        result.trust_source = evaluation.report.trust_source
        result.signer = _check_signature(root, tag, _trusted_registry(evaluation, result), result)
        _check_approvals(evaluation, register, release, result)
        _check_configuration(evaluation, result)
        when = vcs.commit_time(root, commit)
        outputs = build_outputs(
            tagged,
            Path(tmp) / "out",
            register,
            release,
            dt.datetime.fromisoformat(when),
            progress,
        )
        result.outputs = len(outputs.hashes)
        folder = published or root / "dist" / release.id
        _compare(root, tag, folder, outputs.hashes, outputs.manifest, result)
    return result


def _trusted_registry(evaluation: Evaluation, result: Verification) -> Registry | None:
    """The registry the trust walk verified at the tagged commit, None (with the problem
    noted) when there is none to trust."""
    report = evaluation.report
    if not report.verified:
        result.problems.append(
            f"zatwierdzeń nie da się zweryfikować: {report.reason or 'brak trust_root'}"
        )
        return None
    if report.registry is None:
        result.problems.append("łańcuch zaufania nie prowadzi do żadnego rejestru kluczy")
    return report.registry


def _check_signature(root: Path, tag: str, registry: Registry | None, result: Verification) -> str:
    if registry is None:
        result.problems.append(f"podpisu znacznika {tag} nie da się sprawdzić bez rejestru kluczy")
        return ""
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
    revoked = found is not None and found[1].revoked
    if signer is None or PELNOMOCNIK not in signer.roles or revoked:
        result.problems.append(f"znacznik {tag} nie jest podpisany kluczem Pełnomocnika ds. SZJ")
        return fingerprint
    return f"{signer.name} ({fingerprint})"


def _check_approvals(
    evaluation: Evaluation, register: R.Register, release: R.Release, result: Verification
) -> None:
    """Every document released in this release carries valid approvals of its exact blob."""
    report = evaluation.report
    if not report.verified:
        return  # noted by _trusted_registry
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


def _check_configuration(evaluation: Evaluation, result: Verification) -> None:
    """Templates, assets and qms.yaml of the tagged commit carry valid approvals: they shaped
    the published files as much as the documents did."""
    for found in evaluation.report.doc_findings:
        if governed.is_governed(found.doc_id) and found.code in (A.MISSING, A.STALE):
            result.problems.append(f"{found.doc_id}: plik konfiguracji bez ważnego zatwierdzenia")


def _compare(
    root: Path,
    tag: str,
    folder: Path,
    hashes: dict[str, str],
    manifest: bytes,
    result: Verification,
) -> None:
    """The rebuilt outputs and the published files in ``folder`` against the manifest whose
    hash the signed tag holds (the published ``manifest.json``, or the rebuilt one when the
    folder has none)."""
    match = _MANIFEST_RE.search(vcs.tag_message(root, tag))
    if match is None:
        result.problems.append(f"znacznik {tag} nie zawiera skrótu manifestu")
        return
    result.manifest_hash = match.group(1)
    label = _label(root, folder)
    published = folder / MANIFEST
    if published.is_file():
        data = published.read_bytes()
        if hashlib.sha256(data).hexdigest() != result.manifest_hash:
            result.problems.append(f"{label}/{MANIFEST} różni się od podpisanego w {tag}")
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
    if folder.is_dir():
        result.published_dir = folder
        result.published = published_differences(folder, expected)


def published_differences(folder: Path, expected: dict[str, str]) -> list[str]:
    """Files of ``folder`` against the signed manifest's ``outputs``: each missing, extra or
    changed file once, sorted by path (the manifest itself is not an output)."""
    found = {
        p.relative_to(folder).as_posix(): p
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).as_posix() != MANIFEST
    }
    out = []
    for name in sorted(set(expected) | set(found)):
        if name not in found:
            out.append(f"{name}: brak pliku (jest w podpisanym manifeście)")
        elif name not in expected:
            out.append(f"{name}: plik spoza podpisanego manifestu")
        elif hashlib.sha256(found[name].read_bytes()).hexdigest() != expected[name]:
            out.append(f"{name}: treść różni się od podpisanej w manifeście")
    return out


def _label(root: Path, folder: Path) -> str:
    try:
        return folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(folder)
