"""``qms audit report``: the ISO 19011 6.5.1 elements, never overwriting a report unasked,
and the PDF step plugged in when the renderer exists."""

from __future__ import annotations

import datetime as dt
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.io.layout import split_front_matter
from qms_cli.io.yamlfast import load
from qms_cli.model.audits import REPORT_FIELDS, REPORT_SECTIONS
from qms_cli.services.audit.report import pdf_renderer
from qms_cli.services.check import run_check
from tests.audits.helpers import REPORT, TODAY, complete_audit
from tests.edit import edit_yaml, replace
from tests.render.pdfread import flat, page_texts, standards

runner = CliRunner()


def qms(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--path", str(root)])
    return result.exit_code, result.stdout, result.stderr


def report(root: Path) -> tuple[dict, str]:  # type: ignore[type-arg]
    split = split_front_matter((root / REPORT).read_text(encoding="utf-8"))
    assert split is not None
    return load(split[0]), split[1]


def test_report_has_every_element(minimal: Path) -> None:
    complete_audit(minimal)
    meta, body = report(minimal)
    assert meta["id"] == "AW-2026-02" and meta["type"] == "audit-report"
    assert meta["findings"] == {"nc-major": 0, "nc-minor": 1, "observation": 0, "improvement": 0}
    assert all(meta[key] for key in REPORT_FIELDS)
    for number, section in enumerate(REPORT_SECTIONS, start=1):
        assert f"\n## {number}. {section}\n" in body
    assert "Audit przeprowadzono 15 września 2026 r.; miejsce: Urząd Gminy Testowo" in body
    assert "- Zleceniodawca: Wójt Gminy Testowo." in body
    assert "- Auditor wiodący: AUD-01 Anna Testowa." in body
    assert "- Osoby auditowane: Kierownik Urzędu Stanu Cywilnego." in body
    assert (
        "| 1 | niezgodność mała | Rejestry nie są przeglądane | P-01 | Dwa z pięciu "
        "sprawdzonych rejestrów bez daty przeglądu | DK-2026-001 |"
    ) in body
    assert "- Ustalenie 1: karta DK-2026-001." in body
    assert meta["coverage"] == {"checked": 0, "questions": 6} and meta["status"] == "draft"
    assert meta["conclusions"].startswith("Audit jest niepełny: sprawdzono 0 z 6 pytań")


def test_existing_report_is_kept_unless_forced(minimal: Path) -> None:
    complete_audit(minimal)
    edit_yaml(
        minimal / REPORT, lambda d: d.__setitem__("disagreements", "Kierownik USC: bez uwag.")
    )
    before = (minimal / REPORT).read_bytes()
    code, _, err = qms(minimal, "audit", "report", "AW-2026-02")
    assert code == 3 and "już istnieje — niczego nie nadpisano" in err
    assert (minimal / REPORT).read_bytes() == before
    code, _, _ = qms(
        minimal,
        "audit",
        "report",
        "AW-2026-02",
        "--force",
        "--no-pdf",
        "--conclusions",
        "Proces skuteczny.",
    )
    assert code == 0
    meta, body = report(minimal)
    assert meta["disagreements"] == "Kierownik USC: bez uwag."
    assert meta["conclusions"] == "Proces skuteczny."
    assert "## 9. Nierozstrzygnięte rozbieżności\n\nKierownik USC: bez uwag.\n" in body


def test_incomplete_report_is_found(minimal: Path) -> None:
    complete_audit(minimal)
    edit_yaml(minimal / REPORT, lambda d: d.__setitem__("conformity", " "))
    replace(minimal / REPORT, "## 10. Zastrzeżenia i próbkowanie", "## 10. Uwagi")
    findings = run_check(minimal, today=TODAY, use_cache=False).findings
    assert [(f.code, f.message) for f in findings] == [
        ("QMS503", "raport bez elementu: stopień spełnienia kryteriów (pole „conformity”)"),
        ("QMS503", "raport bez części „Zastrzeżenia i próbkowanie” (ISO 19011 pkt 6.5.1)"),
    ]


def test_report_pdf_in_the_office_layout(minimal: Path) -> None:
    complete_audit(minimal)
    args = ("audit", "report", "AW-2026-02", "--force", "--date", "2026-09-20")
    code, out, _ = qms(minimal, *args)
    assert code == 0
    target = minimal / "dist/pdf/AW-2026-02.pdf"
    assert f"PDF: {target}" in out
    pdf = target.read_bytes()
    pages = page_texts(pdf)
    first = " ".join(pages[0].split())
    assert f"Strona 1 z {len(pages)}" in first and "Symbol: AW-2026-02" in first
    assert "Zapis SZJ — raport z auditu" in first and "Data: 20 września 2026 r." in first
    text = flat(pdf)
    assert "Raport z auditu wewnętrznego AW-2026-02" in text
    for number, section in enumerate(REPORT_SECTIONS, start=1):
        assert f"{number}. {section}" in text
    assert "Dwa z pięciu sprawdzonych rejestrów bez daty przeglądu" in text
    assert "Źródło: records/audits/AW-2026-02/report.md" in text
    assert "PROJEKT" not in text and "Zatwierdził" not in text
    assert standards(pdf) == {"pdfa:part": "2", "pdfa:conformance": "A", "pdfua:part": "1"}
    assert qms(minimal, *args)[0] == 0
    assert target.read_bytes() == pdf  # dated by HEAD, not by the clock


def test_without_renderer_the_report_is_markdown(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An installation whose PDF module has no record renderer still writes the report."""
    monkeypatch.setitem(
        sys.modules,
        "qms_cli.services.documents.render_pdf",
        types.ModuleType("qms_cli.services.documents.render_pdf"),
    )
    assert pdf_renderer() is None
    complete_audit(minimal)
    code, out, _ = qms(minimal, "audit", "report", "AW-2026-02", "--force")
    assert code == 0
    assert "Bez PDF: moduł PDF (qms render pdf) nie jest zainstalowany." in out
    assert not (minimal / "dist").exists()


def test_report_of_an_external_audit_is_refused(minimal: Path) -> None:
    code, _, err = qms(minimal, "audit", "report", "2026-05-19-surveillance")
    assert code == 3 and "jego raport wydaje jednostka certyfikująca" in err


def test_report_is_late(minimal: Path) -> None:
    complete_audit(minimal)
    (minimal / REPORT).unlink()
    on_time = run_check(minimal, today=dt.date(2026, 9, 29), use_cache=False).findings
    assert "QMS502" not in {f.code for f in on_time}
    late = run_check(minimal, today=dt.date(2026, 9, 30), use_cache=False).findings
    assert [f.message for f in late if f.code == "QMS502"] == [
        "audit AW-2026-02 odbył się 2026-09-15, a nie ma raportu (report.md) — minęło ponad "
        "14 dni; „qms audit report AW-2026-02”"
    ]
