"""Charts as SVG text: a line chart for an objective, a horizontal bar chart for survey results.

Pure and deterministic: the same data gives the same bytes (coordinates rounded to 0.1, no
ids, dates or random parts). Text uses Libertinus Serif, a font built into Typst, so the PDF
renderer and the PNG conversion (``render.raster``) draw the same glyphs; browsers fall back to
a serif font. Each chart carries a ``<title>`` and a ``<desc>`` that say in words what it shows.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from qms_cli.model.numbers import pl_number, with_unit

FONT = "Libertinus Serif, Linux Libertine, Georgia, serif"
INK, GRID, MUTED = "#1a1a1a", "#d9d9d9", "#595959"
BLUE, LIGHT_BLUE, RED, GREY = "#1f5fa8", "#7ea6d8", "#b3261e", "#6b6b6b"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
WIDTH = 640


def _f(value: float) -> str:
    return f"{value:.1f}"


def _text_width(text: str, size: float) -> float:
    return len(text) * size * 0.5


def _wrap(text: str, size: float, width: float, lines: int = 2) -> list[str]:
    """Greedy word wrap into at most ``lines`` lines; the last one ends with … when cut."""
    limit = max(int(width / (size * 0.5)), 10)
    out: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= limit or not current:
            current = candidate
            continue
        out.append(current)
        current = word
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: limit - 1].rstrip() + "…"
    return out


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / max(ticks, 1)
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _axis(low: float, high: float) -> tuple[float, float, float]:
    """A padded range and a tick step that gives 4–6 round ticks."""
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.12
    step = _nice_step(high - low + 2 * pad)
    return math.floor((low - pad) / step) * step, math.ceil((high + pad) / step) * step, step


@dataclass
class _Svg:
    width: float
    height: float
    title: str
    desc: str
    parts: list[str] = field(default_factory=list)

    def text(
        self,
        x: float,
        y: float,
        content: str,
        size: float = 11,
        anchor: str = "start",
        fill: str = INK,
        weight: str | None = None,
        halo: bool = False,
    ) -> None:
        extra = ' font-weight="bold"' if weight else ""
        if halo:  # a white outline keeps a label readable over lines
            extra += (
                ' stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'
            )
        self.parts.append(
            f'<text x="{_f(x)}" y="{_f(y)}" font-size="{size:g}" text-anchor="{anchor}" '
            f'fill="{fill}"{extra}>{escape(content)}</text>'
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str, **extra: str) -> None:
        attrs = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in extra.items())
        self.parts.append(
            f'<line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" '
            f'stroke="{stroke}"{attrs}/>'
        )

    def rect(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        self.parts.append(
            f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(max(w, 0))}" height="{_f(h)}" '
            f'fill="{fill}"/>'
        )

    def render(self) -> str:
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{_f(self.width)}" '
            f'height="{_f(self.height)}" viewBox="0 0 {_f(self.width)} {_f(self.height)}" '
            f'role="img" font-family={quoteattr(FONT)}>'
        )
        return "\n".join(
            [
                head,
                f"<title>{escape(self.title)}</title>",
                f"<desc>{escape(self.desc)}</desc>",
                f'<rect x="0" y="0" width="{_f(self.width)}" height="{_f(self.height)}" '
                'fill="#ffffff"/>',
                *self.parts,
                "</svg>",
                "",
            ]
        )


def _title_lines(svg: _Svg, title: str, width: float) -> float:
    """Draw the title (one or two lines); return the y below it."""
    y = 22.0
    for line in _wrap(title, 13, width - 32):
        svg.text(16, y, line, size=13, weight="bold")
        y += 17
    return y


@dataclass(frozen=True)
class Point:
    date: dt.date
    value: float


@dataclass(frozen=True)
class LineChart:
    """Measurements of one objective over its year, with its target and baseline."""

    title: str
    unit: str
    start: dt.date
    end: dt.date
    points: Sequence[Point]
    target: float
    baseline: float | None = None
    projection: Point | None = None  # the fitted trend on the due date


def _pl_date(day: dt.date) -> str:
    return f"{day.day}.{day.month:02d}.{day.year}"


def line_chart_svg(chart: LineChart) -> str:
    values = [p.value for p in chart.points] + [chart.target]
    values += [chart.baseline] if chart.baseline is not None else []
    values += [chart.projection.value] if chart.projection is not None else []
    low, high, step = _axis(min(values), max(values))
    desc = "; ".join(f"{_pl_date(p.date)}: {with_unit(p.value, chart.unit)}" for p in chart.points)
    desc = f"Pomiary: {desc or 'brak'}. Cel: {with_unit(chart.target, chart.unit)}." + (
        f" Wartość wyjściowa: {with_unit(chart.baseline, chart.unit)}."
        if chart.baseline is not None
        else ""
    )
    svg = _Svg(WIDTH, 320, chart.title, desc)
    top = _title_lines(svg, chart.title, WIDTH) + 8
    left, right, bottom = 64.0, WIDTH - 24.0, 320 - 56.0
    days = max((chart.end - chart.start).days, 1)

    def x_of(day: dt.date) -> float:
        return left + (right - left) * (day - chart.start).days / days

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * (value - low) / (high - low)

    ticks = round((high - low) / step)
    for i in range(ticks + 1):
        value = low + i * step
        svg.line(left, y_of(value), right, y_of(value), GRID, stroke_width="1")
        svg.text(left - 6, y_of(value) + 4, pl_number(value, _digits(step)), 10, "end", MUTED)
    svg.line(left, bottom, right, bottom, INK, stroke_width="1")
    for month in _month_starts(chart.start, chart.end):
        svg.line(x_of(month), bottom, x_of(month), bottom + 4, INK, stroke_width="1")
        label = ROMAN[month.month - 1] + (f" {month.year}" if month.month == 1 else "")
        svg.text(x_of(month) + 2, bottom + 16, label, 10, "start", MUTED)
    if chart.unit:
        svg.text(left - 6, top - 6, chart.unit, 10, "end", MUTED)
    if chart.baseline is not None:
        y = y_of(chart.baseline)
        svg.line(left, y, right, y, GREY, stroke_width="1.2", stroke_dasharray="2 3")
    y = y_of(chart.target)
    svg.line(left, y, right, y, RED, stroke_width="1.5", stroke_dasharray="6 4")
    if chart.projection is not None and chart.points:
        last = chart.points[-1]
        svg.line(
            x_of(last.date),
            y_of(last.value),
            x_of(chart.projection.date),
            y_of(chart.projection.value),
            LIGHT_BLUE,
            stroke_width="1.5",
            stroke_dasharray="4 3",
        )
    if chart.points:
        coords = " ".join(f"{_f(x_of(p.date))},{_f(y_of(p.value))}" for p in chart.points)
        svg.parts.append(
            f'<polyline points="{coords}" fill="none" stroke="{BLUE}" stroke-width="2"/>'
        )
    for p in chart.points:
        svg.parts.append(
            f'<circle cx="{_f(x_of(p.date))}" cy="{_f(y_of(p.value))}" r="3.5" fill="{BLUE}"/>'
        )
        svg.text(
            x_of(p.date), y_of(p.value) - 8, pl_number(p.value, 1), 10, "middle", BLUE, halo=True
        )
    _legend(svg, chart, 320 - 18)
    return svg.render()


def _digits(step: float) -> int:
    return 0 if step >= 1 and float(step).is_integer() else 1 if step * 10 >= 1 else 2


def _month_starts(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    day = dt.date(start.year, start.month, 1)
    if day < start:
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    while day <= end:
        yield day
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _legend(svg: _Svg, chart: LineChart, y: float) -> None:
    items: list[tuple[str, str, str]] = [
        (BLUE, "", "pomiary"),
        (RED, "6 4", f"cel: {with_unit(chart.target, chart.unit)}"),
    ]
    if chart.baseline is not None:
        items.append((GREY, "2 3", f"wartość wyjściowa: {with_unit(chart.baseline, chart.unit)}"))
    if chart.projection is not None:
        items.append((LIGHT_BLUE, "4 3", f"trend: {with_unit(chart.projection.value, chart.unit)}"))
    x = 64.0
    for color, dash, label in items:
        extra = {"stroke_dasharray": dash} if dash else {}
        svg.line(x, y - 4, x + 22, y - 4, color, stroke_width="2", **extra)
        svg.text(x + 28, y, label, 10, "start", MUTED)
        x += 28 + _text_width(label, 10) + 18


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    color: str = BLUE


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one group per category, one bar per series (e.g. this year, last)."""

    title: str
    categories: Sequence[str]
    series: Sequence[Series]
    unit: str = "%"
    maximum: float = 100.0
    reference: float | None = None  # a vertical dashed line, e.g. the 85% threshold
    reference_label: str = ""
    digits: int = 1


def bar_chart_svg(chart: BarChart) -> str:
    bar, gap = 12.0, 10.0
    lines_most = max((len(_wrap(c, 11, 210)) for c in chart.categories), default=1)
    group = max(bar * len(chart.series) + gap, 12.0 * lines_most + 10)
    desc_parts = []
    for i, category in enumerate(chart.categories):
        values = ", ".join(
            f"{s.name} {with_unit(s.values[i], chart.unit, chart.digits)}" for s in chart.series
        )
        desc_parts.append(f"{category}: {values}")
    title_height = 17 * len(_wrap(chart.title, 13, WIDTH - 32))
    height = 22 + title_height + 16 + group * len(chart.categories) + 40
    svg = _Svg(WIDTH, height, chart.title, "; ".join(desc_parts) + ".")
    top = _title_lines(svg, chart.title, WIDTH) + 12
    left, right = 230.0, WIDTH - 56.0
    bottom = top + group * len(chart.categories)

    def x_of(value: float) -> float:
        return left + (right - left) * max(min(value / chart.maximum, 1.0), 0.0)

    step = _nice_step(chart.maximum, 5)
    for i in range(round(chart.maximum / step) + 1):
        value = i * step
        svg.line(x_of(value), top - 4, x_of(value), bottom, GRID, stroke_width="1")
        svg.text(x_of(value), bottom + 14, pl_number(value, _digits(step)), 10, "middle", MUTED)
    if chart.reference is not None:
        x = x_of(chart.reference)
        svg.line(x, top - 8, x, bottom, RED, stroke_width="1.2", stroke_dasharray="5 3")
    for i, category in enumerate(chart.categories):
        y = top + i * group
        lines = _wrap(category, 11, 210)
        middle = y + bar * len(chart.series) / 2 + 4 - 6 * (len(lines) - 1)
        for k, line in enumerate(lines):
            svg.text(left - 8, middle + 12 * k, line, 11, "end")
        for j, series in enumerate(chart.series):
            y_bar = y + j * bar
            found = series.values[i]
            if found is None:
                svg.text(left + 4, y_bar + bar - 2, "brak danych", 9, "start", MUTED)
                continue
            svg.rect(left, y_bar + 1, x_of(found) - left, bar - 2, series.color)
            label = pl_number(found, chart.digits)
            svg.text(x_of(found) + 4, y_bar + bar - 2, label, 9, "start", INK, halo=True)
    svg.line(left, top - 4, left, bottom, INK, stroke_width="1")
    x = left
    legend_y = bottom + 32
    for series in chart.series:
        svg.rect(x, legend_y - 9, 12, 10, series.color)
        svg.text(x + 16, legend_y, series.name, 10, "start", MUTED)
        x += 16 + _text_width(series.name, 10) + 18
    if chart.reference is not None and chart.reference_label:
        svg.line(
            x, legend_y - 4, x + 18, legend_y - 4, RED, stroke_width="1.2", stroke_dasharray="5 3"
        )
        svg.text(x + 22, legend_y, chart.reference_label, 10, "start", MUTED)
    return svg.render()
