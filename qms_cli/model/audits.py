"""Internal and external audits as the office repository holds them; pure, no I/O.

An internal audit is a folder ``records/audits/AW-<year>-<nn>/`` with ``plan.yaml``,
``checklist.yaml``, ``findings.yaml`` and ``report.md``; an external audit (by the certification
body) is ``records/audits/external/<YYYY-MM-DD>-<kind>.yaml`` with the same list of findings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from qms_cli.model.dates import as_date
from qms_cli.model.documents import SourceFile
from qms_cli.model.ids import next_id
from qms_cli.model.repository import Repository

AUDITS_DIR = "records/audits"
EXTERNAL_DIR = "records/audits/external"

FINDING_TYPES = {
    "nc-major": "niezgodność duża",
    "nc-minor": "niezgodność mała",
    "observation": "obserwacja",
    "improvement": "szansa doskonalenia",
}
FINDING_TYPES_PLURAL = {
    "nc-major": "niezgodności duże",
    "nc-minor": "niezgodności małe",
    "observation": "obserwacje",
    "improvement": "szanse doskonalenia",
}
NONCONFORMITIES = frozenset({"nc-major", "nc-minor"})
CHECK_RESULTS = {"conforming": "zgodne", **FINDING_TYPES, "not-checked": "nie sprawdzono"}
# the audit report (ISO 19011 6.5.1): its sections, and what people write in it
REPORT_SECTIONS = (
    "Cele auditu",
    "Zakres auditu",
    "Kryteria auditu",
    "Zleceniodawca, zespół auditowy i uczestnicy",
    "Termin i miejsce",
    "Ustalenia i dowody",
    "Wnioski z auditu",
    "Stopień spełnienia kryteriów auditu",
    "Nierozstrzygnięte rozbieżności",
    "Zastrzeżenia i próbkowanie",
)
# front-matter keys written by people (or drafted by qms) that every report must fill
REPORT_FIELDS = {
    "conclusions": "wnioski z auditu",
    "conformity": "stopień spełnienia kryteriów",
    "disagreements": "nierozstrzygnięte rozbieżności",
}
EXTERNAL_KINDS = {
    "certification": "audit certyfikujący",
    "surveillance": "audit nadzoru",
    "recertification": "audit ponownej certyfikacji",
    "transition": "audit przejścia na nowe wydanie normy",
}

AUDIT_ID_RE = re.compile(r"^AW-(?P<year>\d{4})-(?P<n>\d{2})$")
CLAUSE_RE = re.compile(r"^([4-9]|10)(\.[0-9]+){0,3}$")
EXTERNAL_NAME_RE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})-(?P<kind>certification|surveillance|recertification|transition)$"
)
# how long after the audit date the report and the corrective actions may take (P-03 5.5)
REPORT_DAYS = 14
CAPA_DAYS = 14

_FOLDER_FILE_RE = re.compile(r"^records/audits/(?P<folder>[^/]+)/(?P<file>[^/]+)$")


@dataclass
class AuditFolder:
    """One internal audit's folder and the files qms knows in it (None: missing or unreadable)."""

    name: str
    plan: SourceFile | None = None
    checklist: SourceFile | None = None
    findings: SourceFile | None = None
    report: SourceFile | None = None

    @property
    def path(self) -> str:
        return f"{AUDITS_DIR}/{self.name}"

    @property
    def data(self) -> dict[str, Any]:
        return self.plan.data if self.plan is not None else {}

    @property
    def id(self) -> str:
        value = self.data.get("id")
        return value if isinstance(value, str) else self.name

    @property
    def date(self) -> dt.date | None:
        return as_date(self.data.get("date"))

    @property
    def units(self) -> list[str]:
        return strings(self.data.get("units"))

    @property
    def processes(self) -> list[str]:
        return strings(self.data.get("processes"))

    @property
    def team(self) -> list[str]:
        lead = self.data.get("lead")
        return ([lead] if isinstance(lead, str) else []) + strings(self.data.get("auditors"))

    @property
    def closed(self) -> bool:
        return self.data.get("status") == "closed"

    def finding_items(self) -> list[tuple[int, dict[str, Any]]]:
        return finding_items(self.findings)


_FILES = {"plan.yaml": "plan", "checklist.yaml": "checklist", "findings.yaml": "findings"}


def audit_folders(repo: Repository) -> dict[str, AuditFolder]:
    """Every internal audit folder by folder name, in name order."""
    folders: dict[str, AuditFolder] = {}
    kinds = ("audit-plan", "audit-checklist", "audit-findings", "audit-report")
    for kind in kinds:
        for source in repo.of_kind(kind):
            match = _FOLDER_FILE_RE.match(source.path)
            if match is None:
                continue
            folder = folders.setdefault(match["folder"], AuditFolder(match["folder"]))
            attribute = _FILES.get(match["file"], "report")
            setattr(folder, attribute, source)
    return dict(sorted(folders.items()))


def external_audits(repo: Repository) -> list[SourceFile]:
    return repo.of_kind("external-audit")


def external_name(source: SourceFile) -> str:
    """The reference of an external audit: its file name without ``.yaml``."""
    return source.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def finding_items(source: SourceFile | None) -> list[tuple[int, dict[str, Any]]]:
    if source is None or not isinstance(source.data, dict):
        return []
    value = source.data.get("findings")
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def is_nonconformity(finding: Mapping[str, Any]) -> bool:
    return finding.get("type") in NONCONFORMITIES


def strings(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def programme_entries(repo: Repository) -> Iterator[tuple[SourceFile, int, dict[str, Any]]]:
    yield from repo.items("audit-programme", "audits")


def next_audit_id(repo: Repository, year: int) -> str:
    """The next audit number of ``year`` that neither a programme nor a folder uses."""
    taken = {str(e.get("id")) for _, _, e in programme_entries(repo)}
    for folder in audit_folders(repo).values():
        taken.update({folder.name, folder.id})
    return next_id("AW-{year}-{n:02}", taken, year=year)


def programme_entry(repo: Repository, audit_id: str) -> dict[str, Any] | None:
    for _, _, entry in programme_entries(repo):
        if entry.get("id") == audit_id:
            return entry
    return None


# --- auditors ----------------------------------------------------------------------------


def auditors_by_id(repo: Repository) -> dict[str, dict[str, Any]]:
    items = repo.items("auditors", "auditors")
    return {str(a["id"]): a for _, _, a in items if isinstance(a.get("id"), str)}


def competent_on(auditor: Mapping[str, Any], day: dt.date) -> bool:
    """A competence record that was obtained by ``day`` and is still valid on it."""
    records = auditor.get("competence")
    if not isinstance(records, list):
        return False
    for record in records:
        if not isinstance(record, dict):
            continue
        start = as_date(record.get("date"))
        until = record.get("valid_until")
        end = as_date(until) if until is not None else dt.date.max
        if end is not None and (start is None or start <= day) and day <= end:
            return True
    return False


@dataclass(frozen=True)
class TeamProblem:
    member: str
    message: str


def team_problems(
    members: list[str],
    units: Collection[str],
    auditors: Mapping[str, Mapping[str, Any]],
    on: dt.date | None = None,
) -> Iterator[TeamProblem]:
    """Why a team may not audit ``units``: unknown auditor, own unit (ISO 19011 impartiality),
    no valid competence on the audit date ``on`` (not checked when None)."""
    for member in dict.fromkeys(members):
        auditor = auditors.get(member)
        if auditor is None:
            yield TeamProblem(member, f"auditora {member} nie ma w org/auditors.yaml")
            continue
        unit = auditor.get("unit")
        if unit in units:
            yield TeamProblem(
                member,
                f"auditor {member} należy do auditowanej komórki {unit} (bezstronność, ISO 19011)",
            )
        if on is not None and not competent_on(auditor, on):
            yield TeamProblem(
                member,
                f"auditor {member} nie ma ważnego potwierdzenia kompetencji "
                f"na dzień {on.isoformat()} (org/auditors.yaml, competence)",
            )


@dataclass
class AuditFinding:
    """One finding of an audit (internal or external), as recorded in ``findings.yaml`` or an
    external audit's file: the one view the audit commands, the report and the management
    review read."""

    no: int | str
    type: str
    criterion: str | None = None
    clause: str | None = None
    description: str | None = None
    evidence: str | None = None
    unit: str | None = None
    process: str | None = None
    question: int | None = None
    recorded: dt.date | None = None
    capa: str | None = None
    # where it was read from: its place in the file's list (for pointers) and its number as
    # written (None when missing: ``no`` then stands for its place)
    index: int = field(default=-1, compare=False)
    written_no: object = field(default=None, compare=False)

    @classmethod
    def from_record(cls, item: Mapping[str, Any], position: int, index: int = -1) -> AuditFinding:
        """The finding of one list item (``position``: its 1-based place, when it has no
        number; ``index``: its place among all items); fields of the wrong type are left out
        (the schema reports them)."""

        def text(key: str) -> str | None:
            value = item.get(key)
            return value if isinstance(value, str) and value.strip() else None

        no = item.get("no")
        question = item.get("question")
        return cls(
            no=no if isinstance(no, int | str) and not isinstance(no, bool) else position,
            type=str(item.get("type", "")),
            criterion=text("criterion"),
            clause=text("clause"),
            description=text("description"),
            evidence=text("evidence"),
            unit=text("unit"),
            process=text("process"),
            question=question if isinstance(question, int) else None,
            recorded=as_date(item.get("recorded")),
            capa=text("capa"),
            index=index,
            written_no=no,
        )

    @property
    def nonconformity(self) -> bool:
        return self.type in NONCONFORMITIES

    @property
    def kind_pl(self) -> str:
        return FINDING_TYPES.get(self.type, "ustalenie")

    @property
    def reference(self) -> str:
        """What the finding is measured against: its criterion, else its clause of the norm."""
        return self.criterion or self.clause or ""

    def as_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {"no": self.no, "type": self.type}
        for key in ("criterion", "clause", "description", "evidence", "unit", "process"):
            value = getattr(self, key)
            if value:
                record[key] = value
        if self.question is not None:
            record["question"] = self.question
        record["recorded"] = self.recorded
        record["capa"] = self.capa
        return record


def next_finding_no(numbers: Iterable[object]) -> int:
    """One more than the highest whole number among the findings' numbers as written."""
    return (
        max([n for n in numbers if isinstance(n, int) and not isinstance(n, bool)], default=0) + 1
    )


def is_clause(value: str) -> bool:
    return CLAUSE_RE.fullmatch(value) is not None


def clause_key(clause: str) -> tuple[int, ...]:
    return tuple(int(part) for part in clause.split(".") if part.isdigit())
