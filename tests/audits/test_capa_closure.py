"""Corrective actions per ISO 9001 10.2.1 a)–f) (issue 16 D): a card closes only with the
consequences dealt with, similar cases looked for, the cause, the actions done, risks and the
QMS updated (or why not); after the effectiveness check the process owner approves the
closure (``closure: {approved_by, date}``)."""

from __future__ import annotations

from pathlib import Path

from qms_cli.services.check import run_check
from tests.audits.helpers import CARD, TODAY, complete_audit, ready_to_close
from tests.audits.test_capa import qms
from tests.edit import edit_yaml, set_value

A_B = (
    "postępowanie ze skutkami niezgodności (consequences, 10.2.1 a); sprawdzenie, czy podobne "
    "niezgodności występują lub mogą wystąpić (similar, 10.2.1 b)"
)
E_F = (
    "aktualizacja ryzyk i szans albo uzasadnienie, że nie jest potrzebna (risks: updated lub "
    "note, 10.2.1 e); zmiany w systemie zarządzania jakością albo uzasadnienie, że nie są "
    "potrzebne (qms_changes: documents lub note, 10.2.1 f)"
)
MISSING = f"{A_B}; daty wykonania działań (actions[].done, 10.2.1 c); {E_F}"


def messages(root: Path, code: str) -> list[str]:
    report = run_check(root, today=TODAY, use_cache=False)
    return [f.message for f in report.findings if f.code == code]


def test_closing_needs_every_step_of_10_2_1(minimal: Path) -> None:
    complete_audit(minimal)
    code, _, err = qms(minimal, "capa", "close", "DK-2026-001", "--evidence", "Termin dopisano")
    assert code == 3
    assert err.splitlines()[0] == (
        "qms: błąd: records/capa/DK-2026-001.yaml: karty DK-2026-001 nie można zamknąć — brak "
        f"(ISO 9001 pkt 10.2.1): {A_B}; {E_F}"
    )  # closing says the actions are done: they get the closing day
    set_value(minimal / CARD, "status", value="closed")  # closed by hand
    assert messages(minimal, "QMS537") == [f"karta DK-2026-001 jest zamknięta, a brak: {MISSING}"]


def test_close_writes_the_steps_it_is_given(minimal: Path) -> None:
    complete_audit(minimal)
    code, _, err = qms(
        minimal, "capa", "close", "DK-2026-001", "--evidence", "Termin dopisano",
        "--consequences", "Rejestry przejrzano", "--similar", "Inne komórki bez braków",
        "--risks", "Bez zmian: ryzyko R-01 obejmuje ten przypadek", "--changes", "P-01 wyd. 2",
        "--date", "2026-11-20",
    )  # fmt: skip
    assert code == 0, err
    text = (minimal / CARD).read_text(encoding="utf-8")
    for line in (
        "consequences: Rejestry przejrzano",
        "similar: Inne komórki bez braków",
        "    done: 2026-11-20",
        "  note: 'Bez zmian: ryzyko R-01 obejmuje ten przypadek'",
        "  note: P-01 wyd. 2",
    ):
        assert line in text, line
    assert messages(minimal, "QMS537") == []


def test_the_process_owner_approves_the_closure_after_the_check(minimal: Path) -> None:
    complete_audit(minimal)
    ready_to_close(minimal)
    assert qms(minimal, "capa", "close", "DK-2026-001", "--evidence", "Termin dopisano")[0] == 0
    code, _, err = qms(minimal, "capa", "approve", "DK-2026-001", "--by", "kierownik-or")
    assert code == 3 and "skuteczności działań z karty DK-2026-001 jeszcze nie oceniono" in err
    args = ("capa", "verify", "DK-2026-001", "--effective", "tak", "--evidence", "Próbka")
    assert qms(minimal, *args, "--date", "2026-11-20")[0] == 0
    assert messages(minimal, "QMS538") == [
        "DK-2026-001: skuteczność oceniono 2026-11-20, a brak zatwierdzenia zamknięcia przez "
        "właściciela procesu (closure: {approved_by, date})"
    ]
    code, _, err = qms(minimal, "capa", "approve", "DK-2026-001", "--by", "kierownik-usc")
    assert code == 3 and err.splitlines()[0] == (
        "qms: błąd: DK-2026-001: zamknięcie zatwierdził „kierownik-usc”, a nie właściciel "
        "procesu (kierownik-or)"
    )
    code, out, err = qms(
        minimal, "capa", "approve", "DK-2026-001", "--by", "kierownik-or", "--date", "2026-11-21"
    )
    assert code == 0, err
    assert f"Zatwierdzono zamknięcie karty DK-2026-001: {minimal / CARD}" in out
    text = (minimal / CARD).read_text(encoding="utf-8")
    assert text.endswith("closure:\n  approved_by: kierownik-or\n  date: 2026-11-21\n")
    assert run_check(minimal, today=TODAY, use_cache=False).findings == []
    edit_yaml(minimal / CARD, lambda d: d["closure"].__setitem__("date", "2026-11-19"))
    assert messages(minimal, "QMS538") == [
        "DK-2026-001: zamknięcie zatwierdzono 2026-11-19, przed oceną skuteczności 2026-11-20"
    ]
