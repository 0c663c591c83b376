"""Audit numbers never collide for long: when two auditors number audits on two branches,
``qms check`` finds the duplicate after the merge and says how to renumber, and
``qms audit renumber`` does it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from qms_cli.errors import QmsError
from qms_cli.services.audit.audits import FindingRequest, add_finding, renumber_audit
from qms_cli.services.audit.capa import CapaRequest, new_capa
from qms_cli.services.audit.plan import NewAuditRequest, new_audit
from qms_cli.services.check import run_check
from tests.audits.helpers import TODAY, complete_audit
from tests.conftest import git
from tests.edit import append

UNPLANNED = NewAuditRequest("PR-01", "2026-12-03", "AUD-02", units=("OR",), unplanned=True)


def messages(root: Path, code: str) -> list[str]:
    return [
        f.message for f in run_check(root, today=TODAY, use_cache=False).findings if f.code == code
    ]


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def test_unplanned_number_taken_by_the_programme_on_another_branch(minimal: Path) -> None:
    complete_audit(minimal)  # the programme's September audit (QMS531 otherwise)
    commit(minimal, "Audit AW-2026-02")
    git(minimal, "checkout", "-q", "-b", "auditor")
    assert new_audit(minimal, UNPLANNED, today=TODAY).id == "AW-2026-03"
    commit(minimal, "Audit pozaplanowy")
    git(minimal, "checkout", "-q", "main")
    append(
        minimal / "records/audits/programme-2026.yaml",
        '  - {id: AW-2026-03, month: "2026-12", processes: [PR-01], units: [USC], '
        'clauses: ["9"], lead: AUD-01}\n',
    )
    commit(minimal, "Zmiana programu auditów")
    git(minimal, "merge", "-q", "--no-edit", "auditor")  # merges cleanly
    assert messages(minimal, "QMS506") == [
        "numer AW-2026-03 nadano auditowi pozaplanowemu (PR-01), a w programie auditów ma go "
        "audit PR-01 (2026-12); nadaj mu wolny numer poleceniem „qms audit renumber "
        "AW-2026-03” (następny wolny: AW-2026-04), które zmieni nazwę katalogu, numery w jego "
        "plikach i odwołania w kartach DK"
    ]
    result = renumber_audit(minimal, "AW-2026-03")
    assert (result.old, result.new) == ("AW-2026-03", "AW-2026-04")
    assert (minimal / "records/audits/AW-2026-04/plan.yaml").is_file()
    assert not (minimal / "records/audits/AW-2026-03").exists()
    assert run_check(minimal, today=TODAY, use_cache=False).findings == []


def test_same_folder_on_two_branches_kept_twice(minimal: Path) -> None:
    complete_audit(minimal)  # the programme's September audit (QMS531 otherwise)
    commit(minimal, "Audit AW-2026-02")
    git(minimal, "checkout", "-q", "-b", "second")
    new_audit(minimal, UNPLANNED, today=TODAY)
    add_finding(
        minimal,
        "AW-2026-03",
        FindingRequest("nc-minor", "P-01", "Brak podpisu", description="Plan bez podpisu"),
        today=TODAY,
    )
    card = new_capa(minimal, CapaRequest(source="AW-2026-03/1"), today=TODAY).id
    commit(minimal, "Drugi audit pozaplanowy")
    git(minimal, "checkout", "-q", "main")
    new_audit(
        minimal,
        NewAuditRequest("PR-01", "2026-12-04", "AUD-01", units=("USC",), unplanned=True),
        today=TODAY,
    )
    commit(minimal, "Pierwszy audit pozaplanowy")
    # both branches wrote records/audits/AW-2026-03/: git stops with a conflict, and the
    # user keeps both audits, the second one in a folder of its own
    merge = git_merge(minimal, "second")
    assert merge != 0
    folder = minimal / "records/audits"
    for name in ("plan.yaml", "checklist.yaml"):
        git(minimal, "checkout", "--theirs", f"records/audits/AW-2026-03/{name}")
    shutil.copytree(folder / "AW-2026-03", folder / "AW-2026-03-b")
    for name in ("plan.yaml", "checklist.yaml"):
        git(minimal, "checkout", "--ours", f"records/audits/AW-2026-03/{name}")
    (folder / "AW-2026-03" / "findings.yaml").rename(folder / "AW-2026-03-b" / "findings.yaml")
    commit(minimal, "Scalenie: oba audity")
    found = messages(minimal, "QMS506")
    assert found == [
        "katalog AW-2026-03-b zawiera plan auditu AW-2026-03 (np. po scaleniu gałęzi); nadaj "
        "mu wolny numer poleceniem „qms audit renumber AW-2026-03-b” (następny wolny: "
        "AW-2026-04), które zmieni nazwę katalogu, numery w jego plikach i odwołania w kartach DK"
    ]
    result = renumber_audit(minimal, "AW-2026-03-b")
    assert result.new == "AW-2026-04"
    card_text = (minimal / f"records/capa/{card}.yaml").read_text(encoding="utf-8")
    assert "ref: AW-2026-04/1" in card_text
    assert run_check(minimal, today=TODAY, use_cache=False).findings == []


def test_finding_numbers_kept_twice_after_a_merge(minimal: Path) -> None:
    new_audit(minimal, UNPLANNED, today=TODAY)
    findings = minimal / "records/audits/AW-2026-03/findings.yaml"
    add_finding(minimal, "AW-2026-03", FindingRequest("observation", evidence="a"), today=TODAY)
    append(findings, "  - {no: 1, type: observation, evidence: b, recorded: 2026-11-21}\n")
    assert messages(minimal, "QMS507") == [
        "ustalenie AW-2026-03/1 powtórzone (np. po scaleniu gałęzi): nadaj drugiemu numer 2 "
        "i popraw odwołanie source.ref w jego karcie DK"
    ]


def test_renumber_refuses_a_taken_number(minimal: Path) -> None:
    new_audit(minimal, UNPLANNED, today=TODAY)
    with pytest.raises(QmsError, match="numer AW-2026-02 jest już zajęty"):
        renumber_audit(minimal, "AW-2026-03", "AW-2026-02")
    with pytest.raises(QmsError, match="„AW-26-9” nie jest numerem auditu"):
        renumber_audit(minimal, "AW-2026-03", "AW-26-9")


def git_merge(root: Path, branch: str) -> int:
    return subprocess.run(
        ["git", "merge", "-q", "--no-edit", branch], cwd=root, capture_output=True, check=False
    ).returncode
