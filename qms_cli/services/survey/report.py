"""``qms survey report YEAR``: the satisfaction index per unit and service, the trend against
the year before, charts, and the report ``records/surveys/<year>/raport-<year>.md``.

The report is regenerated between its ``qms:begin`` and ``qms:end`` markers; what people wrote
outside them (conclusions, actions taken) stays as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io.atomic import write_atomic
from qms_cli.io.generated import write_generated
from qms_cli.io.records import markdown_text, new_map, new_seq, read_markdown
from qms_cli.model.repository import Repository
from qms_cli.model.surveys import Summary, SurveyConfig
from qms_cli.render.charts import BLUE, BarChart, Series, bar_chart_svg
from qms_cli.render.markdown import BEGIN, END, replace_generated
from qms_cli.render.raster import svgs_to_png
from qms_cli.render.reports.survey import Previous, report_body
from qms_cli.services.loading import load_repository
from qms_cli.services.survey.data import (
    Figures,
    report_path,
    survey_config,
    year_data,
    year_figures,
    year_folder,
    year_summary,
)

PALE_BLUE = "#9bb7d9"
CONCLUSIONS = (
    "## 7. Wnioski i podjęte działania\n\n"
    "<!-- Uzupełnia Sekretarz Gminy (P-06 pkt 5.3.4): najczęstsze uwagi klientów, wnioski "
    "i działania podjęte na podstawie wyników. Tej części qms nie zmienia. -->\n"
)


@dataclass
class SurveyReport:
    summary: Summary
    previous: Previous | None
    path: str
    created: bool
    charts: list[str] = field(default_factory=list)


def chart_folder(year: int) -> str:
    return f"{year_folder(year)}/charts"


def previous_from(figures: Figures | None) -> Previous | None:
    if figures is None:
        return None
    return Previous(figures.year, figures.responses, figures.index, figures.units, figures.sources)


def survey_charts(
    root: Path, summary: Summary, config: SurveyConfig, previous: Previous | None
) -> dict[str, str]:
    """Write the charts of a year (SVG and PNG); returns name -> SVG path in the repository."""
    year = summary.year
    series = [Series(str(year), [g.index for g in summary.units], BLUE)]
    if previous is not None:
        series.append(
            Series(
                str(previous.year), [previous.units.get(g.key) for g in summary.units], PALE_BLUE
            )
        )
    charts = {
        "units": BarChart(
            f"Wskaźnik zadowolenia klientów według komórek, {year} r."
            + (f" i {previous.year} r." if previous is not None else ""),
            [g.label for g in summary.units],
            series,
            reference=config.threshold,
            reference_label=(
                f"próg {int(config.threshold)}% (P-06)" if config.threshold is not None else ""
            ),
        ),
        "questions": BarChart(
            f"Średnie oceny w pytaniach ankiety F-05 (skala 1–5), {year} r.",
            [f"{q.id} {q.text}" for q in summary.questions],
            [Series(str(year), [q.mean for q in summary.questions], BLUE)],
            unit="",
            maximum=5.0,
            digits=2,
        ),
    }
    out = {}
    svgs = {name: bar_chart_svg(chart) for name, chart in charts.items()}
    for (name, svg), png in zip(svgs.items(), svgs_to_png(list(svgs.values())), strict=True):
        rel = f"{chart_folder(year)}/{name}.svg"
        write_generated(root / rel, svg)
        write_generated(root / rel.replace(".svg", ".png"), png)
        out[name] = rel
    return out


def year_report_inputs(
    root: Path, repo: Repository, year: int
) -> tuple[Summary, Previous | None, list[str], int] | None:
    """(summary, previous year, source files, invalid questionnaires) or None without data."""
    data = year_data(root, repo, year)
    if not data.responses:
        return None
    files = data.sources + ([data.imports_file] if data.imports_file else [])
    return (
        year_summary(repo, data),
        previous_from(year_figures(root, repo, year - 1)),
        files,
        data.invalid,
    )


def survey_report(path: Path, year: int, today: dt.date | None = None) -> SurveyReport:
    today = today or clock.today()
    loaded = load_repository(path)
    root, repo = loaded.root, loaded.repo
    inputs = year_report_inputs(root, repo, year)
    if inputs is None:
        raise QmsError(
            f"brak wyników ankiet za {year} r. w {year_folder(year)}/",
            hint="Najpierw wczytaj ankiety: qms survey import PLIK.csv --channel paper",
        )
    summary, previous, files, invalid = inputs
    config = survey_config(repo)
    charts = survey_charts(root, summary, config, previous)
    relative = {
        name: rel.rsplit("/", 2)[-2] + "/" + rel.rsplit("/", 1)[1] for name, rel in charts.items()
    }
    body = report_body(summary, config, previous, files, invalid, relative)
    rel = report_path(year)
    existing = read_markdown(root / rel, rel)
    if existing is None:
        meta: Any = new_map()
        text_body = (
            f"\n# Raport z badania satysfakcji klientów za {year} r.\n\n{BEGIN}\n{body}{END}\n\n"
            + CONCLUSIONS
        )
    else:
        meta, old_body = existing
        replaced = replace_generated(old_body, body)
        if replaced is None:
            raise QmsError(
                f"{rel}: brak znaczników „qms:begin” i „qms:end” — niczego nie zmieniono",
                hint="Przywróć znaczniki albo przenieś raport pod inną nazwę i utwórz go ponownie.",
            )
        text_body = replaced
    before = markdown_text(meta, existing[1]) if existing is not None else ""
    _front_matter(meta, summary, previous, files, meta.get("generated", today))
    if markdown_text(meta, text_body) != before:  # the date changes only with the content
        meta["generated"] = today
        write_atomic(root / rel, markdown_text(meta, text_body))
    paths = sorted([*charts.values(), *(p.replace(".svg", ".png") for p in charts.values())])
    return SurveyReport(summary, previous, rel, existing is None, paths)


def _front_matter(
    meta: Any, summary: Summary, previous: Previous | None, files: list[str], generated: Any
) -> None:
    meta["title"] = f"Raport z badania satysfakcji klientów za {summary.year} r."
    meta["year"] = summary.year
    meta["generated"] = generated
    meta["responses"] = summary.overall.responses
    meta["index"] = _round(summary.overall.index)
    meta["units"] = new_seq(
        new_map(
            [("unit", group.key), ("responses", group.responses), ("index", _round(group.index))],
            flow=True,
        )
        for group in summary.units
    )
    if previous is not None:
        meta["previous"] = new_map(
            [
                ("year", previous.year),
                ("responses", previous.responses),
                ("index", _round(previous.index)),
            ],
            flow=True,
        )
    elif "previous" in meta:
        del meta["previous"]
    meta["sources"] = new_seq(files)


def _round(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None
