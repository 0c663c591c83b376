"""Editing a record with qms keeps the user's comments, key order and quotes: the new bytes are
the old ones except the lines the command means to change."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

from qms_cli.services.audit.audits import FindingRequest, add_finding, close_audit
from qms_cli.services.audit.capa import close_capa, verify_capa
from tests.audits.helpers import CARD, FINDINGS, PLAN, TODAY, complete_audit, ready_to_close
from tests.edit import replace


def changes(path: Path, command: Callable[[], object]) -> tuple[list[str], list[str]]:
    """(removed lines, added lines) of ``path`` when ``command`` runs."""
    before = path.read_text(encoding="utf-8").splitlines()
    command()
    after = path.read_text(encoding="utf-8").splitlines()
    diff = list(difflib.ndiff(before, after))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


def test_new_finding_is_appended_below_the_users_comments(minimal: Path) -> None:
    complete_audit(minimal)
    path = minimal / FINDINGS
    replace(path, "findings:\n", "findings:\n  # uzgodnione z kierownikiem USC 16 września\n")
    replace(
        path,
        "    unit: USC\n    process: PR-01\n",
        "    process: 'PR-01'  # zob. P-01\n    unit: USC\n",
    )
    text = path.read_text(encoding="utf-8")
    removed, added = changes(
        path,
        lambda: add_finding(
            minimal,
            "AW-2026-02",
            FindingRequest("observation", evidence="Skany nieczytelne"),
            today=TODAY,
        ),
    )
    assert removed == []
    assert added == [
        "  - no: 2",
        "    type: observation",
        "    evidence: Skany nieczytelne",
        "    unit: USC",
        "    process: PR-01",
        "    recorded: 2026-11-21",
        "    capa: null",
    ]
    assert path.read_text(encoding="utf-8").startswith(text)


def test_closing_an_audit_changes_two_lines(minimal: Path) -> None:
    complete_audit(minimal)
    path = minimal / PLAN
    replace(path, "status: planned\n", "status: planned   # do zamknięcia po DK\n")
    replace(path, "lead: AUD-01\n", 'lead: "AUD-01"\n# zespół zatwierdził Pełnomocnik\n')
    removed, added = changes(path, lambda: close_audit(minimal, "AW-2026-02", today=TODAY))
    assert removed == ["status: planned   # do zamknięcia po DK", "closed: null"]
    # the comment keeps its column
    assert added == ["status: closed    # do zamknięcia po DK", "closed: 2026-11-21"]


def test_closing_and_verifying_a_card_change_only_their_lines(minimal: Path) -> None:
    complete_audit(minimal)
    path = minimal / CARD
    replace(path, "owner: kierownik-usc\n", "owner: kierownik-usc  # uzgodniono z Wójtem\n")
    replace(path, "correction:\n", "# korekcja wykonana od razu\ncorrection:\n")
    ready_to_close(minimal)
    removed, added = changes(
        path, lambda: close_capa(minimal, "DK-2026-001", "Termin dopisano do P-01", today=TODAY)
    )
    assert removed == ["status: open", "closed: null", "closure_evidence: null"]
    assert added == [
        "status: closed",
        "closed: 2026-11-21",
        "closure_evidence: Termin dopisano do P-01",
    ]
    removed, added = changes(
        path, lambda: verify_capa(minimal, "DK-2026-001", True, "Próbka bez uwag", today=TODAY)
    )
    assert removed == ["  verified: null", "  effective: null", "  evidence: null"]
    assert added == ["  verified: 2026-11-21", "  effective: true", "  evidence: Próbka bez uwag"]
    assert "# korekcja wykonana od razu\n" in path.read_text(encoding="utf-8")
