"""The transition to a new edition of ISO 9001: which of its new or changed requirements the
office's documents address today (from their ``clauses:`` and text), and when the transition
period ends. Pure: documents and editions in, data out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from qms_cli.model.clauses import Requirement
from qms_cli.model.dates import add_months, as_date
from qms_cli.model.repository import Repository

COVERED = "covered"
MISSING = "missing"
UNKNOWN = "unknown"  # a document's text was not read (qms check keeps only the Policy's)
STATES_PL = {COVERED: "spełnione", MISSING: "brak", UNKNOWN: "nie sprawdzono treści"}
NEAR_MONTHS = 12  # the end of the transition period this close warns


@dataclass(frozen=True)
class DocView:
    """What the comparison needs of a document; ``body`` None when its text was not read."""

    id: str
    type: str
    clauses: tuple[str, ...]
    body: str | None


@dataclass(frozen=True)
class Coverage:
    requirement: Requirement
    state: str  # covered | missing | unknown
    documents: tuple[str, ...]  # the documents that address it (or would, by clause and type)
    missing: str  # Polish: what is missing; "" when covered


def doc_views(repo: Repository) -> list[DocView]:
    """The documents in force (not withdrawn), with their text where it was read."""
    read = {s.path: s.body_loaded for s in repo.of_kind("document")}
    return [
        DocView(d.id, d.type, tuple(d.refs("clauses")), d.body if read.get(d.path) else None)
        for d in repo.documents
        if d.status != "withdrawn"
    ]


def _cites(cited: Sequence[str], wanted: Sequence[str]) -> bool:
    return any(c == w or c.startswith(w + ".") for c in cited for w in wanted)


def coverage(
    requirement: Requirement,
    documents: Sequence[DocView],
    mapped: Callable[[str], tuple[str, ...]] | None = None,
) -> Coverage:
    """Whether ``documents`` address ``requirement``. ``mapped`` turns a clause a document
    cites into the requirement's edition (documents of a 2015 office cite 2015 clauses)."""

    def cited(doc: DocView) -> tuple[str, ...]:
        if mapped is None:
            return doc.clauses
        return tuple(t for c in doc.clauses for t in mapped(c))

    found = [d for d in documents if not requirement.types or d.type in requirement.types]
    if requirement.clauses:
        found = [d for d in found if _cites(cited(d), requirement.clauses)]
    ids = tuple(d.id for d in found)
    if not found:
        if requirement.clauses:
            wanted = ", ".join(requirement.clauses)
            return Coverage(
                requirement, MISSING, (), f"żaden dokument nie powołuje się na pkt {wanted}"
            )
        kinds = ", ".join(requirement.types)
        return Coverage(requirement, MISSING, (), f"brak dokumentu typu {kinds}")
    if not requirement.keywords:
        return Coverage(requirement, COVERED, ids, "")
    read = [d for d in found if d.body is not None]
    stems = [k.casefold() for k in requirement.keywords]
    if any(all(s in (d.body or "").casefold() for s in stems) for d in read):
        return Coverage(requirement, COVERED, ids, "")
    if not read:
        return Coverage(requirement, UNKNOWN, ids, "")
    words = ", ".join(f"„{k}…”" for k in requirement.keywords)
    return Coverage(
        requirement,
        MISSING,
        ids,
        f"{', '.join(d.id for d in read)}: brak w treści słów {words}",
    )


def cap_problem(valid_until: dt.date, transition_until: dt.date) -> str | None:
    """Polish: why a certificate to the old edition cannot stay valid that long."""
    if valid_until <= transition_until:
        return None
    return (
        f"certyfikat jest ważny do {valid_until.isoformat()}, a okres przejściowy kończy się "
        f"{transition_until.isoformat()}: po tym dniu certyfikat na poprzednie wydanie normy "
        "traci ważność, jeżeli urząd nie przejdzie auditu przejścia"
    )


def near_end(today: dt.date, transition_until: dt.date) -> bool:
    """The transition period ends within ``NEAR_MONTHS`` (or has ended)."""
    return add_months(today, NEAR_MONTHS) >= transition_until


@dataclass(frozen=True)
class TransitionPlan:
    """``records/transition/plan-<standard>.yaml`` as the management review reads it."""

    path: str
    standard: str | None
    prepared: dt.date | None
    transition_until: dt.date | None
    requirements: tuple[tuple[str, str], ...]  # (id, state) of every requirement listed

    @property
    def open_ids(self) -> list[str]:
        return [ident for ident, state in self.requirements if state != COVERED]


def parse_plan(path: str, data: Any) -> TransitionPlan:
    meta = data if isinstance(data, dict) else {}
    listed = meta.get("requirements")
    items = [i for i in listed if isinstance(i, dict)] if isinstance(listed, list) else []
    standard = meta.get("standard")
    return TransitionPlan(
        path,
        str(standard) if standard else None,
        as_date(meta.get("prepared")),
        as_date(meta.get("transition_until")),
        tuple((str(i.get("id")), str(i.get("state"))) for i in items),
    )
