"""A service card (karta usługi) as one typed view of its front matter: what ``qms check``
judges, what the PDF prints and what the BIP page shows are read from here, built once per
document (``Repository.service_card``). Malformed values become empty (the schema reports them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from qms_cli.model.documents import Document

# deadline.kind: how KPA (or another act) sets the deadline
DEADLINE_KINDS = ("niezwlocznie", "zaswiadczenie", "miesiac", "dwa-miesiace", "ustawa", "dni")
# the longest deadline in days each KPA kind allows
KIND_DAYS = {"zaswiadczenie": 7, "miesiac": 30, "dwa-miesiace": 60}
# what the PDF and the BIP page say, and the KPA provision behind it
KIND_WORDING = {
    "niezwlocznie": ("niezwłocznie", "art. 35 § 2 KPA"),
    "zaswiadczenie": ("do 7 dni", "art. 217 § 3 KPA"),
    "miesiac": ("do 1 miesiąca", "art. 35 § 3 KPA"),
    "dwa-miesiace": ("do 2 miesięcy (sprawa szczególnie skomplikowana)", "art. 35 § 3 KPA"),
}
CERTIFICATE_TITLE = re.compile(r"zaświadczeni", re.IGNORECASE)


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
    exempt: bool = False  # exempt from the fee (``exempt: true``), on ``legal_basis``
    legal_basis: LegalRef | None = None


@dataclass(frozen=True)
class FormRef:
    """A form of the card: a form document of the office (``id``), or one named by its title,
    with the address where it is published (``url``) when there is one."""

    id: str
    name: str
    url: str


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
    # one of DEADLINE_KINDS; "" for a deadline written as days and text only (before kinds);
    # the older ``complex: true`` is "dwa-miesiace"
    kind: str

    @property
    def complex(self) -> bool:
        """A particularly complicated case: up to two months (art. 35 § 3 KPA)."""
        return self.kind == "dwa-miesiace"


@dataclass(frozen=True)
class Appeal:
    body: str
    days: str
    via: str
    fee: str
    kind: str = "odwolanie"  # odwolanie (from a decision) | zazalenie (from a postanowienie)


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
    appeal: Appeal | None  # None: no appeal lies (see appeal_none, appeal_note)
    appeal_none: str  # ``appeal: {none: "…"}``: why no appeal lies
    appeal_note: str  # ``appeal: null`` with ``appeal_note`` (the older form)
    forms: tuple[FormRef, ...]
    notes: str
    title: str = ""
    payment: str = ""  # how and where to pay (account, cash desk), free text

    @property
    def is_certificate(self) -> bool:
        """A zaświadczenie (art. 217 KPA): ``deadline.kind: zaswiadczenie``, or a card written
        before kinds whose title says so."""
        kind = self.deadline.kind if self.deadline else ""
        return kind == "zaswiadczenie" or (
            not kind
            and not (self.deadline and self.deadline.statute)
            and bool(CERTIFICATE_TITLE.search(self.title))
        )


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
        fees=tuple(_fee(fee) for fee in _list(meta.get("fees")) if isinstance(fee, dict)),
        fees_listed=isinstance(meta.get("fees"), list),
        fees_stated="fees" in meta,
        place=_place(_dict(meta.get("place"))),
        channels=_channels(_dict(meta.get("channels"))),
        deadline=_deadline(_dict(meta.get("deadline"))),
        deadline_raw=_raw(meta.get("deadline")),
        appeal=_appeal(_dict(meta.get("appeal"))),
        appeal_none=_text((_dict(meta.get("appeal")) or {}).get("none")),
        appeal_note=_text(meta.get("appeal_note")),
        forms=tuple(f for item in _items(meta.get("forms")) if (f := _form(item)) is not None),
        notes=_text(meta.get("notes")),
        title=doc.title,
        payment=_text(meta.get("payment")),
    )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _items(value: Any) -> list[Any]:
    """A list, or one value standing for a list of one (``forms: F-01``)."""
    return value if isinstance(value, list) else [] if value is None else [value]


def _fee(fee: dict[str, Any]) -> Fee:
    basis = fee.get("legal_basis")
    return Fee(
        description=_text(fee.get("description")),
        amount=_text(fee.get("amount")),
        basis=_text(fee.get("basis")),
        account=_text(fee.get("account")),
        exempt=fee.get("exempt") is True,
        legal_basis=_legal_ref(basis) if isinstance(basis, dict) else None,
    )


def _form(item: Any) -> FormRef | None:
    if isinstance(item, str) and item.strip():
        return FormRef(item.strip(), "", "")
    if isinstance(item, dict) and (name := _text(item.get("name"))):
        return FormRef("", name, _text(item.get("url")))
    return None


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
    kind = _text(value.get("kind"))
    if kind not in DEADLINE_KINDS:
        kind = "dwa-miesiace" if value.get("complex") is True else ""
    return Deadline(
        _text(value.get("text")),
        days if isinstance(days, int) and not isinstance(days, bool) else None,
        _legal_ref(statute) if isinstance(statute, dict) else None,
        kind,
    )


def _legal_ref(item: dict[str, Any]) -> LegalRef:
    return LegalRef(_text(item.get("act")), _text(item.get("provision")))


def _raw(value: Any) -> tuple[str, ...]:
    if isinstance(value, dict):
        return ()
    return _texts(value) if isinstance(value, list) else tuple(t for t in [_text(value)] if t)


def _appeal(value: dict[str, Any] | None) -> Appeal | None:
    if value is None or ("none" in value and "body" not in value):
        return None
    return Appeal(
        body=_text(value.get("body")),
        days=_text(value.get("days")),
        via=_text(value.get("via")),
        fee=_text(value.get("fee")),
        kind="zazalenie" if value.get("kind") == "zazalenie" else "odwolanie",
    )


def deadline_lines(deadline: Deadline) -> tuple[str, str]:
    """The deadline in words and the KPA provision behind it (``("do 7 dni", "art. 217 § 3
    KPA")``); ``("do 14 dni", "")`` for ``dni`` and ``ustawa`` with days, whose act the card
    names in ``statute``; ``("", "")`` for a deadline written before kinds."""
    if deadline.kind in KIND_WORDING:
        return KIND_WORDING[deadline.kind]
    if deadline.kind in ("dni", "ustawa") and deadline.days:
        return f"do {deadline.days} {'dnia' if deadline.days == 1 else 'dni'}", ""
    return "", ""


def exemption_words(act_title: str) -> str:
    """„zwolnione z opłaty skarbowej” when the exempting act is the stamp-duty act, else
    „zwolnione z opłaty”."""
    stamp_duty = "opłacie skarbowej" in act_title.lower()
    return "zwolnione z opłaty skarbowej" if stamp_duty else "zwolnione z opłaty"


def appeal_heading(card: ServiceCard) -> str:
    """What a zażalenie is against: for a zaświadczenie the refusal by postanowienie (art. 219
    KPA, unless another act sets the procedure); "" for an odwołanie."""
    if card.appeal is None or card.appeal.kind != "zazalenie":
        return ""
    if not card.is_certificate:
        return "zażalenie na postanowienie"
    kpa = "" if card.deadline is not None and card.deadline.statute else " (art. 219 KPA)"
    return (
        "odmowa wydania zaświadczenia następuje w drodze postanowienia, na które służy "
        f"zażalenie{kpa}"
    )


def no_appeal(card: ServiceCard) -> str:
    """Why no appeal lies, as the card says it: „nie przysługuje – czynność
    materialno-techniczna” (``appeal: {none: …}``), the older ``appeal_note`` as written, or
    „nie przysługuje”."""
    if card.appeal_none:
        return f"nie przysługuje – {card.appeal_none}"
    return card.appeal_note or "nie przysługuje"
