"""Complaints and requests (skargi i wnioski, KPA Dział VIII) as the register needs them. Pure.

A register entry holds no personal data (RODO art. 5 ust. 1 lit. c): the complainant is
found through the EZD case reference (``case``); QMS609 refuses keys and values that look like
a name, an address, a PESEL, an e-mail or a phone number.

- deadline: one month from receipt (art. 237 § 1 for complaints, art. 244 § 1 for requests),
  counted by art. 57 § 3–4;
- forwarding to the competent authority: 7 days from receipt (art. 231);
- a case not settled in time needs a delay notice with a new date (art. 36);
- a complaint brought or passed on by an MP, a senator or a councillor (art. 237 § 2): they
  are told of the outcome within 14 days of receipt.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from qms_cli.model.calendar import deadline_days, deadline_months, parse_date
from qms_cli.model.values import mapping

KIND_PL = {"complaint": "skarga", "request": "wniosek"}
KIND_ALIASES = {"skarga": "complaint", "wniosek": "request", **{k: k for k in KIND_PL}}
CHANNEL_PL = {
    "epuap": "ePUAP",
    "e-delivery": "e-Doręczenia",
    "post": "poczta",
    "email": "e-mail",
    "in-person": "osobiście",
    "oral": "ustnie do protokołu",
}
OUTCOME_PL = {
    "founded": "zasadna",
    "unfounded": "niezasadna",
    "partly-founded": "częściowo zasadna",
    "accepted": "uwzględniony",
    "rejected": "nieuwzględniony",
    "left-unexamined": "pozostawiona bez rozpatrzenia",
    "forwarded": "przekazana właściwemu organowi",
}
OUTCOME_ALIASES = {
    "zasadna": "founded",
    "niezasadna": "unfounded",
    "czesciowo-zasadna": "partly-founded",
    "uwzgledniony": "accepted",
    "nieuwzgledniony": "rejected",
    "bez-rozpatrzenia": "left-unexamined",
    **{k: k for k in OUTCOME_PL},
}
FORWARD_DAYS = 7
INTERMEDIARY_DAYS = 14
INTERMEDIARY_PL = {"mp": "poseł na Sejm", "senator": "senator", "councillor": "radny"}
INTERMEDIARY_ALIASES = {"posel": "mp", "radny": "councillor", **{k: k for k in INTERMEDIARY_PL}}


class State(enum.Enum):
    OPEN = "open"
    OVERDUE = "overdue"
    CLOSED = "closed"

    @property
    def label_pl(self) -> str:
        return {"open": "w toku", "overdue": "po terminie", "closed": "załatwiona"}[self.value]


@dataclass(frozen=True)
class Complaint:
    id: str
    path: str
    kind: str  # complaint | request
    received: dt.date
    subject: str
    unit: str
    deadline: dt.date  # as written in the file, or computed when missing
    competent: bool
    forwarded: dt.date | None
    delay_notice: dt.date | None
    new_deadline: dt.date | None
    closed: dt.date | None
    outcome: str | None
    case: str = ""
    intermediary: str | None = None  # mp | senator | councillor (art. 237 § 2)
    intermediary_deadline: dt.date | None = None
    intermediary_informed: dt.date | None = None

    @property
    def due(self) -> dt.date:
        """The deadline in force: the new one from a delay notice, else the statutory one."""
        return self.new_deadline or self.deadline

    @property
    def forward_by(self) -> dt.date:
        return forward_deadline(self.received)

    def state(self, today: dt.date) -> State:
        if self.closed is not None:
            return State.CLOSED
        return State.OVERDUE if self.due < today else State.OPEN

    def on_time(self) -> bool | None:
        """Settled within the deadline in force (None while open)."""
        return None if self.closed is None else self.closed <= self.due

    @property
    def kind_pl(self) -> str:
        return KIND_PL.get(self.kind, self.kind)


def statutory_deadline(received: dt.date) -> dt.date:
    return deadline_months(received, 1)


def forward_deadline(received: dt.date) -> dt.date:
    return deadline_days(received, FORWARD_DAYS)


def intermediary_deadline(received: dt.date) -> dt.date:
    return deadline_days(received, INTERMEDIARY_DAYS)


def _date_in(data: Mapping[str, Any], key: str, inner: str = "date") -> dt.date | None:
    value = data.get(key)
    return parse_date(value.get(inner)) if isinstance(value, dict) else None


def parse_complaint(data: Any, path: str) -> Complaint | None:
    """The register entry of one file; None when its id or receipt date is unusable (the
    schema reports why)."""
    if not isinstance(data, dict):
        return None
    received = parse_date(data.get("received"))
    if not isinstance(data.get("id"), str) or received is None:
        return None
    closed = mapping(data.get("closed"))
    outcome = closed.get("outcome")
    via = mapping(data.get("intermediary"))
    via_kind = via.get("kind") if isinstance(via.get("kind"), str) else None
    return Complaint(
        id=data["id"],
        path=path,
        kind=str(data.get("kind", "complaint")),
        received=received,
        subject=str(data.get("subject") or ""),
        unit=str(data.get("unit") or ""),
        deadline=parse_date(data.get("deadline")) or statutory_deadline(received),
        competent=data.get("competent") is not False,
        forwarded=_date_in(data, "forwarded"),
        delay_notice=_date_in(data, "delay_notice"),
        new_deadline=_date_in(data, "delay_notice", "new_deadline"),
        closed=parse_date(closed.get("date")),
        outcome=outcome if isinstance(outcome, str) else None,
        case=str(data.get("case") or ""),
        intermediary=via_kind,
        intermediary_deadline=(
            (parse_date(via.get("deadline")) or intermediary_deadline(received))
            if via_kind
            else None
        ),
        intermediary_informed=parse_date(via.get("informed")),
    )
