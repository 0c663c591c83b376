"""One typed view of a service card (issue 12 part 4): rules, PDF and BIP read the same
values, built once per document; malformed values are empty, never an exception."""

from __future__ import annotations

from qms_cli.model.documents import Document
from qms_cli.model.repository import Repository
from qms_cli.model.service_card import build_service_card


def card_doc(meta: dict) -> Document:  # type: ignore[type-arg]
    base = {"id": "KU-USC-01", "type": "service-card", "title": "T", "status": "active"}
    return Document("KU-USC-01", "service-card", "T", "documents/x.md", {**base, **meta}, "", 1)


def test_values_are_typed_and_trimmed() -> None:
    card = build_service_card(
        card_doc(
            {
                "fees": [{"description": " opłata ", "amount": "17,00 zł", "basis": "ustawa"}],
                "channels": {"epuap": "/x/skrytka", "in_person": True, "post": "tak"},
                "deadline": {"text": "do 7 dni", "days": 7},
                "forms": "F-01",
            }
        )
    )
    assert card.fees[0].description == "opłata" and card.fees[0].account == ""
    assert card.channels is not None and card.channels.in_person and not card.channels.post
    assert card.deadline is not None and card.deadline.days == 7 and not card.deadline.complex
    assert card.forms == ("F-01",) and card.fees_listed and card.fees_stated


def test_malformed_values_are_empty() -> None:
    card = build_service_card(
        card_doc({"fees": "brak", "place": ["x"], "deadline": "30 dni", "appeal": True})
    )
    assert card.fees == () and not card.fees_listed and card.fees_stated
    assert card.place is None and card.appeal is None
    assert card.deadline is None and card.deadline_raw == ("30 dni",)


def test_the_repository_builds_it_once() -> None:
    doc = card_doc({})
    repo = Repository({})
    assert repo.service_card(doc) is repo.service_card(doc)
