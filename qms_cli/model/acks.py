"""Distribution of documents and acknowledgements (ISO 9001 7.3, 7.5.3.1): who must read each
edition in force, and who has not yet. Pure.

- whom a document concerns: its ``concerns`` (``all``, ``none`` or units / positions /
  roles), else the default of its type in ``acknowledgement.concerns`` of qms.yaml, else the
  built-in default (a job description: the holders of its position; forms and service cards:
  nobody; the rest: everybody);
- people: ``org/people.yaml`` (id and positions; a person on positions of two units is one
  person);
- the edition in force: ``register.yaml`` (a document never released has none, so nobody has
  to read it yet);
- acknowledgements: ``records/acks/<document>.yaml``, person id, edition and date only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from qms_cli.model.calendar import parse_date
from qms_cli.model.documents import Document
from qms_cli.model.due import DueItem
from qms_cli.model.register import Entry
from qms_cli.model.repository import Repository

DEFAULT_PERIOD_DAYS = 14
BUILT_IN = {"form": "none", "service-card": "none"}  # the rest: all; job-description: below
ACKS_DIR = "records/acks"


@dataclass(frozen=True)
class Person:
    id: str
    positions: frozenset[str]
    units: frozenset[str]
    roles: frozenset[str]


@dataclass(frozen=True)
class Ack:
    person: str
    document: str
    edition: int
    date: dt.date


@dataclass(frozen=True)
class Missing:
    """A person who has not acknowledged the edition in force of a document."""

    person: str
    document: str
    edition: int
    since: dt.date  # the edition's date in force
    days: int  # since then, as of today
    overdue: bool  # past the period of qms.yaml


def people(repo: Repository) -> dict[str, Person]:
    """Everyone in org/people.yaml, with the units of their positions and their roles."""
    unit_of = {
        str(p["id"]): str(p.get("unit"))
        for _, _, p in repo.items("structure", "positions")
        if "id" in p
    }
    roles_of: dict[str, set[str]] = {}
    for _, _, role in repo.items("structure", "roles"):
        for position in role.get("positions") or []:
            roles_of.setdefault(str(position), set()).add(str(role.get("id")))
    out: dict[str, Person] = {}
    for _, _, item in repo.items("people", "people"):
        person_id = item.get("id")
        if not isinstance(person_id, str):
            continue
        held = frozenset(str(p) for p in item.get("positions") or [] if isinstance(p, str))
        known = out.get(person_id)  # listed twice: one person, positions together
        if known is not None:
            held |= known.positions
        out[person_id] = Person(
            person_id,
            held,
            frozenset(unit_of[p] for p in held if p in unit_of),
            frozenset(r for p in held for r in roles_of.get(p, ())),
        )
    return out


def concerns_of(doc: Document, config: Mapping[str, Any]) -> Any:
    """The document's ``concerns``, else its type's default from qms.yaml, else built in."""
    own = doc.meta.get("concerns")
    if own is not None:
        return own
    section = config.get("acknowledgement")
    defaults = section.get("concerns") if isinstance(section, dict) else None
    if isinstance(defaults, dict) and doc.type in defaults:
        return defaults[doc.type]
    if doc.type == "job-description":
        position = doc.meta.get("position")
        return {"positions": [position]} if isinstance(position, str) else "none"
    return BUILT_IN.get(doc.type, "all")


def audience(concerns: Any, staff: Mapping[str, Person]) -> set[str]:
    """Ids of the people a ``concerns`` value names (each person once)."""
    if concerns == "all":
        return set(staff)
    if not isinstance(concerns, dict):
        return set()
    units, positions, roles = (_ids(concerns.get(k)) for k in ("units", "positions", "roles"))
    return {
        p.id
        for p in staff.values()
        if p.units & units or p.positions & positions or p.roles & roles
    }


def _ids(value: Any) -> frozenset[str]:
    return frozenset(str(v) for v in value) if isinstance(value, list) else frozenset()


def acks(repo: Repository) -> list[Ack]:
    found = []
    for source in repo.of_kind("acks"):
        document = source.data.get("document")
        for item in source.data.get("acks") or []:
            if not isinstance(item, dict) or not isinstance(document, str):
                continue
            person, edition, day = item.get("person"), item.get("edition"), item.get("date")
            parsed = parse_date(day)
            if isinstance(person, str) and isinstance(edition, int) and parsed is not None:
                found.append(Ack(person, document, edition, parsed))
    return found


def period_days(config: Mapping[str, Any]) -> int:
    section = config.get("acknowledgement")
    value = section.get("period_days") if isinstance(section, dict) else None
    return (
        value
        if isinstance(value, int) and not isinstance(value, bool) and value > 0
        else (DEFAULT_PERIOD_DAYS)
    )


def missing(repo: Repository, in_force: Iterable[Entry], today: dt.date) -> list[Missing]:
    """Who has not acknowledged the edition in force of each released document, oldest first.
    Editions that come into force after ``today`` are not due yet."""
    staff = people(repo)
    period = period_days(repo.config)
    done = {(a.person, a.document, a.edition) for a in acks(repo)}
    out: list[Missing] = []
    for entry in in_force:
        doc = repo.docs_by_id.get(entry.id)
        since = parse_date(entry.in_force)
        if doc is None or since is None or since > today:
            continue
        days = (today - since).days
        for person in sorted(audience(concerns_of(doc, repo.config), staff)):
            if (person, entry.id, entry.edition) not in done:
                out.append(Missing(person, entry.id, entry.edition, since, days, days > period))
    return sorted(out, key=lambda m: (m.since, m.document, m.person))


def people_pl(count: int) -> str:
    """1 osoba, 2 osoby, 5 osób, 22 osoby (Polish plural of "osoba")."""
    if count == 1:
        return "1 osoba"
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return f"{count} osoby"
    return f"{count} osób"


def due_items(outstanding: Iterable[Missing], period: int) -> list[DueItem]:
    """``qms due``: one duty per edition in force that people have not acknowledged — due
    ``period`` days after it came into force; counts only, never who (no personal data on a
    calendar)."""
    counts: dict[tuple[str, int, dt.date], int] = {}
    for item in outstanding:
        key = (item.document, item.edition, item.since)
        counts[key] = counts.get(key, 0) + 1
    return [
        DueItem(
            "acknowledgement",
            f"Zapoznanie się z {document} (wydanie {edition}): brak potwierdzenia — "
            f"{people_pl(count)}",
            since + dt.timedelta(days=period),
            None,
            f"records/acks/{document}.yaml",
            f"{document}/{edition}",
        )
        for (document, edition, since), count in sorted(counts.items())
    ]
