"""From the model to what the PDF templates show (pure, no I/O).

A document's context says what the page header shows (code, title, edition, date in force),
whether the page carries a PROJEKT or NIEAKTUALNY mark and why, the approval block (only
signatures that hold for the current text — never invented ones), the facts table, and the
change sheet from the history. Dates come from git (commit times in their own offset) and from
releases, never from the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from qms_cli.model.doctypes import type_name
from qms_cli.model.documents import Document
from qms_cli.model.history import MEANINGS_PL, DocumentHistory, Signature
from qms_cli.model.orders import order_dates
from qms_cli.model.repository import Repository
from qms_cli.model.typography import format_date_pl, format_timestamp_pl, polish_text
from qms_cli.render.pdf_facts import facts, order_heading, org_name
from qms_cli.render.pdf_public import is_public, public_change_rows, shows_commits

DEFAULT_FOOTER = (
    "Dokument nadzorowany w wersji elektronicznej. Wydruk stanowi kopię nienadzorowaną."
)
MARK_DRAFT, MARK_OBSOLETE = "PROJEKT", "NIEAKTUALNY"
NO_VALUE = "—"
MEANING_NOUNS = {
    "authorship": "opracowanie",
    "review": "sprawdzenie",
    "approval": "zatwierdzenie",
    "acknowledgement": "przyjęcie do wiadomości",
}
HOLDING_STATUSES = ("verified", "unverified")
MISSING = {
    "authorship": "bez podpisu elektronicznego autora",
    "review": "brak sprawdzenia",
    "approval": "brak zatwierdzenia",
    "acknowledgement": "brak przyjęcia do wiadomości",
}
DEFAULT_MATRIX = ("review", "approval")


@dataclass(frozen=True)
class Edition:
    """What a release says about a document (``register.yaml``, written by ``qms release``).
    ``current``: the text rendered is that edition's text (not a later, unreleased change)."""

    number: str
    in_force: dt.date
    superseded: bool = False
    current: bool = True
    texts: tuple[tuple[str, str], ...] = ()  # (blob, edition number) of every edition


@dataclass(frozen=True)
class DocState:
    """Where a document stands: its history, its release and whether the file on disk is the
    text git last recorded (``dirty``: edited since, or never committed)."""

    history: DocumentHistory | None
    edition: Edition | None = None
    dirty: bool = False


def mark(doc: Document, state: DocState) -> tuple[str | None, str | None]:
    """(the mark on every page, the notice on the first page) for a document."""
    edition = state.edition
    if doc.status == "withdrawn":
        return MARK_OBSOLETE, "Dokument wycofany — nie obowiązuje."
    if edition is not None and edition.superseded:
        return (
            MARK_OBSOLETE,
            f"Wydanie {edition.number} zostało zastąpione nowszym — nie obowiązuje.",
        )
    if state.dirty:
        return MARK_DRAFT, (
            "Tekst różni się od wersji zapisanej w repozytorium (git) — to projekt; "
            "podpisy go nie obejmują."
        )
    if doc.status == "draft":
        return MARK_DRAFT, "Projekt dokumentu — nie obowiązuje."
    if edition is not None and not edition.current:
        return MARK_DRAFT, (
            f"Projekt zmiany: obowiązuje wydanie {edition.number} z "
            f"{format_date_pl(edition.in_force)}, a ten tekst nie został jeszcze wydany."
        )
    if edition is None:
        return MARK_DRAFT, (
            "Dokument nie został jeszcze wydany (qms release): nie ma numeru wydania "
            "ani daty obowiązywania."
        )
    return None, None


def last_change_time(state: DocState) -> dt.datetime | None:
    history = state.history
    return history.changes[-1].when if history and history.changes else None


def header(doc: Document, state: DocState) -> dict[str, Any]:
    edition = state.edition if state.edition and state.edition.current else None
    page_mark, _ = mark(doc, state)
    return {
        "id": doc.id,
        "type": doc.type,
        "type_name": type_name(doc.type),
        "title": polish_text(doc.title),
        "edition": edition.number if edition else NO_VALUE,
        "in_force": format_date_pl(edition.in_force) if edition else NO_VALUE,
        "mark": page_mark,
        "source": source_line(doc, state),
        **({"act": order_header(doc)} if doc.type == "order" else {}),
    }


def order_header(doc: Document) -> dict[str, str]:
    """An order's page header: its number and its own dates, not the QMS edition."""
    dates = order_dates(doc.meta)
    number = str(doc.meta.get("number") or NO_VALUE)
    made = format_date_pl(dates.date) if dates.date else NO_VALUE
    if dates.in_force is None:
        in_force = NO_VALUE
    elif dates.on_signing:
        in_force = "z dniem podjęcia"
    else:
        in_force = format_date_pl(dates.in_force)
    return {"number": number, "date": made, "in_force": in_force}


def source_line(doc: Document, state: DocState) -> str:
    """Where the PDF comes from: the file in the repository and the commit of its text."""
    history = state.history
    if not history or not history.changes:
        return f"Źródło: {doc.path} (plik niezapisany w repozytorium git)"
    last = history.changes[-1]
    text = f"Źródło: {doc.path}, commit {last.commit[:12]} z {format_date_pl(last.when.date())}"
    return text + (" (z późniejszymi zmianami niezapisanymi w git)" if state.dirty else "")


UNANCHORED = (
    "podpis nie jest potwierdzony łańcuchem zaufania: w qms.yaml brak klucza zaufanego "
    "kierownika urzędu (trust_root)"
)


def signature_entry(sig: Signature) -> dict[str, str | None]:
    return {
        "name": sig.name,
        "position": sig.position,
        "when": format_timestamp_pl(sig.when),
        "meaning": MEANING_NOUNS.get(sig.meaning, sig.meaning),
        "fingerprint": sig.fingerprint,
        "commit": sig.commit,
        "note": UNANCHORED if sig.status == "unverified" else None,
    }


def holding_signatures(state: DocState) -> list[Signature]:
    """Signatures of exactly the current text: verified, or valid but not anchored in a trust
    root (shown with that caveat). Stale and invalid ones, and any when the file on disk is not
    the committed text, do not hold."""
    history = state.history
    if history is None or state.dirty:
        return []
    current = history.current_blob
    return [s for s in history.signatures if s.blob == current and s.status in HOLDING_STATUSES]


def matrix_meanings(doc: Document, repo: Repository) -> list[tuple[str, str | None]]:
    """(meaning, who must sign) in the order of the approval matrix of qms.yaml."""
    approvals = repo.config.get("approvals")
    steps = approvals.get(doc.type) if isinstance(approvals, dict) else None
    if not isinstance(steps, list) or not steps:
        return [(m, None) for m in DEFAULT_MATRIX]
    out: list[tuple[str, str | None]] = []
    for step in steps:
        if isinstance(step, dict) and isinstance(step.get("meaning"), str):
            by = step.get("by")
            alternatives = [by] if isinstance(by, str) else by if isinstance(by, list) else []
            names = [
                org_name(repo, doc.owner if who == "owner" else who)
                for who in alternatives
                if isinstance(who, str) and (who != "owner" or doc.owner)
            ]
            out.append((step["meaning"], " albo ".join(names) if names else None))
    return out


def approvals(doc: Document, repo: Repository, state: DocState) -> list[dict[str, Any]]:
    """Opracował / Sprawdził / Zatwierdził with the signatures that hold for the current text."""
    current = holding_signatures(state)
    columns: list[tuple[str, str | None]] = [("authorship", None)]
    for meaning, who in matrix_meanings(doc, repo):
        if meaning not in (m for m, _ in columns):
            columns.append((meaning, who))
    out = []
    for meaning, who in columns:
        entries = [signature_entry(s) for s in current if s.meaning == meaning]
        if meaning == "authorship" and not entries and not _hides_authors(doc, repo):
            entries = author_from_history(state)
        out.append(
            {
                "label": MEANINGS_PL.get(meaning, meaning),
                "entries": entries,
                "missing": MISSING.get(meaning, "brak podpisu"),
                "detail": _missing_detail(meaning, who, state),
                # the author's signature is not one the matrix asks for: its absence is no fault
                "caveat": meaning != "authorship",
            }
        )
    return out


UNSIGNED_AUTHOR = "autor według historii zmian; zmiana zapisana bez podpisu elektronicznego"


def _hides_authors(doc: Document, repo: Repository) -> bool:
    """A public document does not name git authors unless qms.yaml says so (pdf_public)."""
    return is_public(doc) and not shows_commits(repo)


def author_from_history(state: DocState) -> list[dict[str, Any]]:
    """„Opracował” when the author did not sign: who wrote the current text, as the history
    records it (docs/approve.md) — a fact, not a missing signature, so it is not red."""
    history = state.history
    if history is None or state.dirty or not history.changes:
        return []
    change = history.changes[-1]
    return [
        {
            "name": change.author,
            "position": None,
            "when": format_timestamp_pl(change.when),
            "meaning": MEANING_NOUNS["authorship"],
            "fingerprint": None,
            "commit": change.commit,
            "note": UNSIGNED_AUTHOR,
            "caveat": False,
        }
    ]


def _missing_detail(meaning: str, who: str | None, state: DocState) -> str | None:
    if meaning == "authorship":
        when = last_change_time(state)
        history = state.history
        if when is None or history is None:
            return None
        return (
            f"ostatnia zmiana treści: {format_date_pl(when.date())}, "
            f"commit {history.changes[-1].commit[:12]}"
        )
    return f"wymagany podpis: {who}" if who else None


def change_rows(state: DocState) -> list[dict[str, str]]:
    """The change sheet: every commit that changed the text, oldest first."""
    history = state.history
    rows = [
        {
            "no": str(number),
            "date": format_date_pl(change.when.date()),
            "summary": polish_text(change.summary),
            "author": change.author,
            "commit": change.commit[:10],
        }
        for number, change in enumerate(history.changes if history else [], start=1)
    ]
    if state.dirty:
        rows.append(
            {
                "no": str(len(rows) + 1),
                "date": NO_VALUE,
                "summary": "zmiany niezapisane w repozytorium (git)",
                "author": NO_VALUE,
                "commit": NO_VALUE,
            }
        )
    return rows


def document_context(doc: Document, repo: Repository, state: DocState) -> dict[str, Any]:
    """Everything one document shows except its body (added by the caller). A public
    document's change sheet shows approved editions, not commits (``render.pdf_public``)."""
    _, notice = mark(doc, state)
    if is_public(doc) and not shows_commits(repo):
        texts = dict(state.edition.texts) if state.edition else {}
        changes = public_change_rows(state.history, texts, state.dirty)
    else:
        changes = change_rows(state)
    signatures = approvals(doc, repo, state)
    if doc.type == "order":  # a legal act: signed by the head of office, nobody "prepared" it
        signatures = [c for c in signatures if c["label"] != MEANINGS_PL["authorship"]]
    return {
        "layout": doc.type,
        "header": header(doc, state),
        "notice": notice,
        "approvals": signatures,
        "facts": facts(doc, repo),
        "order": order_heading(doc, repo),
        "changes": changes,
    }


def page_context(
    repo: Repository,
    title: str,
    keywords: list[str],
    *,
    font: str | None = None,
) -> dict[str, Any]:
    """Office, footer, style and PDF metadata shared by a document and the Quality Book.
    ``office.logo`` is filled in by the renderer (where the logo is in its sandbox)."""
    return config_page_context(repo.config, title, keywords, font=font)


def config_page_context(
    config: dict[str, Any], title: str, keywords: list[str], *, font: str | None = None
) -> dict[str, Any]:
    """``page_context`` from a qms.yaml alone (also an empty one: a report made outside any
    office repository, such as ``qms compare``)."""
    office = config.get("office") or {}
    name = str(office.get("name") or "")
    pdf = config.get("pdf") or {}
    footer = pdf.get("footer") if isinstance(pdf, dict) else None
    paper = str(pdf.get("paper") or "a4") if isinstance(pdf, dict) else "a4"
    return {
        "pdf": {"title": polish_text(title), "author": name, "keywords": keywords},
        "style": {"font": font, "paper": paper.lower()},
        "office": {
            "name": polish_text(name),
            "logo": None,
            "logo_alt": f"Herb lub logo: {name}" if name else "Herb lub logo urzędu",
        },
        "footer": polish_text(str(footer)) if footer else DEFAULT_FOOTER,
    }


def pdf_title(doc: Document, repo: Repository) -> str:
    office = repo.config.get("office") or {}
    name = office.get("name")
    return f"{doc.id} {doc.title}" + (f" – {name}" if name else "")


def natural_key(doc_id: str) -> tuple[Any, ...]:
    """``P-2`` before ``P-10``."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", doc_id))


BOOK_ORDER = ("manual", "policy", "process", "procedure")


def book_documents(repo: Repository) -> list[Document]:
    """The Quality Book's parts in order: manual, policy, process cards, procedures (none
    withdrawn). Empty when the office has no manual."""
    if not any(d.type == "manual" and d.status != "withdrawn" for d in repo.documents):
        return []
    parts = []
    for doc_type in BOOK_ORDER:
        docs = [d for d in repo.documents_of_type(doc_type) if d.status != "withdrawn"]
        parts.extend(sorted(docs, key=lambda d: natural_key(d.id)))
    return parts


def book_header(manual: dict[str, Any]) -> dict[str, Any]:
    """The Quality Book's own header (its first pages): the manual's, with the book's name."""
    return {
        **manual,
        "type_name": "Księga Jakości",
        "subtitle": "wraz z Polityką Jakości, kartami procesów i procedurami",
    }
