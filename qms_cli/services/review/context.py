"""What every part of the management review draft needs: the repository, the period, the
reviews and their tracked actions, and the shared records (audits, corrective actions,
complaints) read by their fixed keys."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from qms_cli.io import yamlfast
from qms_cli.model import record_views
from qms_cli.model.audit_records import Audit, audit_records
from qms_cli.model.capa import CorrectiveAction
from qms_cli.model.complaints import Complaint
from qms_cli.model.repository import Repository
from qms_cli.model.review import Progress, Review, parse_progress, parse_review
from qms_cli.model.surveys import Summary
from qms_cli.services.records.complaints import all_complaints
from qms_cli.services.survey.data import (
    Figures,
    YearData,
    figures_from_report,
    figures_from_summary,
    year_data,
    year_summary,
)
from qms_cli.vcs.snapshot import file_at

REVIEWS = "records/reviews"
ACTIONS_FILE = f"{REVIEWS}/actions.yaml"


def review_path(review_id: str) -> str:
    return f"{REVIEWS}/{review_id}.md"


def all_reviews(repo: Repository) -> list[Review]:
    found = (parse_review(s.data, s.body, s.body_line, s.path) for s in repo.of_kind("review"))
    return sorted((r for r in found if r is not None), key=lambda r: r.year)


def progress(repo: Repository) -> dict[str, Progress]:
    return parse_progress(repo.data("review-actions"))


def internal_audits(repo: Repository) -> list[Audit]:
    """Every internal audit with a plan, by id (model/audit_records: its findings with it)."""
    records = audit_records(repo)
    return sorted((a for f, a in records.folder_audits() if f.plan is not None), key=lambda a: a.id)


def corrective_actions(repo: Repository) -> list[CorrectiveAction]:
    return sorted(record_views.corrective_actions(repo), key=lambda c: c.id)


@dataclass(frozen=True)
class AuditYear:
    """The internal audits of a period against the year's programme: those carried out (dated
    on or before ``today``), those planned for later days, and the programme's audit ids."""

    dated: list[Audit]
    done: list[Audit]
    coming: list[Audit]
    planned: list[str]
    programme: str | None  # the programme file, when readable

    @property
    def planned_done(self) -> list[str]:
        """The programme's audits that were carried out."""
        done = {a.id for a in self.done}
        return [p for p in self.planned if p in done]


def audit_year(repo: Repository, start: dt.date, end: dt.date, today: dt.date) -> AuditYear:
    dated = [a for a in internal_audits(repo) if a.date is not None and start <= a.date <= end]
    # an audit planned for a day after the draft is not carried out yet (issue 16)
    done = [a for a in dated if a.date is not None and a.date <= today]
    coming = [a for a in dated if a not in done]
    programme = repo.files.get(f"records/audits/programme-{end.year}.yaml")
    usable = programme.path if programme is not None and programme.ok else None
    planned = [str(p.id) for p in audit_records(repo).programme if p.path == usable]
    return AuditYear(dated, done, coming, planned, usable)


@dataclass(frozen=True)
class Section:
    """One compiled part of the draft: Markdown and the files its numbers come from."""

    markdown: str
    sources: list[str] = field(default_factory=list)


@dataclass
class ReviewContext:
    root: Path
    repo: Repository
    review_id: str
    start: dt.date
    end: dt.date
    today: dt.date
    reviews: list[Review]
    previous: Review | None
    progress: dict[str, Progress]
    _surveys: dict[int, tuple[YearData, Summary]] = field(default_factory=dict, init=False)

    @property
    def period_year(self) -> int:
        return self.end.year

    def in_period(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def surveys(self, year: int) -> tuple[YearData, Summary]:
        """The stored questionnaires of ``year`` and their summary (read once per draft)."""
        if year not in self._surveys:
            data = year_data(self.root, self.repo, year)
            self._surveys[year] = (data, year_summary(self.repo, data))
        return self._surveys[year]

    def survey_figures(self, year: int) -> Figures | None:
        data, summary = self.surveys(year)
        if data.responses:
            return figures_from_summary(summary, data.sources)
        return figures_from_report(self.repo, year)

    def complaints(self) -> list[Complaint]:
        return [c for c in all_complaints(self.repo) if self.in_period(c.received)]

    def internal_audits(self) -> list[Audit]:
        return internal_audits(self.repo)

    def audit_year(self) -> AuditYear:
        return audit_year(self.repo, self.start, self.end, self.today)

    def external_audits(self) -> list[Audit]:
        found = audit_records(self.repo).external
        return sorted(found, key=lambda a: (a.date or self.end, a.id))

    def corrective_actions(self) -> list[CorrectiveAction]:
        return corrective_actions(self.repo)

    def earlier(self, rel: str) -> tuple[str, object] | None:
        """(commit, parsed YAML) of ``rel`` as of the previous review, if git knows it."""
        if self.previous is None or self.previous.held is None:
            return None
        found = file_at(self.root, rel, self.previous.held)
        if found is None:
            return None
        try:
            return found[0], yamlfast.load(found[1])
        except yamlfast.YamlProblem:
            return None

    def chart_link(self, rel: str) -> str:
        """A repository path as seen from records/reviews/ (where the review lives)."""
        return "../" + rel.removeprefix("records/")
