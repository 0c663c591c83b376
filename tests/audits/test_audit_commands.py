"""``qms audit new | finding | close | external`` as a user runs them: happy paths, every
refusal (exit 3, nothing written), missing values (exit 2) and the questions in a terminal."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.io.yamlfast import load
from qms_cli.services.check import run_check
from tests.audits.helpers import (
    AUDIT,
    FINDINGS,
    PLAN,
    TODAY,
    complete_audit,
    unrecorded_surveillance,
)
from tests.edit import edit_yaml

runner = CliRunner()
NEW = ["audit", "new", "--process", "PR-01", "--date", "2026-09-15", "--lead", "AUD-01"]


def qms(root: Path, *args: str, answers: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--path", str(root)], input=answers)
    return result.exit_code, result.stdout, result.stderr


def status(root: Path) -> str:
    return subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_new_audit_writes_plan_and_checklist(minimal: Path) -> None:
    code, out, err = qms(minimal, *NEW)
    assert code == 0, err
    assert "Utworzono audit AW-2026-02 (planowy)" in out
    plan = load((minimal / PLAN).read_text(encoding="utf-8"))
    assert {
        k: plan[k] for k in ("id", "kind", "processes", "units", "date", "lead", "auditors")
    } == {
        "id": "AW-2026-02",
        "kind": "internal",
        "processes": ["PR-01"],
        "units": ["USC"],
        "date": "2026-09-15",
        "lead": "AUD-01",
        "auditors": [],
    }
    assert plan["planned"] is True and plan["status"] == "planned"
    assert plan["criteria"]["documents"] == ["PR-01", "P-01", "KU-USC-01"]
    assert plan["auditees"] == [{"unit": "USC", "position": "kierownik-usc"}]
    questions = load((minimal / AUDIT / "checklist.yaml").read_text(encoding="utf-8"))["questions"]
    criteria = [q["criterion"] for q in questions]
    assert criteria == ["8", "9", "10", "P-01", "KU-USC-01", "PR-01"]
    assert all(q["evidence"] == "" and q["result"] is None for q in questions)
    assert "Sprawy załatwione w terminie" in questions[-1]["requirement"]


def test_checklist_has_one_question_per_procedure_step(office: Path) -> None:
    args = [
        "audit",
        "new",
        "--process",
        "PR-02",
        "--date",
        "2027-03-12",
        "--lead",
        "AUD-03",
        "--unit",
        "OR",
        "--unplanned",
    ]
    code, out, err = qms(office, *args)
    assert code == 0, err
    folder = out.split(": ")[1].split()[0]
    questions = load((Path(folder) / "checklist.yaml").read_text(encoding="utf-8"))["questions"]
    p07 = [q for q in questions if q["criterion"] == "P-07"]
    assert [q["ref"] for q in p07[:3]] == ["pkt 5.1.1", "pkt 5.1.2", "pkt 5.1.3"]
    assert p07[0]["requirement"].startswith("Skargi i wnioski przyjmuje Biuro Obsługi Klienta")
    assert len(p07) == 15
    assert any(q["criterion"] == "9.1.2" and "zadowolenie" in q["requirement"] for q in questions)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lead", "AUD-02"], "auditor AUD-02 należy do auditowanej komórki USC (bezstronność"),
        (["--auditor", "AUD-09"], "auditora AUD-09 nie ma w org/auditors.yaml"),
        (
            ["--date", "2026-10-15"],
            "data 2026-10-15 jest poza programem auditów: proces PR-01 "
            "zaplanowano na 2026-03 (AW-2026-01), 2026-09 (AW-2026-02)",
        ),
        (["--date", "2027-03-01"], "brak programu auditów na 2027 r."),
        (["--process", "PR-09"], "nie ma procesu „PR-09”"),
        (["--date", "2026-02-30"], "„2026-02-30” nie jest datą w postaci RRRR-MM-DD"),
        (["--unit", "XX"], "nie ma komórki: XX"),
    ],
)
def test_new_audit_refusals(minimal: Path, args: list[str], message: str) -> None:
    before = status(minimal)
    code, _, err = qms(minimal, *NEW, *args)
    assert code == 3
    assert message in err
    assert status(minimal) == before


def test_auditor_without_valid_competence_is_refused(minimal: Path) -> None:
    edit_yaml(
        minimal / "org/auditors.yaml",
        lambda d: d["auditors"][0]["competence"][0].__setitem__("valid_until", "2026-09-01"),
    )
    code, _, err = qms(minimal, *NEW)
    assert code == 3
    assert "auditor AUD-01 nie ma ważnego potwierdzenia kompetencji na dzień 2026-09-15" in err
    assert "audit komórek USC mogą prowadzić: nikt" in err


def test_second_plan_for_the_same_programme_audit_is_refused(minimal: Path) -> None:
    assert qms(minimal, *NEW)[0] == 0
    code, _, err = qms(minimal, *NEW)
    assert code == 3 and "audit AW-2026-02 procesu PR-01 z 2026-09 ma już plan" in err
    assert "dodaj --unplanned" in err


def test_unplanned_audit_takes_the_next_free_number(minimal: Path) -> None:
    code, out, _ = qms(
        minimal,
        *NEW[:-4],
        "--date",
        "2026-12-10",
        "--lead",
        "AUD-02",
        "--unit",
        "OR",
        "--unplanned",
    )
    assert code == 0 and "Utworzono audit AW-2026-03 (pozaplanowy)" in out
    plan = load((minimal / "records/audits/AW-2026-03/plan.yaml").read_text(encoding="utf-8"))
    assert plan["planned"] is False and plan["units"] == ["OR"]


def test_missing_value_without_a_terminal_is_a_usage_error(minimal: Path) -> None:
    code, _, err = qms(minimal, "audit", "new", "--date", "2026-09-15", "--lead", "AUD-01")
    assert code == 2 and "brak --process" in err


def test_new_audit_asks_in_a_terminal(minimal: Path) -> None:
    answers = "PR-09\nPR-01\n2026-13-01\n2026-09-15\nAUD-07\nAUD-01\n"
    code, out, err = qms(minimal, "audit", "new", "--interactive", answers=answers)
    assert code == 0, out + err
    assert "PR-01 Obsługa klienta" in out and "AUD-01 Anna Testowa (OR)" in out
    assert "wybierz jedno z: PR-01" in out
    assert "podaj datę w postaci RRRR-MM-DD" in out
    assert "Utworzono audit AW-2026-02 (planowy)" in out


def test_findings_are_numbered_and_mark_the_checklist(minimal: Path) -> None:
    assert qms(minimal, *NEW)[0] == 0
    code, out, _ = qms(
        minimal,
        "audit",
        "finding",
        "AW-2026-02",
        "--type",
        "nc-minor",
        "--criterion",
        "P-01",
        "--clause",
        "7.5.3",
        "--evidence",
        "Brak daty",
        "--question",
        "5",
    )
    assert code == 0
    assert "Zapisano ustalenie AW-2026-02/1 (niezgodność mała)" in out
    assert "Dalej: qms capa new --from AW-2026-02/1" in out
    code, out, _ = qms(
        minimal,
        "audit",
        "finding",
        "AW-2026-02",
        "--type",
        "improvement",
        "--description",
        "Można skanować rejestry",
    )
    assert code == 0 and "AW-2026-02/2 (szansa doskonalenia)" in out
    findings = load((minimal / FINDINGS).read_text(encoding="utf-8"))["findings"]
    assert [(f["no"], f["type"], f["capa"]) for f in findings] == [
        (1, "nc-minor", None),
        (2, "improvement", None),
    ]
    assert findings[0]["unit"] == "USC" and findings[0]["clause"] == "7.5.3"
    question = load((minimal / AUDIT / "checklist.yaml").read_text(encoding="utf-8"))["questions"][
        4
    ]
    assert question["result"] == "nc-minor"
    assert question["evidence"] == "Brak daty (ustalenie nr 1)"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["AW-2026-02", "--type", "nc-major", "--criterion", "P-01"],
            "niezgodność musi wskazywać kryterium i dowód",
        ),
        (
            ["AW-2026-02", "--type", "nc-minor", "--evidence", "x"],
            "niezgodność musi wskazywać kryterium i dowód",
        ),
        (["AW-2026-02", "--type", "minor"], "nieznany rodzaj ustalenia „minor”"),
        (
            ["AW-2026-02", "--type", "observation", "--criterion", "P-77"],
            "kryterium „P-77” nie jest dokumentem ani punktem normy",
        ),
        (["AW-2026-09", "--type", "observation"], "nie ma auditu AW-2026-09"),
        (
            ["AW-2026-02", "--type", "observation", "--question", "99"],
            "lista pytań kontrolnych auditu AW-2026-02 nie ma pytania nr 99",
        ),
    ],
)
def test_finding_refusals(minimal: Path, args: list[str], message: str) -> None:
    assert qms(minimal, *NEW)[0] == 0
    before = (minimal / AUDIT / "checklist.yaml").read_bytes()
    code, _, err = qms(minimal, "audit", "finding", *args)
    assert code == 3 and message in err
    assert not (minimal / FINDINGS).exists()
    assert (minimal / AUDIT / "checklist.yaml").read_bytes() == before


def test_finding_asks_in_a_terminal(minimal: Path) -> None:
    assert qms(minimal, *NEW)[0] == 0
    answers = "AW-2026-02\nmała\nnc-minor\n8.5.1\nTrzy sprawy po terminie\n\n"
    code, out, err = qms(minimal, "audit", "finding", "--interactive", answers=answers)
    assert code == 0, out + err
    assert "nc-minor — niezgodność mała" in out
    finding = load((minimal / FINDINGS).read_text(encoding="utf-8"))["findings"][0]
    assert finding["criterion"] == "8.5.1" and finding["evidence"] == "Trzy sprawy po terminie"
    assert "description" not in finding


def test_close_needs_report_and_corrective_actions(minimal: Path) -> None:
    complete_audit(minimal)
    edit_yaml(minimal / FINDINGS, lambda d: d["findings"][0].__setitem__("capa", None))
    code, _, err = qms(minimal, "audit", "close", "AW-2026-02")
    assert code == 3
    assert "niezgodności bez karty działań korygujących: AW-2026-02/1" in err
    assert "qms capa new --from AW-2026-02/1" in err
    edit_yaml(minimal / FINDINGS, lambda d: d["findings"][0].__setitem__("capa", "DK-2026-001"))
    (minimal / AUDIT / "report.md").unlink()
    code, _, err = qms(minimal, "audit", "close", "AW-2026-02")
    assert code == 3 and "audit AW-2026-02 nie ma raportu" in err


def test_close_audit(minimal: Path) -> None:
    complete_audit(minimal)
    code, out, _ = qms(minimal, "audit", "close", "AW-2026-02")
    assert code == 0 and "Zamknięto audit AW-2026-02" in out
    plan = load((minimal / PLAN).read_text(encoding="utf-8"))
    assert plan["status"] == "closed" and plan["closed"] is not None
    assert run_check(minimal, today=TODAY, use_cache=False).findings == []
    code, _, err = qms(minimal, "audit", "close", "AW-2026-02")
    assert code == 3 and "jest już zamknięty" in err
    code, _, err = qms(minimal, "audit", "finding", "AW-2026-02", "--type", "observation")
    assert code == 3 and "audit AW-2026-02 jest zamknięty" in err


def test_complete_audit_has_nothing_to_report(minimal: Path) -> None:
    complete_audit(minimal)
    assert run_check(minimal, today=TODAY, use_cache=False).findings == []


def test_external_audit_and_its_nonconformity(minimal: Path) -> None:
    unrecorded_surveillance(minimal)
    edit_yaml(minimal / "qms.yaml", lambda d: d["certificate"]["audits"].pop())
    assert "QMS520" in {f.code for f in run_check(minimal, today=TODAY, use_cache=False).findings}
    code, out, _ = qms(
        minimal,
        "audit",
        "external",
        "--kind",
        "surveillance",
        "--date",
        "2026-05-19",
        "--report",
        "R/118/2026",
    )
    assert code == 0 and "2026-05-19-surveillance.yaml" in out
    code, out, _ = qms(
        minimal,
        "audit",
        "finding",
        "2026-05-19-surveillance",
        "--type",
        "nc-minor",
        "--criterion",
        "7.5.3",
        "--evidence",
        "Brak wykazu akt",
    )
    assert code == 0 and "2026-05-19-surveillance/1" in out
    code, out, _ = qms(minimal, "capa", "new", "--from", "2026-05-19-surveillance/1")
    assert code == 0, out
    record = load(
        (minimal / "records/audits/external/2026-05-19-surveillance.yaml").read_text(
            encoding="utf-8"
        )
    )
    assert record["body"] == "Jednostka Certyfikująca Test" and record["report"] == "R/118/2026"
    card = record["findings"][0]["capa"]
    data = load((minimal / f"records/capa/{card}.yaml").read_text(encoding="utf-8"))
    assert data["source"] == {"type": "external-audit", "ref": "2026-05-19-surveillance/1"}
    codes = {f.code for f in run_check(minimal, today=TODAY, use_cache=False).findings}
    assert "QMS520" not in codes and "QMS515" not in codes


def test_external_audit_refusals(minimal: Path) -> None:
    unrecorded_surveillance(minimal)
    code, _, err = qms(minimal, "audit", "external", "--kind", "kontrola", "--date", "2026-05-19")
    assert code == 3 and "nieznany rodzaj auditu zewnętrznego „kontrola”" in err
    assert (
        qms(minimal, "audit", "external", "--kind", "surveillance", "--date", "2026-05-19")[0] == 0
    )
    code, _, err = qms(
        minimal, "audit", "external", "--kind", "surveillance", "--date", "2026-05-19"
    )
    assert code == 3 and "już istnieje" in err
