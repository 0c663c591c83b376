"""A service card (karta usługi) as one typed view of its front matter: what ``qms check``
judges, what the PDF prints and what the BIP page shows are read from here, built once per
document (``Repository.service_card``). Malformed values become empty (the schema reports them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qms_cli.model.documents import Document


def _text(value: Any) -> str:
    """A scalar as text; lists, mappings, booleans and null as "" (as the BIP page shows)."""
    if value is None or isinstance(value, bool | dict | list):
        return ""
    return str(value).strip()


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(t for item in value if (t := _text(item)))


def _dict(value: Any) -> dict[str, Any] | None:
    return value if isinstance(value, dict) else None


@dataclass(frozen=True)
class LegalRef:
    act: str  # id in documents/external.yaml
    provision: str


@dataclass(frozen=True)
class Fee:
    description: str
    amount: str
    basis: str
    account: str


@dataclass(frozen=True)
class Place:
    address: str
    room: str
    hours: str


@dataclass(frozen=True)
class Channels:
    epuap: str
    in_person: bool
    post: bool

    @property
    def any(self) -> bool:
        return bool(self.epuap) or self.in_person or self.post


@dataclass(frozen=True)
class Deadline:
    text: str
    days: int | None
    statute: LegalRef | None  # the act that sets a deadline other than KPA art. 35
    complex: bool  # a particularly complicated case: up to two months (art. 35 § 3 KPA)


@dataclass(frozen=True)
class Appeal:
    body: str
    days: str
    via: str
    fee: str


@dataclass(frozen=True)
class ServiceCard:
    id: str
    unit: str
    legal_basis: tuple[LegalRef, ...]
    required_documents: tuple[str, ...]
    documents_to_show: tuple[str, ...]
    fees: tuple[Fee, ...]
    fees_listed: bool  # "fees" is a list (an empty list: no fees)
    fees_stated: bool  # "fees" is written at all
    place: Place | None
    channels: Channels | None
    deadline: Deadline | None
    deadline_raw: tuple[str, ...]  # a deadline written as plain text or a list
    appeal: Appeal | None
    appeal_note: str
    forms: tuple[str, ...]
    notes: str


def build_service_card(doc: Document) -> ServiceCard:
    """The typed view of a service card's front matter (``Repository.service_card`` keeps one
    per document)."""
    meta = doc.meta
    return ServiceCard(
        id=doc.id,
        unit=_text(meta.get("unit")),
        legal_basis=tuple(
            _legal_ref(item) for item in meta.get("legal_basis") or [] if isinstance(item, dict)
        ),
        required_documents=_texts(meta.get("required_documents")),
        documents_to_show=_texts(meta.get("documents_to_show")),
        fees=tuple(
            Fee(*(_text(fee.get(k)) for k in ("description", "amount", "basis", "account")))
            for fee in meta.get("fees") or []
            if isinstance(fee, dict)
        ),
        fees_listed=isinstance(meta.get("fees"), list),
        fees_stated="fees" in meta,
        place=_place(_dict(meta.get("place"))),
        channels=_channels(_dict(meta.get("channels"))),
        deadline=_deadline(_dict(meta.get("deadline"))),
        deadline_raw=_raw(meta.get("deadline")),
        appeal=_appeal(_dict(meta.get("appeal"))),
        appeal_note=_text(meta.get("appeal_note")),
        forms=tuple(doc.refs("forms")),
        notes=_text(meta.get("notes")),
    )


def _place(value: dict[str, Any] | None) -> Place | None:
    return (
        None
        if value is None
        else Place(*(_text(value.get(k)) for k in ("address", "room", "hours")))
    )


def _channels(value: dict[str, Any] | None) -> Channels | None:
    if value is None:
        return None
    return Channels(
        _text(value.get("epuap")), value.get("in_person") is True, value.get("post") is True
    )


def _deadline(value: dict[str, Any] | None) -> Deadline | None:
    if value is None:
        return None
    days = value.get("days")
    statute = value.get("statute")
    return Deadline(
        _text(value.get("text")),
        days if isinstance(days, int) and not isinstance(days, bool) else None,
        _legal_ref(statute) if isinstance(statute, dict) else None,
        value.get("complex") is True,
    )


def _legal_ref(item: dict[str, Any]) -> LegalRef:
    return LegalRef(_text(item.get("act")), _text(item.get("provision")))


def _raw(value: Any) -> tuple[str, ...]:
    if isinstance(value, dict):
        return ()
    return _texts(value) if isinstance(value, list) else tuple(t for t in [_text(value)] if t)


def _appeal(value: dict[str, Any] | None) -> Appeal | None:
    return (
        None
        if value is None
        else Appeal(*(_text(value.get(k)) for k in ("body", "days", "via", "fee")))
    )
