"""`qms survey report`: the index per unit and service, the trend, charts; every number of
the report is recomputed here from the stored CSV files."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from qms_cli.io.layout import split_front_matter
from qms_cli.io.yamlfast import load
from qms_cli.services.survey.importer import import_survey
from qms_cli.services.survey.report import survey_report
from tests.records.helpers import TODAY, qms

REPORT = "records/surveys/2026/raport-2026.md"


def front(office: Path, rel: str = REPORT) -> dict[str, object]:
    split = split_front_matter((office / rel).read_text(encoding="utf-8"))
    assert split is not None
    data = load(split[0])
    assert isinstance(data, dict)
    return data


def recount(office: Path, year: int) -> tuple[int, int, int]:
    """(questionnaires, answers to P8, answers 4 or 5 to P8) straight from the CSV files."""
    total = answered = satisfied = 0
    for path in sorted((office / f"records/surveys/{year}").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                total += 1
                if row["P8"]:
                    answered += 1
                    satisfied += row["P8"] in ("4", "5")
    return total, answered, satisfied


def test_report_numbers_trace_to_the_stored_answers(office: Path) -> None:
    import_survey(
        office, office / "records/surveys/wplywy/ankiety-2026-10-online.csv", "online", today=TODAY
    )
    code, out, err = qms(office, "survey", "report", "2026")
    assert code == 0, err
    total, answered, satisfied = recount(office, 2026)
    meta = front(office)
    assert meta["responses"] == total == 131
    assert meta["index"] == round(100 * satisfied / answered, 1)
    assert meta["previous"] == {"year": 2025, "responses": 200, "index": 91.0}
    text = (office / REPORT).read_text(encoding="utf-8")
    index = f"{100 * satisfied / answered:.1f}".replace(".", ",")
    assert f"**{index}%** ({satisfied} z {answered} odpowiedzi na to pytanie)" in text
    assert "w 2025 r.: 91,0%" in text
    for rel in ("records/surveys/2026/ankiety-001.csv", "records/surveys/2026/imports.yaml"):
        assert f"`{rel}`" in text
    assert "![Wskaźnik zadowolenia według komórek, 2026 r.](charts/units.svg)" in text
    for name in ("units.svg", "units.png", "questions.svg", "questions.png"):
        assert (office / "records/surveys/2026/charts" / name).is_file()
    assert f"{index}%" in out and "Utworzono raport: records/surveys/2026/raport-2026.md" in out


def test_regenerating_keeps_what_people_wrote_and_changes_nothing_else(office: Path) -> None:
    survey_report(office, 2026, today=dt.date(2026, 10, 20))
    path = office / REPORT
    path.write_text(path.read_text(encoding="utf-8") + "\nWnioski Sekretarza.\n", encoding="utf-8")
    before = path.read_bytes()
    again = survey_report(office, 2026, today=TODAY)
    assert not again.created
    assert path.read_bytes() == before  # same data: not even the date changes
    import_survey(
        office, office / "records/surveys/wplywy/ankiety-2026-10-online.csv", "online", today=TODAY
    )
    survey_report(office, 2026, today=TODAY)
    text = path.read_text(encoding="utf-8")
    assert "Wnioski Sekretarza." in text
    assert front(office)["generated"] == "2026-11-21"
    assert front(office)["responses"] == 131


def test_previous_year_from_its_report_when_its_answers_are_gone(office: Path) -> None:
    for path in (office / "records/surveys/2025").glob("*.csv"):
        path.unlink()
    report = survey_report(office, 2026, today=TODAY)
    assert report.previous is not None
    assert (report.previous.year, report.previous.index) == (2025, 91.0)
    assert report.previous.sources == ("records/surveys/2025/raport-2025.md",)


def test_report_without_markers_or_without_data_is_refused(office: Path) -> None:
    code, _, err = qms(office, "survey", "report", "2024")
    assert code == 3 and "brak wyników ankiet za 2024 r." in err
    path = office / "records/surveys/2025/raport-2025.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("<!-- qms:end -->", ""), encoding="utf-8"
    )
    code, _, err = qms(office, "survey", "report", "2025")
    assert code == 3 and "brak znaczników „qms:begin” i „qms:end”" in err


def test_example_report_2025_is_what_the_command_produces(office: Path) -> None:
    path = office / "records/surveys/2025/raport-2025.md"
    shipped = path.read_bytes()
    charts = {p.name: p.read_bytes() for p in (office / "records/surveys/2025/charts").iterdir()}
    survey_report(office, 2025, today=TODAY)
    assert path.read_bytes() == shipped
    assert {
        p.name: p.read_bytes() for p in (office / "records/surveys/2025/charts").iterdir()
    } == charts
