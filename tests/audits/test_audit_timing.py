"""The programme checked against reality (issue 16 B): a programme audit or an external audit
of the certification cycle whose date has passed without a record is a warning, and an error
after the grace period (``audits.grace_days`` in qms.yaml); a plan gives ``notice_days`` of
notice. The example office is up to date on its own day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qms_cli.services.check import run_check
from tests.edit import edit_yaml

D = dt.date


def found(office: Path, today: dt.date, *codes: str) -> list[tuple[str, str, str]]:
    report = run_check(office, today=today, use_cache=False)
    return [(f.code, f.path, f.message) for f in report.findings if f.code in codes]


def test_the_example_office_is_up_to_date_on_its_day(office: Path, today: dt.date) -> None:
    assert found(office, D(2026, 11, 21), "QMS530", "QMS531", "QMS532", "QMS533", "QMS534") == []


def test_missed_audits_in_2027(office: Path) -> None:
    assert found(office, D(2027, 7, 1), "QMS502", "QMS531", "QMS533") == [
        (
            "QMS533",
            "qms.yaml",
            "audit nadzoru z 2027-05-18 (certificate.audits) nie ma zapisu "
            "(records/audits/external/2027-05-18-surveillance.yaml): minęło 44 dni; zapisz go "
            "z raportem jednostki certyfikującej: qms audit external --kind surveillance "
            "--date 2027-05-18 --report …",
        ),
        (
            "QMS502",
            "records/audits/AW-2026-07/plan.yaml",
            "audit AW-2026-07 odbył się 2026-11-25, a nie ma raportu (report.md) — minęło ponad "
            "14 dni; „qms audit report AW-2026-07”",
        ),
        (
            "QMS531",
            "records/audits/programme-2026.yaml",
            "audit AW-2026-08 (PR-01) zaplanowany w programie na 2026-12 nie odbył się: minęło "
            "182 dni od 2026-12-31, a nie ma planu ani raportu (records/audits/AW-2026-08/); "
            "przeprowadź go („qms audit new”) albo zmień program auditów (zmianę zatwierdza "
            "kierownik urzędu)",
        ),
    ]


def test_within_the_grace_period_a_warning(office: Path) -> None:
    assert found(office, D(2027, 1, 15), "QMS530", "QMS531") == [
        (
            "QMS530",
            "records/audits/programme-2026.yaml",
            "audit AW-2026-08 (PR-01) zaplanowany w programie na 2026-12: termin minął "
            "2026-12-31, a nie ma planu ani raportu (records/audits/AW-2026-08/); po 30 dniach "
            "będzie to błąd QMS531",
        )
    ]
    assert found(office, D(2027, 6, 1), "QMS532", "QMS533") == [
        (
            "QMS532",
            "qms.yaml",
            "audit nadzoru z 2027-05-18 (certificate.audits) nie ma jeszcze zapisu "
            "(records/audits/external/2027-05-18-surveillance.yaml); po 30 dniach będzie to "
            "błąd QMS533",
        )
    ]
    edit_yaml(office / "qms.yaml", lambda d: d["audits"].__setitem__("grace_days", 10))
    assert [c for c, _, _ in found(office, D(2027, 1, 15), "QMS530", "QMS531")] == ["QMS531"]


def test_plan_notice_period(office: Path) -> None:
    edit_yaml(office / "qms.yaml", lambda d: d["audits"].__setitem__("notice_days", 13))
    assert found(office, D(2026, 11, 21), "QMS534") == [
        (
            "QMS534",
            "records/audits/AW-2026-01/plan.yaml",
            "plan auditu AW-2026-01 sporządzono 2026-02-05, 12 dni przed auditem 2026-02-17; "
            "auditowanych powiadamia się co najmniej 13 dni wcześniej (audits.notice_days "
            "w qms.yaml)",
        ),
        (
            "QMS534",
            "records/audits/AW-2026-07/plan.yaml",
            "plan auditu AW-2026-07 sporządzono 2026-11-13, 12 dni przed auditem 2026-11-25; "
            "auditowanych powiadamia się co najmniej 13 dni wcześniej (audits.notice_days "
            "w qms.yaml)",
        ),
    ]
