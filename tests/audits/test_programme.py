"""``qms audit programme``: every process and unit each year, heavier processes first and
twice, impartial and competent leads; the file is a valid, editable draft."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.errors import QmsError
from qms_cli.io.yamlfast import load
from qms_cli.model.programme import History, ProcessFacts, assign_units, draft_programme
from qms_cli.services.audit.programme import new_programme
from qms_cli.services.check import run_check
from tests.audits.helpers import TODAY, complete_audit

runner = CliRunner()
COMPETENT = [{"training": "Auditor wewnętrzny", "date": "2025-01-10", "valid_until": None}]


def auditor(unit: str, valid_until: str | None = None) -> dict[str, object]:
    return {"unit": unit, "competence": [{**COMPETENT[0], "valid_until": valid_until}]}


def process(pid: str, units: tuple[str, ...], **history: int) -> ProcessFacts:
    findings = Counter({k.replace("_", "-"): v for k, v in history.items() if k.startswith("nc")})
    weight = History(findings, history.get("open_capa", 0), history.get("changes", 0))
    return ProcessFacts(pid, f"Proces {pid}", units, units[0], ("8.5.1",), weight)


def test_heavier_processes_come_first_and_twice() -> None:
    drafts = draft_programme(
        2027,
        [process("PR-01", ("A",)), process("PR-02", ("B",), nc_major=1, nc_minor=1)],
        ["A", "B"],
        {"AUD-1": auditor("A"), "AUD-2": auditor("B")},
    )
    assert [(d.id, d.month, d.processes) for d in drafts] == [
        ("AW-2027-01", "2027-02", ["PR-02"]),
        ("AW-2027-02", "2027-07", ["PR-01"]),
        ("AW-2027-03", "2027-08", ["PR-02"]),
    ]
    assert "waga 6" in drafts[0].note and "niezgodność duża: 1" in drafts[0].note
    assert "audit ponowny" in drafts[2].note


def test_every_unit_is_covered_once_and_leads_are_impartial() -> None:
    facts = [process("PR-01", ("A", "B", "C")), process("PR-02", ("B",)), process("PR-03", ("C",))]
    assigned = assign_units(facts, ["A", "B", "C", "D"])
    assert sorted(u for units in assigned.values() for u in units) == ["A", "B", "C", "D"]
    auditors = {"AUD-1": auditor("A"), "AUD-2": auditor("B"), "AUD-3": auditor("C")}
    for draft in draft_programme(2027, facts, ["A", "B", "C", "D"], auditors):
        assert auditors[draft.lead]["unit"] not in draft.units


def test_lead_needs_competence_for_the_whole_month() -> None:
    auditors = {"AUD-1": auditor("X", "2027-02-10"), "AUD-2": auditor("Y")}
    drafts = draft_programme(2027, [process("PR-01", ("A",))], ["A"], auditors)
    assert drafts[0].lead == "AUD-2"


def test_no_impartial_auditor_is_a_clear_error() -> None:
    with pytest.raises(QmsError, match="brak auditora dla procesu PR-01 w 2027-02"):
        draft_programme(2027, [process("PR-01", ("A",))], ["A"], {"AUD-1": auditor("A")})


def test_programme_of_the_example_office_is_complete(office: Path) -> None:
    result = runner.invoke(app, ["audit", "programme", "2027", "--path", str(office)])
    assert result.exit_code == 0, result.output
    path = office / "records/audits/programme-2027.yaml"
    text = path.read_text(encoding="utf-8")
    data = load(text)
    assert data["year"] == 2027 and data["cycle"] == {"from": "2025-06-25", "to": "2028-06-24"}
    processes = {p for a in data["audits"] for p in a["processes"]}
    assert processes == {f"PR-0{n}" for n in range(1, 8)}
    assert "# PR-02 Obsługa klienta i załatwianie spraw — waga" in text
    assert '    month: "2027-03"\n' in text
    assert "AW-2027-02  2027-03  PR-02" in result.output
    assert run_check(office, use_cache=False).findings == []


def test_findings_of_earlier_audits_weigh(minimal: Path) -> None:
    complete_audit(minimal)
    result = new_programme(minimal, 2027, today=TODAY)
    assert "niezgodność mała: 1" in result.audits[0].note
    assert "otwarte działania korygujące: 1" in result.audits[0].note


def test_existing_programme_is_never_overwritten(minimal: Path) -> None:
    path = minimal / "records/audits/programme-2026.yaml"
    before = path.read_bytes()
    result = runner.invoke(app, ["audit", "programme", "2026", "--path", str(minimal)])
    assert result.exit_code == 3
    assert "program auditów na 2026 r. już istnieje" in result.stderr
    assert path.read_bytes() == before


def test_year_is_asked_for_in_a_terminal(minimal: Path) -> None:
    args = ["audit", "programme", "--path", str(minimal), "--interactive"]
    result = runner.invoke(app, args, input="dwa tysiące\n2028\n")
    assert result.exit_code == 0, result.output
    assert "podaj rok, np. 2027" in result.output
    assert (minimal / "records/audits/programme-2028.yaml").is_file()


def test_year_is_required_without_a_terminal(minimal: Path) -> None:
    result = runner.invoke(app, ["audit", "programme", "--path", str(minimal)])
    assert result.exit_code == 2
    assert "brak roku programu" in result.stderr


def test_weight_counts_findings_open_actions_and_capped_changes() -> None:
    assert History().weight == 1
    assert History(Counter({"observation": 2}), changes=9).weight == 1 + 2 + 3
    assert History(Counter({"nc-major": 1}), open_capa=2).weight == 1 + 3 + 2


def test_units_are_audited_separately_when_no_auditor_is_outside_all_of_them() -> None:
    auditors = {"AUD-1": auditor("A"), "AUD-2": auditor("B")}
    drafts = draft_programme(2027, [process("PR-01", ("A", "B"))], ["A", "B"], auditors)
    assert [(d.units, d.lead) for d in drafts] == [(["A"], "AUD-2"), (["B"], "AUD-1")]
