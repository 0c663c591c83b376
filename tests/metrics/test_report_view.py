"""The comparison as data (render.metrics_report, pure): quartiles, the chart and tables for a
small and a large region, and the anonymised view."""

from __future__ import annotations

from qms_cli.model import metrics as M
from qms_cli.render.metrics_report import (
    OFFICE_BARS_UP_TO,
    report_html,
    report_markdown,
    report_view,
)


def entries(count: int) -> list[M.Entry]:
    return [
        M.Entry(
            f"ug-{n:03d}",
            f"Urząd Gminy {n}",
            f"ug-{n:03d}.json",
            {"indicators": {"satisfaction_index": {"value": 80.0 + n % 20}}},
        )
        for n in range(count)
    ]


def test_quartiles_as_a_spreadsheet_computes_them() -> None:
    assert M.quartiles([86.0, 92.0, 95.5]) == (89.0, 92.0, 93.75)
    assert M.quartiles([7.0]) == (7.0, 7.0, 7.0)
    assert M.quartiles([]) == (None, None, None)


def test_a_small_region_lists_every_office_in_the_pdf_and_the_chart() -> None:
    view = report_view(2026, entries(3))
    item = view.indicators[0]
    assert len(item.offices) == 3
    assert "Urząd Gminy 2" in item.svg and "mediana regionu" in item.svg
    assert "| Urząd Gminy 2 | 82,0% |" in report_markdown(view)


def test_a_large_region_lists_every_office_on_the_page_only() -> None:
    count = OFFICE_BARS_UP_TO + 1
    view = report_view(2026, entries(count))
    item = view.indicators[0]
    assert "Urząd Gminy 40" not in item.svg  # the chart shows the distribution
    assert "Kwartyl 1" in item.svg
    markdown = report_markdown(view)
    assert "Urząd Gminy 40" not in markdown
    assert f"Wartości wszystkich {count} urzędów podaje strona zestawienia" in markdown
    assert '<th scope="row">Urząd Gminy 40</th>' in report_html(view)


def test_an_indicator_nobody_shares_is_no_data() -> None:
    view = report_view(2026, entries(2))
    cases = next(i for i in view.indicators if i.key == "cases_on_time")
    assert cases.summary == ["0", *(["brak danych"] * 5)]
    assert cases.offices == [("Urząd Gminy 0", "brak danych"), ("Urząd Gminy 1", "brak danych")]
