"""The lists of the BIP site: service cards by unit and from A to Z, documents by type,
in Polish alphabetical order. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qms_cli.model.doctypes import DOC_TYPES
from qms_cli.model.documents import Document
from qms_cli.model.repository import Repository
from qms_cli.render.bip_metadata import text

_ALPHABET = "aąbcćdeęfghijklłmnńoóprsśtuvwxyzźż"
_ORDER = {c: i for i, c in enumerate(_ALPHABET)}


def polish_key(value: str) -> tuple[int, ...]:
    """Sort key in Polish alphabetical order (ą after a, ł after l …)."""
    return tuple(_ORDER.get(c, 100 + ord(c)) for c in value.casefold())


def entry(doc: Document, units: Mapping[str, str]) -> dict[str, str]:
    unit_id = text(doc.meta.get("unit"))
    return {
        "id": doc.id,
        "title": doc.title,
        "href": f"{doc.id}.html",
        "unit": units.get(unit_id, unit_id),
    }


def by_unit(repo: Repository, cards: list[Document]) -> list[dict[str, Any]]:
    units = repo.unit_names()
    order = list(units)
    groups: dict[str, list[dict[str, str]]] = {}
    for doc in cards:
        groups.setdefault(text(doc.meta.get("unit")), []).append(entry(doc, units))
    ranked = sorted(groups, key=lambda u: (order.index(u) if u in order else len(order), u))
    return [
        {
            "unit": units.get(u, u or "Pozostałe sprawy"),
            "anchor": f"komorka-{n}",
            "cards": sorted(groups[u], key=lambda e: polish_key(e["title"])),
        }
        for n, u in enumerate(ranked, 1)
    ]


def by_letter(repo: Repository, cards: list[Document]) -> list[dict[str, Any]]:
    units = repo.unit_names()
    letters: dict[str, list[dict[str, str]]] = {}
    for doc in sorted(cards, key=lambda d: (polish_key(d.title), d.id)):
        first = doc.title.strip()[:1].upper() or "#"
        letters.setdefault(first if first.isalpha() else "#", []).append(entry(doc, units))
    return [
        {"letter": letter, "anchor": f"litera-{n}", "cards": entries}
        for n, (letter, entries) in enumerate(letters.items(), 1)
    ]


def by_type(docs: list[Document]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, str]]] = {}
    for doc in docs:
        groups.setdefault(doc.type, []).append(
            {"id": doc.id, "title": doc.title, "href": f"{doc.id}.html"}
        )
    return [{"label": DOC_TYPES[t].group, "docs": groups[t]} for t in DOC_TYPES if t in groups]
