"""Process approach (4.4): every process has an owner, inputs, outputs, procedures and a KPI;
every procedure, instruction, form and service card belongs to a process."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.doctypes import PROCESS_BOUND_TYPES
from qms_cli.model.documents import Document
from qms_cli.model.findings import Severity
from qms_cli.model.hints import unknown_value_hint


def _in_force(ctx: CheckContext) -> list[Document]:
    """Process cards in force: drafts and withdrawn cards are not held to completeness."""
    return [d for d in ctx.repo.documents_of_type("process") if d.status == "active"]


@repo_rule(
    "QMS013",
    "process-procedures",
    Severity.ERROR,
    "Każdy proces ma co najmniej jedną procedurę, instrukcję lub kartę usługi",
)
def process_has_procedures(ctx: CheckContext) -> Iterator[Hit]:
    served = {
        d.meta.get("process")
        for d in ctx.repo.documents
        if d.type in ("procedure", "instruction", "service-card")
    }
    for process in _in_force(ctx):
        if process.id not in served:
            yield Hit(
                process.path,
                f"proces {process.id} nie ma żadnej procedury, instrukcji ani "
                "karty usługi (pole „process” w tych dokumentach)",
                pointer=("id",),
            )


@repo_rule(
    "QMS014", "process-kpi", Severity.ERROR, "Każdy proces ma miernik (KPI) albo cel jakości"
)
def process_has_kpi(ctx: CheckContext) -> Iterator[Hit]:
    with_objective = {
        item.get("process") for _, _, item in ctx.repo.items("objectives", "objectives")
    }
    for process in _in_force(ctx):
        if ctx.repo.process_card(process).kpis:
            continue
        if process.id not in with_objective:
            yield Hit(
                process.path,
                f"proces {process.id} nie ma miernika (kpis) ani celu jakości",
                pointer=("id",),
            )


@repo_rule(
    "QMS015", "process-inputs-outputs", Severity.ERROR, "Karta procesu określa wejścia i wyjścia"
)
def process_inputs_outputs(ctx: CheckContext) -> Iterator[Hit]:
    for process in _in_force(ctx):
        card = ctx.repo.process_card(process)
        for key, name, value in (
            ("inputs", "wejść", card.inputs),
            ("outputs", "wyjść", card.outputs),
        ):
            if not value:
                yield Hit(
                    process.path,
                    f"proces {process.id} nie określa {name} (pole „{key}”)",
                    pointer=("id",),
                )


@repo_rule(
    "QMS016",
    "process-membership",
    Severity.ERROR,
    "Procedura, instrukcja, formularz i karta usługi wskazują istniejący proces",
)
def belongs_to_process(ctx: CheckContext) -> Iterator[Hit]:
    processes = {d.id for d in ctx.repo.documents_of_type("process")}
    for doc in ctx.repo.documents:
        if doc.type not in PROCESS_BOUND_TYPES:
            continue
        process = doc.meta.get("process")
        if process is None:
            if doc.type != "form":
                yield Hit(
                    doc.path, f"{doc.id}: nie wskazano procesu (pole „process”)", pointer=("id",)
                )
        elif process not in processes:
            yield Hit(
                doc.path,
                f"{doc.id}: proces {process} nie istnieje (brak karty procesu)"
                + unknown_value_hint(str(process), processes),
                pointer=("process",),
            )
