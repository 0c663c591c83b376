"""Trainings as records (ISO 9001 7.2, P-09; issue 16 finding 7): the plan, the record of each
training with its evidence and its effectiveness assessment; the example office backs its
objective CJ-2026-04 with them; participants are positions, never names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from qms_cli.errors import QmsError
from qms_cli.model.trainings import ASSESSED, HELD, OVERDUE, PLANNED
from qms_cli.services.check import run_check
from qms_cli.services.records.trainings import (
    NewTraining,
    list_trainings,
    new_training,
    training_done,
)
from tests.edit import edit_yaml
from tests.records.helpers import TODAY, qms

PLANNED_ONE = "records/trainings/SZ-2026-007.yaml"


def messages(office: Path, code: str) -> list[str]:
    report = run_check(office, today=TODAY, use_cache=False)
    return [f.message for f in report.findings if f.code == code]


def test_example_office_backs_its_training_objective(office: Path) -> None:
    trainings = list_trainings(office, 2026)
    assert [t.id for t in trainings] == [f"SZ-2026-00{n}" for n in range(1, 9)]
    states = [t.state(TODAY) for t in trainings]
    assert states == [ASSESSED] * 4 + [HELD] * 2 + [PLANNED] * 2
    # CJ-2026-04 cites the register: 11 of 42 people by March, 24 by June, 33 by September
    held_by = {
        day: sum(t.count or 0 for t in trainings if t.held and t.held <= day)
        for day in (dt.date(2026, 3, 31), dt.date(2026, 6, 30), dt.date(2026, 9, 30))
    }
    assert list(held_by.values()) == [11, 24, 33]
    report = run_check(office, today=TODAY, use_cache=False)
    assert [f for f in report.findings if "QMS640" <= f.code <= "QMS643"] == []


def test_plan_hold_and_list_from_the_cli(office: Path) -> None:
    code, out, err = qms(
        office,
        "training",
        "new",
        "--title",
        "Prawo zamówień publicznych – nowe progi",
        "--planned",
        "2026-12-10",
        "--participant",
        "kierownik-ip",
        "--objective",
        "CJ-2026-04",
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "Zaplanowano SZ-2026-009: records/trainings/SZ-2026-009.yaml"
    text = (office / "records/trainings/SZ-2026-009.yaml").read_text(encoding="utf-8")
    for line in ("planned: 2026-12-10", "held: null", "participants: [kierownik-ip]"):
        assert line in text.splitlines()
    code, out, err = qms(
        office, "training", "done", "SZ-2026-007", "--held", "2026-11-20", "--evidence",
        "Lista obecności – EZD OR.2103.21.2026", "--count", "3",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "Zapisano odbycie SZ-2026-007: records/trainings/SZ-2026-007.yaml"
    lines = (office / PLANNED_ONE).read_text(encoding="utf-8").splitlines()
    assert "held: 2026-11-20" in lines and "count: 3" in lines
    assert (
        lines.index("count: 3") == lines.index(next(x for x in lines if x.startswith("partic"))) + 1
    )
    code, out, _ = qms(office, "training", "done", "SZ-2026-007", "--held", "2026-11-20",
                       "--evidence", "x")  # fmt: skip
    assert code == 3
    code, out, _ = qms(office, "training", "--year", "2026")
    assert code == 0 and "SZ-2026-007" in out and "odbyte i ocenione" in out


@pytest.mark.parametrize(
    ("participants", "title", "message"),
    [
        (
            ("Jan Kowalski",),
            "KPA",
            "nie ma takich stanowisk ani ról w org/structure.yaml: Jan Kowalski (uczestników "
            "podaje się stanowiskiem, nie nazwiskiem)",
        ),
        ((), "KPA", "podaj uczestników (--participant stanowisko, można wiele razy)"),
        (
            ("kierownik-or",),
            "Szkolenie dla jan.kowalski@example.com",
            "temat wygląda na zawierający dane osobowe (adres e-mail) — nic nie zapisano",
        ),
    ],
)
def test_new_training_refuses(
    office: Path, participants: tuple[str, ...], title: str, message: str
) -> None:
    with pytest.raises(QmsError) as refused:
        new_training(office, NewTraining(title, dt.date(2026, 12, 1), participants))
    assert refused.value.message == message
    assert not (office / "records/trainings/SZ-2026-009.yaml").exists()


def test_rules_on_overdue_evidence_and_effectiveness(office: Path) -> None:
    edit_yaml(office / PLANNED_ONE, lambda d: d.update(planned=dt.date(2026, 11, 15)))
    assert messages(office, "QMS640") == [
        "SZ-2026-007: szkolenie „Prawo zamówień publicznych – zmiany 2026 r. i zamówienia "
        "poniżej progów unijnych” zaplanowano do 2026-11-15, a nie ma daty odbycia — po "
        "szkoleniu: qms training done SZ-2026-007 --held RRRR-MM-DD --evidence …; jeśli "
        "przesunięto, zmień planned"
    ]
    assert list_trainings(office, 2026)[6].state(TODAY) == OVERDUE
    edit_yaml(office / PLANNED_ONE, lambda d: d.update(held=dt.date(2026, 8, 1)))
    assert messages(office, "QMS641") == [
        "SZ-2026-007: szkolenie odbyte 2026-08-01 bez dowodu (evidence) — wpisz, gdzie jest "
        "lista obecności lub zaświadczenia (np. znak sprawy w EZD)"
    ]
    assert messages(office, "QMS642") == [
        "SZ-2026-007: skuteczności szkolenia odbytego 2026-08-01 nie oceniono do 2026-11-01 "
        "(effectiveness: date, score 1–5, by; formularz F-07)"
    ]
    edit_yaml(office / PLANNED_ONE, lambda d: d.update(participants=["Anna Nowak"]))
    assert messages(office, "QMS643") == [
        "SZ-2026-007: uczestnik „Anna Nowak” nie jest stanowiskiem ani rolą (org/structure.yaml; "
        "imion i nazwisk nie wpisuje się do repozytorium)"
    ]


def test_done_refuses_a_future_day(office: Path) -> None:
    with pytest.raises(QmsError) as refused:
        training_done(office, "SZ-2026-007", dt.date(2026, 12, 1), "Lista", today=TODAY)
    assert refused.value.message == "data odbycia 2026-12-01 jest w przyszłości"
