"""BIP metadata (metryczka) and change register (rejestr zmian) of a page. Pure.

Everything comes from git history and the office's configuration, never from the clock and never
typed by hand:

- produced by (wytworzył): the title of the document owner's position or role, else
  ``bip.produced_by``;
- entered by (wprowadził): ``bip.entered_by``, else the author of the last change;
- date produced: the first commit of the page's sources;
- date published: the release date of the document when ``qms release`` supplies one,
  until then the date of the last commit;
- change register: one row per commit that changed a source of the page. The commit message is
  shown only with ``bip.commit_messages: true`` (a message may mention what is not public).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from qms_cli.model.history import MEANINGS_PL, Change, Signature
from qms_cli.model.repository import Repository
from qms_cli.model.typography import format_date_pl, format_datetime_pl

DEFAULT_LABELS = {
    "publisher": "Podmiot udostępniający informację",
    "produced_by": "Informację wytworzył",
    "entered_by": "Informację wprowadził",
    "produced": "Data wytworzenia",
    "published": "Data udostępnienia",
    "changes": "Rejestr zmian",
}
UNKNOWN = "brak w historii repozytorium (plik nie został zatwierdzony w git)"


@dataclass(frozen=True)
class Release:
    """What ``qms release`` knows about a document in force; passed in, never guessed."""

    edition: str
    in_force: str  # YYYY-MM-DD
    released: dt.datetime | dt.date  # the release of this edition (its day when older)
    released_by: str = ""  # the release signer, "Imię Nazwisko, stanowisko"
    earlier: tuple[EarlierEdition, ...] = ()


@dataclass(frozen=True)
class EarlierEdition:
    edition: str
    in_force: str  # YYYY-MM-DD
    until: str  # YYYY-MM-DD
    released_by: str = ""


@dataclass(frozen=True)
class ChangeRow:
    when: str
    iso: str
    entered_by: str
    kind: str
    description: str | None
    commit: str


@dataclass(frozen=True)
class SignatureRow:
    meaning: str
    name: str
    position: str
    when: str


@dataclass(frozen=True)
class Metryczka:
    labels: Mapping[str, str]
    publisher: str
    produced_by: str
    entered_by: str
    produced: str
    produced_iso: str | None
    published: str
    published_iso: str | None
    published_note: str
    changes: tuple[ChangeRow, ...]
    signatures: tuple[SignatureRow, ...] = ()


def section(config: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = config.get(key)
    return value if isinstance(value, dict) else {}


def text(value: Any, default: str = "") -> str:
    """A scalar from YAML as text; anything else (lists, mappings, null) as ``default``."""
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        return default
    return str(value).strip() or default


def owner_title(repo: Repository, owner: str | None) -> str | None:
    """The public title behind an owner id: the position's title, or the role's name with the
    titles of the positions that hold it."""
    if not owner:
        return None
    for _, _, item in repo.items("structure", "positions"):
        if item.get("id") == owner:
            return text(item.get("title")) or None
    for _, _, item in repo.items("structure", "roles"):
        if item.get("id") == owner:
            name = text(item.get("name"))
            holders = [
                t for p in sorted(repo.positions_of_role(owner)) if (t := owner_title(repo, p))
            ]
            if name and holders:
                return f"{name} ({', '.join(holders)})"
            return name or None
    return None


def merge_changes(groups: Iterable[Iterable[Change]]) -> list[Change]:
    """Commits of several sources as one chronological list, each commit once."""
    seen: dict[str, Change] = {}
    for changes in groups:
        for change in changes:
            seen.setdefault(change.commit, change)
    return sorted(seen.values(), key=lambda c: (c.when, c.commit))


def metryczka(
    config: Mapping[str, Any],
    changes: list[Change],
    produced_by: str | None = None,
    release: Release | None = None,
    signatures: Iterable[Signature] = (),
    document: bool = True,
) -> Metryczka:
    bip = section(config, "bip")
    office = text(section(config, "office").get("name"))
    labels = {
        **DEFAULT_LABELS,
        **{k: text(v) for k, v in section(bip, "labels").items() if text(v)},
    }
    entered_fixed = text(bip.get("entered_by")) or None
    first, last = (changes[0], changes[-1]) if changes else (None, None)
    rows = tuple(
        ChangeRow(
            when=format_datetime_pl(c.when),
            iso=c.when.isoformat(),
            entered_by=entered_fixed or c.author,
            kind="utworzenie" if index == 0 else "aktualizacja",
            description=c.summary if bip.get("commit_messages") is True else None,
            commit=c.commit[:10],
        )
        for index, c in enumerate(changes)
    )
    signed = tuple(signatures)
    if release is not None:
        published_at: dt.datetime | dt.date | None = release.released
        note = f"wydanie {release.edition}, obowiązuje od {format_date_pl(release.in_force)}"
        rows = edition_rows(release, entered_fixed)
    else:
        published_at = last.when if last else None
        note = "data ostatniej zmiany"
        if document:
            note += "; dokument nie ma jeszcze wydania (qms release)"
    approver = next((s for s in reversed(signed) if s.meaning == "approval"), None)
    released_by = release.released_by if release is not None else ""
    return Metryczka(
        labels=labels,
        publisher=text(bip.get("publisher")) or office or "—",
        produced_by=_person(approver.name, approver.position)
        if approver is not None
        else produced_by or text(bip.get("produced_by")) or office or "—",
        entered_by=released_by or entered_fixed or (last.author if last else "—"),
        produced=format_datetime_pl(first.when) if first else UNKNOWN,
        produced_iso=first.when.isoformat() if first else None,
        published=_moment(published_at) if published_at else UNKNOWN,
        published_iso=published_at.isoformat() if published_at else None,
        published_note=note,
        changes=rows,
        signatures=tuple(
            SignatureRow(
                meaning=MEANINGS_PL.get(s.meaning, s.meaning),
                name=s.name,
                position=s.position,
                when=format_datetime_pl(s.when),
            )
            for s in signed
        ),
    )


def _person(name: str, position: str) -> str:
    return f"{name}, {position}" if position else name


def _moment(value: dt.datetime | dt.date) -> str:
    """A release's time when this release made it; an earlier release's day."""
    return format_datetime_pl(value) if isinstance(value, dt.datetime) else format_date_pl(value)


def edition_rows(release: Release, entered_fixed: str | None) -> tuple[ChangeRow, ...]:
    """The change register of a released document: one row per edition, each entered by
    the person who signed its release (the office's fixed ``bip.entered_by`` only where the
    register does not say)."""
    editions = [(e.edition, e.in_force, e.until, e.released_by) for e in release.earlier] + [
        (release.edition, release.in_force, "", release.released_by)
    ]
    return tuple(
        ChangeRow(
            when=format_date_pl(in_force),
            iso=in_force,
            entered_by=by or entered_fixed or "—",
            kind=f"wydanie {edition}"
            + (f" (obowiązywało do {format_date_pl(until)})" if until else " (obowiązuje)"),
            description=None,
            commit="",
        )
        for edition, in_force, until, by in editions
    )
