"""The register of documents in force (wykaz dokumentów obowiązujących) and release planning.

``register.yaml`` is written only by ``qms release``: documents never carry their edition or
date in force, so a release never changes approved bytes. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

NEW, CHANGED, WITHDRAWN = "nowy", "zmiana", "wycofanie"


@dataclass(frozen=True)
class SignatureRef:
    """An approval as the register keeps it (the signature manifestation, 21 CFR 11.50)."""

    meaning: str
    name: str
    position: str
    fingerprint: str
    commit: str
    when: str  # ISO date-time with zone


@dataclass(frozen=True)
class Superseded:
    edition: int
    in_force: str
    until: str
    blob: str
    release: str


@dataclass(frozen=True)
class Entry:
    """A document in force: its edition and the exact text (blob) that edition is."""

    id: str
    title: str
    type: str
    path: str
    edition: int
    in_force: str
    blob: str
    release: str
    public: bool = False
    approvals: tuple[SignatureRef, ...] = ()
    superseded: tuple[Superseded, ...] = ()

    def texts(self) -> tuple[tuple[str, str], ...]:
        """(blob, edition number) of every edition of the document, this one last."""
        older = tuple((s.blob, str(s.edition)) for s in self.superseded)
        return (*older, (self.blob, str(self.edition)))


@dataclass(frozen=True)
class Withdrawn:
    id: str
    title: str
    edition: int
    in_force: str
    withdrawn: str
    blob: str
    release: str


@dataclass(frozen=True)
class Change:
    """One line of the change log (rejestr zmian)."""

    release: str
    date: str
    id: str
    edition: int
    change: str  # nowy | zmiana | wycofanie
    summary: str


@dataclass(frozen=True)
class Release:
    id: str
    date: str
    tag: str
    commit_of_sources: str  # the commit whose documents this release published
    # who put it on the BIP (art. 8 ust. 6 u.d.i.p.): the release signer, "Imię Nazwisko,
    # stanowisko"; empty in registers written before qms recorded it
    released_by: str = ""


@dataclass(frozen=True)
class Register:
    releases: tuple[Release, ...] = ()
    documents: tuple[Entry, ...] = ()
    withdrawn: tuple[Withdrawn, ...] = ()
    changes: tuple[Change, ...] = ()

    def entry(self, doc_id: str) -> Entry | None:
        return next((e for e in self.documents if e.id == doc_id), None)

    @property
    def last(self) -> Release | None:
        return self.releases[-1] if self.releases else None


@dataclass(frozen=True)
class Candidate:
    """A document as it is now, offered to a release."""

    id: str
    title: str
    type: str
    path: str
    status: str
    blob: str
    public: bool
    approvals: tuple[SignatureRef, ...] = ()
    summary: str = ""  # what changed, from the commits since the last release


@dataclass(frozen=True)
class Planned:
    id: str
    title: str
    change: str  # nowy | zmiana | wycofanie
    old_edition: int | None
    new_edition: int | None
    approvals: tuple[SignatureRef, ...] = ()


@dataclass(frozen=True)
class Plan:
    release: Release
    register: Register
    items: list[Planned] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.items


def release_id(date: dt.date, register: Register) -> str:
    """``2026-12``; a second release in the same month is ``2026-12-2`` and so on."""
    base = f"{date:%Y-%m}"
    taken = {r.id for r in register.releases}
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def plan_release(
    register: Register,
    candidates: Iterable[Candidate],
    date: dt.date,
    sources: str,
    released_by: str = "",
) -> Plan:
    """What a release on ``date`` changes: new and changed documents in force get the next
    edition, the previous edition is kept as superseded, withdrawn or deleted ones leave."""
    rid = release_id(date, register)
    release = Release(rid, date.isoformat(), f"release/{rid}", sources, released_by)
    day_before = (date - dt.timedelta(days=1)).isoformat()
    current = {c.id: c for c in candidates}
    entries: list[Entry] = []
    withdrawn = list(register.withdrawn)
    items: list[Planned] = []
    for old in register.documents:
        now = current.get(old.id)
        if now is None or now.status == "withdrawn":
            withdrawn.append(
                Withdrawn(
                    old.id, old.title, old.edition, old.in_force, date.isoformat(), old.blob, rid
                )
            )
            items.append(Planned(old.id, old.title, WITHDRAWN, old.edition, None))
        elif now.status == "active" and now.blob != old.blob:
            gone = Superseded(old.edition, old.in_force, day_before, old.blob, old.release)
            entries.append(_entry(now, old.edition + 1, date, rid, (*old.superseded, gone)))
            items.append(
                Planned(now.id, now.title, CHANGED, old.edition, old.edition + 1, now.approvals)
            )
        else:
            entries.append(old)
    released = {e.id for e in register.documents}
    for now in current.values():
        if now.status == "active" and now.id not in released:
            entries.append(_entry(now, 1, date, rid, ()))
            items.append(Planned(now.id, now.title, NEW, None, 1, now.approvals))
    summaries = {c.id: c.summary for c in current.values()}
    changes = [
        Change(
            rid,
            date.isoformat(),
            i.id,
            i.new_edition or i.old_edition or 0,
            i.change,
            summaries.get(i.id, "") if i.change != WITHDRAWN else "wycofanie dokumentu",
        )
        for i in items
    ]
    new_register = Register(
        releases=(*register.releases, release) if items else register.releases,
        documents=tuple(sorted(entries, key=lambda e: e.id)),
        withdrawn=tuple(withdrawn),
        changes=(*register.changes, *changes),
    )
    return Plan(release, new_register, sorted(items, key=lambda i: i.id))


def _entry(
    now: Candidate, edition: int, date: dt.date, rid: str, superseded: tuple[Superseded, ...]
) -> Entry:
    return Entry(
        now.id,
        now.title,
        now.type,
        now.path,
        edition,
        date.isoformat(),
        now.blob,
        rid,
        now.public,
        now.approvals,
        superseded,
    )


# --- to and from plain data (register.yaml) ----------------------------------------------------


def to_data(register: Register) -> dict[str, Any]:
    return {
        "releases": [_release_data(r) for r in register.releases],
        "documents": [_entry_data(e) for e in register.documents],
        "withdrawn": [vars(w) for w in register.withdrawn],
        "changes": [vars(c) for c in register.changes],
    }


def _release_data(release: Release) -> dict[str, Any]:
    data = dict(vars(release))
    if not data["released_by"]:  # a register written before it was recorded stays as it was
        del data["released_by"]
    return data


def _entry_data(entry: Entry) -> dict[str, Any]:
    data = dict(vars(entry))
    data["approvals"] = [vars(a) for a in entry.approvals]
    data["superseded"] = [vars(s) for s in entry.superseded]
    return data


def from_data(data: Any) -> Register:
    """Read register.yaml data; anything malformed raises ValueError (the caller reports it)."""
    if not data:
        return Register()
    if not isinstance(data, dict):
        raise ValueError("register.yaml nie jest mapowaniem")
    try:
        return Register(
            releases=tuple(Release(**r) for r in data.get("releases") or []),
            documents=tuple(_entry_from(e) for e in data.get("documents") or []),
            withdrawn=tuple(Withdrawn(**w) for w in data.get("withdrawn") or []),
            changes=tuple(Change(**c) for c in data.get("changes") or []),
        )
    except TypeError as exc:
        raise ValueError(f"register.yaml ma nieoczekiwaną postać: {exc}") from None


def _entry_from(data: dict[str, Any]) -> Entry:
    entry = Entry(**{k: v for k, v in data.items() if k not in ("approvals", "superseded")})
    return replace(
        entry,
        approvals=tuple(SignatureRef(**a) for a in data.get("approvals") or []),
        superseded=tuple(Superseded(**s) for s in data.get("superseded") or []),
    )
