"""Supplier evaluations as records (ISO 9001 8.4, P-10; issue 16 finding 7): one F-06 card per
supplier and year behind the summary in records/suppliers.yaml; a conditional approval has
agreed actions and is followed up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qms_cli.services.check import run_check
from tests.edit import edit_yaml
from tests.records.helpers import TODAY

CARD = "records/suppliers/DOS-02-2026.yaml"


def messages(office: Path, code: str, today: dt.date = TODAY) -> list[str]:
    report = run_check(office, today=today, use_cache=False)
    return [f.message for f in report.findings if f.code == code]


def test_example_office_cards_back_the_summary(office: Path) -> None:
    report = run_check(office, today=TODAY, use_cache=False)
    assert [f for f in report.findings if "QMS644" <= f.code <= "QMS646"] == []
    cards = sorted(p.name for p in (office / "records/suppliers").glob("*.yaml"))
    assert cards == [f"DOS-0{n}-2026.yaml" for n in range(1, 8)]


def test_the_conditional_approval_is_followed_up(office: Path) -> None:
    assert messages(office, "QMS646", dt.date(2027, 2, 1)) == [
        "DOS-02: termin sprawdzenia działań uzgodnionych przy zatwierdzeniu warunkowym minął "
        "2027-01-31 — wpisz follow_up.done i wynik"
    ]
    edit_yaml(office / CARD, lambda d: d.update(actions=None, follow_up=None))
    assert messages(office, "QMS646") == [
        "DOS-02: zatwierdzony warunkowo bez uzgodnionych działań (actions) i terminu ich "
        "sprawdzenia (follow_up.due)"
    ]


def test_score_result_and_summary_agree(office: Path) -> None:
    edit_yaml(office / CARD, lambda d: d["criteria"].update(timeliness=4))
    assert messages(office, "QMS644") == [
        "DOS-02: ocena końcowa 3, a średnia kryteriów zaokrąglona do całości to 4"
    ]
    edit_yaml(office / CARD, lambda d: d.update(score=4, result="zatwierdzony warunkowo"))
    assert messages(office, "QMS644") == [
        "DOS-02: ocena 4 daje wynik „zatwierdzony”, a wpisano „zatwierdzony warunkowo”"
    ]
    assert messages(office, "QMS645") == [
        "dostawca DOS-02: wykaz podaje ocenę z 2026-10-20 (3, „zatwierdzony warunkowo”), a "
        f"ostatnia karta {CARD} — z 2026-10-20 (4, „zatwierdzony warunkowo”)"
    ]
