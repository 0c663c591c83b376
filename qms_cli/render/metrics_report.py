"""The regional comparison (``qms compare``) as data for its page and its PDF: per indicator
the median, the quartiles and the range, every office's value (or, anonymised, only the
chosen office's), and a chart. Pure, no I/O; the HTML comes from ``templates/bip/compare.html``.

Anonymised, nothing names another office: no name, no id, no value tied to an office — only
the distribution (count, quartiles, range) and the chosen office itself.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from qms_cli.model import metrics as M
from qms_cli.model.numbers import pl_number, with_unit
from qms_cli.render.bip_site import environment
from qms_cli.render.charts import BarChart, Series, bar_chart_svg
from qms_cli.render.markdown import image, table

# more offices: the chart shows the distribution, the page's table every office and the PDF
# (a document to print, whose build time and memory would grow with every office) the summary
OFFICE_BARS_UP_TO = 40
CHART_DIR = "wykresy"
SUMMARY_HEAD = ["Urzędów", "Minimum", "Kwartyl 1", "Mediana", "Kwartyl 3", "Maksimum"]


@dataclass(frozen=True)
class IndicatorView:
    key: str
    label: str
    unit: str
    summary: list[str]  # SUMMARY_HEAD cells
    offices: list[tuple[str, str]]  # (office name, value); empty when anonymised
    own: str | None  # the chosen office's value (anonymised)
    chart: str  # file name under CHART_DIR
    chart_alt: str
    svg: str


@dataclass(frozen=True)
class ReportView:
    title: str
    year: int
    count: int  # offices compared
    anonymous: str | None  # the chosen office's name
    indicators: list[IndicatorView]


def value_text(value: float | None, unit: str) -> str:
    if value is None:
        return "brak danych"
    if unit == "tak/nie":
        return "tak" if value >= 0.5 else "nie"
    if unit == "%":
        return with_unit(value, "%")
    return pl_number(value, 0 if float(value).is_integer() else 1)


def _summary(found: M.Distribution) -> list[str]:
    unit = found.indicator.unit
    if unit == "tak/nie":
        yes = sum(1 for _, v in found.values if v == 1.0)
        return [str(found.count), "–", "–", f"tak: {yes}; nie: {found.count - yes}", "–", "–"]
    numbers = (found.low, found.q1, found.median, found.q3, found.high)
    return [str(found.count), *(value_text(n, unit) for n in numbers)]


def _scale(unit: str, values: Sequence[float | None]) -> float:
    if unit == "%":
        return 100.0
    top = max((v for v in values if v is not None), default=0.0)
    return float(max(1, math.ceil(top * 1.1)))


def _chart(found: M.Distribution, names: dict[str, str], own: str | None) -> BarChart:
    indicator = found.indicator
    unit = "%" if indicator.unit == "%" else ""
    digits = 1 if indicator.unit == "%" else 0
    own_value = dict(found.values).get(own) if own else None
    if indicator.unit == "tak/nie":
        yes = sum(1 for _, v in found.values if v == 1.0)
        counts: list[float | None] = [float(yes), float(found.count - yes)]
        return BarChart(
            f"{indicator.label}: liczba urzędów",
            ["tak", "nie"],
            [Series("urzędy", counts)],
            unit="",
            maximum=float(max(1, found.count)),
            digits=0,
        )
    if own is None and len(found.values) <= OFFICE_BARS_UP_TO:
        values = [v for _, v in found.values]
        categories = [names[i] for i, _ in found.values]
        title = f"{indicator.label} według urzędów"
    else:
        values = [found.low, found.q1, found.median, found.q3, found.high]
        categories = ["Minimum", "Kwartyl 1", "Mediana", "Kwartyl 3", "Maksimum"]
        title = f"{indicator.label}: rozkład w regionie"
        if own is not None:
            values, categories = [own_value, *values], ["Twój urząd", *categories]
    reference = found.median if own is None else own_value
    return BarChart(
        title,
        categories,
        [Series(indicator.label, values)],
        unit=unit,
        maximum=_scale(indicator.unit, values),
        reference=reference,
        reference_label="mediana regionu" if own is None else "wartość Twojego urzędu",
        digits=digits,
    )


def report_view(
    year: int, entries: Sequence[M.Entry], anonymous: M.Office | None = None
) -> ReportView:
    names = {e.office_id: e.name for e in entries}
    own = anonymous.id if anonymous else None
    views = []
    for indicator in M.INDICATORS:
        found = M.distribution(indicator, entries)
        chart = _chart(found, names, own)
        values = dict(found.values)
        views.append(
            IndicatorView(
                indicator.key,
                indicator.label,
                indicator.unit,
                _summary(found),
                []
                if own is not None
                else [(names[i], value_text(v, indicator.unit)) for i, v in found.values],
                value_text(values.get(own), indicator.unit) if own is not None else None,
                f"{indicator.key}.svg",
                f"Wykres: {chart.title}. Wartości podaje tabela obok.",
                bar_chart_svg(chart),
            )
        )
    who = f" — {anonymous.name} na tle regionu" if anonymous else ""
    return ReportView(
        f"Porównanie wskaźników urzędów za {year} r.{who}",
        year,
        len(entries),
        anonymous.name if anonymous else None,
        views,
    )


def report_html(view: ReportView) -> str:
    env = environment()
    return env.get_template("compare.html").render(
        view=view, summary_head=SUMMARY_HEAD, charts=CHART_DIR
    )


def report_markdown(view: ReportView) -> str:
    """The PDF's body: the same tables and charts as the page; each office's value up to
    ``OFFICE_BARS_UP_TO`` offices."""
    about = (
        f"Porównanie {view.count} urzędów na podstawie podpisanych plików `qms metrics`."
        if view.anonymous is None
        else f"{view.anonymous} na tle {view.count} urzędów regionu; inne urzędy nie są wymienione."
    )
    parts = [about + "\n"]
    for item in view.indicators:
        parts.append(f"## {item.label}\n")
        if item.own is not None:
            parts.append(f"Twój urząd: **{item.own}**.\n")
        parts.append(table(SUMMARY_HEAD, [item.summary], tuple(range(6))))
        parts.append(image(item.chart_alt, f"{CHART_DIR}/{item.chart}"))
        if item.offices and len(item.offices) <= OFFICE_BARS_UP_TO:
            parts.append(table(["Urząd", "Wartość"], [list(o) for o in item.offices], (1,)))
        elif item.offices:
            parts.append(
                f"Wartości wszystkich {len(item.offices)} urzędów podaje strona zestawienia "
                "(index.html).\n"
            )
    return "\n".join(parts)
