"""Approvals as data: commits as read from git, and what the verification found. Pure.

An approval is a signed commit whose message ends with trailers::

    QMS-Approve: P-03
    QMS-Meaning: review          (review = Sprawdził, approval = Zatwierdził)
    QMS-Blob: <git blob id of documents/procedures/P-03.md in that commit>
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from qms_cli.model.signers import Registry

TRAILER_APPROVE = "qms-approve"
TRAILER_MEANING = "qms-meaning"
TRAILER_BLOB = "qms-blob"
TRAILER_REVIEWED = "qms-reviewed"  # qms review-doc: the document was reviewed, kept unchanged
_TRAILER_RE = re.compile(r"^(QMS-[A-Za-z]+)[ \t]*:[ \t]*(.*?)[ \t]*$", re.IGNORECASE)
_HEX_RE = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")

# signature check outcomes, independent of any registry (cached by commit id)
UNSIGNED, GOOD, BAD, UNCHECKED = "unsigned", "good", "bad", "unchecked"

# finding codes (see checks/rules/approvals.py)
NO_TRUST_ROOT = "QMS200"
MISSING = "QMS201"
STALE = "QMS202"
NOT_SIGNED = "QMS203"
BAD_SIGNATURE = "QMS204"
UNKNOWN_KEY = "QMS205"
REVOKED_KEY = "QMS206"
KEY_EXPIRED = "QMS207"
WRONG_ROLE = "QMS208"
SELF_APPROVAL = "QMS209"
BAD_TRAILERS = "QMS210"
OTHER_CHANGES = "QMS211"
UNTRUSTED_REGISTRY = "QMS212"
UNCOMMITTED_REGISTRY = "QMS213"
KEY_MISMATCH = "QMS214"
NO_HISTORY = "QMS215"
ROOT_MOVED = "QMS216"
SAME_PERSON = "QMS217"


@dataclass(frozen=True)
class SignatureCheck:
    """What the signature of one commit proves by itself: valid or not, and which key."""

    status: str  # unsigned | good | bad | unchecked
    kind: str = ""  # ssh | openpgp | x509
    fingerprint: str = ""  # of the signing key when known
    detail: str = ""  # Polish, for bad and unchecked

    def problem(self) -> Problem:
        """What is wrong with a signature that is not good."""
        if self.status == UNSIGNED:
            return Problem(NOT_SIGNED, "commit nie jest podpisany")
        if self.status == BAD:
            return Problem(
                BAD_SIGNATURE,
                f"podpis commita jest nieprawidłowy ({self.detail}) — commit zmieniono po "
                "podpisaniu",
            )
        return Problem(BAD_SIGNATURE, f"nie można sprawdzić podpisu ({self.detail or self.kind})")


@dataclass(frozen=True)
class CommitRecord:
    """One commit as approvals need it; immutable for a commit id, so it is cached."""

    id: str
    parents: tuple[str, ...]
    author: str
    author_email: str
    committer_email: str
    when: dt.datetime  # committer date with the committer's zone
    summary: str
    trailers: tuple[tuple[str, str], ...]  # (lower-case key, value), QMS-* only
    changes: tuple[tuple[str, str], ...]  # (path, blob after or "" when deleted) vs first parent
    signature: SignatureCheck
    tree: str = ""
    merged: tuple[tuple[str, str], ...] = ()  # a merge: files that differ from every parent

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1

    @property
    def introduced(self) -> tuple[tuple[str, str], ...]:
        """Texts this commit wrote itself: a merge only writes what no parent had."""
        return self.merged if self.is_merge else self.changes

    def trailer_values(self, key: str) -> list[str]:
        return [value for k, value in self.trailers if k == key]

    @property
    def is_approval(self) -> bool:
        return any(k == TRAILER_APPROVE for k, _ in self.trailers)

    @property
    def changed_paths(self) -> tuple[str, ...]:
        return tuple(path for path, _ in self.changes)


def parse_trailers(message: str) -> tuple[tuple[str, str], ...]:
    """``QMS-*`` trailers of the message's last paragraph (git's trailer block)."""
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", message.strip()) if p.strip()]
    if not paragraphs:
        return ()
    found: list[tuple[str, str]] = []
    for line in paragraphs[-1].splitlines():
        match = _TRAILER_RE.match(line)
        if match:
            found.append((match.group(1).lower(), match.group(2)))
    return tuple(found)


def approval_message(doc_id: str, title: str, meaning: str, blob: str) -> str:
    label = {"review": "sprawdzenie", "approval": "zatwierdzenie"}.get(meaning, meaning)
    return (
        f"{doc_id}: {label} ({meaning})\n\n"
        f"Dokument {doc_id} „{title}”.\n\n"
        f"QMS-Approve: {doc_id}\nQMS-Meaning: {meaning}\nQMS-Blob: {blob}\n"
    )


def is_object_id(value: str) -> bool:
    return _HEX_RE.match(value) is not None


@dataclass(frozen=True)
class Problem:
    code: str
    message: str


@dataclass(frozen=True)
class Approval:
    """One approval commit, evaluated against the registry in force before it."""

    commit: str
    doc_id: str
    meaning: str
    blob: str  # from QMS-Blob
    tree_blob: str | None  # the document's blob in the approval commit
    when: dt.datetime
    fingerprint: str
    signer_id: str | None
    name: str | None  # from the registry, never from the commit
    position: str | None  # position id held then
    roles: frozenset[str] = frozenset()
    problems: tuple[Problem, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.problems

    def targets(self, blob: str | None) -> bool:
        return blob is not None and blob in (self.blob, self.tree_blob)


@dataclass(frozen=True)
class Authorship:
    """The commit that produced one text (blob) of a document, and who it says wrote it."""

    commit: str
    blob: str
    when: dt.datetime
    signer_ids: frozenset[str]  # from the key that signed the change, or registered e-mails
    fingerprint: str = ""
    name: str | None = None  # registry name when the change was signed by a registered key
    position: str | None = None


@dataclass(frozen=True)
class DocFinding:
    doc_id: str
    code: str
    message: str


@dataclass(frozen=True)
class RegistryFinding:
    code: str
    message: str
    fingerprint: str | None = None  # to point at the key's line when it is in the file


@dataclass
class ApprovalReport:
    """Everything ``qms check``, ``qms history`` and ``qms approve`` need to know."""

    trust_root: str | None
    trust_source: str  # where the trust root came from (for messages)
    available: bool = True  # False: no git history to read
    in_use: bool = False  # someone is registered or something was approved
    reason: str = ""  # why not available
    root_moved: str = ""  # qms.yaml names another root than its history first did (QMS216)
    approvals: dict[str, list[Approval]] = field(default_factory=dict)  # oldest first
    authorship: dict[str, list[Authorship]] = field(default_factory=dict)  # oldest first
    doc_findings: list[DocFinding] = field(default_factory=list)
    registry_findings: list[RegistryFinding] = field(default_factory=list)
    registry: Registry | None = None  # the trusted registry at HEAD
    # document id -> moments of its periodic reviews (QMS-Reviewed, signed_reviews)
    reviews: dict[str, list[dt.datetime]] = field(default_factory=dict)
    head_registry: Registry | None = None  # what org/signers.yaml at HEAD says (maybe untrusted)

    @property
    def verified(self) -> bool:
        """Approvals are anchored in a trust root (otherwise shown as unverified)."""
        return self.trust_root is not None and self.available


def signed_reviews(
    records: Iterable[CommitRecord], registry: Registry | None
) -> dict[str, list[dt.datetime]]:
    """Periodic reviews (``qms review-doc``) that count: commits with a ``QMS-Reviewed``
    trailer, well signed with a key of ``registry`` (the trusted one at HEAD) that was not
    revoked and was valid on the commit's day. An entry of records/doc-reviews.yaml without
    such a commit counts for nothing."""
    out: dict[str, list[dt.datetime]] = {}
    if registry is None:
        return out
    for record in records:
        named = record.trailer_values(TRAILER_REVIEWED)
        if not named or record.signature.status != GOOD:
            continue
        held = registry.key(record.signature.fingerprint)
        day = record.when.date()
        if held is None or held[1].revoked:
            continue
        grant = held[1]
        if (grant.valid_from and day < grant.valid_from) or (
            grant.valid_until and day > grant.valid_until
        ):
            continue
        for doc_id in named:
            out.setdefault(doc_id.strip(), []).append(record.when)
    return {k: sorted(v) for k, v in out.items()}
