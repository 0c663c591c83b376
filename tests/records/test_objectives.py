"""Objective status and charts: `qms objectives`, the model, reproducible SVG and PNG."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from qms_cli.model.objectives import Status, assess, parse_objectives
from qms_cli.render.charts import BarChart, LineChart, Point, Series, bar_chart_svg, line_chart_svg
from qms_cli.render.raster import svg_to_png
from qms_cli.services.records.objectives import objectives_status
from tests.edit import edit_yaml
from tests.records.helpers import TODAY, qms

D = dt.date


def objective(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "CJ-2026-01",
        "kpi": "Terminowość",
        "unit": "%",
        "target": 90,
        "direction": "min",
        "due": "2026-12-31",
        "measurements": [
            {"date": "2026-03-31", "value": 80},
            {"date": "2026-06-30", "value": 84},
            {"date": "2026-09-30", "value": 88},
        ],
    }
    base.update(changes)
    return base


def status_of(today: dt.date = TODAY, **changes: object) -> tuple[Status, str]:
    [parsed] = parse_objectives({"year": 2026, "objectives": [objective(**changes)]}, "x.yaml")
    found = assess(parsed, today)
    return found.status, found.reason


def test_trend_that_reaches_the_target_is_on_track() -> None:
    assert status_of() == (Status.ON_TRACK, "trend pomiarów osiąga cel w terminie")


def test_trend_that_falls_short_is_at_risk() -> None:
    flat = [{"date": f"2026-0{m}-28", "value": 80 + m * 0.1} for m in (3, 6, 9)]
    assert status_of(measurements=flat)[0] is Status.AT_RISK


def test_no_measurement_is_at_risk() -> None:
    assert status_of(measurements=[]) == (Status.AT_RISK, "brak pomiarów")


def test_a_measurement_below_the_minimum_sample_does_not_decide() -> None:
    """Issue 16 finding 6: CJ-2026-02 counted 119 valid surveys where its rule needs 150."""
    values = [{"date": "2026-09-30", "value": 94.1, "sample": 119}]
    assert status_of(min_sample=150, measurements=values) == (
        Status.AT_RISK,
        "ostatni pomiar: próba 119 mniejsza niż wymagana 150",
    )
    after = D(2027, 1, 15)
    assert status_of(after, min_sample=150, measurements=values) == (
        Status.MISSED,
        "po terminie, próba 119 mniejsza niż wymagana 150",
    )
    enough = [{"date": "2026-12-31", "value": 94.1, "sample": 152}]
    assert status_of(after, min_sample=150, measurements=enough)[0] is Status.MET


def test_max_direction_uses_at_most() -> None:
    values = [{"date": "2026-06-30", "value": 1.4}]
    assert status_of(target=1.5, direction="max", measurements=values)[0] is Status.ON_TRACK


def test_past_due_without_evaluation_is_judged_by_the_last_measurement() -> None:
    later = D(2027, 1, 15)
    assert status_of(later)[0] is Status.MISSED
    met = [{"date": "2026-12-31", "value": 91}]
    assert status_of(later, measurements=met)[0] is Status.MET


def test_evaluation_decides() -> None:
    result = {"date": "2027-02-10", "status": "met", "value": 90.2}
    assert status_of(D(2027, 3, 1), result=result) == (Status.MET, "ocena z 2027-02-10")


def test_command_shows_status_and_writes_charts(office: Path) -> None:
    code, out, err = qms(office, "objectives", "2026")
    assert code == 0, err
    assert "CJ-2026-01" in out and "Podsumowanie:" in out  # statuses: see the tests above
    charts = sorted((office / "records/objectives/charts/2026").iterdir())
    assert len(charts) == 20
    svg = (office / "records/objectives/charts/2026/CJ-2026-01.svg").read_text(encoding="utf-8")
    for label in ("98,4", "98,9", "99,1", "cel: 99,0%", "wartość wyjściowa: 97,8%"):
        assert label in svg
    png = (office / "records/objectives/charts/2026/CJ-2026-01.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    code, out, _ = qms(office, "objectives", "2026")
    assert "zmienionych: 0." in out  # same data, same bytes: nothing rewritten


def test_missing_year_is_a_clear_error(office: Path) -> None:
    code, _, err = qms(office, "objectives", "2031")
    assert code == 3
    assert "brak celów jakości na 2031 r. (records/objectives/2031.yaml)" in err
    assert "records/objectives/2026.yaml" in err


def test_example_office_objectives_are_on_track_in_november(office: Path) -> None:
    status = objectives_status(office, 2026, TODAY, charts=False)
    at_risk = [a.objective.id for a in status.assessments if a.status is Status.AT_RISK]
    assert at_risk == ["CJ-2026-02"]  # 119 surveys of the 150 its own rule asks for
    assert {a.status for a in status.assessments} == {Status.ON_TRACK, Status.AT_RISK}
    assert status.source == "records/objectives/2026.yaml"


def test_evaluation_changes_the_status(office: Path) -> None:
    def evaluate(data: object) -> None:
        data["objectives"][2]["result"] = {
            "date": "2026-11-20",
            "status": "missed",  # type: ignore[index]
            "value": 38.9,
            "comment": "Za mało formularzy.",
        }

    edit_yaml(office / "records/objectives/2026.yaml", evaluate)
    status = objectives_status(office, 2026, TODAY, charts=False)
    assert [a.status for a in status.assessments][2] is Status.MISSED


def test_charts_are_byte_for_byte_reproducible() -> None:
    chart = LineChart(
        "CJ-1: Odsetek spraw <w terminie> & bez zwłoki",
        "%",
        D(2026, 1, 1),
        D(2026, 12, 31),
        [Point(D(2026, 3, 31), 98.4), Point(D(2026, 6, 30), 98.9)],
        99.0,
        97.8,
        Point(D(2026, 12, 31), 99.6),
    )
    first, second = line_chart_svg(chart), line_chart_svg(chart)
    assert first == second
    assert svg_to_png(first) == svg_to_png(second)
    root = ET.fromstring(first)  # well-formed: the & and < of the title are escaped
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == chart.title  # type: ignore[union-attr]
    assert "31.03.2026: 98,4%" in root.find(f"{ns}desc").text  # type: ignore[union-attr,operator]


@pytest.mark.parametrize("values", [[93.5, None], [0.0, 100.0]])
def test_bar_chart_handles_missing_and_extreme_values(values: list[float | None]) -> None:
    chart = BarChart(
        "Komórki",
        ["Referat Organizacyjny", "USC"],
        [Series("2026", values)],
        reference=85,
        reference_label="próg 85%",
    )
    svg = bar_chart_svg(chart)
    ET.fromstring(svg)
    assert svg == bar_chart_svg(chart)
    assert ("brak danych" in svg) is (None in values)
