"""``qms ack record``: the head of a unit confirms in one signed commit that people of the unit
have read the edition in force. Real keys and real git (``Office``)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.services.acks import ack_status
from tests.approval.conftest import TODAY, Keys, Office

runner = CliRunner()
ACKS = "records/acks/P-01.yaml"
PEOPLE = """people:
  - {id: P-001, positions: [sekretarz]}
  - {id: P-002, positions: [kierownik-usc]}
  - {id: P-003, positions: [kierownik-or, kierownik-usc]}
"""
REGISTER = (
    "releases:\n  - {id: W-1, date: 2026-11-01, tag: w1, commit_of_sources: " + "0" * 40 + "}\n"
    "documents:\n  - {id: P-01, title: T, type: procedure, path: documents/procedures/P-01.md, "
    "edition: 3, in_force: 2026-11-01, blob: " + "0" * 40 + ", release: W-1}\n"
)


@pytest.fixture
def staffed(office: Office) -> Office:
    office.path("org/people.yaml").write_text(PEOPLE, encoding="utf-8")
    office.path("register.yaml").write_text(REGISTER, encoding="utf-8")
    office.commit("Pracownicy i wykaz dokumentów")
    return office


def record(office: Office, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["ack", "record", *args, "--path", str(office.root)])
    return result.exit_code, result.output


def test_the_head_of_the_unit_records_a_signed_acknowledgement(staffed: Office, keys: Keys) -> None:
    head = staffed.head()
    staffed.use_key(keys.kor)  # Olek Or, kierownik-or: heads OR (sekretarz and P-003 work there)
    code, output = record(staffed, "P-01", "--people", "P-001, P-003")
    assert code == 0, output
    assert "wydaniem 3 P-01 (2 os., " in output and "Olek Or" in output
    assert staffed.git("rev-parse", "HEAD~1").strip() == head
    assert staffed.git("show", "--name-only", "--format=", "HEAD").split() == [ACKS]
    assert "-----BEGIN SSH SIGNATURE-----" in staffed.git("cat-file", "commit", "HEAD")
    assert staffed.git("status", "--porcelain").strip() == ""
    text = staffed.path(ACKS).read_text(encoding="utf-8")
    assert f"- {{person: P-001, edition: 3, date: {TODAY.isoformat()}}}" in text
    missing = ack_status(staffed.root, "P-01", today=TODAY).missing
    assert [m.person for m in missing] == ["P-002"]
    code, output = record(staffed, "P-01", "--people", "P-001")
    assert code == 3 and "nic do zapisania" in output


def test_only_for_people_of_the_signers_unit(staffed: Office, keys: Keys) -> None:
    head = staffed.head()
    staffed.use_key(keys.kor)  # heads OR; P-002 works in USC only
    code, output = record(staffed, "P-01", "--people", "P-002")
    assert code == 3
    assert "P-002 nie pracuje w komórce, którą kieruje Olek Or (OR) — nic nie zapisano" in output
    staffed.use_key(keys.wojt)  # the Wójt heads no unit in this office
    code, output = record(staffed, "P-01", "--people", "P-001")
    assert code == 3 and "Jan Wójt nie kieruje żadną komórką" in output
    code, output = record(staffed, "P-01", "--people", "P-404")
    assert code == 3 and "osób P-404 nie ma w org/people.yaml" in output
    assert staffed.head() == head and not staffed.path(ACKS).exists()
