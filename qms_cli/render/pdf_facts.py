"""The label/value rows each document type shows under its title (pure).

Procedure: owner, process, clauses, forms …; process card: kind, inputs, outputs, KPIs …;
service card: the familiar table (legal basis, required documents, fees, place, deadline,
appeal …); job description: unit, position, supervisor …; order: who signs. Values are lists
of lines with Polish typography applied; names come from the organisation and the documents,
never made up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from qms_cli.model.doctypes import DOC_TYPES
from qms_cli.model.documents import Document
from qms_cli.model.repository import Repository
from qms_cli.model.service_card import (
    Channels,
    FormRef,
    LegalRef,
    Place,
    ServiceCard,
    appeal_heading,
    deadline_lines,
    exemption_words,
    no_appeal,
)
from qms_cli.model.typography import format_date_pl, polish_text
from qms_cli.render.pdf_public import internal_label, is_public

Row = dict[str, Any]


def row(label: str, *values: str) -> Row | None:
    lines = [polish_text(v) for v in values if v]
    return {"label": label, "value": lines} if lines else None


def _text(value: Any) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value)


def _list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if v is not None and not isinstance(v, (dict, list))]
    text = _text(value)
    return [text] if text else []


def org_name(repo: Repository, ident: str | None) -> str:
    """The name of a role, position or unit id (the id itself when unknown)."""
    if not ident:
        return ""
    for kind_key, name_key in (("roles", "name"), ("positions", "title"), ("units", "name")):
        for _, _, item in repo.items("structure", kind_key):
            if item.get("id") == ident and isinstance(item.get(name_key), str):
                return str(item[name_key])
    return ident


def doc_label(repo: Repository, ident: str, shown_in: Document | None = None) -> str:
    """``P-04 Audity wewnętrzne`` for a document; an external act with its citation. In the
    output of a public document (``shown_in``) a document that is not public shows only its id
    and „dokument wewnętrzny”, never its title."""
    doc = repo.docs_by_id.get(ident)
    if doc is not None:
        if shown_in is not None and is_public(shown_in) and not is_public(doc):
            return internal_label(ident)
        return f"{ident} {doc.title}".strip()
    for _, _, item in repo.items("external", "documents"):
        if item.get("id") == ident:
            citation = _text(item.get("citation"))
            title = _text(item.get("title"))
            return f"{title} ({citation})" if citation else title or ident
    return ident


def legal_basis(repo: Repository, value: Any, shown_in: Document | None = None) -> list[str]:
    out: list[str] = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict):
            act = doc_label(repo, _text(item.get("act")), shown_in)
            provision = _text(item.get("provision"))
            out.append(f"{provision} – {act}" if provision else act)
    return out


def _jrwa(repo: Repository, symbol: Any) -> str:
    text = _text(symbol)
    if not text:
        return ""
    for _, _, item in repo.items("jrwa", "classes"):
        if str(item.get("symbol")) == text:
            category = _text(item.get("category"))
            suffix = f" (kat. arch. {category})" if category else ""
            return f"{text} {_text(item.get('title'))}{suffix}".strip()
    return text


def common_rows(doc: Document, repo: Repository) -> list[Row | None]:
    meta = doc.meta
    return [
        row("Właściciel dokumentu", org_name(repo, doc.owner)),
        row("Punkty normy ISO 9001", ", ".join(_list(meta.get("clauses")))),
        row("Podstawa prawna", *legal_basis(repo, meta.get("legal_basis"), doc)),
        row("Dokumenty związane", *(doc_label(repo, r, doc) for r in doc.refs("related"))),
        row("Symbol JRWA", _jrwa(repo, meta.get("jrwa"))),
    ]


def _process_row(doc: Document, repo: Repository) -> Row | None:
    process = _text(doc.meta.get("process"))
    return row("Proces", doc_label(repo, process, doc)) if process else None


def _procedure(doc: Document, repo: Repository) -> list[Row | None]:
    forms = [doc_label(repo, f, doc) for f in doc.refs("forms")]
    return [_process_row(doc, repo), *common_rows(doc, repo), row("Formularze", *forms)]


def _process(doc: Document, repo: Repository) -> list[Row | None]:
    card = repo.process_card(doc)
    kpis = [f"{k.name}: {k.target_text}" if k.target_text else k.name for k in card.kpis]
    return [
        row("Rodzaj procesu", card.kind_pl),
        row("Właściciel procesu", org_name(repo, doc.owner)),
        row("Dane wejściowe", *card.inputs),
        row("Dane wyjściowe", *card.outputs),
        row("Wskaźniki (KPI)", *kpis),
        row("Komórki organizacyjne", *(org_name(repo, u) for u in card.units)),
        row("Powiązane procesy", *(doc_label(repo, i, doc) for i in card.interactions)),
        *common_rows(doc, repo)[1:],
    ]


def _form(doc: Document, repo: Repository) -> list[Row | None]:
    procedure = _text(doc.meta.get("procedure"))
    return [
        _process_row(doc, repo),
        row("Procedura", doc_label(repo, procedure, doc)) if procedure else None,
        *common_rows(doc, repo),
    ]


def _job_description(doc: Document, repo: Repository) -> list[Row | None]:
    meta = doc.meta
    return [
        row("Komórka organizacyjna", org_name(repo, _text(meta.get("unit")))),
        row("Stanowisko", org_name(repo, _text(meta.get("position")))),
        row("Bezpośredni przełożony", org_name(repo, _text(meta.get("supervisor")))),
        row("Zastępstwo", org_name(repo, _text(meta.get("substitute")))),
        *common_rows(doc, repo),
    ]


def _order(doc: Document, repo: Repository) -> list[Row | None]:
    return [
        row("Podpisuje", org_name(repo, _text(doc.meta.get("signed_by")))),
        *common_rows(doc, repo),
    ]


def _fees(card: ServiceCard, repo: Repository, shown_in: Document) -> list[str]:
    if not card.fees:
        return ["brak opłat"]
    out = []
    for fee in card.fees:
        if fee.exempt:
            act = fee.legal_basis
            words = exemption_words(doc_label(repo, act.act) if act else "")
            basis = f" na podstawie {statute_label(repo, act, shown_in)}" if act else ""
            out.append(": ".join(p for p in (fee.description, f"{words}{basis}") if p))
            continue
        line = ": ".join(p for p in (fee.description, fee.amount) if p)
        if fee.basis:
            line += f" ({fee.basis})"
        if fee.account:
            line += f"; konto: {fee.account}"
        out.append(line)
    return out


def _place(place: Place | None) -> list[str]:
    if place is None:
        return []
    labelled = (("", place.address), ("pokój: ", place.room), ("godziny: ", place.hours))
    return [f"{label}{value}" for label, value in labelled if value]


def _channels(channels: Channels | None) -> list[str]:
    if channels is None:
        return []
    out = []
    if channels.epuap:
        out.append(f"elektronicznie przez ePUAP: {channels.epuap}")
    if channels.in_person:
        out.append("osobiście w urzędzie")
    if channels.post:
        out.append("pocztą")
    return out


def _deadline(card: ServiceCard, repo: Repository, shown_in: Document) -> list[str]:
    deadline = card.deadline
    if deadline is None:
        return list(card.deadline_raw)
    statute = (
        f"termin określa: {statute_label(repo, deadline.statute, shown_in)}"
        if deadline.statute is not None
        else ""
    )
    if not deadline.kind:  # days and text only: the text, then the act
        return [deadline.text, statute]
    words, kpa = deadline_lines(deadline)
    first = f"{words} – {kpa}" if words and kpa and not statute else words
    return [first, statute, deadline.text]


def statute_label(repo: Repository, ref: LegalRef, shown_in: Document | None) -> str:
    act = doc_label(repo, ref.act, shown_in)
    return f"{ref.provision} – {act}" if ref.provision else act


def _appeal(card: ServiceCard) -> list[str]:
    appeal = card.appeal
    if appeal is None:
        return [no_appeal(card)]
    out = [appeal_heading(card), appeal.body]
    if appeal.days:
        out.append(f"w terminie {appeal.days} dni")
    if appeal.via:
        out.append(appeal.via)
    if appeal.fee:
        out.append(f"opłata: {appeal.fee}")
    return out


def _form_label(form: FormRef, repo: Repository, shown_in: Document) -> str:
    if form.id:
        return doc_label(repo, form.id, shown_in)
    return f"{form.name} ({form.url})" if form.url else form.name


def _service_card(doc: Document, repo: Repository) -> list[Row | None]:
    card = repo.service_card(doc)
    return [
        row("Komórka organizacyjna", org_name(repo, card.unit)),
        row("Podstawa prawna", *legal_basis(repo, doc.meta.get("legal_basis"), doc)),
        row("Wymagane dokumenty", *card.required_documents),
        row("Dokumenty do wglądu", *card.documents_to_show),
        row("Opłaty", *_fees(card, repo, doc)),
        row("Sposób zapłaty", card.payment),
        row("Miejsce załatwienia sprawy", *_place(card.place)),
        row("Sposób złożenia dokumentów", *_channels(card.channels)),
        row("Termin załatwienia sprawy", *_deadline(card, repo, doc)),
        row("Tryb odwoławczy", *_appeal(card)),
        row("Formularze", *(_form_label(f, repo, doc) for f in card.forms)),
        row("Uwagi", card.notes),
        _process_row(doc, repo),
        row("Właściciel dokumentu", org_name(repo, doc.owner)),
    ]


# DocType.facts -> the rows
FACTS: dict[str, Callable[[Document, Repository], list[Row | None]]] = {
    "common": common_rows,
    "procedure": _procedure,
    "process": _process,
    "form": _form,
    "job-description": _job_description,
    "order": _order,
    "service-card": _service_card,
}


def facts(doc: Document, repo: Repository) -> list[Row]:
    """The rows for the document's type (``DocType.facts``; common rows for unknown types)."""
    known = DOC_TYPES.get(doc.type)
    rows = (FACTS[known.facts] if known is not None else common_rows)(doc, repo)
    return [r for r in rows if r is not None]


def order_heading(doc: Document, repo: Repository) -> dict[str, str] | None:
    """The heading of an order: „Zarządzenie Nr 12/2026 / Wójta Gminy … / z dnia … /
    w sprawie …”."""
    if doc.type != "order":
        return None
    meta, office = doc.meta, repo.config.get("office") or {}
    signer_position = _text(meta.get("signed_by"))
    issuer = _text(office.get("head_title_genitive")) or org_name(repo, signer_position)
    signer = _text(office.get("head_title")) or org_name(repo, signer_position)
    number = _text(meta.get("number"))
    date = _text(meta.get("date"))
    try:
        date_text = f"z dnia {format_date_pl(date)}" if date else ""
    except ValueError:
        date_text = f"z dnia {date}"
    return {
        "title": f"Zarządzenie Nr {number}" if number else "Zarządzenie",
        "issuer": polish_text(issuer),
        "date": date_text,
        "subject": polish_text(_text(meta.get("subject")) or doc.title),
        "signer": polish_text(signer),
    }
