"""Everything that falls due (``qms due``): one list of dated duties with an owner and the file
that sets them. Pure: built from the parsed repository, a date and the last reviews of the
documents (which ``services.due`` reads from approvals, ``register.yaml`` and review records).

Kinds (the documents' reviews here, the rest in ``model/due_records.py``), each with the rule
of ``qms check`` that warns when it is overdue:

- ``document-review``: periodic review of a document in force (``review_every`` in qms.yaml,
  months per type, default 12), counted from its last approval, edition or signed review
  (QMS610);
- ``capa``: the due date of an open corrective action (QMS510) and the planned effectiveness
  check of a closed one (QMS512);
- ``review-decision``: a decision of a held management review not done or cancelled (QMS603);
- ``management-review``: the next review, 12 months after the last one (QMS601);
- ``internal-audit``: an audit of the programme, by the end of its month, until its folder
  holds a report (QMS611);
- ``external-audit``: the surveillance and recertification audits of the certificate (QMS520);
- ``certificate``: the certificate's expiry (QMS613);
- ``complaint``: the deadline of an open complaint or request, and forwarding within 7 days
  when the office is not competent (QMS606, QMS607). Only the register id: never personal data;
- ``accessibility``: the accessibility statement's yearly update by 31 March (QMS612);
- ``objective``: the next measurement of a quality objective (``measure_every`` months after
  the last one) and its evaluation on its due date (QMS614, QMS600).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from qms_cli.model.approvals import STALE, Approval
from qms_cli.model.dates import add_months
from qms_cli.model.findings import Pointer
from qms_cli.model.register import Register
from qms_cli.model.repository import Repository
from qms_cli.model.typography import polish_time

DEFAULT_REVIEW_MONTHS = 12  # a document in force is reviewed at least once a year
MANAGEMENT_REVIEW_MONTHS = 12
ACCESSIBILITY_DAY = (3, 31)  # the statement is updated by 31 March every year

KIND_PL = {
    "document-review": "przegląd dokumentu",
    "capa": "działanie korygujące",
    "review-decision": "ustalenie przeglądu zarządzania",
    "management-review": "przegląd zarządzania",
    "internal-audit": "audit wewnętrzny",
    "external-audit": "audit zewnętrzny",
    "certificate": "certyfikat",
    "complaint": "skarga lub wniosek",
    "accessibility": "deklaracja dostępności",
    "objective": "cel jakości",
    "acknowledgement": "zapoznanie się z dokumentem",
}
KINDS = tuple(KIND_PL)


@dataclass(frozen=True)
class DueItem:
    kind: str  # a key of KIND_PL
    title: str  # Polish, what is to be done
    due: dt.date
    owner: str | None  # a position, role or unit id (None: the office as a whole)
    source: str  # the file that sets the duty
    key: str  # what the duty is within its source (an id), for the stable uid
    pointer: Pointer = ()  # where in the source (for qms check's line numbers)

    @property
    def uid(self) -> str:
        """Stable across runs: the same duty gets the same uid (an iCalendar event UID)."""
        digest = hashlib.sha256(f"{self.kind}\n{self.source}\n{self.key}".encode()).hexdigest()
        return f"{self.kind}-{digest[:20]}@qms"

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days

    def overdue(self, today: dt.date) -> bool:
        return self.due < today

    @property
    def kind_pl(self) -> str:
        return KIND_PL.get(self.kind, self.kind)


def when_pl(item: DueItem, today: dt.date) -> str:
    """„po terminie o 3 dni”, „dziś”, „za 12 dni”."""
    left = item.days_left(today)
    if left < 0:
        return f"po terminie o {_days(-left)}"
    return "dziś" if left == 0 else f"za {_days(left)}"


def _days(count: int) -> str:
    return "1 dzień" if count == 1 else f"{count} dni"


def sort_key(item: DueItem) -> tuple[dt.date, str, str, str]:
    return (item.due, item.kind, item.source, item.key)


def within(items: Iterable[DueItem], today: dt.date, days: int) -> list[DueItem]:
    """Overdue items and those due within ``days`` of ``today``, by date."""
    limit = today + dt.timedelta(days=days)
    return sorted((i for i in items if i.due <= limit), key=sort_key)


# --- configuration ------------------------------------------------------------------------


def review_months(config: Mapping[str, Any]) -> dict[str, int]:
    """``review_every`` from qms.yaml: document type -> months (``default`` for the rest)."""
    raw = config.get("review_every")
    out = {"default": DEFAULT_REVIEW_MONTHS}
    if isinstance(raw, dict):
        for key, value in raw.items():
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                out[str(key)] = value
    return out


# --- documents ----------------------------------------------------------------------------


def last_reviews(
    approvals: Mapping[str, Iterable[Approval]],
    register: Register,
    reviews: Mapping[str, Iterable[dt.datetime]],
) -> dict[str, dt.date]:
    """Document id -> when it was last looked at as a whole: the latest of its approvals that
    counted when they were made (a later change of the text makes them stale, not void), the
    date its edition in force took effect, and its periodic reviews (``qms review-doc``: signed
    commits, ``ApprovalReport.reviews``; the entry in records/doc-reviews.yaml is what people
    read, the signed commit is what counts)."""
    out: dict[str, dt.date] = {}

    def seen(doc_id: str, day: dt.date) -> None:
        if day > out.get(doc_id, dt.date.min):
            out[doc_id] = day

    for doc_id, found in approvals.items():
        for approval in found:
            if all(p.code == STALE for p in approval.problems):
                seen(doc_id, polish_time(approval.when).date())
    for doc_id, moments in reviews.items():
        for moment in moments:
            seen(doc_id, polish_time(moment).date())
    for entry in register.documents:
        try:
            seen(entry.id, dt.date.fromisoformat(entry.in_force))
        except ValueError:
            continue
    return out


def document_reviews(repo: Repository, last_reviewed: Mapping[str, dt.date]) -> Iterator[DueItem]:
    """The next periodic review of every document in force that has a last review date
    (an approval, an edition in force or a signed review; a document never approved has
    no clock yet: QMS201 asks for its approval)."""
    months = review_months(repo.config)
    for doc in repo.documents:
        if doc.meta.get("status") != "active" or doc.id not in last_reviewed:
            continue
        every = months.get(doc.type, months["default"])
        owner = doc.meta.get("owner")
        yield DueItem(
            "document-review",
            f"Przegląd dokumentu {doc.id} (co {every} mies., ostatnio "
            f"{last_reviewed[doc.id].isoformat()})",
            add_months(last_reviewed[doc.id], every),
            owner if isinstance(owner, str) else None,
            doc.path,
            doc.id,
        )
