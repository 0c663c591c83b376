"""Reports say only what the evidence supports (issue 16 C): below the checklist coverage
threshold no conformity conclusion; a final report needs the checklist examined and every
finding described, with criterion and evidence."""

from __future__ import annotations

from pathlib import Path

from qms_cli.io.layout import split_front_matter
from qms_cli.io.yamlfast import load
from qms_cli.services.check import run_check
from tests.audits.helpers import AUDIT, FINDINGS, REPORT, TODAY, complete_audit
from tests.audits.test_report import qms
from tests.edit import edit_yaml, set_value

CHECKLIST = f"{AUDIT}/checklist.yaml"


def meta(root: Path) -> dict:  # type: ignore[type-arg]
    split = split_front_matter((root / REPORT).read_text(encoding="utf-8"))
    assert split is not None
    return load(split[0])  # type: ignore[no-any-return]


def answer(root: Path, how_many: int) -> None:
    def change(data: dict) -> None:  # type: ignore[type-arg]
        for question in data["questions"][:how_many]:
            question.update(result="conforming", evidence="Sprawdzono 5 rejestrów")

    edit_yaml(root / CHECKLIST, change)


def findings(root: Path) -> list[tuple[str, str]]:
    report = run_check(root, today=TODAY, use_cache=False)
    return [(f.code, f.message) for f in report.findings]


def test_one_question_checked_concludes_nothing_about_conformity(minimal: Path) -> None:
    complete_audit(minimal)
    answer(minimal, 1)
    code, _, err = qms(minimal, "audit", "report", "AW-2026-02", "--force", "--no-pdf")
    assert code == 0, err
    data = meta(minimal)
    assert data["conclusions"] == (
        "Audit jest niepełny: sprawdzono 1 z 6 pytań listy kontrolnej (17 %), poniżej progu "
        "80 %. Na tej podstawie nie można sformułować wniosku o zgodności ani o skuteczności "
        "procesu; badanie trzeba dokończyć albo zaplanować audit uzupełniający."
    )
    assert data["conformity"] == (
        "Sprawdzono 1 z 6 pytań listy kontrolnej; zgodnych: 1 (100 %). Ustalenia — niezgodność "
        "duża: 0, niezgodność mała: 1, obserwacja: 0, szansa doskonalenia: 0. Stopnia spełnienia "
        "kryteriów nie można ocenić: audit jest niepełny (pokrycie listy pytań 17 %, próg 80 %)."
    )
    assert "spełniono" not in data["conformity"] and "wdrożony" not in data["conclusions"]
    assert data["status"] == "draft"


def test_final_report_is_refused_with_what_is_missing(minimal: Path) -> None:
    complete_audit(minimal)
    set_value(minimal / FINDINGS, "findings", 0, "description", value="")
    before = (minimal / REPORT).read_bytes()
    code, out, err = qms(minimal, "audit", "report", "AW-2026-02", "--force", "--final")
    assert code == 1 and out == ""
    assert err.splitlines()[:3] == [
        "qms: raport AW-2026-02 nie może być ostateczny (--final) — brakuje:",
        "  - sprawdzono 0 z 6 pytań listy kontrolnej (0 %), a próg to 80 % (audits.coverage "
        "w qms.yaml)",
        "  - ustalenie 1: brak opisu",
    ]
    assert (minimal / REPORT).read_bytes() == before


def test_final_report_when_the_evidence_supports_it(minimal: Path) -> None:
    complete_audit(minimal)
    answer(minimal, 5)
    code, _, err = qms(minimal, "audit", "report", "AW-2026-02", "--force", "--final", "--no-pdf")
    assert code == 0, err
    data = meta(minimal)
    assert data["status"] == "final" and data["coverage"] == {"checked": 5, "questions": 6}
    assert data["conclusions"].startswith(
        "Sprawdzono 5 z 6 pytań listy kontrolnej (83 %). W zbadanym zakresie proces jest "
        "wdrożony i utrzymywany; stwierdzone niezgodności małe (1)"
    )
    assert findings(minimal) == []
    edit_yaml(minimal / "qms.yaml", lambda d: d.__setitem__("audits", {"coverage": 90}))
    assert findings(minimal) == [
        (
            "QMS536",
            "raport AW-2026-02 ma status final, a zapisy auditu go nie uzasadniają: sprawdzono "
            "5 z 6 pytań listy kontrolnej (83 %), a próg to 90 % (audits.coverage w qms.yaml) "
            "— zmień status na draft albo uzupełnij zapisy",
        )
    ]


def test_every_finding_is_described(minimal: Path) -> None:
    complete_audit(minimal)
    code, _, _ = qms(
        minimal, "audit", "finding", "AW-2026-02", "--type", "observation", "--date", "2026-09-15"
    )
    assert code == 0
    assert findings(minimal) == [
        (
            "QMS535",
            "obserwacja nr 2: brak opisu, kryterium, dowodu — raport nie może być ostateczny, "
            "dopóki ustalenie nie mówi, co stwierdzono, wobec jakiego kryterium i na jakim "
            "dowodzie",
        )
    ]
