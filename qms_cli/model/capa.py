"""Corrective actions (karty działań korygujących, ISO 9001 10.2): ``records/capa/DK-….yaml``.

Pure helpers shared by ``qms capa`` and the checks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from qms_cli.model.calendar import parse_date
from qms_cli.model.dates import as_date
from qms_cli.model.ids import next_id
from qms_cli.model.repository import Repository
from qms_cli.model.values import mapping

CAPA_DIR = "records/capa"
CAPA_PATTERN = "DK-{year}-{n:03}"
CAPA_ID_RE = re.compile(r"^DK-(?P<year>\d{4})-(?P<n>\d{3})$")
SOURCE_TYPES = {
    "audit": "audit wewnętrzny",
    "external-audit": "audit zewnętrzny",
    "complaint": "skarga lub wniosek",
    "review": "przegląd zarządzania",
    "other": "inne",
}
DUE_SOON_DAYS = 14  # an open action due within this many days is a warning
DEFAULT_DUE_DAYS = 60  # P-04 5.4.3: at most 3 months
EFFECTIVENESS_AFTER_DAYS = 90  # effectiveness is checked this long after the due date
ROOT_CAUSE_METHOD = "5 x dlaczego"
# P-04 5.3: correction within 7 days, root cause within 14 days of opening
COMPLETE_WITHIN_DAYS = 14


def next_capa_id(existing: Iterable[str], year: int) -> str:
    return next_id(CAPA_PATTERN, existing, year=year)


def is_open(data: Mapping[str, Any]) -> bool:
    return data.get("status") == "open"


def due_date(data: Mapping[str, Any]) -> dt.date | None:
    return as_date(data.get("due"))


def section(data: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def missing_elements(data: Mapping[str, Any]) -> list[str]:
    """Parts of a corrective action that 10.2.1 asks for and the card leaves empty."""
    missing = []
    if not _text(section(data, "correction").get("description")):
        missing.append("korekcja")
    if not _text(section(data, "root_cause").get("cause")):
        missing.append("przyczyna źródłowa")
    actions = data.get("actions")
    if not isinstance(actions, list) or not any(
        isinstance(a, dict) and _text(a.get("action")) for a in actions
    ):
        missing.append("działanie korygujące")
    return missing


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


# ISO 9001 10.2.1 a)–f): what a card shows before it may be closed (besides the correction,
# the root cause and the action, ``missing_elements``); key -> Polish name for messages
CLOSURE_PARTS = {
    "consequences": "postępowanie ze skutkami niezgodności (consequences, 10.2.1 a)",
    "similar": "sprawdzenie, czy podobne niezgodności występują lub mogą wystąpić "
    "(similar, 10.2.1 b)",
    "actions.done": "daty wykonania działań (actions[].done, 10.2.1 c)",
    "risks": "aktualizacja ryzyk i szans albo uzasadnienie, że nie jest potrzebna "
    "(risks: updated lub note, 10.2.1 e)",
    "qms_changes": "zmiany w systemie zarządzania jakością albo uzasadnienie, że nie są "
    "potrzebne (qms_changes: documents lub note, 10.2.1 f)",
}


@dataclass(frozen=True)
class ClosureParts:
    """What ``qms capa close`` may write into the card as it closes it (10.2.1 a, b, e, f)."""

    consequences: str | None = None
    similar: str | None = None
    risks: str | None = None  # risks.note
    changes: str | None = None  # qms_changes.note


def apply_closure(data: Any, parts: ClosureParts, day: dt.date) -> None:
    """Write ``parts`` into a card (plain or round-trip data); closing says the actions are
    done, so an action without a date gets the closing day."""
    for key, value in (("consequences", parts.consequences), ("similar", parts.similar)):
        if value and value.strip():
            data[key] = value.strip()
    for key, value in (("risks", parts.risks), ("qms_changes", parts.changes)):
        if value and value.strip():
            if not isinstance(data.get(key), dict):
                data[key] = {}
            data[key]["note"] = value.strip()
    for action in data.get("actions") or []:
        if isinstance(action, dict) and as_date(action.get("done")) is None:
            action["done"] = day


def closure_missing(data: Mapping[str, Any]) -> list[str]:
    """What ISO 9001 10.2.1 a)–f) asks for before closing and the card leaves empty (Polish)."""
    missing = missing_elements(data)
    if not _text(data.get("consequences")):
        missing.append(CLOSURE_PARTS["consequences"])
    if not _text(data.get("similar")):
        missing.append(CLOSURE_PARTS["similar"])
    actions = [a for a in data.get("actions") or [] if isinstance(a, dict)]
    if actions and not all(as_date(a.get("done")) for a in actions):
        missing.append(CLOSURE_PARTS["actions.done"])
    risks = section(data, "risks")
    if not (as_date(risks.get("updated")) or _text(risks.get("note"))):
        missing.append(CLOSURE_PARTS["risks"])
    changes = section(data, "qms_changes")
    documents = changes.get("documents")
    if not ((isinstance(documents, list) and documents) or _text(changes.get("note"))):
        missing.append(CLOSURE_PARTS["qms_changes"])
    return missing


def closure_problems(
    data: Mapping[str, Any], approvers: frozenset[str], known: frozenset[str]
) -> list[str]:
    """What is wrong with the process owner's approval of closure (``closure``), Polish.

    ``approvers``: the roles or positions that may approve (the owner of the card's process;
    empty when the card names no process); ``known``: every role and position id."""
    check = section(data, "effectiveness")
    verified = as_date(check.get("verified"))
    closure = data.get("closure")
    if not isinstance(closure, dict):
        if verified is not None and data.get("status") == "closed":
            return [
                f"skuteczność oceniono {verified.isoformat()}, a brak zatwierdzenia zamknięcia "
                "przez właściciela procesu (closure: {approved_by, date})"
            ]
        return []
    problems = []
    by, day = closure.get("approved_by"), as_date(closure.get("date"))
    if not _text(by) or day is None:
        problems.append("zatwierdzenie zamknięcia bez osoby (approved_by) albo daty (date)")
    elif approvers and by not in approvers:
        owners = ", ".join(sorted(approvers))
        problems.append(f"zamknięcie zatwierdził „{by}”, a nie właściciel procesu ({owners})")
    elif not approvers and by not in known:
        problems.append(f"„{by}” (closure.approved_by) nie jest stanowiskiem ani rolą")
    if data.get("status") != "closed":
        problems.append("zatwierdzono zamknięcie karty, która nie jest zamknięta (status)")
    if verified is None:
        problems.append("zatwierdzono zamknięcie przed oceną skuteczności (effectiveness)")
    elif day is not None and day < verified:
        problems.append(
            f"zamknięcie zatwierdzono {day.isoformat()}, przed oceną skuteczności "
            f"{verified.isoformat()}"
        )
    return problems


def days_left(data: Mapping[str, Any], today: dt.date) -> int | None:
    due = due_date(data)
    return (due - today).days if due is not None else None


@dataclass(frozen=True)
class CorrectiveAction:
    """A corrective action card, read once: the management review, the reports and the rules
    (QMS510–QMS517) read this view, not the YAML."""

    id: str  # the card's id, or its file name when the id is missing
    path: str
    source: str  # audit | external-audit | complaint | review | other
    ref: str
    opened: dt.date | None
    owner: str
    due: dt.date | None
    closed: bool
    verified: dt.date | None
    effective: bool | None
    state: str = ""  # open | closed (status as written)
    card_id: str | None = None  # the id as written (None: missing or not text)
    source_ref: str | None = None  # the source reference as written
    planned: dt.date | None = None  # the effectiveness check, planned
    checked: bool = False  # the effectiveness check has a date (verified)
    follows: str | None = None  # the card this one follows up (after an ineffective action)
    missing: tuple[str, ...] = ()  # parts of 10.2.1 the card leaves empty
    owners: tuple[tuple[tuple[str | int, ...], str], ...] = ()  # (pointer, owner) of the card
    closed_on: dt.date | None = None  # the date the card was closed (``closed``)

    @property
    def open(self) -> bool:
        return self.state == "open"

    def overdue(self, today: dt.date) -> bool:
        return not self.closed and self.due is not None and self.due < today

    def days_left(self, today: dt.date) -> int | None:
        return (self.due - today).days if self.due is not None else None

    def closed_on_time(self) -> bool | None:
        """Closed by its due date (None while open or when a date is missing)."""
        if not self.closed or self.closed_on is None or self.due is None:
            return None
        return self.closed_on <= self.due


def parse_capa(path: str, data: Any) -> CorrectiveAction | None:
    if not isinstance(data, dict):
        return None
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    source = mapping(data.get("source"))
    effectiveness = mapping(data.get("effectiveness"))
    effective = effectiveness.get("effective")
    card_id = data.get("id")
    ref, follows = source.get("ref"), data.get("follows")
    return CorrectiveAction(
        id=card_id if isinstance(card_id, str) else stem,
        path=path,
        source=str(source.get("type") or "other"),
        ref=str(ref or ""),
        opened=parse_date(data.get("opened")),
        owner=str(data.get("owner") or ""),
        due=parse_date(data.get("due")),
        closed=data.get("status") == "closed",
        verified=parse_date(effectiveness.get("verified")),
        effective=effective if isinstance(effective, bool) else None,
        state=str(data.get("status") or ""),
        card_id=card_id if isinstance(card_id, str) else None,
        source_ref=ref if isinstance(ref, str) else None,
        planned=as_date(effectiveness.get("planned")),
        checked=effectiveness.get("verified") is not None,
        follows=follows if isinstance(follows, str) else None,
        missing=tuple(missing_elements(data)),
        owners=_owners(data),
        closed_on=parse_date(data.get("closed")),
    )


def _owners(data: Mapping[str, Any]) -> tuple[tuple[tuple[str | int, ...], str], ...]:
    found: list[tuple[tuple[str | int, ...], str]] = []
    if isinstance(data.get("owner"), str):
        found.append((("owner",), data["owner"]))
    actions = data.get("actions")
    for index, action in enumerate(actions if isinstance(actions, list) else []):
        if isinstance(action, dict) and isinstance(action.get("owner"), str):
            found.append((("actions", index, "owner"), action["owner"]))
    return tuple(found)


def process_owner(repo: Repository, process: object) -> str | None:
    """The owner (a position or a role) of the process card ``process``, when known."""
    document = repo.docs_by_id.get(process) if isinstance(process, str) else None
    return document.owner if document is not None else None


def process_approvers(repo: Repository, process: object) -> frozenset[str]:
    """Who approves the closure of a card of ``process``: its owner (a position or a role) and
    the positions holding that role; empty when the process or its owner is unknown."""
    owner = process_owner(repo, process)
    if owner is None:
        return frozenset()
    held = {
        str(p)
        for _, _, role in repo.items("structure", "roles")
        if role.get("id") == owner
        for p in role.get("positions") or []
    }
    return frozenset({owner, *held})
