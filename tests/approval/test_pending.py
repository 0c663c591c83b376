"""``qms pending``: what waits for whose signature, on the signed office after an edit."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from tests.approval.conftest import TODAY, Keys, Office
from tests.approval.scenarios import edit_p01

pytestmark = pytest.mark.any_day

runner = CliRunner()


def qms(office: Office, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--path", str(office.root)])
    return result.exit_code, result.output


def test_pending_after_an_edit(office: Office, keys: Keys) -> None:
    """Olek Or (signing editor) changed P-01: both of its signatures wait for Anna Sekretarz
    (owner and pełnomocnik); nobody else has anything to sign; the release is blocked."""
    change = edit_p01(office)[:10]
    code, out = qms(office, "pending")
    assert code == 0, out
    lines = out.splitlines()
    since = f"treść z {TODAY.isoformat()}, commit {change}; zmienił(a): Olek Or"
    assert lines[:6] == [
        "Jan Wójt (wojt, jan-wojt): nic nie czeka na podpis.",
        "Anna Sekretarz (sekretarz, anna-sekretarz): czeka na podpis 2:",
        f"  P-01 „Nadzór nad dokumentacją”: „Sprawdził” (review), ponownie po zmianie; {since}",
        f"  P-01 „Nadzór nad dokumentacją”: „Zatwierdził” (approval), ponownie po zmianie; {since}",
        "Ewa Usc (kierownik-usc, ewa-usc): nic nie czeka na podpis.",
        "Olek Or (kierownik-or, olek-or): nic nie czeka na podpis.",
    ]
    assert lines[6] == "Następne wydanie (qms release) blokuje:"
    blocking = lines[7:]  # on a later pinned day, overdue records block it as well
    assert any(
        b.startswith("  - P-01: podpis „Sprawdził” (review) — Anna Sekretarz") for b in blocking
    )

    office.use_key(keys.usc)
    code, out = qms(office, "pending", "--me")
    assert (code, out) == (0, "Ewa Usc (kierownik-usc, ewa-usc): nic nie czeka na podpis.\n")

    code, out = qms(office, "pending", "--person", "anna-sekretarz", "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert [
        (w["id"], w["meaning"], w["since_commit"][:10], w["changed_by"])
        for w in data["people"][0]["waiting"]
    ] == [
        ("P-01", "review", change, "Olek Or"),
        ("P-01", "approval", change, "Olek Or"),
    ]

    code, out = qms(office, "pending", "--person", "nikt")
    assert code == 3
    assert out.startswith("qms: błąd: nie ma osoby nikt w rejestrze podpisujących")


def test_an_unsigned_configuration_change_waits_for_the_head_of_office(office: Office) -> None:
    office.edit("qms.yaml", "\n", "\n# uwaga\n")
    change = office.commit("qms.yaml: komentarz", None, author=("Ktoś", "ktos@x.invalid"))
    code, out = qms(office, "pending", "--person", "jan-wojt")
    assert code == 0, out
    assert out == (
        "Jan Wójt (wojt, jan-wojt): czeka na podpis 1:\n"
        "  qms.yaml „plik konfiguracji qms.yaml”: „Zatwierdził” (approval), ponownie po zmianie; "
        f"treść z {TODAY.isoformat()}, commit {change[:10]}; zmienił(a): Ktoś (wg git)\n"
    )
