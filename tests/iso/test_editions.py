"""The editions of ISO 9001 as data: the packaged files, the map 2015 <-> 2026, an office's
override, and a 2015 office's checklists unchanged by the move of the questions into data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qms_cli.io import iso
from qms_cli.io.schemas import schema_errors
from qms_cli.model.checklist import checklist
from qms_cli.model.clauses import EDITION_2015, EDITION_2026, edition_from_data, map_problems
from qms_cli.resources import data_path
from qms_cli.services.audit import plan
from qms_cli.services.loading import load_repository

HERE = Path(__file__).parent


@pytest.mark.parametrize("file", ["iso9001-2015.yaml", "iso9001-2026.yaml"])
def test_packaged_editions_satisfy_the_schema_an_office_file_must(file: str) -> None:
    assert [e.message for e in schema_errors("iso-edition", iso.packaged(file))] == []


def test_the_map_covers_every_clause_of_both_editions() -> None:
    old, new, clause_map = iso.both()
    assert map_problems(clause_map, old, new) == []
    assert set(clause_map.forward) == set(old.numbers)
    assert set(clause_map.backward) == set(new.numbers)


def test_the_map_splits_risks_and_opportunities() -> None:
    clause_map = iso.clause_map()
    assert clause_map.forward["6.1.2"] == ("6.1.2", "6.1.3")
    assert clause_map.backward["6.1.3"] == ("6.1.2",)
    assert clause_map.to_target("7.1.5.1") == ("7.1.5.1",)


def test_an_incomplete_map_is_reported() -> None:
    old, new, clause_map = iso.both()
    forward = dict(clause_map.forward)
    del forward["8.5.4"]
    broken = type(clause_map)(
        clause_map.source, clause_map.target, clause_map.status, forward, clause_map.backward
    )
    assert map_problems(broken, old, new) == [
        "punkt 8.5.4 wydania ISO 9001:2015 nie ma odpowiednika ani oznaczenia removed"
    ]


def test_every_2026_clause_and_requirement_is_a_draft() -> None:
    new = iso.edition(name=EDITION_2026)
    assert new.draft
    assert {c.status for c in new.clauses} == {"draft"}
    assert all(c.descriptive for c in new.clauses)
    assert {r.status for r in new.requirements} == {"draft"}
    assert [r.id for r in new.requirements] == [
        "R26-4.1-klimat",
        "R26-4.2-klimat",
        "R26-5.1-kultura",
        "R26-6.1.2-ryzyka",
        "R26-6.1.3-szanse",
        "R26-7.3-swiadomosc",
    ]


def test_the_office_file_replaces_a_clause_and_a_requirement() -> None:
    packaged = iso.packaged("iso9001-2026.yaml")
    office = {
        "status": "final",
        "clauses": [{"number": "6.1.3", "title": "Tytuł z opublikowanej normy", "question": "P?"}],
        "requirements": [{"id": "R26-6.1.3-szanse", "clause": "6.1.3", "summary": "Tekst."}],
    }
    edition = edition_from_data(EDITION_2026, packaged, office)
    clause = edition.clause("6.1.3")
    assert clause is not None
    assert (clause.title, clause.status, clause.descriptive) == (
        "Tytuł z opublikowanej normy",
        "final",
        False,
    )
    assert edition.question_for("6.1.3.1") == "P?"
    requirement = next(r for r in edition.requirements if r.id == "R26-6.1.3-szanse")
    assert (requirement.summary, requirement.status, requirement.clauses) == ("Tekst.", "final", ())
    assert len(edition.requirements) == 6


def test_a_question_for_an_unknown_clause_names_the_edition() -> None:
    assert iso.edition(name=EDITION_2026).question_for("11") == (
        "Czy wymagania pkt 11 normy ISO 9001:2026 są spełnione w auditowanym obszarze?"
    )


def _checklists(edition_name: str) -> dict[str, list[dict[str, object]]]:
    repo = load_repository(data_path("docs-repo-template")).repo
    edition = iso.edition(repo, edition_name)
    out = {}
    for process in plan._processes(repo):
        docs = plan._process_documents(repo, process)
        out[process.id] = checklist(process, docs, plan._clauses(process, docs), edition)
    return out


def test_a_2015_office_s_checklists_are_those_of_before_the_editions() -> None:
    # tests/iso/checklists-2015.json: the checklists qms wrote before the clauses became data
    expected = json.loads((HERE / "checklists-2015.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(_checklists(EDITION_2015), default=str)) == expected


def test_a_2026_office_s_checklist_asks_the_2026_questions() -> None:
    lists = _checklists(EDITION_2026)
    questions = {i["criterion"]: i["requirement"] for items in lists.values() for i in items}
    assert "kultury jakości i etycznego postępowania" in str(questions["7.3"])
    assert "(wymaganie z projektu normy)" in str(questions["5.1"])


def test_a_2026_office_s_audit_checklist_cites_the_2026_questions(office: Path) -> None:
    from typer.testing import CliRunner

    from qms_cli.cli.main import app
    from tests.edit import set_value

    set_value(office / "qms.yaml", "iso", "edition", value="iso9001:2026")
    set_value(office / "documents/processes/PR-02.md", "clauses", value=["6.1.2", "7.3"])
    args = ["audit", "new", "--process", "PR-02", "--date", "2027-03-12", "--lead", "AUD-03"]
    result = CliRunner().invoke(app, [*args, "--unit", "OR", "--unplanned", "--path", str(office)])
    assert result.exit_code == 0, result.output
    folder = next((office / "records/audits").glob("AW-2027-*"))
    text = (folder / "checklist.yaml").read_text(encoding="utf-8")
    assert "Czy zaplanowano, wdrożono i oceniono działania dotyczące ryzyk" in text
    assert "kultury jakości i etycznego postępowania" in text
