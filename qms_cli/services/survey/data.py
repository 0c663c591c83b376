"""What the survey commands and the review share: the settings, how units and services are
recognised, and the stored responses of a year (``records/surveys/<year>/*.csv``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qms_cli.io.surveycsv import list_canonical, read_canonical
from qms_cli.model.repository import Repository
from qms_cli.model.surveys import (
    Lookup,
    Response,
    Summary,
    SurveyConfig,
    config_from,
    normal,
    summarize,
)
from qms_cli.model.values import listing

SURVEYS = "records/surveys"
IMPORTS = "imports.yaml"


def year_folder(year: int) -> str:
    return f"{SURVEYS}/{year}"


def report_path(year: int) -> str:
    return f"{SURVEYS}/{year}/raport-{year}.md"


def survey_config(repo: Repository) -> SurveyConfig:
    return config_from(repo.config)


def service_names(repo: Repository) -> dict[str, str]:
    return {d.id: d.title for d in repo.documents_of_type("service-card")}


def lookup(repo: Repository) -> Lookup:
    units: dict[str, str] = {}
    for unit_id, name in repo.unit_names().items():
        units[normal(name)] = unit_id
        units[normal(unit_id)] = unit_id
    services: dict[str, str] = {}
    for card_id, title in service_names(repo).items():
        services[normal(title)] = card_id
        services[normal(card_id)] = card_id
    return Lookup(units, services)


@dataclass(frozen=True)
class YearData:
    year: int
    responses: list[Response]
    sources: list[str]  # canonical files, relative to the repository
    invalid: int  # questionnaires found invalid at import (imports.yaml)
    imports_file: str | None


def imports_data(repo: Repository, year: int) -> dict[str, Any]:
    source = repo.files.get(f"{year_folder(year)}/{IMPORTS}")
    return source.data if source is not None and source.ok else {}


def year_data(root: Path, repo: Repository, year: int) -> YearData:
    files = list_canonical(root / year_folder(year))
    responses: list[Response] = []
    sources = []
    for path in files:
        rel = f"{year_folder(year)}/{path.name}"
        responses.extend(r for r in read_canonical(path, rel) if r.date.year == year)
        sources.append(rel)
    imports = imports_data(repo, year)
    entries = listing(imports.get("imports"))
    invalid = sum(
        e["invalid"] for e in entries if isinstance(e, dict) and isinstance(e.get("invalid"), int)
    )
    imports_rel = f"{year_folder(year)}/{IMPORTS}"
    return YearData(year, responses, sources, invalid, imports_rel if imports else None)


def year_summary(repo: Repository, data: YearData) -> Summary:
    return summarize(
        data.year, data.responses, survey_config(repo), repo.unit_names(), service_names(repo)
    )


@dataclass(frozen=True)
class Figures:
    """A year's headline numbers: from its responses, or from its report's front matter when
    the responses are not in the repository."""

    year: int
    responses: int
    index: float | None
    units: dict[str, float | None]
    sources: tuple[str, ...]


def figures_from_summary(summary: Summary, sources: list[str]) -> Figures:
    units = {g.key: g.index for g in summary.units}
    overall = summary.overall
    return Figures(summary.year, overall.responses, overall.index, units, tuple(sources))


def figures_from_report(repo: Repository, year: int) -> Figures | None:
    source = repo.files.get(report_path(year))
    if source is None or not source.ok:
        return None
    meta = source.data
    responses, index = meta.get("responses"), meta.get("index")
    if not isinstance(responses, int):
        return None
    units: dict[str, float | None] = {}
    for item in meta.get("units") or []:
        if isinstance(item, dict) and isinstance(item.get("unit"), str):
            value = item.get("index")
            units[item["unit"]] = float(value) if isinstance(value, int | float) else None
    value = float(index) if isinstance(index, int | float) else None
    return Figures(year, responses, value, units, (source.path,))


def year_figures(root: Path, repo: Repository, year: int) -> Figures | None:
    data = year_data(root, repo, year)
    if data.responses:
        return figures_from_summary(year_summary(repo, data), data.sources)
    return figures_from_report(repo, year)
