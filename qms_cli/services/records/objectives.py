"""``qms objectives [YEAR]``: the status of every quality objective and a chart for each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io.generated import write_generated
from qms_cli.model.objectives import Assessment, Objective, assess, parse_objectives
from qms_cli.model.repository import Repository
from qms_cli.render.charts import LineChart, Point, line_chart_svg
from qms_cli.render.raster import svgs_to_png
from qms_cli.services.loading import load_repository

CHARTS = "records/objectives/charts"


def objectives_file(year: int) -> str:
    return f"records/objectives/{year}.yaml"


def chart_path(year: int, objective_id: str, suffix: str = "svg") -> str:
    """Where the chart of an objective lives, relative to the repository."""
    return f"{CHARTS}/{year}/{objective_id}.{suffix}"


@dataclass
class ObjectivesStatus:
    year: int
    source: str
    assessments: list[Assessment]
    charts: list[str] = field(default_factory=list)  # relative paths, SVG and PNG
    written: int = 0  # charts whose bytes changed


def load_objectives(repo: Repository, year: int) -> tuple[str, list[Objective]] | None:
    """The objectives of ``year`` or None when there is no such file; a file that cannot be
    read is an error (the user fixes it with ``qms check``)."""
    rel = objectives_file(year)
    source = repo.files.get(rel)
    if source is None:
        return None
    if not source.ok:
        raise QmsError(
            f"plik {rel} zawiera błędy i nie da się go odczytać",
            hint="Uruchom „qms check”, popraw wskazane miejsca i spróbuj ponownie.",
            path=rel,
        )
    return rel, parse_objectives(source.data, rel)


def objective_chart(assessment: Assessment) -> LineChart:
    objective = assessment.objective
    year = objective.year or (objective.due.year if objective.due else clock.today().year)
    start = dt.date(year, 1, 1)
    end = objective.due if objective.due and objective.due.year == year else dt.date(year, 12, 31)
    points = [Point(m.date, m.value) for m in objective.measurements]
    if points:
        start, end = min(start, points[0].date), max(end, points[-1].date)
    projection = None
    if assessment.projected is not None and not assessment.evaluated:
        projection = Point(end, assessment.projected)
    return LineChart(
        title=f"{objective.id}: {objective.kpi}",
        unit=objective.unit,
        start=start,
        end=end,
        points=points,
        target=objective.target,
        baseline=objective.baseline,
        projection=projection,
    )


def write_charts(root: Path, year: int, assessments: list[Assessment]) -> tuple[list[str], int]:
    """An SVG and a PNG per objective; returns their paths and how many files changed."""
    paths: list[str] = []
    written = 0
    svgs = [line_chart_svg(objective_chart(a)) for a in assessments]
    for assessment, svg, png in zip(assessments, svgs, svgs_to_png(svgs), strict=True):
        svg_rel = chart_path(year, assessment.objective.id)
        png_rel = chart_path(year, assessment.objective.id, "png")
        written += write_generated(root / svg_rel, svg)
        written += write_generated(root / png_rel, png)
        paths += [svg_rel, png_rel]
    return paths, written


def objectives_status(
    path: Path, year: int | None = None, today: dt.date | None = None, charts: bool = True
) -> ObjectivesStatus:
    today = today or clock.today()
    year = year or today.year
    loaded = load_repository(path)
    found = load_objectives(loaded.repo, year)
    if found is None:
        known = sorted(s.path for s in loaded.repo.of_kind("objectives"))
        raise QmsError(
            f"brak celów jakości na {year} r. ({objectives_file(year)})",
            hint=(
                "Ustalone cele: " + ", ".join(known)
                if known
                else "Utwórz plik celów według opisu w docs/objectives.md."
            ),
        )
    source, objectives = found
    status = ObjectivesStatus(year, source, [assess(o, today) for o in objectives])
    if charts:
        status.charts, status.written = write_charts(loaded.root, year, status.assessments)
    return status
