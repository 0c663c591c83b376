"""Times the records commands (issue 8) on a copy of the example office.

- ``qms survey import`` of a generated Excel-style export (Windows-1250, semicolons) of N rows;
- ``qms survey report`` over the year with those N rows added;
- ``qms objectives`` (ten SVG + PNG charts) and one chart: SVG text, PNG via Typst;
- ``qms review new`` (every input of 9.3.2, charts included);
- ``qms check`` of the office with the extra records (cold, no cache).

Run: ``.venv/bin/python benchmarks/records_speed.py [--rows 10000]``. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qms_cli.render.charts import LineChart, Point, line_chart_svg
from qms_cli.render.raster import svg_to_png
from qms_cli.resources import data_path
from qms_cli.services.check import run_check
from qms_cli.services.records.objectives import objectives_status
from qms_cli.services.review.review import new_review
from qms_cli.services.survey.importer import import_survey
from qms_cli.services.survey.report import survey_report

TODAY = dt.date(2026, 11, 21)
UNITS = ["Biuro Obsługi Klienta", "Urząd Stanu Cywilnego", "Podatki i opłaty lokalne", "GK", "IP"]


def export(path: Path, rows: int) -> None:
    rng = random.Random(rows)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Data", "Komórka", "Sprawa", *(f"P{i}" for i in range(1, 9)), "Uwagi"])
    for _ in range(rows):
        day = dt.date(2026, 1, 2) + dt.timedelta(days=rng.randrange(300))
        answers = [rng.choice([3, 4, 4, 5, 5, 5]) for _ in range(8)]
        remark = rng.choice(["", "", "", "Dziękuję za sprawną obsługę.", "Za długa kolejka."])
        writer.writerow([day.strftime("%d.%m.%Y"), rng.choice(UNITS), "", *answers, remark])
    path.write_bytes(buffer.getvalue().encode("cp1250"))


def timed(func: Callable[[], object], repeat: int = 1) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qms-bench-records-") as tmp:
        office = Path(tmp) / "office"
        shutil.copytree(data_path("docs-repo-template"), office)
        source = Path(tmp) / "ankiety.csv"
        export(source, args.rows)
        chart = LineChart(
            "CJ-2026-01: Odsetek spraw załatwionych w terminie",
            "%",
            dt.date(2026, 1, 1),
            dt.date(2026, 12, 31),
            [Point(dt.date(2026, 3, 31), 98.4), Point(dt.date(2026, 9, 30), 99.1)],
            99.0,
            97.8,
        )
        svg = line_chart_svg(chart)
        rows = [
            ("one chart: SVG text", timed(lambda: line_chart_svg(chart), 50)),
            ("one chart: PNG through Typst", timed(lambda: svg_to_png(svg), 10)),
            (
                f"survey import, {args.rows} rows (cp1250, ;)",
                timed(lambda: import_survey(office, source, "paper", today=TODAY)),
            ),
            (
                f"survey report 2026 ({args.rows + 119} questionnaires)",
                timed(lambda: survey_report(office, 2026, today=TODAY)),
            ),
            (
                "objectives 2026 (10 charts, SVG+PNG)",
                timed(lambda: objectives_status(office, 2026, TODAY)),
            ),
            ("review new 2027", timed(lambda: new_review(office, 2027, today=TODAY))),
            ("check, cold", timed(lambda: run_check(office, today=TODAY, use_cache=False))),
        ]
    print("| step | seconds |\n| --- | ---: |")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
