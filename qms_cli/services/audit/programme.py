"""``qms audit programme YEAR``: a draft of the yearly internal audit programme, weighted by
the findings of earlier audits, open corrective actions and changes of process documents."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io.records import create_file, yaml_text
from qms_cli.model.audit_records import audit_records
from qms_cli.model.audits import (
    AUDITS_DIR,
    auditors_by_id,
)
from qms_cli.model.capa import is_open
from qms_cli.model.certification import certificate_of
from qms_cli.model.documents import Document
from qms_cli.model.programme import DraftAudit, History, ProcessFacts, draft_programme
from qms_cli.model.repository import Repository
from qms_cli.services.loading import load_repository
from qms_cli.vcs.log import file_changes

HISTORY_YEARS = 3  # findings of the last three years (one certification cycle) weigh


@dataclass(frozen=True)
class ProgrammeResult:
    path: Path
    audits: list[DraftAudit]


def new_programme(path: Path, year: int, today: dt.date | None = None) -> ProgrammeResult:
    today = today or clock.today()
    if not 2000 <= year <= 2100:
        raise QmsError(f"rok {year} spoza zakresu 2000–2100")
    loaded = load_repository(path)
    repo, root = loaded.repo, loaded.root
    rel = f"{AUDITS_DIR}/programme-{year}.yaml"
    if (root / rel).exists():
        raise QmsError(
            f"program auditów na {year} r. już istnieje ({rel}) — niczego nie zmieniono",
            hint="Program zmienia się w pliku; żeby przygotować go od nowa, usuń plik.",
        )
    processes = [d for d in repo.documents_of_type("process") if d.status != "withdrawn"]
    histories = _histories(root, repo, processes, year, today)
    facts = [
        ProcessFacts(
            id=p.id,
            title=p.title,
            units=repo.process_card(p).units,
            home=_home_unit(repo, p),
            clauses=repo.process_card(p).clauses,
            history=histories[p.id],
        )
        for p in sorted(processes, key=lambda d: d.id)
    ]
    units = [str(u["id"]) for _, _, u in repo.items("structure", "units") if "id" in u]
    drafts = draft_programme(year, facts, units, auditors_by_id(repo))
    data: dict[str, object] = {"year": year}
    certificate = certificate_of(repo.config)
    if certificate is not None and certificate.issued and certificate.valid_until:
        cycle = (certificate.issued.isoformat(), certificate.valid_until.isoformat())
        data["cycle"] = {"from": cycle[0], "to": cycle[1]}
    data["audits"] = [
        {
            "id": d.id,
            "month": d.month,
            "processes": d.processes,
            "units": d.units,
            "clauses": d.clauses,
            "lead": d.lead,
        }
        for d in drafts
    ]
    text = yaml_text(data, _header(repo, year, today), {"audits": [d.note for d in drafts]})
    create_file(root / rel, text)
    return ProgrammeResult(root / rel, drafts)


def _header(repo: Repository, year: int, today: dt.date) -> list[str]:
    office = repo.config.get("office")
    head = office.get("head_title") if isinstance(office, dict) else None
    return [
        "yaml-language-server: $schema=../../.qms/schemas/audit-programme.schema.json",
        f"Program auditów wewnętrznych na rok {year} (ISO 9001, pkt 9.2; PN-EN ISO 19011:2018, "
        "pkt 5) – projekt",
        f"przygotowany poleceniem „qms audit programme {year}” {today.isoformat()}. Każdy proces "
        "i każda komórka są auditowane w roku;",
        "procesy z ustaleniami wcześniejszych auditów, otwartymi działaniami korygującymi "
        "i zmianami dokumentów mają większą wagę:",
        "są auditowane wcześniej, a od wagi 6 — dwa razy. Program można zmieniać; zatwierdza go "
        f"{head or 'kierownik urzędu'}.",
    ]


def _home_unit(repo: Repository, process: Document) -> str | None:
    owner = process.owner
    if owner is None:
        return None
    positions = [owner] if owner in repo.position_ids else sorted(repo.positions_of_role(owner))
    for position in positions:
        unit = repo.unit_of_position(position)
        if unit is not None:
            return unit
    return None


def _histories(
    root: Path, repo: Repository, processes: list[Document], year: int, today: dt.date
) -> dict[str, History]:
    histories = {p.id: History() for p in processes}
    since = dt.date(year - HISTORY_YEARS, 1, 1)
    records = audit_records(repo)
    for audit in records.internal:
        if audit.date is None or audit.date < since:
            continue
        for finding in audit.findings:
            for process in audit.processes:
                if process in histories:
                    histories[process].findings[finding.type] += 1
    for audit in records.external:
        if audit.date is None or audit.date < since:
            continue
        for finding in audit.findings:
            if finding.process in histories:
                histories[finding.process].findings[finding.type] += 1
    for card in repo.of_kind("capa"):
        process = card.data.get("process")
        if is_open(card.data) and isinstance(process, str) and process in histories:
            histories[process].open_capa += 1
    for process, count in _changes(root, repo, processes, today).items():
        histories[process].changes = count
    return histories


def _changes(
    root: Path, repo: Repository, processes: list[Document], today: dt.date
) -> Counter[str]:
    """Commits in the last 12 months that changed each process's card and documents."""
    members: dict[str, str] = {p.path: p.id for p in processes}
    ids = {p.id for p in processes}
    for doc in repo.documents:
        process = doc.meta.get("process")
        if isinstance(process, str) and process in ids:
            members[doc.path] = process
    commits: dict[str, set[str]] = {p.id: set() for p in processes}
    start = today - dt.timedelta(days=365)
    for doc_path, changes in file_changes(root, sorted(members)).items():
        commits[members[doc_path]].update(c.commit for c in changes if c.when.date() > start)
    return Counter({process: len(found) for process, found in commits.items()})
