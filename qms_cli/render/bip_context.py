"""The BIP site as data: which pages exist, what each shows, its metryczka. Pure (no pandoc,
no Jinja, no git): ``services.render_bip`` gathers the inputs, ``render.bip_site`` renders.

Only documents that are public (``public: true``), in force (``status: active``) and have a
valid id are published. Nothing else of the repository is read here except the office
profile, the organisational structure (titles of positions and units) and the external legal
acts that service cards cite: no records, no signers' registry, no complaints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from qms_cli.model.doctypes import DOC_TYPES
from qms_cli.model.documents import Document
from qms_cli.model.history import Change, DocumentHistory
from qms_cli.model.ids import is_valid_id
from qms_cli.model.orders import order_dates
from qms_cli.model.repository import Repository
from qms_cli.render import bip_views
from qms_cli.render.bip_lists import by_letter, by_type, by_unit, polish_key
from qms_cli.render.bip_metadata import (
    Metryczka,
    Release,
    merge_changes,
    metryczka,
    owner_title,
    section,
    text,
)

HOME = "index.html"
SERVICES = "uslugi.html"
SERVICES_AZ = "uslugi-a-z.html"
DOCUMENTS = "dokumenty.html"
REGISTER = "rejestr-dokumentow.html"
CERTIFICATE = "certyfikat.html"
STATEMENT = "deklaracja-dostepnosci.html"
CONFIG_SOURCES = ("qms.yaml",)
SERVICE_SOURCES = ("qms.yaml", "org/structure.yaml", "documents/external.yaml")


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    href: str


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    title: str
    nav: str
    metryczka: Metryczka
    data: Mapping[str, Any] = field(default_factory=dict)
    body: str | None = None  # Markdown of a document
    source: str | None = None  # repository path of that document


@dataclass(frozen=True)
class Site:
    office: Mapping[str, str]
    nav: tuple[NavItem, ...]
    pages: tuple[Page, ...]
    published: Mapping[str, str]  # document id -> page
    warnings: tuple[str, ...] = ()
    draft: bool = False  # qms render bip --draft: every page says PROJEKT


@dataclass(frozen=True)
class SiteInput:
    repo: Repository
    histories: Mapping[str, DocumentHistory]  # by document id
    file_changes: Mapping[str, list[Change]]  # by repository path (qms.yaml …)
    releases: Mapping[str, Release] = field(default_factory=dict)  # from `qms release`
    pdfs: Mapping[str, int] = field(default_factory=dict)  # document id -> PDF size in bytes
    # earlier editions of documents in force, their texts as the register keeps them: each
    # stays published on a page of its own (an archive), linked from the current page
    archived: Mapping[str, tuple[Archived, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Archived:
    """An earlier edition of a document: the document as it read then, and its dates."""

    edition: str
    in_force: str  # YYYY-MM-DD
    until: str  # YYYY-MM-DD
    document: Document  # read from the blob the register keeps

    def href(self, doc_id: str) -> str:
        return f"{doc_id}-wydanie-{self.edition}.html"


def published_documents(repo: Repository) -> tuple[list[Document], list[str]]:
    """Documents that go to the BIP, and warnings about public ones that cannot."""
    docs, warnings = [], []
    for doc in repo.documents:
        if doc.meta.get("public") is not True:
            continue
        if not is_valid_id(doc.id) or doc.type not in DOC_TYPES:
            warnings.append(f"{doc.path}: niepoprawny identyfikator lub typ — pominięto w BIP")
            continue
        if doc.status != "active":
            continue
        docs.append(doc)
    docs.sort(key=lambda d: (list(DOC_TYPES).index(d.type), polish_key(d.title), d.id))
    return docs, warnings


def build_site(inp: SiteInput) -> Site:
    repo, config = inp.repo, inp.repo.config
    docs, warnings = published_documents(repo)
    published = {d.id: f"{d.id}.html" for d in docs}
    titles = {d.id: d.title for d in docs}
    config_changes = merge_changes(inp.file_changes.get(p, []) for p in CONFIG_SOURCES)
    all_changes = merge_changes(
        [config_changes, *(inp.histories[d.id].changes for d in docs if d.id in inp.histories)]
    )
    missing = [d.id for d in docs if not _doc_changes(inp, d)]
    if missing:
        warnings.append(
            "dokumenty bez historii w git (metryczka bez dat): " + ", ".join(sorted(missing))
        )

    def site_meta(changes: list[Change]) -> Metryczka:
        return metryczka(config, changes, document=False)

    policies = [d for d in docs if d.type == "policy"]
    cards = [d for d in docs if d.type == "service-card"]
    others = [d for d in docs if d.type != "service-card"]
    card_changes = merge_changes(
        [
            *(inp.file_changes.get(p, []) for p in SERVICE_SOURCES),
            *(_doc_changes(inp, d) for d in cards),
        ]
    )
    pages = [
        Page(
            HOME,
            "home.html",
            "System Zarządzania Jakością",
            "home",
            site_meta(all_changes),
            {
                "counts": _counts(docs),
                "certificate": bip_views.certificate(config),
                "policy": published.get(policies[0].id) if policies else None,
            },
        ),
        Page(
            SERVICES,
            "services.html",
            "Karty usług według komórek organizacyjnych",
            "services",
            site_meta(card_changes),
            {"groups": by_unit(repo, cards)},
        ),
        Page(
            SERVICES_AZ,
            "services_az.html",
            "Karty usług od A do Z",
            "services_az",
            site_meta(card_changes),
            {"letters": by_letter(repo, cards)},
        ),
        Page(
            DOCUMENTS,
            "documents.html",
            "Dokumenty Systemu Zarządzania Jakością",
            "documents",
            site_meta(merge_changes(_doc_changes(inp, d) for d in others)),
            {"groups": by_type(others)},
        ),
        Page(
            REGISTER,
            "register.html",
            "Rejestr dokumentów obowiązujących",
            "register",
            site_meta(merge_changes(_doc_changes(inp, d) for d in docs)),
            {"rows": [_register_row(d, inp) for d in docs]},
        ),
        Page(
            CERTIFICATE,
            "certificate.html",
            "Certyfikat Systemu Zarządzania Jakością",
            "certificate",
            site_meta(config_changes),
            {"certificate": bip_views.certificate(config)},
        ),
        Page(
            STATEMENT,
            "statement.html",
            "Deklaracja dostępności",
            "statement",
            site_meta(config_changes),
            {"a11y": bip_views.statement(config)},
        ),
    ]
    pages += [_document_page(inp, d, published, titles) for d in docs]
    pages += [page for d in docs for page in _archived_pages(inp, d, published, titles)]
    nav = [
        NavItem("home", "Strona główna", HOME),
        *([NavItem("policy", "Polityka Jakości", published[policies[0].id])] if policies else []),
        NavItem("certificate", "Certyfikat", CERTIFICATE),
        NavItem("services", "Karty usług", SERVICES),
        NavItem("services_az", "Usługi od A do Z", SERVICES_AZ),
        NavItem("documents", "Dokumenty", DOCUMENTS),
        NavItem("register", "Rejestr dokumentów", REGISTER),
        NavItem("statement", "Deklaracja dostępności", STATEMENT),
    ]
    return Site(_office(config), tuple(nav), tuple(pages), published, tuple(warnings))


def _office(config: Mapping[str, Any]) -> dict[str, str]:
    office = section(config, "office")
    return {
        "name": text(office.get("name"), "Urząd"),
        "address": text(office.get("address")),
        "email": text(office.get("email")),
        "phone": text(office.get("phone")),
    }


def _doc_changes(inp: SiteInput, doc: Document) -> list[Change]:
    history = inp.histories.get(doc.id)
    return list(history.changes) if history else []


def _document_page(
    inp: SiteInput, doc: Document, published: Mapping[str, str], titles: Mapping[str, str]
) -> Page:
    repo = inp.repo
    history = inp.histories.get(doc.id)
    release = inp.releases.get(doc.id)

    def link(doc_id: str) -> str | None:
        return published.get(doc_id)

    data: dict[str, Any] = {
        "id": doc.id,
        "type": DOC_TYPES[doc.type].name,
        "owner": owner_title(repo, doc.owner) or "",
        "process": bip_views.linked_ids(doc.refs("process"), link, titles),
        "related": bip_views.linked_ids(doc.refs("related"), link, titles),
        "forms": bip_views.linked_ids(doc.refs("forms"), link, titles),
        "procedure": bip_views.linked_ids(doc.refs("procedure"), link, titles),
        "clauses": bip_views.strings(doc.meta.get("clauses")),
        "edition": release.edition if release else None,
        "in_force": _in_force(doc, release),
        "pdf": {"href": f"{doc.id}.pdf", "size": _size(inp.pdfs[doc.id])}
        if doc.id in inp.pdfs
        else None,
    }
    data["archived"] = None  # an archived page (an earlier edition) says which, below
    data["earlier"] = [
        {
            "edition": a.edition,
            "from": bip_views.date_pl(a.in_force),
            "until": bip_views.date_pl(a.until),
            "href": a.href(doc.id),
        }
        for a in inp.archived.get(doc.id, ())
    ]
    template = "document.html"
    if doc.type == "service-card":
        template = "service_card.html"
        data["card"] = bip_views.service_card(repo, doc, link, titles)
    meta = metryczka(
        repo.config,
        list(history.changes) if history else [],
        produced_by=owner_title(repo, doc.owner),
        release=release,
        signatures=history.current_signatures() if history else (),
    )
    nav = "services" if doc.type == "service-card" else "documents"
    if doc.type == "policy":
        nav = "policy"
    return Page(published[doc.id], template, doc.title, nav, meta, data, doc.body, doc.path)


def _archived_pages(
    inp: SiteInput, doc: Document, published: Mapping[str, str], titles: Mapping[str, str]
) -> list[Page]:
    """The earlier editions of ``doc``, each a page of its own: its text then, its dates,
    a note that it is not in force, and a link to the edition in force."""
    pages = []
    for old in inp.archived.get(doc.id, ()):
        archive = SiteInput(inp.repo, {}, {}, {}, {})
        page = _document_page(
            archive, old.document, {**published, doc.id: old.href(doc.id)}, titles
        )
        data = {
            **page.data,
            "edition": old.edition,
            "in_force": bip_views.date_pl(old.in_force),
            "pdf": None,
            "earlier": [],
            "archived": {
                "edition": old.edition,
                "from": bip_views.date_pl(old.in_force),
                "until": bip_views.date_pl(old.until),
                "current": published[doc.id],
            },
        }
        title = f"{old.document.title} (wydanie {old.edition}, archiwalne)"
        made = Release(old.edition, old.in_force, dt.date.fromisoformat(old.in_force))
        meta = replace(
            metryczka(
                inp.repo.config, [], produced_by=owner_title(inp.repo, doc.owner), release=made
            ),
            published_note=f"wydanie {old.edition}, obowiązywało od "
            f"{bip_views.date_pl(old.in_force)} do {bip_views.date_pl(old.until)}",
        )
        pages.append(
            Page(
                old.href(doc.id),
                page.template,
                title,
                page.nav,
                meta,
                data,
                old.document.body,
                old.document.path,
            )
        )
    return pages


def _size(size: int) -> str:
    return f"{max(1, round(size / 1024))} KB"


def _counts(docs: list[Document]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for doc in docs:
        counts[doc.type] = counts.get(doc.type, 0) + 1
    return counts


def _in_force(doc: Document, release: Release | None) -> str | None:
    """The day a document is in force from: its edition's release, but an order's own day of
    entry into force (a legal act is in force from what it says, not from a QMS release)."""
    if doc.type == "order":
        day = order_dates(doc.meta).in_force
        return bip_views.date_pl(day.isoformat()) if day else None
    return bip_views.date_pl(release.in_force) if release else None


def _register_row(doc: Document, inp: SiteInput) -> dict[str, Any]:
    release = inp.releases.get(doc.id)
    changes = _doc_changes(inp, doc)
    return {
        "id": doc.id,
        "title": doc.title,
        "href": f"{doc.id}.html",
        "type": DOC_TYPES[doc.type].name,
        "edition": release.edition if release else None,
        "in_force": _in_force(doc, release),
        "changed": bip_views.date_pl(changes[-1].when.date().isoformat()) if changes else None,
    }
