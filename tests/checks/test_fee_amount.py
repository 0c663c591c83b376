"""Issue 15: a fee in a service card is an amount in złoty; anything else is one clear error."""

from __future__ import annotations

import pytest

from qms_cli.checks.rules.service_cards import AMOUNT


@pytest.mark.parametrize("amount", ["17,00 zł", "0,00 zł", "1 250,00 zł", "1\u00a0250,00 zł"])
def test_amounts_offices_publish(amount: str) -> None:
    assert AMOUNT.match(amount)


@pytest.mark.parametrize(
    "amount", ["-5", "17 zł", "17,0 zł", "siedemnaście złotych i trochę", "17,00", "01,00 zł"]
)
def test_what_is_not_an_amount(amount: str) -> None:
    assert not AMOUNT.match(amount)
