"""Each attack of issue 3 is rejected by ``qms check`` with a precise finding (file, line of
the document's id or of the key, code, message), and nothing else is reported."""

from __future__ import annotations

import pytest

from tests.approval.conftest import Keys, Office
from tests.approval.scenarios import SCENARIOS, expected

pytestmark = pytest.mark.any_day  # holds on any pinned day (tests/test_any_day.py)


def test_base_office_is_approved_and_verified(office: Office) -> None:
    assert office.findings() == []


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_attack_is_rejected(name: str, office: Office, keys: Keys) -> None:
    SCENARIOS[name].build(office, keys)
    findings = office.findings()
    for path, code, fragment in expected(name, keys):
        hits = [f for f in findings if f.path == path and f.code == code]
        assert hits, f"{code} not reported for {path}; found {[(f.path, f.code) for f in findings]}"
        assert any(fragment in f.message for f in hits), [f.message for f in hits]
        assert all(f.line is not None for f in hits)
    approval_codes = {f.code for f in findings if "QMS200" <= f.code <= "QMS249"}
    assert approval_codes == {code for _, code, _ in expected(name, keys)}, findings


def test_forged_name_never_names_the_signer(office: Office, keys: Keys) -> None:
    SCENARIOS["forged-committer"].build(office, keys)
    wrong_role = office.messages("QMS208")
    assert len(wrong_role) == 1
    assert "Ewa Usc" in wrong_role[0]
    assert "Anna" not in wrong_role[0]


def test_finding_points_at_the_document_id_line(office: Office, keys: Keys) -> None:
    SCENARIOS["unsigned"].build(office, keys)
    (line,) = [f.line for f in office.findings() if f.code == "QMS203"]
    text = office.path("documents/procedures/P-01.md").read_text(encoding="utf-8")
    assert text.splitlines()[line - 1].startswith("id: P-01")


def test_untrusted_registry_finding_points_at_the_attackers_key(office: Office, keys: Keys) -> None:
    SCENARIOS["registry-self-added"].build(office, keys)
    (finding,) = [f for f in office.findings() if f.code == "QMS212"]
    text = office.path("org/signers.yaml").read_text(encoding="utf-8").splitlines()
    assert keys.attacker.fingerprint in text[finding.line - 1]  # type: ignore[operator]
