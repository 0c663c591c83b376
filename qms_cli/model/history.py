"""The history of a document as people read it: changes and signatures (21 CFR 11.50).

Produced by ``services.history`` from git (and, once approvals exist, from verified approval
commits); consumed by ``qms history``, the PDF approval block and change sheet, and the BIP
metadata. Pure data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

MEANINGS_PL = {
    "authorship": "Opracował",
    "review": "Sprawdził",
    "approval": "Zatwierdził",
    "acknowledgement": "Przyjął do wiadomości",
}


@dataclass(frozen=True)
class Signature:
    """One approval of one exact text (blob) of a document."""

    doc_id: str
    meaning: str  # authorship | review | approval | acknowledgement
    name: str  # printed name of the signer, from the key's registry entry
    position: str  # position title at the time of signing
    when: dt.datetime  # timezone-aware
    fingerprint: str  # key fingerprint (SHA256:… or OpenPGP)
    commit: str  # full commit id of the approval commit
    blob: str  # git blob id of the approved text
    status: str  # verified | unverified (no trust root) | stale | invalid (with ``problem``)
    problem: str | None = None
    summary: str = ""  # what changed, in the signer's words (``QMS-Summary`` of the commit)


@dataclass(frozen=True)
class Change:
    """One commit that changed the document's text."""

    commit: str
    when: dt.datetime  # timezone-aware committer date
    author: str
    summary: str  # first line of the commit message
    blob: str  # blob id of the document after this commit


@dataclass(frozen=True)
class DocumentHistory:
    doc_id: str
    path: str
    changes: list[Change] = field(default_factory=list)  # oldest first
    signatures: list[Signature] = field(default_factory=list)  # oldest first

    @property
    def current_blob(self) -> str | None:
        return self.changes[-1].blob if self.changes else None

    def current_signatures(self) -> list[Signature]:
        """Signatures that hold for the current text."""
        blob = self.current_blob
        return [s for s in self.signatures if s.blob == blob and s.status == "verified"]
