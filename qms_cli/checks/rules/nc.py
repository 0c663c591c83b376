"""The register of nonconforming outputs (ISO 9001 8.7, ``records/nc/``): a closed entry shows
its correction and who decided; every person, card and document it names exists. QMS611–612."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.capa import CAPA_DIR
from qms_cli.model.dates import as_date
from qms_cli.model.findings import Severity
from qms_cli.model.values import mapping


@repo_rule(
    "QMS616",
    "nc-closed",
    Severity.ERROR,
    "Zamknięty wpis rejestru niezgodnych usług ma korekcję z datą i wskazuje, kto zdecydował "
    "o postępowaniu (ISO 9001 pkt 8.7.2)",
)
def nc_closed(ctx: CheckContext) -> Iterator[Hit]:
    for source in ctx.repo.of_kind("nc"):
        data = source.data
        if as_date(data.get("closed")) is None:
            continue
        missing = []
        correction = mapping(data.get("correction"))
        if not str(correction.get("description") or "").strip():
            missing.append("korekcji (correction.description)")
        elif as_date(correction.get("date")) is None:
            missing.append("daty korekcji (correction.date)")
        if not data.get("decided_by"):
            missing.append("osoby, która zdecydowała o postępowaniu (decided_by)")
        if missing:
            yield Hit(
                source.path,
                f"{data.get('id')}: wpis zamknięty bez " + ", ".join(missing),
                pointer=("closed",),
            )


@repo_rule(
    "QMS617",
    "nc-references",
    Severity.ERROR,
    "Wpis rejestru niezgodnych usług wskazuje istniejące stanowiska lub role (odstępstwo, "
    "decyzja), proces, kartę usługi i kartę działań korygujących",
)
def nc_references(ctx: CheckContext) -> Iterator[Hit]:
    repo = ctx.repo
    people = repo.role_ids | repo.position_ids
    for source in repo.of_kind("nc"):
        data = source.data
        nc_id = data.get("id")
        concession = mapping(data.get("concession"))
        checks: list[tuple[tuple[str | int, ...], object, bool, str]] = [
            (
                ("concession", "authorised_by"),
                concession.get("authorised_by"),
                concession.get("authorised_by") in people,
                "nie jest stanowiskiem ani rolą (org/structure.yaml)",
            ),
            (
                ("decided_by",),
                data.get("decided_by"),
                data.get("decided_by") in people,
                "nie jest stanowiskiem ani rolą (org/structure.yaml)",
            ),
            (
                ("capa",),
                data.get("capa"),
                f"{CAPA_DIR}/{data.get('capa')}.yaml" in repo.files,
                f"nie ma takiej karty w {CAPA_DIR}/",
            ),
            (
                ("process",),
                data.get("process"),
                data.get("process") in repo.docs_by_id,
                "nie ma takiego procesu",
            ),
            (
                ("service",),
                data.get("service"),
                data.get("service") in repo.docs_by_id,
                "nie ma takiej karty usługi",
            ),
        ]
        for pointer, value, ok, why in checks:
            if isinstance(value, str) and value and not ok:
                field = ".".join(str(p) for p in pointer)
                yield Hit(source.path, f"{nc_id}: {field} „{value}” {why}", pointer=pointer)
