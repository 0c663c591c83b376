"""Editions of ISO 9001 as data: clauses (titles, audit questions), the requirements an edition
adds or changes, and the map between two editions.

Pure: the data comes as plain mappings (``io/iso.py`` reads the packaged files under
``templates/iso/`` and the office's overrides under ``org/iso/``). An office's entry replaces
the packaged one with the same clause number or requirement id, so the final text of a new
edition can be entered without a qms release.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

EDITION_2015 = "iso9001:2015"
EDITION_2026 = "iso9001:2026"
EDITIONS = (EDITION_2015, EDITION_2026)
DEFAULT_EDITION = EDITION_2015
DRAFT = "draft"


def clause_key(clause: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in clause.split("."))


def edition_file(name: str) -> str:
    """The data file of an edition: ``iso9001:2026`` -> ``iso9001-2026.yaml``."""
    return name.replace(":", "-") + ".yaml"


def edition_name(config: Mapping[str, Any]) -> str:
    """The edition ``qms.yaml`` names (``iso.edition``), 2015 when it names none."""
    iso = config.get("iso")
    name = iso.get("edition") if isinstance(iso, dict) else None
    return name if isinstance(name, str) and name in EDITIONS else DEFAULT_EDITION


def edition_label(name: str) -> str:
    """``iso9001:2026`` -> ``ISO 9001:2026``."""
    return name.replace("iso9001", "ISO 9001")


@dataclass(frozen=True)
class Clause:
    number: str
    title: str
    status: str  # published | final | draft
    descriptive: bool  # the title is qms's (or the office's) description, not the standard's
    question: str | None


@dataclass(frozen=True)
class Requirement:
    """A requirement an edition adds or changes, and how documents are found to address it."""

    id: str
    clause: str
    status: str
    change: str  # new | changed
    summary: str
    clauses: tuple[str, ...] = ()  # a document citing one of these (or a subclause) addresses it
    types: tuple[str, ...] = ()  # only documents of these types
    keywords: tuple[str, ...] = ()  # every stem must occur in such a document's text

    @property
    def draft(self) -> bool:
        return self.status == DRAFT


@dataclass(frozen=True)
class Edition:
    name: str
    standard: str
    status: str
    note: str
    clauses: tuple[Clause, ...]
    requirements: tuple[Requirement, ...] = ()
    _by_number: dict[str, Clause] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_number.update({c.number: c for c in self.clauses})

    @property
    def label(self) -> str:
        return edition_label(self.name)

    @property
    def draft(self) -> bool:
        return self.status == DRAFT

    @property
    def numbers(self) -> list[str]:
        return [c.number for c in self.clauses]

    def clause(self, number: str) -> Clause | None:
        return self._by_number.get(number)

    def knows(self, number: str) -> bool:
        return number in self._by_number

    def question_for(self, number: str) -> str:
        """The audit question for a clause (or its nearest parent that has one)."""
        parts = number.split(".")
        while parts:
            found = self._by_number.get(".".join(parts))
            if found is not None and found.question:
                return found.question
            parts.pop()
        return f"Czy wymagania pkt {number} normy {self.label} są spełnione w auditowanym obszarze?"


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _clause(item: Mapping[str, Any], status: str) -> Clause:
    question = item.get("question")
    return Clause(
        number=str(item["number"]),
        title=str(item.get("title", "")),
        status=str(item.get("status") or status),
        descriptive=bool(item.get("descriptive", False)),
        question=str(question) if question else None,
    )


def _requirement(item: Mapping[str, Any], status: str) -> Requirement:
    cover = item.get("cover")
    cover = cover if isinstance(cover, dict) else {}
    return Requirement(
        id=str(item["id"]),
        clause=str(item.get("clause", "")),
        status=str(item.get("status") or status),
        change=str(item.get("change") or "changed"),
        summary=" ".join(str(item.get("summary", "")).split()),
        clauses=_strings(cover.get("clauses")),
        types=_strings(cover.get("types")),
        keywords=_strings(cover.get("keywords")),
    )


def _merged(packaged: Iterable[Any], office: Iterable[Any], key: str) -> list[Mapping[str, Any]]:
    """The packaged entries with the office's replacing those of the same key; new ones
    appended."""
    entries: dict[str, Mapping[str, Any]] = {}
    for item in [*packaged, *office]:
        if isinstance(item, dict) and item.get(key) is not None:
            entries[str(item[key])] = item
    return list(entries.values())


def edition_from_data(
    name: str, packaged: Mapping[str, Any], office: Mapping[str, Any] | None = None
) -> Edition:
    """An edition from the packaged data, with the office's file laid over it."""
    office = office or {}
    status = str(office.get("status") or packaged.get("status") or "published")

    def listed(data: Mapping[str, Any], key: str) -> list[Any]:
        value = data.get(key)
        return value if isinstance(value, list) else []

    clauses = [
        _clause(c, status)
        for c in _merged(listed(packaged, "clauses"), listed(office, "clauses"), "number")
    ]
    requirements = [
        _requirement(r, status)
        for r in _merged(listed(packaged, "requirements"), listed(office, "requirements"), "id")
    ]
    return Edition(
        name=name,
        standard=str(office.get("standard") or packaged.get("standard") or edition_label(name)),
        status=status,
        note=" ".join(str(office.get("note") or packaged.get("note") or "").split()),
        clauses=tuple(sorted(clauses, key=lambda c: clause_key(c.number))),
        requirements=tuple(requirements),
    )


@dataclass(frozen=True)
class ClauseMap:
    """Clauses of ``source`` -> clauses of ``target`` (empty: removed), and back (empty: new)."""

    source: str
    target: str
    status: str
    forward: dict[str, tuple[str, ...]]
    backward: dict[str, tuple[str, ...]]

    def to_target(self, number: str) -> tuple[str, ...]:
        """Where a clause of the source edition went; a subclause the map does not list goes
        where its nearest listed parent went."""
        parts = number.split(".")
        while parts:
            key = ".".join(parts)
            if key in self.forward:
                return self.forward[key]
            parts.pop()
        return ()


def _targets(value: Any) -> tuple[str, ...]:
    if value in ("removed", "new", None):
        return ()
    return _strings(value) if isinstance(value, list) else (str(value),)


def map_from_data(data: Mapping[str, Any]) -> ClauseMap:
    def table(key: str) -> dict[str, tuple[str, ...]]:
        value = data.get(key)
        items = value.items() if isinstance(value, dict) else []
        return {str(k): _targets(v) for k, v in items}

    return ClauseMap(
        source=str(data.get("from", EDITION_2015)),
        target=str(data.get("to", EDITION_2026)),
        status=str(data.get("status", DRAFT)),
        forward=table("forward"),
        backward=table("backward"),
    )


def map_problems(clause_map: ClauseMap, source: Edition, target: Edition) -> list[str]:
    """What makes the map incomplete or inconsistent with the two editions (Polish)."""
    problems = [
        f"punkt {n} wydania {source.label} nie ma odpowiednika ani oznaczenia removed"
        for n in source.numbers
        if n not in clause_map.forward
    ]
    problems += [
        f"punkt {n} wydania {target.label} nie ma źródła ani oznaczenia new"
        for n in target.numbers
        if n not in clause_map.backward
    ]
    for old, new in clause_map.forward.items():
        problems += [
            f"mapa wskazuje {old} -> {n}, a wydanie {target.label} nie ma punktu {n}"
            for n in new
            if not target.knows(n)
        ]
        problems += [
            f"mapa wskazuje {old} -> {n}, ale nie {n} <- {old}"
            for n in new
            if target.knows(n) and old not in clause_map.backward.get(n, ())
        ]
    for new_n, olds in clause_map.backward.items():
        problems += [
            f"mapa wskazuje {new_n} <- {o}, a wydanie {source.label} nie ma punktu {o}"
            for o in olds
            if not source.knows(o)
        ]
    return problems
