"""One typed view of a service card (issue 12 part 4): rules, PDF and BIP read the same
values, built once per document; malformed values are empty, never an exception."""

from __future__ import annotations

from qms_cli.model.documents import Document
from qms_cli.model.repository import Repository
from qms_cli.model.service_card import FormRef, build_service_card


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
    assert card.forms == (FormRef("F-01", "", ""),) and card.fees_listed and card.fees_stated


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


def test_kinds_exemptions_forms_and_no_appeal() -> None:
    card = build_service_card(
        card_doc(
            {
                "fees": [{"description": "x", "exempt": True, "legal_basis": {"act": "EXT-09"}}],
                "payment": " w kasie ",
                "deadline": {"kind": "zaswiadczenie", "days": 7},
                "appeal": {"none": "czynność materialno-techniczna"},
                "forms": ["F-01", {"name": "Wniosek", "url": "https://x.pl/w"}, {"url": "x"}],
            }
        )
    )
    assert card.fees[0].exempt and card.fees[0].legal_basis is not None
    assert card.payment == "w kasie" and card.is_certificate
    assert card.deadline is not None and card.deadline.kind == "zaswiadczenie"
    assert card.appeal is None and card.appeal_none == "czynność materialno-techniczna"
    assert card.forms == (FormRef("F-01", "", ""), FormRef("", "Wniosek", "https://x.pl/w"))


def test_older_forms_keep_their_meaning() -> None:
    older = build_service_card(card_doc({"deadline": {"days": 60, "text": "x", "complex": True}}))
    assert older.deadline is not None and older.deadline.kind == "dwa-miesiace"
    assert older.deadline.complex
    titled = {"title": "Wydanie zaświadczenia o niezaleganiu", "deadline": {"days": 7, "text": "x"}}
    doc = card_doc(titled)
    doc = Document(doc.id, doc.type, titled["title"], doc.path, doc.meta, "", 1)
    assert build_service_card(doc).is_certificate
    statute = {"days": 7, "text": "x", "statute": {"act": "EXT-11"}}
    assert not build_service_card(
        Document(doc.id, doc.type, doc.title, doc.path, {**doc.meta, "deadline": statute}, "", 1)
    ).is_certificate
