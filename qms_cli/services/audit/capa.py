"""``qms capa``: corrective actions (karty działań korygujących DK-<rok>-<nr>, ISO 9001 10.2).

A card opened from an audit finding takes the nonconformity, criterion and evidence from it,
and the finding gets the card's number (``capa``). Closing with ``--effective no`` opens a
follow-up card (``follows``), as P-04 and form F-04 require.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io.records import create_file, edit_yaml, yaml_text
from qms_cli.model.audits import AuditFinding
from qms_cli.model.capa import (
    CAPA_DIR,
    DEFAULT_DUE_DAYS,
    EFFECTIVENESS_AFTER_DAYS,
    ROOT_CAUSE_METHOD,
    SOURCE_TYPES,
    ClosureParts,
    apply_closure,
    closure_missing,
    days_left,
    is_open,
    next_capa_id,
    section,
)
from qms_cli.model.dates import as_date, parse_iso
from qms_cli.model.documents import SourceFile
from qms_cli.model.repository import Repository
from qms_cli.services.audit.audits import AuditRef, find_audit
from qms_cli.services.loading import load_repository

_COMPLAINT = re.compile(r"^SK-\d{4}-\d{3}$")
_REVIEW = re.compile(r"^PZ-\d{4}(/\d+)?$")


@dataclass(frozen=True)
class CapaRequest:
    source: str | None = None  # AW-2027-01/3, 2027-05-18-surveillance/1, SK-2027-004, PZ-2027
    description: str | None = None
    owner: str | None = None
    due: str | None = None
    correction: str | None = None
    whys: tuple[str, ...] = ()
    cause: str | None = None
    actions: tuple[str, ...] = ()
    effectiveness: str | None = None  # planned date of the effectiveness check
    opened: str | None = None  # date of registration (default: today); sets the card's year
    consequences: str | None = None  # 10.2.1 a)
    similar: str | None = None  # 10.2.1 b)


@dataclass(frozen=True)
class CapaResult:
    id: str
    path: Path
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Origin:
    type: str
    ref: str | None
    finding: AuditFinding | None = None
    audit: AuditRef | None = None


def new_capa(path: Path, request: CapaRequest, today: dt.date | None = None) -> CapaResult:
    today = today or clock.today()
    loaded = load_repository(path)
    repo, root = loaded.repo, loaded.root
    origin = _origin(repo, request.source)
    finding = origin.finding
    description = request.description or (
        finding.description or finding.evidence if finding is not None else None
    )
    if not description:
        raise QmsError(
            "opisz niezgodność",
            hint='Podaj --description "…" albo --from AW-<rok>-<nr>/<numer ustalenia>.',
        )
    unit, process = _unit_and_process(origin)
    owner = request.owner or _default_owner(repo, unit, process)
    _check_owner(repo, owner)
    opened = _date(request.opened, "--opened") or today
    due = _date(request.due, "--due") or opened + dt.timedelta(days=DEFAULT_DUE_DAYS)
    planned = _date(request.effectiveness, "--effectiveness") or due + dt.timedelta(
        days=EFFECTIVENESS_AFTER_DAYS
    )
    card_id = next_capa_id(_card_ids(repo), opened.year)
    record = {
        "id": card_id,
        "source": {"type": origin.type, "ref": origin.ref},
        "description": str(description),
        "criterion": finding.criterion if finding is not None else None,
        "evidence": finding.evidence if finding is not None else None,
        "process": process,
        "unit": unit,
        "opened": opened.isoformat(),
        "owner": owner,
        "due": due.isoformat(),
        "status": "open",
        **_analysis(request, owner, due),
        **_not_yet_closed(planned),
    }
    target = _write_card(root, record, origin)
    warnings = []
    if due < today:
        warnings.append(
            f"termin {due.isoformat()} już minął — qms check zgłosi kartę jako przeterminowaną"
        )
    return CapaResult(card_id, target, warnings)


def _analysis(request: CapaRequest, owner: str, due: dt.date) -> dict[str, Any]:
    whys = [w.strip() for w in request.whys if w.strip()]
    cause = request.cause or (whys[-1] if whys else None)
    return {
        "correction": {"description": request.correction or None, "done": None},
        "consequences": request.consequences or None,
        "root_cause": {"method": ROOT_CAUSE_METHOD, "whys": whys, "cause": cause},
        "similar": request.similar or None,
        "actions": [
            {"action": a.strip(), "owner": owner, "due": due.isoformat(), "done": None}
            for a in request.actions
            if a.strip()
        ],
        "risks": {"updated": None, "ids": [], "note": None},
        "qms_changes": {"documents": [], "note": None},
    }


def _not_yet_closed(planned: dt.date) -> dict[str, Any]:
    """A new card's effectiveness check (planned) and closure (empty)."""
    return {
        "effectiveness": {
            "planned": planned.isoformat(),
            "verified": None,
            "effective": None,
            "evidence": None,
        },
        "closed": None,
        "closure_evidence": None,
        "closure": None,
    }


def _write_card(root: Path, record: dict[str, Any], origin: _Origin) -> Path:
    """Write the card, then point the finding at it; a failed second step undoes the first."""
    target = root / CAPA_DIR / f"{record['id']}.yaml"
    header = [
        "yaml-language-server: $schema=../../.qms/schemas/capa.schema.json",
        f"Karta niezgodności i działań korygujących {record['id']} (ISO 9001, pkt 10.2; "
        "formularz F-04).",
    ]
    create_file(target, yaml_text(record, header))
    if origin.audit is None or origin.finding is None:
        return target
    number = origin.finding.written_no

    def point(data: Any) -> None:
        for item in data.get("findings") or []:
            if item.get("no") == number:
                item["capa"] = record["id"]

    try:
        edit_yaml(root / origin.audit.findings_path, point)
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()
        raise
    return target


def _origin(repo: Repository, source: str | None) -> _Origin:
    if source is None:
        return _Origin("other", None)
    if _COMPLAINT.match(source):
        return _Origin("complaint", source)
    if _REVIEW.match(source):
        return _Origin("review", source)
    name, _, number = source.rpartition("/")
    if not name or not number.isdigit():
        raise QmsError(
            f"nieznane źródło „{source}”",
            hint="Ustalenie auditu: AW-2027-01/3 albo 2027-05-18-surveillance/1; skarga: "
            "SK-2027-004; przegląd zarządzania: PZ-2027.",
        )
    audit = find_audit(repo, name)
    found = [f for f in audit.record.findings if f.written_no == int(number)]
    if not found:
        raise QmsError(f"audit {audit.name} nie ma ustalenia nr {number}")
    finding = found[0]
    if not finding.nonconformity:
        raise QmsError(
            f"ustalenie {audit.name}/{number} nie jest niezgodnością ({finding.type})",
            hint='Działanie doskonalące bez niezgodności: qms capa new --description "…".',
        )
    if finding.capa:
        raise QmsError(f"ustalenie {audit.name}/{number} ma już kartę {finding.capa}")
    kind = "audit" if audit.folder is not None else "external-audit"
    return _Origin(kind, f"{audit.name}/{number}", finding, audit)


def _unit_and_process(origin: _Origin) -> tuple[str | None, str | None]:
    finding, audit = origin.finding, origin.audit
    if finding is None or audit is None:
        return None, None
    units, processes = audit.record.units, audit.record.processes
    unit = finding.unit or (units[0] if units else None)
    process = finding.process or (processes[0] if processes else None)
    return unit, process


def _default_owner(repo: Repository, unit: str | None, process: str | None) -> str:
    for _, _, item in repo.items("structure", "units"):
        if item.get("id") == unit and isinstance(item.get("head"), str):
            return str(item["head"])
    if process in repo.docs_by_id and repo.docs_by_id[process].owner:
        return str(repo.docs_by_id[process].owner)
    return "pelnomocnik"


def _check_owner(repo: Repository, owner: str) -> None:
    if owner not in repo.role_ids | repo.position_ids:
        raise QmsError(
            f"„{owner}” nie jest rolą ani stanowiskiem z org/structure.yaml",
            hint="Podaj --owner, np. kierownik komórki: --owner kierownik-or.",
        )


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_iso(value)
    except ValueError as exc:
        raise QmsError(f"{option}: {exc}") from None


def _card_ids(repo: Repository) -> list[str]:
    cards = repo.of_kind("capa")
    return [c.path.rsplit("/", 1)[-1].removesuffix(".yaml") for c in cards] + [
        str(c.data.get("id")) for c in cards
    ]


@dataclass(frozen=True)
class CapaRow:
    id: str
    status: str
    source: str
    owner: str
    due: dt.date | None
    days_left: int | None
    description: str
    effectiveness: str


def list_capa(path: Path, everything: bool = False, today: dt.date | None = None) -> list[CapaRow]:
    today = today or clock.today()
    rows = []
    for card in load_repository(path).repo.of_kind("capa"):
        data = card.data
        if not everything and not is_open(data):
            continue
        source = section(data, "source")
        label = source.get("ref") or SOURCE_TYPES.get(str(source.get("type")), "—")
        check = section(data, "effectiveness")
        verdict = check.get("effective")
        effective = (
            {True: "skuteczne", False: "nieskuteczne"}.get(verdict)
            if verdict in (True, False)
            else None
        )
        rows.append(
            CapaRow(
                id=str(data.get("id")),
                status=str(data.get("status")),
                source=str(label),
                owner=str(data.get("owner")),
                due=as_date(data.get("due")),
                days_left=days_left(data, today),
                description=str(data.get("description") or ""),
                effectiveness=effective or f"ocena {check.get('planned') or '—'}",
            )
        )
    return sorted(rows, key=lambda r: (r.status != "open", r.due or dt.date.max, r.id))


@dataclass(frozen=True)
class CloseResult:
    id: str
    path: Path
    follow_up: str | None = None


def close_capa(
    path: Path,
    card_id: str,
    evidence: str,
    effective: bool | None = None,
    today: dt.date | None = None,
    parts: ClosureParts = ClosureParts(),
) -> CloseResult:
    """Close the card (actions done); with ``effective`` also record the effectiveness check.
    ISO 9001 10.2.1 a)–f) must show on the card (``parts`` may fill some of it now)."""
    today = today or clock.today()
    loaded = load_repository(path)
    card = find_card(loaded.repo, card_id)
    if not is_open(card.data):
        raise QmsError(
            f"karta {card_id} jest już zamknięta",
            hint=f"Ocena skuteczności: qms capa verify {card_id} --effective tak|nie --evidence …",
        )
    if not evidence.strip():
        raise QmsError("podaj dowody wykonania działań (--evidence)")
    preview = copy.deepcopy(card.data)
    apply_closure(preview, parts, today)
    missing = closure_missing(preview)
    if missing:
        raise QmsError(
            f"karty {card_id} nie można zamknąć — brak (ISO 9001 pkt 10.2.1): "
            + "; ".join(missing),
            hint=f"Uzupełnij {card.path} i ponów polecenie.",
            path=card.path,
        )

    def close(data: Any) -> None:
        apply_closure(data, parts, today)
        data["status"] = "closed"
        data["closed"] = today
        data["closure_evidence"] = evidence.strip()

    target = loaded.root / card.path
    edit_yaml(target, close)
    if effective is None:
        return CloseResult(card_id, target)
    return verify_capa(path, card_id, effective, evidence, today)


def verify_capa(
    path: Path, card_id: str, effective: bool, evidence: str, today: dt.date | None = None
) -> CloseResult:
    """Record the effectiveness check of a closed card; an ineffective one gets a follow-up."""
    today = today or clock.today()
    loaded = load_repository(path)
    card = find_card(loaded.repo, card_id)
    if is_open(card.data):
        raise QmsError(
            f"karta {card_id} jest otwarta — skuteczność ocenia się po wykonaniu działań",
            hint=f"qms capa close {card_id} --evidence … [--effective tak|nie]",
        )
    if section(card.data, "effectiveness").get("verified") is not None:
        raise QmsError(f"skuteczność działań z karty {card_id} już oceniono")
    if not evidence.strip():
        raise QmsError("podaj, na jakiej podstawie oceniono skuteczność (--evidence)")

    def verify(data: Any) -> None:
        check = data.get("effectiveness")
        if not isinstance(check, dict):
            data["effectiveness"] = check = {}
        check["verified"] = today
        check["effective"] = effective
        check["evidence"] = evidence.strip()

    target = loaded.root / card.path
    edit_yaml(target, verify)
    follow_up = None if effective else _follow_up(path, card.data, today)
    return CloseResult(card_id, target, follow_up)


def _follow_up(path: Path, data: dict[str, Any], today: dt.date) -> str:
    loaded = load_repository(path)
    card_id = next_capa_id(_card_ids(loaded.repo), today.year)
    due = today + dt.timedelta(days=DEFAULT_DUE_DAYS)
    record: dict[str, Any] = {
        "id": card_id,
        "source": dict(section(data, "source")) or {"type": "other", "ref": None},
        "follows": data.get("id"),
        **{k: data.get(k) for k in ("description", "criterion", "evidence", "process", "unit")},
        "opened": today.isoformat(),
        "owner": data.get("owner"),
        "due": due.isoformat(),
        "status": "open",
        **_analysis(CapaRequest(), str(data.get("owner")), due),
        **_not_yet_closed(due + dt.timedelta(days=EFFECTIVENESS_AFTER_DAYS)),
    }
    _write_card(loaded.root, record, _Origin("other", None))
    return card_id


def find_card(repo: Repository, card_id: str) -> SourceFile:
    for card in repo.of_kind("capa"):
        if card.path.rsplit("/", 1)[-1] == f"{card_id}.yaml":
            return card
    broken = repo.files.get(f"{CAPA_DIR}/{card_id}.yaml")
    if broken is not None:
        raise QmsError(f"karty {card_id} nie da się odczytać — popraw ją (qms check)")
    raise QmsError(f"nie ma karty {card_id} ({CAPA_DIR}/{card_id}.yaml)")
