"""Rules QMS200–QMS215: each fires in a case made for it (the attack cases cover the rest) and
none fires on the approved base office."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from qms_cli.checks.registry import all_codes
from qms_cli.io import signers_file
from tests.approval.conftest import (
    P01,
    SIGNERS,
    TODAY,
    Keys,
    Office,
    add_person,
    approval_findings,
)
from tests.approval.scenarios import SCENARIOS, add_attacker, edit_p01, rotate_head_key

pytestmark = pytest.mark.any_day  # holds on any pinned day (tests/test_any_day.py)

OWN_CASES = {"QMS200", "QMS201", "QMS213", "QMS214", "QMS215", "QMS216", "QMS217"}


def test_every_approval_rule_has_a_case() -> None:
    ours = {code for code in all_codes() if "QMS200" <= code <= "QMS249"}
    attacks = {code for s in SCENARIOS.values() for _, code, _ in s.expect}
    assert ours == attacks | OWN_CASES


def test_no_trust_root_is_one_warning_not_an_error_per_document(minimal: Path, keys: Keys) -> None:
    """People registered, but no history ever named a trust root: one warning."""
    office = Office(minimal)
    add_person(minimal, "jan-wojt", "Jan Wójt", "wojt", ("kierownik-urzedu",), keys.wojt)
    office.commit("Rejestr", keys.wojt)
    edit_p01(office)  # unapproved text: would be an error with a trust root
    findings = office.findings()
    assert [(f.code, f.path, f.severity.label) for f in findings] == [
        ("QMS200", "qms.yaml", "warning")
    ]
    assert "brak trust_root" in findings[0].message


@pytest.mark.parametrize("new_root", ["null", "attacker"])
def test_trust_root_in_qms_yaml_stays_the_first_one_history_named(
    office: Office, keys: Keys, new_root: str
) -> None:
    """Issue 13 item 4: setting trust_root to null, or to one's own key, takes over nothing."""
    value = "null" if new_root == "null" else f'"{keys.attacker.fingerprint}"'
    office.edit("qms.yaml", f'trust_root: "{keys.wojt.fingerprint}"', f"trust_root: {value}")
    office.commit("Konfiguracja")
    add_attacker(office, keys)
    office.commit("Rejestr: nowa pełnomocniczka", keys.attacker)
    edit_p01(office)
    office.approval(P01, "P-01", "approval", keys.attacker)
    codes = office.codes()
    assert {"QMS216", "QMS212", "QMS205", "QMS202"} <= codes, office.findings()
    assert "QMS200" not in codes
    (moved,) = office.messages("QMS216")
    assert keys.wojt.fingerprint in moved
    assert "QMS202" in office.codes("qms.yaml")  # and the edit itself is unapproved


def test_fresh_office_without_signers_has_no_warning(minimal: Path) -> None:
    assert approval_findings(minimal) == []


def test_trust_root_from_outside_overrides_the_repository(office: Office, keys: Keys) -> None:
    """CI pins the trust root: a repository that names another one does not win."""
    findings = office.findings(trust_root=keys.attacker.fingerprint)
    codes = {f.code for f in findings}
    assert "QMS212" in codes and "QMS205" in codes
    registry = [f for f in findings if f.code == "QMS212"]
    assert keys.attacker.fingerprint in registry[0].message


def test_missing_approval_of_a_new_document(office: Office) -> None:
    text = office.path(P01).read_text(encoding="utf-8")
    office.path("documents/procedures/P-02.md").write_text(
        text.replace("id: P-01", "id: P-02"), encoding="utf-8"
    )
    office.commit("P-02: nowa procedura")
    found = [f for f in office.findings() if f.code == "QMS201"]
    assert [f.path for f in found] == ["documents/procedures/P-02.md"] * 2
    assert "brak podpisu „Sprawdził” (review) pod bieżącą treścią" in found[0].message
    assert "podpisuje: właściciel dokumentu (pelnomocnik)" in found[0].message


def test_draft_needs_no_approval(office: Office) -> None:
    office.edit(P01, "status: active", "status: draft")
    office.commit("P-01: projekt zmiany")
    assert office.findings() == []


def test_dropping_the_last_approval_leaves_the_text_unapproved(office: Office, keys: Keys) -> None:
    edit_p01(office)
    office.approval(P01, "P-01", "review", keys.sekretarz)
    office.approval(P01, "P-01", "approval", keys.sekretarz)
    assert office.findings() == []
    office.git("reset", "-q", "--hard", "HEAD~1")
    assert office.messages("QMS202") and "„Zatwierdził”" in office.messages("QMS202")[0]


def test_uncommitted_registry_change_is_a_warning(office: Office, keys: Keys) -> None:
    office.edit(SIGNERS, "name: Ewa Usc", "name: Ewa Usc-Nowak")
    found = office.findings()
    assert [(f.code, f.path, f.severity.label) for f in found] == [("QMS213", SIGNERS, "warning")]


def test_fingerprint_must_match_the_public_key(office: Office, keys: Keys) -> None:
    office.edit(SIGNERS, keys.usc.fingerprint, keys.wojt.fingerprint)
    found = [f for f in office.findings() if f.code == "QMS214"]
    assert len(found) == 1
    assert f"klucz publiczny ma odcisk {keys.usc.fingerprint}" in found[0].message
    lines = office.path(SIGNERS).read_text(encoding="utf-8").splitlines()
    assert found[0].line is not None and "fingerprint" in lines[found[0].line - 1]


def test_shallow_clone_cannot_verify(office: Office, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{office.root}", str(clone)], check=True
    )
    found = approval_findings(clone)
    assert [(f.code, f.path) for f in found] == [("QMS215", "qms.yaml")]
    assert "shallow clone" in found[0].message


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        ("no git", "folder nie jest repozytorium git"),
        ("no commit", "repozytorium nie ma jeszcze żadnego commita"),
        ("subfolder", "musi być głównym folderem repozytorium git"),
    ],
)
def test_without_a_history_approvals_cannot_be_verified(
    office: Office, tmp_path: Path, setup: str, reason: str
) -> None:
    outer = tmp_path / "outer"
    copy = outer / "urzad" if setup == "subfolder" else outer
    shutil.copytree(office.root, copy, ignore=shutil.ignore_patterns(".git"))
    if setup != "no git":
        subprocess.run(["git", "init", "-q", str(outer)], check=True)
    found = approval_findings(copy)
    assert [(f.code, f.path) for f in found] == [("QMS215", "qms.yaml")]
    assert reason in found[0].message


def test_key_rotation_keeps_old_approvals_and_accepts_new_key(office: Office, keys: Keys) -> None:
    rotate_head_key(office, keys)
    assert office.findings() == []  # approvals made before the revocation still hold
    office.append("documents/policy/PJ.md", "\nNowe zobowiązanie.\n")
    office.commit("PJ: zmiana")
    office.approval("documents/policy/PJ.md", "PJ", "approval", keys.wojt)
    assert "QMS206" in office.codes("documents/policy/PJ.md")
    office.git("reset", "-q", "--hard", "HEAD~1")
    office.approval("documents/policy/PJ.md", "PJ", "approval", keys.wojt2)
    assert office.findings() == []


def test_approvals_older_than_a_revocation_stay_valid(office: Office, keys: Keys) -> None:
    """History order, not dates: approvals the revocation descends from keep counting."""
    edit_p01(office)
    office.approval(P01, "P-01", "review", keys.sekretarz)
    office.approval(P01, "P-01", "approval", keys.sekretarz)
    office.git("checkout", "-q", "-b", "revoke")
    signers_file.revoke_key(office.root, keys.sekretarz.fingerprint, TODAY)
    office.commit("Rejestr: unieważnienie klucza Anny", keys.wojt)
    office.git("checkout", "-q", "main")
    office.git("merge", "-q", "--no-edit", "revoke")
    assert office.findings() == []


def test_revoked_key_does_not_approve_on_a_branch_cut_before_the_revocation(
    office: Office, keys: Keys
) -> None:
    """Issue 13 item 2: approvals made with a key on a branch that does not contain its
    revocation stop counting once the revocation is merged, whatever dates they claim."""
    office.git("checkout", "-q", "-b", "revoke")
    signers_file.revoke_key(office.root, keys.sekretarz.fingerprint, TODAY)
    office.commit("Rejestr: unieważnienie klucza Anny", keys.wojt)
    office.git("checkout", "-q", "main")
    edit_p01(office)
    office.approval(P01, "P-01", "review", keys.sekretarz)
    office.approval(P01, "P-01", "approval", keys.sekretarz)
    assert office.findings() == []  # before the merge the revocation is not in the history
    office.git("merge", "-q", "--no-edit", "revoke")
    assert "QMS206" in office.codes(P01)
    assert any("gałęzi" in m for m in office.messages("QMS206"))
    edit_p01(office, text="\nJeszcze jedna zmiana.\n")
    office.approval(P01, "P-01", "approval", keys.sekretarz, date="2025-02-01T09:00:00+01:00")
    assert "QMS206" in office.codes(P01)
