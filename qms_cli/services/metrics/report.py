"""The comparison report of ``qms compare``: an accessible page with the BIP's stylesheet,
its charts, and a PDF in the house layout (the record template), written as one folder that
replaces the previous report whole or not at all."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.io.outdir import replace_folder
from qms_cli.model import metrics as M
from qms_cli.render.assets import office_assets
from qms_cli.render.metrics_report import CHART_DIR, report_html, report_markdown, report_view
from qms_cli.render.pdf_context import config_page_context
from qms_cli.render.pdf_record import record_context
from qms_cli.render.typst_pdf import BodySource, PdfJob, Renderer
from qms_cli.resources import data_path
from qms_cli.services.metrics.compare import Comparison

PAGE = "index.html"
FOOTER = "Zestawienie danych zbiorczych urzędów (qms compare). Bez danych osobowych."


@dataclass(frozen=True)
class Report:
    folder: Path
    pdf: str
    offices: int


def pdf_name(year: int) -> str:
    return f"porownanie-{year}.pdf"


def chosen_office(comparison: Comparison, office_id: str | None) -> M.Office | None:
    if office_id is None:
        return None
    listed = {o.id: o for o in comparison.offices}
    if office_id not in listed:
        raise QmsError(
            f"nie ma urzędu „{office_id}” na liście urzędów",
            hint="--anonymous przyjmuje id urzędu z listy (pole id).",
        )
    if office_id not in {e.office_id for e in comparison.entries}:
        raise QmsError(f"wśród porównywanych plików nie ma pliku urzędu „{office_id}”")
    return listed[office_id]


def write_report(comparison: Comparison, out: Path, anonymous: str | None = None) -> Report:
    view = report_view(comparison.year, comparison.entries, chosen_office(comparison, anonymous))
    files: dict[str, bytes] = {
        PAGE: report_html(view).encode("utf-8"),
        "bip.css": (data_path("templates") / "bip" / "static" / "bip.css").read_bytes(),
    }
    for item in view.indicators:
        files[f"{CHART_DIR}/{item.chart}"] = item.svg.encode("utf-8")
    name = pdf_name(comparison.year)
    files[name] = _pdf(comparison, files, report_markdown(view), view.title)
    replace_folder(out, files, "qms compare\n")
    return Report(out, name, len(comparison.entries))


def _pdf(comparison: Comparison, files: dict[str, bytes], markdown: str, title: str) -> bytes:
    """The PDF, rendered in a sandbox that holds only the charts it shows."""
    as_of = max(str(e.data.get("as_of", "")) for e in comparison.entries)
    try:
        day = dt.date.fromisoformat(as_of)
    except ValueError:
        day = dt.date(comparison.year, 12, 31)
    config = {"pdf": {"footer": FOOTER}}
    with tempfile.TemporaryDirectory(prefix="qms-compare-") as tmp:
        root = Path(tmp) / "dane"
        for rel, data in files.items():
            if rel.startswith(CHART_DIR + "/"):
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                (root / rel).write_bytes(data)
        assets = office_assets(root, config)
        context = config_page_context(config, title, ["qms compare", "ISO 9001"])
        context["doc"] = record_context(
            f"Porównanie {comparison.year}", title, kind="metrics-comparison", date=day, source=None
        )
        job = PdfJob(
            name=pdf_name(comparison.year),
            label="porównanie",
            template="record",
            context=context,
            bodies=(BodySource(markdown, (title,), "", "porównanie"),),
            timestamp=dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC),
        )
        result = Renderer(assets, Path(tmp) / "sandbox").render(job)
    if result.pdf is None:
        raise QmsError(result.error or "nie udało się złożyć PDF", hint=result.hint)
    return result.pdf
