"""``qms audit finding | close | renumber | external``: recording what an audit found and
keeping audit numbers unique. Every edit of an existing file keeps its comments and order."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io.atomic import write_atomic
from qms_cli.io.records import (
    create_file,
    edit_yaml,
    read_text,
    rename_folder,
    styled,
    yaml_text,
)
from qms_cli.model.audit_records import Audit, audit_records, internal_audit
from qms_cli.model.audits import (
    AUDIT_ID_RE,
    AUDITS_DIR,
    EXTERNAL_DIR,
    EXTERNAL_KINDS,
    FINDING_TYPES,
    AuditFinding,
    AuditFolder,
    audit_folders,
    is_clause,
    next_audit_id,
    next_finding_no,
)
from qms_cli.model.capa import CAPA_DIR
from qms_cli.model.certification import certificate_of
from qms_cli.model.dates import parse_iso
from qms_cli.model.documents import SourceFile
from qms_cli.model.repository import Repository
from qms_cli.services.loading import load_repository


@dataclass(frozen=True)
class AuditRef:
    """An audit a command works on: an internal audit's folder or an external audit's file."""

    name: str  # AW-2027-01 or 2027-05-18-surveillance
    folder: AuditFolder | None
    external: SourceFile | None
    record: Audit  # the typed view every reader uses

    @property
    def findings_path(self) -> str:
        if self.external is not None:
            return self.external.path
        assert self.folder is not None
        return f"{self.folder.path}/findings.yaml"


def find_audit(repo: Repository, name: str) -> AuditRef:
    records = audit_records(repo)
    for folder, audit in records.folder_audits():
        if name in (folder.name, audit.id) and folder.plan is not None:
            return AuditRef(audit.id, folder, None, audit)
    for source, audit in zip(repo.of_kind("external-audit"), records.external, strict=True):
        if audit.id == name:
            return AuditRef(name, None, source, audit)
    known = [a.id for f, a in records.folder_audits() if f.plan is not None]
    known += [a.id for a in records.external]
    raise QmsError(
        f"nie ma auditu {name}",
        hint=("Audity: " + ", ".join(known)) if known else "Utwórz audit: qms audit new …",
    )


def audit_names(path: Path) -> list[str]:
    """Internal audits still open and external audits, for the interactive mode."""
    records = audit_records(load_repository(path).repo)
    names = [a.id for f, a in records.folder_audits() if f.plan is not None and not a.closed]
    return names + [a.id for a in records.external]


@dataclass(frozen=True)
class FindingRequest:
    type: str
    criterion: str | None = None
    evidence: str | None = None
    description: str | None = None
    clause: str | None = None
    unit: str | None = None
    question: int | None = None


@dataclass(frozen=True)
class FindingResult:
    ref: str  # AW-2027-01/3
    path: Path
    nonconformity: bool


def add_finding(
    path: Path, name: str, request: FindingRequest, today: dt.date | None = None
) -> FindingResult:
    today = today or clock.today()
    loaded = load_repository(path)
    repo, root = loaded.repo, loaded.root
    audit = find_audit(repo, name)
    if audit.folder is not None and audit.record.closed:
        raise QmsError(f"audit {audit.name} jest zamknięty — nie można dopisać ustalenia")
    finding = _finding(repo, audit, request, today)
    record = finding.as_record()
    target = root / audit.findings_path
    if target.exists():

        def append(data: Any) -> None:
            if not isinstance(data.get("findings"), list):
                data["findings"] = styled([])
            data["findings"].append(styled(record))

        edit_yaml(target, append)
    else:
        header = [
            "yaml-language-server: $schema=../../../.qms/schemas/audit-findings.schema.json",
            f"Ustalenia z auditu {audit.name}; dopisuje je „qms audit finding”.",
        ]
        create_file(target, yaml_text({"id": audit.name, "findings": [record]}, header))
    if request.question is not None and audit.folder is not None:
        _mark_question(root / audit.folder.path / "checklist.yaml", request, int(finding.no))
    return FindingResult(
        f"{audit.name}/{finding.no}", target, finding.type in ("nc-major", "nc-minor")
    )


def _finding(
    repo: Repository, audit: AuditRef, request: FindingRequest, today: dt.date
) -> AuditFinding:
    if request.type not in FINDING_TYPES:
        raise QmsError(
            f"nieznany rodzaj ustalenia „{request.type}”",
            hint="Dozwolone: " + ", ".join(f"{k} ({v})" for k, v in FINDING_TYPES.items()),
        )
    nonconformity = request.type in ("nc-major", "nc-minor")
    if nonconformity and not (request.criterion and request.evidence and request.evidence.strip()):
        raise QmsError(
            "niezgodność musi wskazywać kryterium i dowód",
            hint="Podaj --criterion (dokument, np. P-04, albo punkt normy, np. 8.5.1) "
            'i --evidence "…".',
        )
    criterion = request.criterion
    if criterion and not is_clause(criterion) and criterion not in repo.docs_by_id:
        raise QmsError(
            f"kryterium „{criterion}” nie jest dokumentem ani punktem normy",
            hint="Kryterium to identyfikator dokumentu (np. P-04) albo punkt normy (np. 8.5.1).",
        )
    if request.clause and not is_clause(request.clause):
        raise QmsError(f"„{request.clause}” nie jest punktem normy ISO 9001 (np. 10.2)")
    units = audit.record.units
    unit = request.unit or (units[0] if len(units) == 1 else None)
    if unit is not None and unit not in repo.unit_ids:
        raise QmsError(
            f"nie ma komórki „{unit}”", hint="Dostępne: " + ", ".join(sorted(repo.unit_ids))
        )
    if request.question is not None:
        _question_exists(audit, request.question)
    processes = audit.record.processes
    return AuditFinding(
        no=next_finding_no(f.written_no for f in audit.record.findings),
        type=request.type,
        criterion=criterion,
        clause=request.clause,
        description=request.description,
        evidence=request.evidence,
        unit=unit,
        process=processes[0] if len(processes) == 1 else None,
        question=request.question,
        recorded=today,
    )


def _question_exists(audit: AuditRef, number: int) -> None:
    checklist = audit.folder.checklist if audit.folder is not None else None
    items = checklist.data.get("questions") if checklist is not None else None
    numbers = (
        {q.get("no") for q in items if isinstance(q, dict)} if isinstance(items, list) else set()
    )
    if number not in numbers:
        raise QmsError(f"lista pytań kontrolnych auditu {audit.name} nie ma pytania nr {number}")


def _mark_question(path: Path, request: FindingRequest, number: int) -> None:
    """The checklist question gets the finding's type as result and its evidence."""

    def mark(data: Any) -> None:
        for question in data.get("questions") or []:
            if question.get("no") == request.question:
                question["result"] = request.type
                if request.evidence and not question.get("evidence"):
                    question["evidence"] = f"{request.evidence} (ustalenie nr {number})"

    edit_yaml(path, mark)


def close_audit(path: Path, name: str, today: dt.date | None = None) -> Path:
    today = today or clock.today()
    loaded = load_repository(path)
    repo, root = loaded.repo, loaded.root
    audit = find_audit(repo, name)
    folder = audit.folder
    if folder is None:
        raise QmsError(f"{name} to audit zewnętrzny — zamyka się tylko audity wewnętrzne")
    if audit.record.closed:
        raise QmsError(f"audit {folder.id} jest już zamknięty ({audit.record.closed_on})")
    if folder.report is None:
        raise QmsError(
            f"audit {folder.id} nie ma raportu", hint=f"Najpierw: qms audit report {folder.id}"
        )
    cards = {s.path.rsplit("/", 1)[-1].removesuffix(".yaml") for s in repo.of_kind("capa")}
    missing = [f"{folder.id}/{f.no}" for f in audit.record.nonconformities if f.capa not in cards]
    if missing:
        raise QmsError(
            "niezgodności bez karty działań korygujących: " + ", ".join(missing),
            hint=f"Otwórz kartę: qms capa new --from {missing[0]}",
        )

    def close(data: Any) -> None:
        data["status"] = "closed"
        data["closed"] = today

    plan = root / folder.path / "plan.yaml"
    edit_yaml(plan, close)
    return plan


@dataclass(frozen=True)
class RenumberResult:
    old: str
    new: str
    folder: Path
    changed: list[Path]


def renumber_audit(path: Path, name: str, new_id: str | None = None) -> RenumberResult:
    """Give the audit in folder ``name`` a new number: folder, the ids in its files, the
    references of its corrective actions. Used when a number was taken twice (e.g. two
    branches merged)."""
    loaded = load_repository(path)
    repo, root = loaded.repo, loaded.root
    folders = audit_folders(repo)
    folder = folders.get(name) or next((f for f in folders.values() if f.id == name), None)
    if folder is None or folder.plan is None:
        raise QmsError(f"nie ma katalogu auditu {AUDITS_DIR}/{name}/ z planem (plan.yaml)")
    old = folder.id
    match = AUDIT_ID_RE.match(old) or AUDIT_ID_RE.match(folder.name)
    year = int(match["year"]) if match else (folder.date or clock.today()).year
    new = new_id or next_audit_id(repo, year)
    taken = {f.id for f in folders.values()} | set(folders)
    taken |= {str(e.get("id")) for _, _, e in repo.items("audit-programme", "audits")}
    if not AUDIT_ID_RE.match(new):
        raise QmsError(f"„{new}” nie jest numerem auditu (AW-<rok>-<nr>, np. AW-{year}-09)")
    if new in taken:
        raise QmsError(
            f"numer {new} jest już zajęty", hint=f"Wolny numer: {next_audit_id(repo, year)}"
        )
    base = root / folder.path
    changed = [
        p
        for p in (base / n for n in ("plan.yaml", "checklist.yaml", "findings.yaml"))
        if p.exists()
    ]
    for file in changed:
        edit_yaml(file, lambda data: _set_id(data, new))
    report = base / "report.md"
    if report.exists():
        write_atomic(report, re.sub(rf"\b{re.escape(old)}\b", new, read_text(report)))
        changed.append(report)
    for finding in internal_audit(folder).findings:
        card = root / CAPA_DIR / f"{finding.capa}.yaml"
        if finding.capa is not None and card.exists():
            edit_yaml(card, lambda data: _repoint(data, old, new))
            changed.append(card)
    target = root / AUDITS_DIR / new
    if base != target:
        rename_folder(base, target)
    moved = [target / p.name if p.parent == base else p for p in changed]
    return RenumberResult(old, new, target, [p.relative_to(root) for p in moved])


def _set_id(data: Any, new: str) -> None:
    if "id" in data:
        data["id"] = new


def _repoint(data: Any, old: str, new: str) -> None:
    source = data.get("source")
    ref = source.get("ref") if isinstance(source, dict) else None
    if isinstance(ref, str) and ref.startswith(f"{old}/"):
        source["ref"] = new + ref[len(old) :]


def new_external_audit(
    path: Path,
    kind: str,
    date: str,
    body: str | None = None,
    stage: int | None = None,
    report: str | None = None,
) -> Path:
    loaded = load_repository(path)
    repo, root = loaded.repo, loaded.root
    if kind not in EXTERNAL_KINDS:
        raise QmsError(
            f"nieznany rodzaj auditu zewnętrznego „{kind}”",
            hint="Dozwolone: " + ", ".join(f"{k} ({v})" for k, v in EXTERNAL_KINDS.items()),
        )
    try:
        day = parse_iso(date)
    except ValueError as exc:
        raise QmsError(str(exc)) from None
    certificate = certificate_of(repo.config)
    body = body or (certificate.body if certificate is not None else None)
    data: dict[str, Any] = {"kind": kind}
    if stage is not None:
        data["stage"] = stage
    data.update({"date": day.isoformat(), "body": body or "jednostka certyfikująca"})
    data.update({"auditors": [], "report": report, "result": None, "findings": []})
    name = f"{day.isoformat()}-{kind}"
    header = [
        "yaml-language-server: $schema=../../../.qms/schemas/external-audit.schema.json",
        f"{EXTERNAL_KINDS[kind].capitalize()} {day.isoformat()}; ustalenia dopisuje "
        f"„qms audit finding {name}”.",
    ]
    target = root / EXTERNAL_DIR / f"{name}.yaml"
    create_file(target, yaml_text(data, header))
    return target
