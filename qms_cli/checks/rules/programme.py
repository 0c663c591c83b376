"""The internal audit programme (9.2): yearly, covering every process, unit and clause within the
certification cycle, with impartial auditors."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.audit_records import PlannedAudit, audit_records
from qms_cli.model.audits import auditors_by_id, team_problems
from qms_cli.model.certification import certificate_of
from qms_cli.model.documents import SourceFile
from qms_cli.model.findings import Severity

MAIN_CLAUSES = ("4", "5", "6", "7", "8", "9", "10")


def _cycle_programmes(ctx: CheckContext) -> list[SourceFile]:
    """Programmes of the current certification cycle (all of them when no cycle is known)."""
    certificate = certificate_of(ctx.repo.config)
    programmes = ctx.repo.of_kind("audit-programme")
    if certificate is None or certificate.issued is None or certificate.valid_until is None:
        return programmes
    first, last = certificate.issued.year, certificate.valid_until.year
    return [p for p in programmes if (year := _year(p)) is not None and first <= year <= last]


def _year(programme: SourceFile) -> int | None:
    year = programme.data.get("year")
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def _audits(ctx: CheckContext, programmes: list[SourceFile]) -> list[PlannedAudit]:
    paths = {p.path for p in programmes}
    return [a for a in audit_records(ctx.repo).programme if a.path in paths]


@repo_rule(
    "QMS032",
    "programme-exists",
    Severity.ERROR,
    "Program auditów na bieżący rok istnieje i planuje co najmniej jeden audit",
)
def programme_exists(ctx: CheckContext) -> Iterator[Hit]:
    year = ctx.today.year
    current = [p for p in ctx.repo.of_kind("audit-programme") if _year(p) == year]
    if not current:
        yield Hit(
            "records/audits/",
            f"brak programu auditów na {year} r. "
            f"(records/audits/programme-{year}.yaml; „qms audit programme {year}”)",
        )
    elif not _audits(ctx, current):
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
    for audit in _audits(ctx, programmes):
        processes.update(audit.processes)
        units.update(audit.units)
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
    covered = {c.split(".")[0] for a in _audits(ctx, programmes) for c in a.clauses}
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
    for audit in audit_records(ctx.repo).programme:
        for problem in team_problems(audit.team, audit.units, auditors):
            yield Hit(audit.path, problem.message, pointer=("audits", audit.index))
