"""Records approved like documents (issue 16, ``model.governed.RECORD_TYPES``): which records of
the repository carry approvals, under which id, whose they are, and whether they need them now.

- the audit programme (``records/audits/programme-<year>.yaml``, id ``programme-<year>``):
  always;
- an audit report (id: the audit's, ``AW-2026-01``) once final; its owner is the lead
  auditor's position (``org/auditors.yaml``), its ``auditee`` the positions the plan names;
- the management review (``PZ-<year>``) once held (its ``date`` written);
- a corrective-action card (``DK-…``) once closed and its effectiveness checked; its owner is
  the owner of its process.

Pure: reads a parsed ``Repository``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from qms_cli.model.audit_records import audit_records
from qms_cli.model.audits import auditors_by_id
from qms_cli.model.capa import process_owner
from qms_cli.model.dates import as_date
from qms_cli.model.documents import SourceFile
from qms_cli.model.governed import RECORD_LABELS, RECORD_TYPES
from qms_cli.model.repository import Repository
from qms_cli.model.signers import AUDITEE


@dataclass(frozen=True)
class RecordInfo:
    id: str
    path: str
    type: str  # a value of RECORD_TYPES
    owner: str | None
    required: bool  # in a state that needs its approvals (final report, closed card, …)
    parties: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @property
    def status(self) -> str:
        """What the trust walk reads: ``active`` records are judged against the matrix."""
        return "active" if self.required else "draft"

    @property
    def title(self) -> str:
        return f"{RECORD_LABELS[self.type]} {self.id}"


def record_infos(repo: Repository) -> list[RecordInfo]:
    """Every readable record of an approved kind, in the order of ``RECORD_TYPES`` (built once
    per repository: the approval rules, the trust walk and history ask for them)."""

    def build() -> list[RecordInfo]:
        return [
            _info(repo, kind, source)
            for kind in RECORD_TYPES
            for source in repo.of_kind(kind)
            if isinstance(source.data, dict)
        ]

    return repo.memo("record-infos", build)


def records_by_id(repo: Repository) -> dict[str, RecordInfo]:
    def build() -> dict[str, RecordInfo]:
        result: dict[str, RecordInfo] = {}
        for info in record_infos(repo):
            result.setdefault(info.id, info)
        return result

    return repo.memo("records-by-id", build)


def _info(repo: Repository, kind: str, source: SourceFile) -> RecordInfo:
    data: dict[str, Any] = source.data
    stem = PurePosixPath(source.path).stem
    own_id = data.get("id")
    record_id = own_id if isinstance(own_id, str) and kind != "audit-programme" else stem
    record_type = RECORD_TYPES[kind]
    if kind == "audit-report":
        return RecordInfo(
            record_id,
            source.path,
            record_type,
            _lead_position(repo, data.get("lead")),
            data.get("status") == "final",
            {AUDITEE: _auditees(repo, source.path)},
        )
    if kind == "capa":
        return RecordInfo(
            record_id,
            source.path,
            record_type,
            process_owner(repo, data.get("process")),
            data.get("status") == "closed" and _verified(data),
        )
    if kind == "review":  # a draft until the meeting's date is written
        held = as_date(data.get("date")) is not None
        return RecordInfo(record_id, source.path, record_type, None, held)
    return RecordInfo(record_id, source.path, record_type, None, True)


def _verified(card: dict[str, Any]) -> bool:
    """The effectiveness was checked: the owner approves a closure after it (P-04 §5.4.2)."""
    effectiveness = card.get("effectiveness")
    return isinstance(effectiveness, dict) and as_date(effectiveness.get("verified")) is not None


def _lead_position(repo: Repository, lead: object) -> str | None:
    auditor = auditors_by_id(repo).get(lead) if isinstance(lead, str) else None
    position = auditor.get("position") if auditor is not None else None
    return position if isinstance(position, str) else None


def _auditees(repo: Repository, report_path: str) -> frozenset[str]:
    """The positions the audit's plan names as audited (``auditees``)."""
    folder = str(PurePosixPath(report_path).parent)
    for found, audit in audit_records(repo).folder_audits():
        if found.path == folder and found.plan is not None:
            return frozenset(position for _, position in audit.auditee_positions)
    return frozenset()
