"""Typed records, parsed once (issue 12 part 4).

Invariants: each kind of record has one typed view in ``model/`` built once per repository
(the same object on every call); a rule pointing into a list points at the item the view was
read from, also when the list holds items of the wrong type; and the readers named below never
go back to the YAML for the kinds that have a view — only the services that edit a file do.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from qms_cli.model.audit_records import audit_records
from qms_cli.model.certification import certificate_of
from qms_cli.model.context_records import context_of, risks_of
from qms_cli.model.record_views import complaints, corrective_actions, objectives_by_file
from qms_cli.services.check import run_check
from qms_cli.services.loading import load_repository
from tests.edit import edit_yaml

PACKAGE = Path(__file__).resolve().parents[2] / "qms_cli"

# (reader, what it must not do again): the kinds with a typed view are read through it
READERS = [
    "checks/rules/audits/internal.py",
    "checks/rules/audits/evidence.py",
    "checks/rules/audits/ids.py",
    "checks/rules/audits/timing.py",
    "checks/rules/audits/external.py",
    "checks/rules/audits/capa.py",
    "checks/rules/programme.py",
    "checks/rules/context.py",
    "checks/rules/processes.py",
    "checks/rules/iso.py",
    "checks/rules/objectives.py",
    "checks/rules/complaints.py",
    "checks/rules/records.py",
    "model/due_records.py",
    "render/pdf_facts.py",
    "render/bip_views.py",
    "render/reports/audit.py",
    "services/review/context.py",
    "services/review/performance.py",
    "services/review/sections.py",
    "services/audit/programme.py",
    "services/audit/report.py",
    "services/audit/pack.py",
]
RAW_READS = {
    "an audit's or a programme's YAML": re.compile(
        r"finding_items|programme_entries|folder\.data|items\(\"audit-programme\""
    ),
    "certificate in qms.yaml": re.compile(r"get\(\"certificate\"\)"),
    "the risk register": re.compile(r"items\(\"risks\""),
    "a process card's front matter": re.compile(r"meta\.get\(\"(kpis|inputs|outputs|kind)\"\)"),
    "a record parsed again instead of model/record_views": re.compile(
        r"parse_(capa|complaint|objectives)\("
    ),
    "the context analysis": re.compile(r"get\(\"(climate_change|interested_parties|issues)\"\)"),
}


@pytest.mark.parametrize("reader", READERS)
def test_readers_use_the_typed_views(reader: str) -> None:
    text = (PACKAGE / reader).read_text(encoding="utf-8")
    found = [what for what, pattern in RAW_READS.items() if pattern.search(text)]
    assert found == [], f"{reader} reads {found} from the YAML instead of the typed view"


def test_views_are_built_once_per_repository(office: Path) -> None:
    repo = load_repository(office).repo
    assert audit_records(repo) is audit_records(repo)
    assert context_of(repo) is context_of(repo)
    assert risks_of(repo) is risks_of(repo)
    assert corrective_actions(repo) is corrective_actions(repo)
    assert complaints(repo) is complaints(repo)
    assert objectives_by_file(repo) is objectives_by_file(repo)
    process = repo.documents_of_type("process")[0]
    assert repo.process_card(process) is repo.process_card(process)
    other = load_repository(office).repo
    assert audit_records(other) is not audit_records(repo)


def test_the_audit_view_says_what_the_files_say(office: Path) -> None:
    records = audit_records(load_repository(office).repo)
    by_id = {a.id: a for a in records.internal}
    assert sorted(by_id) == [f"AW-2026-0{n}" for n in range(1, 8)]
    assert [f.name for f in records.folders] == sorted(by_id)
    planned = {p.id for p in records.programme}
    assert set(by_id) <= planned
    assert all(a.kind == "internal" and a.sources[0].endswith("plan.yaml") for a in by_id.values())
    assert [a.id for a in records.external] == ["2026-05-19-surveillance"]
    certificate = certificate_of(load_repository(office).repo.config)
    assert certificate is not None and certificate.issued is not None
    assert ("surveillance", dt.date(2026, 5, 19)) in certificate.arranged()


def test_pointers_name_the_item_the_finding_came_from(office: Path) -> None:
    """A stray item before a nonconformity does not shift the pointer: the finding keeps its
    place in the file's list."""
    rel = "records/audits/AW-2026-03/findings.yaml"

    def plant(data: dict[str, object]) -> None:
        findings = data["findings"]
        assert isinstance(findings, list)
        findings.insert(0, "luźny wpis")
        findings.append({"no": 9, "type": "nc-minor", "description": "Brak podpisu."})

    edit_yaml(office / rel, plant)
    report = run_check(office, today=dt.date(2026, 11, 21), use_cache=False)
    hits = [f for f in report.findings if f.path == rel and f.code == "QMS505"]
    assert hits, "the nonconformity without criterion and evidence is reported"
    places = {f.pointer for f in hits}
    last = len(_findings(office / rel)) - 1
    assert places == {("findings", last)}


def _findings(path: Path) -> list[object]:
    from qms_cli.io import yamlfast

    data = yamlfast.load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data["findings"], list)
    return data["findings"]


def test_risks_and_context_are_read_through_their_views(office: Path) -> None:
    repo = load_repository(office).repo
    context = context_of(repo)
    assert context is not None and context.climate is not None
    assert context.climate.relevant is not None and context.climate.justification
    assert {i.group for i in context.issues} == {"external", "internal"}
    risks = risks_of(repo)
    assert risks and all(r.path == "records/risks.yaml" for r in risks)
    assert [r.index for r in risks] == list(range(len(risks)))
