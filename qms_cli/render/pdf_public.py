"""What a public PDF (of a document with ``public: true``, published on the BIP) may show. Pure.

A commit subject is written by whoever committed and may mention what is not public, and a
git author name is whatever that person's git says: neither reaches a public PDF unless
``bip.commit_messages: true`` in ``qms.yaml`` (the same setting that shows commit messages
in the BIP change register). Instead the change sheet has one row per approved text: its
edition, the date of its approval, who approved it (name and position from the signers'
registry) and what changed in the approver's own words (``qms approve --summary``).

Titles of documents that are not public never appear in a public output: a reference to one
shows its id and „dokument wewnętrzny”.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qms_cli.model.documents import Document
from qms_cli.model.history import MEANINGS_PL, DocumentHistory, Signature
from qms_cli.model.repository import Repository
from qms_cli.model.typography import format_date_pl, polish_text

INTERNAL = "dokument wewnętrzny"
APPROVING = ("review", "approval")
VALID = ("verified", "unverified", "stale")  # stale: valid for an earlier text
NO_VALUE = "—"


def is_public(doc: Document) -> bool:
    return doc.meta.get("public") is True


def shows_commits(repo: Repository) -> bool:
    """``bip.commit_messages: true``: commit subjects and git authors may be published."""
    bip = repo.config.get("bip")
    return isinstance(bip, dict) and bip.get("commit_messages") is True


def internal_label(doc_id: str) -> str:
    return f"{doc_id} ({INTERNAL})"


def approved_texts(history: DocumentHistory) -> list[tuple[str, list[Signature]]]:
    """(blob, its valid review and approval signatures) per approved text, oldest first."""
    texts: dict[str, list[Signature]] = {}
    for sig in history.signatures:
        if sig.meaning in APPROVING and sig.status in VALID:
            texts.setdefault(sig.blob, []).append(sig)
    return sorted(texts.items(), key=lambda item: max(s.when for s in item[1]))


def _approvers(signatures: list[Signature]) -> str:
    seen: dict[str, None] = {}
    for sig in signatures:
        who = f"{sig.name} ({sig.position})" if sig.position else sig.name
        seen.setdefault(f"{MEANINGS_PL.get(sig.meaning, sig.meaning)}: {who}", None)
    return "; ".join(seen)


def public_change_rows(
    history: DocumentHistory | None, editions: Mapping[str, str], dirty: bool
) -> list[dict[str, Any]]:
    """The change sheet of a public PDF: one row per approved text (``editions``: blob ->
    edition number from the register), then the unapproved or unsaved change, if any."""
    rows: list[dict[str, Any]] = []
    texts = approved_texts(history) if history else []
    for number, (blob, signatures) in enumerate(texts, start=1):
        summaries = list(dict.fromkeys(s.summary for s in signatures if s.summary))
        default = "wydanie dokumentu" if number == 1 else "zmiana treści"
        rows.append(
            {
                "no": str(number),
                "edition": editions.get(blob, NO_VALUE),
                "date": format_date_pl(max(s.when for s in signatures).date()),
                "summary": polish_text("; ".join(summaries)) if summaries else default,
                "approved": polish_text(_approvers(signatures)),
            }
        )
    last = history.changes[-1] if history and history.changes else None
    pending, date = None, NO_VALUE
    if dirty:
        pending = "zmiany niezapisane w repozytorium (git) — projekt"
    elif last is not None and all(blob != last.blob for blob, _ in texts):
        pending, date = "projekt zmiany — treść niezatwierdzona", format_date_pl(last.when.date())
    if pending:
        rows.append(
            {
                "no": str(len(rows) + 1),
                "edition": NO_VALUE,
                "date": date,
                "summary": pending,
                "approved": NO_VALUE,
            }
        )
    return rows
