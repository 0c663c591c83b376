"""What waits for whose signature (``qms pending``). Pure: no I/O.

A step of the approval matrix is unmet when no valid approval that fits it names the current
text; the people who may give it are the registry's signers who hold one of its ``by`` (the
document's owner resolved), less the authors of the text (four eyes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from qms_cli.model.approvals import Approval
from qms_cli.model.signers import Registry, Signer
from qms_cli.model.trust.walk import DocInfo, Step


@dataclass(frozen=True)
class Waiting:
    """One signature a person could give now."""

    doc_id: str
    title: str
    path: str
    meaning: str  # review | approval
    since: str  # the commit that wrote the current text ("" when not known)
    since_when: dt.datetime | None
    changed_by: str  # who wrote it: registry names, else the git author "(wg git)"
    stale: bool  # an earlier text had this signature


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    position: str
    roles: frozenset[str]
    waiting: tuple[Waiting, ...]


def unmet(
    steps: Iterable[Step], doc: DocInfo, approvals: list[Approval]
) -> list[tuple[Step, bool]]:
    """(step, stale) for each step the current text lacks; stale: an earlier text had it."""
    out = []
    for step in steps:
        fits = [
            a
            for a in approvals
            if a.valid
            and a.meaning == step.meaning
            and step.held(a.roles, a.position, doc.owner, doc.parties)
        ]
        if not any(a.blob == doc.current_blob for a in fits):
            out.append((step, bool(fits)))
    return out


def signers_for(step: Step, doc: DocInfo, registry: Registry, authors: set[str]) -> list[Signer]:
    """Who may give this signature: holds the role, has a usable key, did not write the text."""
    return [
        s
        for s in registry.signers
        if step.held(s.roles, s.position, doc.owner, doc.parties)
        and any(not k.revoked for k in s.keys)
        and not (registry.same_person(s.id) & authors)
    ]


def by_person(registry: Registry, found: dict[str, list[Waiting]]) -> list[Person]:
    """Every person of the registry, in its order, with what waits for them."""
    return [
        Person(s.id, s.name, s.position, s.roles, tuple(found.get(s.id, [])))
        for s in registry.signers
    ]
