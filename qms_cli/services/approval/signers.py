"""``qms signers``: who may sign what, registering and revoking keys."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.io import clock, signers_file
from qms_cli.model.signers import (
    HEAD_ROLE,
    MEANING_LABELS,
    OWNER,
    KeyGrant,
    Signer,
    registry_from_data,
    ssh_key_fingerprint,
)
from qms_cli.model.trust.walk import Step
from qms_cli.services.approval.evaluation import approval_matrix
from qms_cli.services.loading import load_repository
from qms_cli.services.workspace import Workspace
from qms_cli.vcs import gitverify, sshsig

_SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class SignerRow:
    signer_id: str
    name: str
    position: str  # title from org/structure.yaml (or the id)
    roles: tuple[str, ...]
    kind: str
    fingerprint: str
    valid_from: str
    valid_until: str
    status: str  # Polish
    may_sign: str  # Polish


@dataclass(frozen=True)
class SignersView:
    rows: list[SignerRow]
    verified: bool  # the trust root is set and history was read
    note: str  # Polish, shown under the table


def _names_a_file(candidate: Path) -> bool:
    """A key pasted as text can look like a path with a component too long for the OS."""
    try:
        return candidate.is_file()
    except OSError:  # ENAMETOOLONG and the like: not a file name, so the key itself
        return False


def read_public_key(value: str) -> tuple[str, str, str]:
    """(kind, fingerprint, public key text) from a key file or the key itself."""
    candidate = Path(value).expanduser()
    text = value
    if len(value) < 4096 and "\n" not in value and _names_a_file(candidate):
        try:
            text = candidate.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QmsError(f"nie można odczytać klucza z pliku {candidate}: {exc}") from exc
    if "PRIVATE KEY" in text:
        raise QmsError(
            "to jest klucz PRYWATNY — do rejestru wpisuje się wyłącznie klucz publiczny",
            hint="Podaj plik .pub (np. ~/.ssh/id_ed25519.pub) albo eksport gpg --armor --export.",
        )
    if "BEGIN PGP PUBLIC KEY BLOCK" in text:
        return "openpgp", gitverify.openpgp_fingerprint(text), text.strip()
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    try:
        sshsig.public_key_blob(line)
    except sshsig.SshSigError as exc:
        raise QmsError(f"niepoprawny klucz publiczny: {exc}") from exc
    fingerprint = ssh_key_fingerprint(line)
    assert fingerprint is not None
    return "ssh", fingerprint, line


def add_signer(
    path: Path,
    *,
    signer_id: str,
    name: str,
    position: str,
    roles: list[str],
    key: str,
    email: str | None = None,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    trust_root: bool = False,
) -> signers_file.NewKey:
    """Write a person's key into org/signers.yaml (and, with ``trust_root``, pin it in
    qms.yaml). The change counts once the head of office signs it (``commit_registry``)."""
    loaded = load_repository(path)
    repo = loaded.repo
    if not _SLUG.match(signer_id):
        raise QmsError(f"identyfikator osoby „{signer_id}”: małe litery, cyfry i myślniki")
    if position not in repo.position_ids:
        raise QmsError(f"nie ma stanowiska „{position}” w org/structure.yaml")
    unknown = [r for r in roles if r not in repo.role_ids]
    if unknown:
        raise QmsError("nie ma roli w org/structure.yaml: " + ", ".join(unknown))
    start = valid_from or clock.today()
    if valid_until is not None and valid_until < start:
        raise QmsError("koniec ważności klucza jest przed jego początkiem")
    kind, fingerprint, public = read_public_key(key)
    existing = registry_from_data(repo.data("signers")).signer(signer_id)
    all_roles = set(roles) | (existing.roles if existing else set())
    if trust_root and HEAD_ROLE not in all_roles:
        raise QmsError(f"korzeniem zaufania może być tylko klucz osoby z rolą {HEAD_ROLE}")
    new = signers_file.NewKey(
        signer_id,
        name,
        position,
        tuple(roles),
        email,
        kind,
        fingerprint,
        public,
        start,
        valid_until,
    )
    signers_file.add_key(loaded.root, new)
    if trust_root:
        signers_file.set_trust_root(loaded.root, fingerprint)
    return new


def revoke(path: Path, fingerprint: str, today: dt.date | None = None) -> str:
    root = load_repository(path).root
    return signers_file.revoke_key(root, fingerprint, today or clock.today())


def allowed_signers(path: Path) -> str:
    """git's allowed-signers file for the keys of org/signers.yaml (for ``git verify-commit``)."""
    repo = load_repository(path).repo
    registry = registry_from_data(repo.data("signers"))
    return gitverify.allowed_signers((s.id, k) for s in registry.signers for k in s.keys)


def signers_view(
    target: Path | Workspace, trust_root: str | None = None, today: dt.date | None = None
) -> SignersView:
    ws = Workspace.of(target)
    repo = ws.repo
    evaluation = ws.evaluation(trust_root)
    report = evaluation.report
    trusted = report.registry if report.available else None
    revoked = evaluation.state_at_head().revoked
    titles = {
        str(p["id"]): str(p.get("title", p["id"]))
        for _, _, p in repo.items("structure", "positions")
        if "id" in p
    }
    matrix = approval_matrix(repo.config)
    owners = [(d.id, d.type, d.owner) for d in repo.documents]
    day = today or clock.today()
    rows = []
    for signer in registry_from_data(repo.data("signers")).signers:
        may = _may_sign(signer, matrix, owners)
        for key in signer.keys:
            held = trusted.key(key.fingerprint) if trusted else None
            status = _status(held[1] if held else None, revoked, day, report.available)
            rows.append(
                SignerRow(
                    signer.id,
                    signer.name,
                    titles.get(signer.position, signer.position),
                    tuple(sorted(signer.roles)),
                    key.kind,
                    key.fingerprint,
                    str(key.valid_from or "—"),
                    str(key.valid_until or "bezterminowo"),
                    status,
                    may,
                )
            )
    if not report.available:
        note = f"Nie sprawdzono historii: {report.reason}."
    elif report.trust_root is None:
        note = "Brak trust_root: rejestr nie jest weryfikowany od korzenia zaufania."
    else:
        note = f"Korzeń zaufania: {report.trust_root} ({report.trust_source})."
    return SignersView(rows, report.verified, note)


def _status(key: KeyGrant | None, revoked: frozenset[str], day: dt.date, available: bool) -> str:
    if not available:
        return "nie sprawdzono"
    if key is None:
        return "nie obowiązuje (zmiana niepodpisana przez kierownika urzędu)"
    if key.revoked or key.fingerprint in revoked:
        return "unieważniony"
    problem = key.time_problem(day)
    if problem is not None:
        return "wygasł" if key.valid_until and day > key.valid_until else "jeszcze nieważny"
    return "ważny"


def _may_sign(
    signer: Signer, matrix: dict[str, list[Step]], docs: list[tuple[str, str, str | None]]
) -> str:
    """What a person signs, from the approval matrix: by role per document type, and as the
    owner of particular documents."""
    parts = []
    for meaning, label in MEANING_LABELS.items():
        types = sorted(
            t
            for t, steps in matrix.items()
            if any(
                s.meaning == meaning and any(b != OWNER and signer.holds(b, None) for b in s.bys)
                for s in steps
            )
        )
        own = sorted(
            d
            for d, doc_type, owner in docs
            if signer.holds(OWNER, owner)
            and any(s.meaning == meaning and OWNER in s.bys for s in matrix.get(doc_type, []))
        )
        if types:
            parts.append(f"{label}: {', '.join(types)}")
        if own:
            listed = ", ".join(own[:6]) + (f" i {len(own) - 6} innych" if len(own) > 6 else "")
            parts.append(f"{label} jako właściciel: {listed}")
    return "; ".join(parts) or "—"
