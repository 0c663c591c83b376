"""Four eyes across meanings (issue 15): the same person may not give two meanings of the
same text ("Sprawdził" and "Zatwierdził") unless qms.yaml explicitly allows it for that type
of document; a step may name alternatives ("zatwierdza pełnomocnik albo kierownik urzędu")
so that a document owned by the pełnomocnik is approved by someone else.

The invariant (model/trust/requirements.py): the matrix's steps for the current text can be
given by pairwise different people, a person being every registry entry that shares a name,
an e-mail or a key with them."""

from __future__ import annotations

import pytest

from qms_cli.errors import QmsError
from qms_cli.services.approval.approve import approve
from tests.approval.conftest import Keys, Office

P01 = "documents/procedures/P-01.md"
ALLOWANCE = "four_eyes:\n  same_person_allowed: [procedure]\n"
SAME = (
    f"{P01}:2: podpisy „Sprawdził”, „Zatwierdził” pod bieżącą treścią złożyła ta sama osoba: "
    "Anna Sekretarz (sekretarz) — każdy podpis musi złożyć inna osoba (zasada czterech oczu); "
    "jeśli urząd świadomie na to pozwala, wpisz typ procedure w qms.yaml: four_eyes: "
    "same_person_allowed"
)


def change_configuration(office: Office, keys: Keys, old: str, new: str) -> None:
    """An edit of qms.yaml, approved by the head of office (qms.yaml is under signature)."""
    office.edit("qms.yaml", old, new)
    office.commit("Zmiana qms.yaml")
    office.use_key(keys.wojt)
    approve(office.root, ["qms.yaml"], "approval")


def test_one_person_reviewing_and_approving_is_refused_without_the_allowance(
    office: Office, keys: Keys
) -> None:
    assert office.messages("QMS217") == []  # the base office allows it for procedures
    change_configuration(office, keys, ALLOWANCE, "")
    assert office.messages("QMS217") == [SAME]


def test_an_alternative_approver_keeps_four_eyes(office: Office, keys: Keys) -> None:
    """P-01 is owned by the pełnomocnik: she reviews, the head of office approves."""
    change_configuration(office, keys, ALLOWANCE, "")
    office.edit(
        "qms.yaml",
        "  procedure:\n    - {meaning: review, by: owner}\n"
        "    - {meaning: approval, by: pelnomocnik}",
        "  procedure:\n    - {meaning: review, by: owner}\n"
        "    - {meaning: approval, by: [pelnomocnik, kierownik-urzedu]}",
    )
    office.commit("Macierz: zatwierdza pełnomocnik albo kierownik urzędu")
    office.use_key(keys.wojt)
    approve(office.root, ["qms.yaml"], "approval")
    assert office.messages("QMS217") == [SAME]  # both of her signatures still hold
    approve(office.root, ["P-01"], "approval")  # the head of office approves as well
    assert office.findings() == []


def test_a_role_that_may_not_approve_is_still_refused(office: Office, keys: Keys) -> None:
    """An alternative widens who may sign; anyone else stays QMS208."""
    change_configuration(office, keys, ALLOWANCE, "")
    office.use_key(keys.usc)
    codes_before = office.codes(P01)
    assert "QMS217" in codes_before
    with pytest.raises(QmsError, match="nie może złożyć podpisu"):
        approve(office.root, ["P-01"], "approval")
