"""The internal audit programme (9.2): yearly, covering every process, unit and clause within the
certification cycle, with impartial auditors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.audits import auditors_by_id, team_problems
from qms_cli.model.documents import SourceFile
from qms_cli.model.findings import Severity

MAIN_CLAUSES = ("4", "5", "6", "7", "8", "9", "10")


def _cycle_programmes(ctx: CheckContext) -> list[SourceFile]:
    """Programmes of the current certification cycle (all of them when no cycle is known)."""
    certificate = ctx.repo.config.get("certificate")
    start = certificate.get("issued") if isinstance(certificate, dict) else None
    end = certificate.get("valid_until") if isinstance(certificate, dict) else None
    programmes = ctx.repo.of_kind("audit-programme")
    if not (isinstance(start, str) and isinstance(end, str)):
        return programmes
    first, last = int(start[:4]), int(end[:4])
    return [
        p
        for p in programmes
        if isinstance(p.data.get("year"), int) and first <= p.data["year"] <= last
    ]


def _audits(programmes: list[SourceFile]) -> Iterator[tuple[SourceFile, int, dict[str, Any]]]:
    for source in programmes:
        for index, audit in enumerate(source.data.get("audits") or []):
            if isinstance(audit, dict):
                yield source, index, audit


def _strings(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


@repo_rule(
    "QMS032",
    "programme-exists",
    Severity.ERROR,
    "Program auditów na bieżący rok istnieje i planuje co najmniej jeden audit",
)
def programme_exists(ctx: CheckContext) -> Iterator[Hit]:
    year = ctx.today.year
    current = [p for p in ctx.repo.of_kind("audit-programme") if p.data.get("year") == year]
    if not current:
        yield Hit(
            "records/audits/",
            f"brak programu auditów na {year} r. "
            f"(records/audits/programme-{year}.yaml; „qms audit programme {year}”)",
        )
    elif not any(_audits(current)):
        yield Hit(
            current[0].path,
            f"program auditów na {year} r. nie planuje żadnego auditu",
            pointer=("audits",),
        )


@repo_rule(
    "QMS030",
    "programme-coverage",
    Severity.ERROR,
    "Program auditów obejmuje każdy proces i każdą komórkę w cyklu certyfikacji",
)
def programme_coverage(ctx: CheckContext) -> Iterator[Hit]:
    programmes = _cycle_programmes(ctx)
    if not programmes:
        return
    processes: set[str] = set()
    units: set[str] = set()
    for _, _, audit in _audits(programmes):
        processes.update(_strings(audit.get("processes")))
        units.update(_strings(audit.get("units")))
    where = programmes[-1].path
    for process in ctx.repo.documents_of_type("process"):
        if process.status == "active" and process.id not in processes:
            yield Hit(
                where,
                f"proces {process.id} ({process.title}) nie jest objęty programem "
                "auditów w cyklu certyfikacji",
                pointer=("audits",),
            )
    for unit in sorted(ctx.repo.unit_ids - units):
        yield Hit(
            where,
            f"komórka {unit} nie jest objęta programem auditów w cyklu certyfikacji",
            pointer=("audits",),
        )


@repo_rule(
    "QMS031",
    "programme-clauses",
    Severity.WARNING,
    "Program auditów obejmuje rozdziały 4–10 normy w cyklu certyfikacji",
)
def programme_clauses(ctx: CheckContext) -> Iterator[Hit]:
    programmes = _cycle_programmes(ctx)
    if not programmes:
        return
    covered = {
        c.split(".")[0] for _, _, a in _audits(programmes) for c in _strings(a.get("clauses"))
    }
    missing = [c for c in MAIN_CLAUSES if c not in covered]
    if missing:
        yield Hit(
            programmes[-1].path,
            "program auditów nie obejmuje rozdziałów normy: " + ", ".join(missing),
            pointer=("audits",),
        )


@repo_rule(
    "QMS033",
    "auditor-impartiality",
    Severity.ERROR,
    "Audytor nie audituje własnej komórki; audytor jest w rejestrze audytorów",
)
def auditor_impartiality(ctx: CheckContext) -> Iterator[Hit]:
    if "auditors" in ctx.repo.broken:
        return
    auditors = auditors_by_id(ctx.repo)
    for source, index, audit in _audits(ctx.repo.of_kind("audit-programme")):
        team = [audit.get("lead"), *_strings(audit.get("auditors"))]
        members = [m for m in team if isinstance(m, str)]
        for problem in team_problems(members, _strings(audit.get("units")), auditors):
            yield Hit(source.path, problem.message, pointer=("audits", index))
