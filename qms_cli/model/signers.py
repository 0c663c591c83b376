"""The registry of signers (``org/signers.yaml``) as data: people, their roles and keys.

A signer's identity always comes from a key in this registry, never from a commit's author or
committer name or e-mail. Roles that count are those the registry itself gives (it is the file
whose changes need the head of office's signature); ``org/structure.yaml`` only names positions.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from qms_cli.model.dates import as_date as parse_date

SIGNERS_PATH = "org/signers.yaml"
HEAD_ROLE = "kierownik-urzedu"  # head of office: approves changes of the registry
OWNER = "owner"  # ``by: owner`` in the approval matrix
AUDITEE = "auditee"  # ``by: auditee``: the audited positions of an audit report (its plan)
MEANINGS = ("review", "approval", "acknowledgement")
MEANING_LABELS = {
    "review": "Sprawdził",
    "approval": "Zatwierdził",
    "acknowledgement": "Przyjął do wiadomości",
}
NO_PARTIES: Mapping[str, frozenset[str]] = {}
_OPENPGP_FPR = re.compile(r"^(?:[0-9A-F]{40}|[0-9A-F]{64})$")


def blob_fingerprint(key_blob: bytes) -> str:
    """``SHA256:…`` of an SSH public key blob, as ``ssh-keygen -lf`` prints it."""
    digest = base64.b64encode(hashlib.sha256(key_blob).digest()).decode().rstrip("=")
    return f"SHA256:{digest}"


def ssh_key_fingerprint(public_key: str) -> str | None:
    """The fingerprint of a one-line SSH public key, None when it cannot be decoded."""
    parts = public_key.strip().split()
    if len(parts) < 2:
        return None
    try:
        return blob_fingerprint(base64.b64decode(parts[1], validate=True))
    except (binascii.Error, ValueError):
        return None


def normalize_fingerprint(value: str) -> str:
    """``SHA256:…`` kept (without ``=`` padding); OpenPGP as upper-case hex without spaces."""
    text = value.strip()
    if text.upper().startswith("SHA256:"):
        return "SHA256:" + text[7:].rstrip("=")
    return re.sub(r"\s+", "", text).upper()


def is_fingerprint(value: str) -> bool:
    norm = normalize_fingerprint(value)
    if norm.startswith("SHA256:"):
        return re.fullmatch(r"SHA256:[A-Za-z0-9+/]{43}", norm) is not None
    return _OPENPGP_FPR.match(norm) is not None


def holds(
    roles: frozenset[str],
    position: str | None,
    by: str,
    owner: str | None,
    parties: Mapping[str, frozenset[str]] = NO_PARTIES,
) -> bool:
    """Whether a person with these roles and position signs for ``by`` of the approval matrix:
    a role id, ``owner`` (the document's owner: a role or a position id), or a party of a
    record (``auditee``: the roles or positions ``parties`` names for it)."""
    if by == OWNER:
        return owner is not None and (owner in roles or owner == position)
    if by in parties:
        return position in parties[by] or bool(roles & parties[by])
    return by in roles


@dataclass(frozen=True)
class KeyGrant:
    fingerprint: str
    kind: str  # ssh | openpgp
    public_key: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    revoked: bool

    def time_problem(self, day: dt.date) -> str | None:
        """Why the key may not sign on ``day`` (its validity period), or None."""
        if self.valid_from is not None and day < self.valid_from:
            return f"klucz ważny od {self.valid_from.isoformat()}, a podpis złożono {day}"
        if self.valid_until is not None and day > self.valid_until:
            return f"klucz ważny do {self.valid_until.isoformat()}, a podpis złożono {day}"
        return None


@dataclass(frozen=True)
class Signer:
    id: str
    name: str
    position: str
    roles: frozenset[str]
    email: str | None
    keys: tuple[KeyGrant, ...]

    def holds(self, by: str, owner: str | None) -> bool:
        return holds(self.roles, self.position, by, owner)


@dataclass(frozen=True)
class Registry:
    """One state of ``org/signers.yaml``; ``keys`` indexes every key by fingerprint."""

    signers: tuple[Signer, ...] = ()
    keys: dict[str, tuple[Signer, KeyGrant]] = field(default_factory=dict, compare=False)
    _people: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def key(self, fingerprint: str) -> tuple[Signer, KeyGrant] | None:
        found = self.keys.get(fingerprint)  # most callers pass a normalised fingerprint
        return found if found is not None else self.keys.get(normalize_fingerprint(fingerprint))

    def signer(self, signer_id: str) -> Signer | None:
        return next((s for s in self.signers if s.id == signer_id), None)

    def head_keys(self) -> Iterator[KeyGrant]:
        for signer in self.signers:
            if HEAD_ROLE in signer.roles:
                yield from (k for k in signer.keys if not k.revoked)

    def by_email(self, email: str) -> Iterator[Signer]:
        wanted = email.strip().lower()
        return (s for s in self.signers if s.email and s.email.strip().lower() == wanted)

    def same_person(self, signer_id: str) -> set[str]:
        """Ids of every entry that is this person: one entry per person is the rule, so two
        entries sharing a name, an e-mail or a key are treated as one (four eyes)."""
        if not self._people:
            marks = {s.id: _person_marks(s) for s in self.signers}
            for me, mine in marks.items():
                self._people[me] = frozenset(o for o, theirs in marks.items() if mine & theirs)
        return set(self._people.get(signer_id, {signer_id}))

    def meet(self, other: Registry) -> Registry:
        """Only what both registries grant: the people in both, the roles both give them,
        the keys both hold with the narrower validity; revoked in either stays revoked."""
        signers = []
        for mine in self.signers:
            theirs = other.signer(mine.id)
            if theirs is None:
                continue
            keys = tuple(
                _narrower(k, found[1])
                for k in mine.keys
                if (found := other.key(k.fingerprint)) is not None and found[0].id == mine.id
            )
            signers.append(replace(mine, roles=mine.roles & theirs.roles, keys=keys))
        return registry_of(signers)


def _person_marks(signer: Signer) -> set[str]:
    marks = {"name:" + " ".join(signer.name.casefold().split())}
    if signer.email:
        marks.add("email:" + signer.email.strip().casefold())
    marks.update("key:" + k.fingerprint for k in signer.keys)
    return marks


def _narrower(a: KeyGrant, b: KeyGrant) -> KeyGrant:
    starts = [d for d in (a.valid_from, b.valid_from) if d is not None]
    ends = [d for d in (a.valid_until, b.valid_until) if d is not None]
    return replace(
        a,
        valid_from=max(starts) if starts else None,
        valid_until=min(ends) if ends else None,
        revoked=a.revoked or b.revoked,
    )


def registry_of(signers: list[Signer]) -> Registry:
    index: dict[str, tuple[Signer, KeyGrant]] = {}
    for signer in signers:
        for key in signer.keys:
            index.setdefault(key.fingerprint, (signer, key))
    return Registry(tuple(signers), index)


def registry_from_data(data: Any) -> Registry:
    """Build a registry from parsed YAML; malformed entries are skipped (the schema reports
    them), and an SSH key whose fingerprint does not match its public key is left out."""
    items = data.get("signers") if isinstance(data, dict) else None
    found = (_signer(item) for item in (items if isinstance(items, list) else []))
    return registry_of([s for s in found if s is not None])


def key_mismatch(key: dict[str, Any]) -> str | None:
    """For an SSH key entry: the fingerprint computed from ``public_key`` when it differs from
    the declared ``fingerprint`` (or "?" when the key cannot be decoded)."""
    if key.get("type", "ssh") != "ssh":
        return None
    declared, public = key.get("fingerprint"), key.get("public_key")
    if not isinstance(declared, str) or not isinstance(public, str):
        return None
    computed = ssh_key_fingerprint(public)
    if computed is None:
        return "?"
    return None if computed == normalize_fingerprint(declared) else computed


def _signer(item: Any) -> Signer | None:
    if not isinstance(item, dict):
        return None
    sid, name, position = item.get("id"), item.get("name"), item.get("position")
    if not (isinstance(sid, str) and isinstance(name, str) and isinstance(position, str)):
        return None
    roles = item.get("roles")
    email = item.get("email")
    keys = item.get("keys")
    grants = tuple(
        g for g in (_grant(k) for k in (keys if isinstance(keys, list) else [])) if g is not None
    )
    return Signer(
        id=sid,
        name=name,
        position=position,
        roles=frozenset(r for r in roles if isinstance(r, str))
        if isinstance(roles, list)
        else frozenset(),
        email=email if isinstance(email, str) else None,
        keys=grants,
    )


def _grant(key: Any) -> KeyGrant | None:
    if not isinstance(key, dict):
        return None
    fpr, public = key.get("fingerprint"), key.get("public_key")
    kind = key.get("type", "ssh")
    if not isinstance(fpr, str) or not isinstance(public, str) or kind not in ("ssh", "openpgp"):
        return None
    if key_mismatch(key) is not None:
        return None
    until = key.get("valid_until")
    valid_until = parse_date(until)
    if until is not None and valid_until is None:
        return None  # an unreadable end of validity never means "valid for ever"
    return KeyGrant(
        fingerprint=normalize_fingerprint(fpr),
        kind=str(kind),
        public_key=public.strip(),
        valid_from=parse_date(key.get("valid_from")),
        valid_until=valid_until,
        revoked=key.get("revoked") is True,
    )
