"""Trainings (ISO 9001 7.2, procedure P-09; ``records/trainings/SZ-….yaml``): a planned training
is held or rescheduled, a held one shows its evidence and has its effectiveness assessed within
three months, and every position, role and objective it names exists. QMS640–643."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.findings import Severity
from qms_cli.model.trainings import HELD, OVERDUE, Training, parse_training
from qms_cli.model.values import mapping


def _trainings(ctx: CheckContext) -> Iterator[Training]:
    return ctx.parsed("training", parse_training)


@repo_rule(
    "QMS640",
    "training-overdue",
    Severity.WARNING,
    "Szkolenie z planu, którego termin minął, ma datę odbycia albo nowy termin (P-09)",
)
def training_overdue(ctx: CheckContext) -> Iterator[Hit]:
    for training in _trainings(ctx):
        if training.state(ctx.today) == OVERDUE:
            yield Hit(
                training.path,
                f"{training.id}: szkolenie „{training.title}” zaplanowano do {training.planned}, "
                "a nie ma daty odbycia — po szkoleniu: qms training done "
                f"{training.id} --held RRRR-MM-DD --evidence …; jeśli przesunięto, zmień planned",
                pointer=("planned",),
            )


@repo_rule(
    "QMS641",
    "training-evidence",
    Severity.ERROR,
    "Odbyte szkolenie wskazuje dowód odbycia: listę obecności, zaświadczenia (ISO 9001 pkt 7.2 d)",
)
def training_evidence(ctx: CheckContext) -> Iterator[Hit]:
    for training in _trainings(ctx):
        if training.held is not None and not training.evidence:
            yield Hit(
                training.path,
                f"{training.id}: szkolenie odbyte {training.held} bez dowodu (evidence) — wpisz, "
                "gdzie jest lista obecności lub zaświadczenia (np. znak sprawy w EZD)",
                pointer=("held",),
            )


@repo_rule(
    "QMS642",
    "training-effectiveness",
    Severity.WARNING,
    "Skuteczność odbytego szkolenia oceniono w ciągu 3 miesięcy (formularz F-07, P-09 §5.4)",
)
def training_effectiveness(ctx: CheckContext) -> Iterator[Hit]:
    for training in _trainings(ctx):
        due = training.assessment_due
        if training.state(ctx.today) == HELD and due is not None and due < ctx.today:
            yield Hit(
                training.path,
                f"{training.id}: skuteczności szkolenia odbytego {training.held} nie oceniono do "
                f"{due} (effectiveness: date, score 1–5, by; formularz F-07)",
                pointer=("held",),
            )


@repo_rule(
    "QMS643",
    "training-references",
    Severity.ERROR,
    "Uczestnicy i oceniający szkolenia to stanowiska lub role z org/structure.yaml, a cel "
    "jakości istnieje",
)
def training_references(ctx: CheckContext) -> Iterator[Hit]:
    repo = ctx.repo
    if "structure" in repo.broken:
        return
    people = repo.role_ids | repo.position_ids
    objectives = repo.ids("objectives", "objectives")
    for source in repo.of_kind("training"):
        data, training_id = source.data, source.data.get("id")
        participants = data.get("participants")
        for index, who in enumerate(participants if isinstance(participants, list) else []):
            if isinstance(who, str) and who not in people:
                yield Hit(
                    source.path,
                    f"{training_id}: uczestnik „{who}” nie jest stanowiskiem ani rolą "
                    "(org/structure.yaml; imion i nazwisk nie wpisuje się do repozytorium)",
                    pointer=("participants", index),
                )
        by = mapping(data.get("effectiveness")).get("by")
        if isinstance(by, str) and by not in people:
            yield Hit(
                source.path,
                f"{training_id}: oceniający „{by}” nie jest stanowiskiem ani rolą",
                pointer=("effectiveness", "by"),
            )
        objective = data.get("objective")
        if isinstance(objective, str) and objective not in objectives:
            yield Hit(
                source.path,
                f"{training_id}: nie ma celu jakości {objective}",
                pointer=("objective",),
            )
