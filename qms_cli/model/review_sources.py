"""Audit records as the management review reads them (corrective actions: model/capa.py). Pure.

Only the keys fixed in ARCHITECTURE.md ("Records shared between workflows") are read, so the
review works with whatever else the audit workflow adds; anything missing is simply absent.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from qms_cli.model.audits import AuditFinding
from qms_cli.model.calendar import parse_date

AUDIT_KIND_PL = {
    "internal": "wewnętrzny",
    "certification": "certyfikujący",
    "surveillance": "nadzoru",
    "recertification": "recertyfikujący",
    "transition": "przejścia na nowe wydanie normy",
}
PLAN_RE = re.compile(r"records/audits/(AW-\d{4}-\d+)/plan\.ya?ml")
EXTERNAL_RE = re.compile(r"records/audits/external/(\d{4}-\d{2}-\d{2})-([a-z-]+)\.ya?ml")


def findings(data: Any) -> list[AuditFinding]:
    items = data.get("findings") if isinstance(data, dict) else None
    dicts = [item for item in (items if isinstance(items, list) else []) if isinstance(item, dict)]
    return [AuditFinding.from_record(item, n) for n, item in enumerate(dicts, start=1)]


@dataclass(frozen=True)
class Audit:
    id: str
    kind: str
    date: dt.date | None
    processes: tuple[str, ...]
    units: tuple[str, ...]
    findings: tuple[AuditFinding, ...]
    sources: tuple[str, ...]


def internal_audit(
    plan_path: str, plan: Any, findings_path: str | None, findings_data: Any
) -> Audit | None:
    match = PLAN_RE.fullmatch(plan_path)
    if match is None or not isinstance(plan, dict):
        return None

    def ids(key: str) -> tuple[str, ...]:
        value = plan.get(key)
        return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()

    found = tuple(findings(findings_data)) if findings_path else ()
    sources = (plan_path, findings_path) if findings_path else (plan_path,)
    return Audit(
        id=str(plan.get("id") or match.group(1)),
        kind=str(plan.get("kind") or "internal"),
        date=parse_date(plan.get("date")),
        processes=ids("processes"),
        units=ids("units"),
        findings=found,
        sources=sources,
    )


def external_audit(path: str, data: Any) -> Audit | None:
    match = EXTERNAL_RE.fullmatch(path)
    if match is None:
        return None
    meta = data if isinstance(data, dict) else {}
    return Audit(
        id=path.rsplit("/", 1)[1].rsplit(".", 1)[0],
        kind=str(meta.get("kind") or match.group(2)),
        date=parse_date(meta.get("date")) or parse_date(match.group(1)),
        processes=(),
        units=(),
        findings=tuple(findings(meta)),
        sources=(path,),
    )
