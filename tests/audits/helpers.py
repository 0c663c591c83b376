"""Audit records in the minimal office, made by the services as a user would make them."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qms_cli.services.audit.audits import FindingRequest, add_finding
from qms_cli.services.audit.capa import CapaRequest, new_capa
from qms_cli.services.audit.plan import NewAuditRequest, new_audit
from qms_cli.services.audit.report import ReportRequest, write_report
from tests.conftest import EXAMPLE_DAY
from tests.edit import edit_yaml, set_value

TODAY = EXAMPLE_DAY  # the example office describes this day
AUDIT = "records/audits/AW-2026-02"
PLAN = f"{AUDIT}/plan.yaml"
FINDINGS = f"{AUDIT}/findings.yaml"
REPORT = f"{AUDIT}/report.md"
CARD = "records/capa/DK-2026-001.yaml"
# the minimal office's surveillance audit of 19 May 2026, recorded (QMS533 otherwise)
SURVEILLANCE = "records/audits/external/2026-05-19-surveillance.yaml"


def unrecorded_surveillance(root: Path) -> None:
    """The minimal office as it was before its surveillance audit was recorded."""
    (root / SURVEILLANCE).unlink()


def before_september_audit(root: Path) -> None:
    """The minimal office as it was before its September audit: the fixture holds AW-2026-02
    carried out (``complete_audit``'s records) and its card DK-2026-001; this removes them."""
    shutil.rmtree(root / AUDIT, ignore_errors=True)
    (root / CARD).unlink(missing_ok=True)
    cards = (root / CARD).parent
    if cards.is_dir() and not any(cards.iterdir()):
        cards.rmdir()


def complete_audit(root: Path) -> None:
    """Audit AW-2026-02 of the programme (PR-01 in USC, 15 September 2026) carried out in full,
    from scratch: plan two weeks before, a minor nonconformity, its corrective action, the
    report. As of ``TODAY`` nothing in it is due, so ``qms check`` has nothing to say."""
    before_september_audit(root)
    new_audit(root, NewAuditRequest("PR-01", "2026-09-15", "AUD-01"), today=dt.date(2026, 9, 1))
    add_finding(
        root,
        "AW-2026-02",
        FindingRequest(
            "nc-minor",
            criterion="P-01",
            evidence="Dwa z pięciu sprawdzonych rejestrów bez daty przeglądu",
            description="Rejestry nie są przeglądane",
        ),
        today=dt.date(2026, 9, 15),
    )
    new_capa(
        root,
        CapaRequest(
            source="AW-2026-02/1",
            due="2026-12-31",
            correction="Przejrzano oba rejestry",
            whys=("Nikt nie pilnuje przeglądów", "Procedura nie wskazuje terminu"),
            actions=("Wpisać termin przeglądu do P-01",),
        ),
        today=dt.date(2026, 9, 20),
    )
    write_report(root, "AW-2026-02", ReportRequest(pdf=False), today=dt.date(2026, 9, 20))


def ready_to_close(root: Path) -> None:
    """Card DK-2026-001 with what ISO 9001 10.2.1 a)–f) asks for before closing."""

    def fill(data: Any) -> None:
        data["consequences"] = "Oba rejestry przejrzano; żadna sprawa nie wymagała ponownego "
        "rozpatrzenia"
        data["similar"] = "Sprawdzono rejestry pozostałych komórek: bez podobnych braków"
        for action in data["actions"]:
            action["done"] = "2026-11-20"
        data["risks"] = {"updated": None, "ids": [], "note": "Ryzyko już ujęte (R-01)"}
        data["qms_changes"] = {"documents": ["P-01"], "note": "Termin przeglądu w P-01"}

    edit_yaml(root / CARD, fill)


def setting(rel: str, *keys: Any, value: Any) -> Callable[[Path], None]:
    """A mutation: ``complete_audit`` and then one value of one file changed."""

    def mutate(root: Path) -> None:
        complete_audit(root)
        set_value(root / rel, *keys, value=value)

    return mutate


def after_audit(step: Callable[[Path], object]) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        complete_audit(root)
        step(root)

    return mutate
