"""For every audit and corrective-action rule (QMS500–QMS549): a mutation of the minimal office
under which it fires. ``tests/checks/test_rules.py`` runs them with the other rules' cases."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tests.audits.helpers import (
    CARD,
    FINDINGS,
    PLAN,
    REPORT,
    after_audit,
    before_september_audit,
    setting,
    unrecorded_surveillance,
)
from tests.edit import append, edit_yaml, replace

Mutation = Callable[[Path], None]


def _external(root: Path) -> None:
    folder = root / "records/audits/external"
    unrecorded_surveillance(root)
    (folder / "2026-05-19-surveillance.yaml").write_text(
        "kind: surveillance\ndate: 2026-05-20\nfindings: []\n", encoding="utf-8"
    )


def _certificate_due_soon(root: Path) -> None:
    def change(data: dict) -> None:  # type: ignore[type-arg]
        data["certificate"]["issued"] = "2025-12-20"
        data["certificate"]["audits"] = [{"type": "certification", "date": "2025-11-20"}]

    edit_yaml(root / "qms.yaml", change)
    unrecorded_surveillance(root)


def _second_finding_one(root: Path) -> None:
    append(root / FINDINGS, "  - {no: 1, type: observation, recorded: 2026-09-15}\n")


def _card_renamed(root: Path) -> None:
    (root / CARD).rename(root / "records/capa/DK-2026-005.yaml")


AUDIT_CASES: dict[str, Mutation] = {
    "QMS500": setting(PLAN, "prepared", value="2026-09-20"),
    "QMS501": setting(PLAN, "lead", value="AUD-02"),
    "QMS502": after_audit(lambda root: (root / REPORT).unlink()),
    "QMS503": after_audit(lambda root: replace(root / REPORT, "## 9. Nierozstrzygnięte", "## 9.")),
    "QMS504": setting(FINDINGS, "findings", 0, "capa", value=None),
    "QMS505": setting(FINDINGS, "findings", 0, "evidence", value=""),
    "QMS506": setting(PLAN, "planned", value=False),
    "QMS507": after_audit(_second_finding_one),
    "QMS508": setting(PLAN, "criteria", "documents", value=["PR-01", "P-77"]),
    "QMS509": lambda root: (
        setting(PLAN, "status", value="closed")(root),
        (root / REPORT).unlink(),
    ),
    "QMS510": setting(CARD, "due", value="2026-11-01"),
    "QMS511": setting(CARD, "due", value="2026-11-30"),
    "QMS512": lambda root: (
        setting(CARD, "status", value="closed")(root),
        edit_yaml(root / CARD, lambda d: d["effectiveness"].__setitem__("planned", "2026-11-01")),
    ),
    "QMS513": setting(CARD, "correction", "description", value=None),
    "QMS514": lambda root: (
        setting(CARD, "status", value="closed")(root),
        edit_yaml(
            root / CARD, lambda d: d["effectiveness"].update(verified="2026-11-02", effective=False)
        ),
    ),
    "QMS515": setting(CARD, "source", "ref", value="AW-2026-02/9"),
    "QMS516": after_audit(_card_renamed),
    "QMS517": setting(CARD, "owner", value="nieznany"),
    "QMS520": lambda root: (
        edit_yaml(root / "qms.yaml", lambda d: d["certificate"]["audits"].pop()),
        unrecorded_surveillance(root),
    ),
    "QMS521": _certificate_due_soon,
    "QMS522": _external,
    "QMS530": lambda root: (
        before_september_audit(root),
        edit_yaml(root / "qms.yaml", lambda d: d.__setitem__("audits", {"grace_days": 60})),
    ),
    "QMS531": lambda root: shutil.rmtree(root / "records/audits/AW-2026-01"),
    "QMS532": lambda root: (
        unrecorded_surveillance(root),
        edit_yaml(root / "qms.yaml", lambda d: d.__setitem__("audits", {"grace_days": 400})),
    ),
    "QMS533": unrecorded_surveillance,
    "QMS534": setting(PLAN, "prepared", value="2026-09-12"),
    "QMS535": after_audit(
        lambda root: append(root / FINDINGS, "  - {no: 2, type: improvement, criterion: P-01}\n")
    ),
    "QMS536": setting(REPORT, "status", value="final"),
    "QMS537": setting(CARD, "status", value="closed"),
    "QMS538": setting(CARD, "closure", value={"approved_by": "kierownik-or", "date": "2026-11-20"}),
}
