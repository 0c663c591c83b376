"""Management review (9.3), satisfaction report (9.1.2) and the complaint register (KPA
Dział VIII): QMS601–QMS607. Dates come from ``CheckContext.today``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.certification import certificate_of
from qms_cli.model.dates import add_months
from qms_cli.model.findings import Severity
from qms_cli.model.record_views import complaints
from qms_cli.model.repository import Repository
from qms_cli.model.review import Review, action_state, missing_inputs, parse_progress, parse_review

REVIEW_INTERVAL_MONTHS = 12
SURVEY_REPORT_DAY = (1, 31)  # P-06 5.3.4: the report on the previous year is due by 31 January


def _reviews(repo: Repository) -> list[Review]:
    found = (parse_review(s.data, s.body, s.body_line, s.path) for s in repo.of_kind("review"))
    return sorted((r for r in found if r is not None), key=lambda r: r.year)


def _held(repo: Repository) -> list[Review]:
    return [r for r in _reviews(repo) if r.held is not None]


def _certified_since(repo: Repository) -> dt.date | None:
    certificate = certificate_of(repo.config)
    return certificate.issued if certificate is not None else None


@repo_rule(
    "QMS601",
    "review-interval",
    Severity.ERROR,
    "Przegląd zarządzania przeprowadzony w ostatnich 12 miesiącach (pole „date” raportu PZ)",
)
def review_interval(ctx: CheckContext) -> Iterator[Hit]:
    held = _held(ctx.repo)
    if held:
        latest = max(held, key=lambda r: r.held or dt.date.min)
        assert latest.held is not None
        if add_months(latest.held, REVIEW_INTERVAL_MONTHS) < ctx.today:
            yield Hit(
                latest.path,
                f"ostatni przegląd zarządzania ({latest.id}) odbył się {latest.held} — ponad "
                "12 miesięcy temu; przygotuj kolejny: qms review new",
                pointer=("date",),
            )
        return
    since = _certified_since(ctx.repo)
    if since is not None and add_months(since, REVIEW_INTERVAL_MONTHS) < ctx.today:
        yield Hit(
            "records/reviews/",
            "brak przeprowadzonego przeglądu zarządzania (raport PZ-<rok>.md z datą "
            f"posiedzenia), choć system jest certyfikowany od {since}",
        )


@repo_rule(
    "QMS602",
    "review-inputs",
    Severity.ERROR,
    "Przeprowadzony przegląd zarządzania zawiera wszystkie dane wejściowe 9.3.2 a)–f), "
    "c) 1)–7) i wyniki 9.3.3",
)
def review_inputs(ctx: CheckContext) -> Iterator[Hit]:
    for review in _held(ctx.repo):
        for item in missing_inputs(review.body):
            yield Hit(
                review.path,
                f"{review.id}: brak lub pusta sekcja „{item.title}” [{item.clause}] — dodaj "
                f"nagłówek z oznaczeniem [{item.clause}] i jej treść",
                line=review.body_line,
            )


@repo_rule(
    "QMS603",
    "review-action-overdue",
    Severity.WARNING,
    "Ustalenia z przeglądów zarządzania wykonane w terminie (records/reviews/actions.yaml)",
)
def review_action_overdue(ctx: CheckContext) -> Iterator[Hit]:
    progress = parse_progress(ctx.repo.data("review-actions"))
    for review in _held(ctx.repo):
        for action in review.actions():
            if action_state(action, progress, ctx.today) == "overdue":
                yield Hit(
                    review.path,
                    f"ustalenie {action.id} (odpowiada: {action.owner or '–'}) po terminie "
                    f"{action.due}; po wykonaniu: qms review done {action.id}",
                    line=action.line,
                )


@repo_rule(
    "QMS604",
    "review-action-complete",
    Severity.ERROR,
    "Każde ustalenie przeglądu ma odpowiedzialnego (stanowisko lub rolę) i termin; wpisy "
    "realizacji dotyczą istniejących ustaleń",
)
def review_action_complete(ctx: CheckContext) -> Iterator[Hit]:
    known = ctx.repo.role_ids | ctx.repo.position_ids
    ids: set[str] = set()
    for review in _held(ctx.repo):
        for action in review.actions():
            ids.add(action.id)
            problems = []
            if action.owner is None:
                problems.append("brak „Odpowiada: <stanowisko>”")
            elif action.owner not in known and "structure" not in ctx.repo.broken:
                problems.append(f"„{action.owner}” nie jest stanowiskiem ani rolą")
            if action.due is None:
                problems.append("brak „Termin: RRRR-MM-DD”")
            if action.written is not None and action.written != action.number:
                problems.append(f"numer {action.written} zamiast {action.number} (numeruj kolejno)")
            if problems:
                yield Hit(
                    review.path, f"ustalenie {action.id}: " + "; ".join(problems), line=action.line
                )
    source = ctx.repo.single("review-actions")
    if source is None:
        return
    for index, entry in enumerate(source.data.get("actions") or []):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"] not in ids:
            yield Hit(
                source.path,
                f"wpis {entry['id']} nie odpowiada żadnemu ustaleniu przeprowadzonego przeglądu",
                pointer=("actions", index, "id"),
            )


@repo_rule(
    "QMS605",
    "survey-report",
    Severity.WARNING,
    "Raport z badania satysfakcji klientów za poprzedni rok sporządzony do 31 stycznia (P-06)",
)
def survey_report(ctx: CheckContext) -> Iterator[Hit]:
    last = ctx.today.year - 1
    if ctx.today <= dt.date(ctx.today.year, *SURVEY_REPORT_DAY):
        return
    since = _certified_since(ctx.repo)
    had_objectives = any(s.data.get("year") == last for s in ctx.repo.of_kind("objectives"))
    if not (since is not None and since.year <= last) and not had_objectives:
        return
    rel = f"records/surveys/{last}/raport-{last}.md"
    if rel not in ctx.repo.files:
        yield Hit(
            rel,
            f"brak raportu z badania satysfakcji klientów za {last} r.; po wczytaniu ankiet: "
            f"qms survey report {last}",
        )


@repo_rule(
    "QMS606",
    "complaint-deadline",
    Severity.ERROR,
    "Skarga lub wniosek załatwione w terminie 1 miesiąca albo z zawiadomieniem o zwłoce i "
    "nowym terminem (art. 237, 244 i 36 KPA)",
)
def complaint_deadline(ctx: CheckContext) -> Iterator[Hit]:
    for complaint in complaints(ctx.repo):
        if complaint.closed is not None or not complaint.competent:
            continue
        if complaint.new_deadline is None and complaint.deadline < ctx.today:
            yield Hit(
                complaint.path,
                f"{complaint.id}: termin załatwienia {complaint.deadline} minął, brak "
                "zawiadomienia o zwłoce (art. 36 KPA): qms complaint delay "
                f"{complaint.id} --new-deadline … --reason …",
                pointer=("deadline",),
            )
        elif complaint.new_deadline is not None and complaint.new_deadline < ctx.today:
            yield Hit(
                complaint.path,
                f"{complaint.id}: minął także nowy termin {complaint.new_deadline} z zawiadomienia "
                "o zwłoce (art. 36 KPA)",
                pointer=("delay_notice",),
            )


@repo_rule(
    "QMS607",
    "complaint-forwarding",
    Severity.ERROR,
    "Skarga lub wniosek, do których Urząd nie jest właściwy, przekazane właściwemu organowi "
    "w 7 dni (art. 231 KPA)",
)
def complaint_forwarding(ctx: CheckContext) -> Iterator[Hit]:
    for complaint in complaints(ctx.repo):
        if complaint.competent or complaint.forwarded is not None:
            continue
        if complaint.closed is None and complaint.forward_by < ctx.today:
            yield Hit(
                complaint.path,
                f"{complaint.id}: Urząd nie jest właściwy, a pisma nie przekazano do "
                f"{complaint.forward_by} (art. 231 KPA): qms complaint forward {complaint.id} "
                "--to …",
                pointer=("competent",),
            )
