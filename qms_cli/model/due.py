"""Everything that falls due (``qms due``): one list of dated duties with an owner and the file
that sets them. Pure: built from the parsed repository, a date and the last reviews of the
documents (which ``services.due`` reads from approvals, ``register.yaml`` and review records).

Kinds, each with the rule of ``qms check`` that warns when it is overdue:

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
from qms_cli.model.calendar import parse_date
from qms_cli.model.capa import parse_capa
from qms_cli.model.certification import cycle_deadlines
from qms_cli.model.complaints import parse_complaint
from qms_cli.model.dates import add_months, month_end
from qms_cli.model.findings import Pointer
from qms_cli.model.objectives import Objective, parse_objectives
from qms_cli.model.register import Register
from qms_cli.model.repository import Repository
from qms_cli.model.review import action_state, parse_progress, parse_review
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


# --- records ------------------------------------------------------------------------------


def capa_items(repo: Repository) -> Iterator[DueItem]:
    for source in repo.of_kind("capa"):
        capa = parse_capa(source.path, source.data)
        if capa is None:
            continue
        owner = capa.owner or None
        if not capa.closed and capa.due is not None:
            yield DueItem(
                "capa", f"Działanie korygujące {capa.id}", capa.due, owner, capa.path, capa.id
            )
        planned = parse_date(_section(source.data, "effectiveness").get("planned"))
        if capa.closed and capa.verified is None and planned is not None:
            yield DueItem(
                "capa",
                f"Ocena skuteczności działania korygującego {capa.id}",
                planned,
                owner,
                capa.path,
                f"{capa.id}/effectiveness",
            )


def review_items(repo: Repository, today: dt.date) -> Iterator[DueItem]:
    progress = parse_progress(repo.data("review-actions"))
    reviews = [
        r
        for r in (parse_review(s.data, s.body, s.body_line, s.path) for s in repo.of_kind("review"))
        if r is not None and r.held is not None
    ]
    for review in reviews:
        for action in review.actions():
            if action.due is None or action_state(action, progress, today) not in (
                "open",
                "overdue",
            ):
                continue
            yield DueItem(
                "review-decision",
                f"Ustalenie {action.id} przeglądu zarządzania",
                action.due,
                action.owner,
                review.path,
                action.id,
            )
    if reviews:
        last = max(reviews, key=lambda r: r.held or dt.date.min)
        assert last.held is not None
        yield DueItem(
            "management-review",
            f"Kolejny przegląd zarządzania (poprzedni {last.id}: {last.held.isoformat()})",
            add_months(last.held, MANAGEMENT_REVIEW_MONTHS),
            "kierownik-urzedu",
            last.path,
            "next",
        )


def internal_audits(repo: Repository) -> Iterator[DueItem]:
    """Audits of the programme not yet held, due by the end of their month: held means a
    report in the audit's folder, or ``held`` (a date) in the programme for an audit recorded
    outside the repository (on paper, before the office moved to qms)."""
    reported = {
        s.path.split("/")[2] for s in repo.by_kind.get("audit-report", []) if s.path.count("/") == 3
    }
    for source, index, entry in repo.items("audit-programme", "audits"):
        audit_id, month = entry.get("id"), entry.get("month")
        if not isinstance(audit_id, str) or audit_id in reported or entry.get("held"):
            continue
        try:
            year, number = (int(part) for part in str(month).split("-"))
            due = month_end(year, number)
        except ValueError:
            continue
        lead = entry.get("lead")
        yield DueItem(
            "internal-audit",
            f"Audit wewnętrzny {audit_id} (plan: {month})",
            due,
            lead if isinstance(lead, str) else "audytor-wewnetrzny",
            source.path,
            audit_id,
            ("audits", index),
        )


def certificate_items(repo: Repository) -> Iterator[DueItem]:
    certificate = _section(repo.config, "certificate")
    issued = parse_date(certificate.get("issued"))
    valid_until = parse_date(certificate.get("valid_until"))
    if issued is None or valid_until is None:
        return
    number = str(certificate.get("number") or "")
    yield DueItem(
        "certificate",
        f"Wygaśnięcie certyfikatu {number}".rstrip(),
        valid_until,
        "pelnomocnik",
        "qms.yaml",
        "valid_until",
        ("certificate", "valid_until"),
    )
    held: list[tuple[str, dt.date]] = []
    for audit in certificate.get("audits") or []:
        if isinstance(audit, dict) and (day := parse_date(audit.get("date"))) is not None:
            held.append((str(audit.get("type")), day))
    for source in repo.of_kind("external-audit"):
        day = parse_date(source.data.get("date"))
        if day is not None:
            held.append((str(source.data.get("kind")), day))
    for deadline in cycle_deadlines(issued, valid_until, held):
        if not deadline.done:
            yield DueItem(
                "external-audit",
                deadline.label[:1].upper() + deadline.label[1:],
                deadline.end,
                "pelnomocnik",
                "qms.yaml",
                f"{deadline.kind}/{deadline.end.isoformat()}",
            )


def complaint_items(repo: Repository) -> Iterator[DueItem]:
    """Open complaints and requests by register id only: never a name, address or subject."""
    for source in repo.of_kind("complaint"):
        case = parse_complaint(source.data, source.path)
        if case is None or case.closed is not None:
            continue
        unit = case.unit or None
        if not case.competent and case.forwarded is None:
            yield DueItem(
                "complaint",
                f"Przekazanie {case.id} właściwemu organowi (art. 231 KPA)",
                case.forward_by,
                unit,
                case.path,
                f"{case.id}/forward",
            )
        elif case.competent:
            yield DueItem(
                "complaint",
                f"Załatwienie {case.id} ({case.kind_pl})",
                case.due,
                unit,
                case.path,
                case.id,
            )


def accessibility_items(repo: Repository) -> Iterator[DueItem]:
    statement = _section(repo.config, "accessibility")
    if not statement:
        return
    updated = parse_date(statement.get("updated")) or parse_date(statement.get("published"))
    if updated is None:
        return
    month, day = ACCESSIBILITY_DAY  # updated in a year: the next update by 31 March of the next
    yield DueItem(
        "accessibility",
        f"Coroczna aktualizacja deklaracji dostępności (ostatnio {updated.isoformat()})",
        dt.date(updated.year + 1, month, day),
        None,
        "qms.yaml",
        "accessibility",
        ("accessibility", "updated"),
    )


def objective_items(repo: Repository) -> Iterator[DueItem]:
    """The next measurement of an objective with ``measure_every`` (months) and, until it is
    evaluated, its evaluation on its due date."""
    for source in repo.of_kind("objectives"):
        for objective in parse_objectives(source.data, source.path):
            if objective.result is not None:
                continue
            where = ("objectives", objective.index)
            following = _next_measurement(objective)
            if following is not None and (objective.due is None or following < objective.due):
                yield DueItem(
                    "objective",
                    f"Pomiar celu {objective.id} (co {objective.measure_every} mies.)",
                    following,
                    objective.owner,
                    source.path,
                    f"{objective.id}/measurement",
                    where,
                )
            if objective.due is not None:
                yield DueItem(
                    "objective",
                    f"Ocena realizacji celu {objective.id}",
                    objective.due,
                    objective.owner,
                    source.path,
                    f"{objective.id}/result",
                    where,
                )


def _next_measurement(objective: Objective) -> dt.date | None:
    """The end of the month in which ``measure_every`` months from the last measurement (before
    the first: from the start of the objective's year) run out."""
    if objective.measure_every is None:
        return None
    if objective.latest is not None:
        start = objective.latest.date
    elif objective.year > 1:
        start = dt.date(objective.year - 1, 12, 31)
    else:
        return None
    after = add_months(start, objective.measure_every)
    return month_end(after.year, after.month)


def due_items(
    repo: Repository, today: dt.date, last_reviewed: Mapping[str, dt.date]
) -> list[DueItem]:
    """Every dated duty of the office, by date (overdue ones first)."""
    found = [
        *document_reviews(repo, last_reviewed),
        *capa_items(repo),
        *review_items(repo, today),
        *internal_audits(repo),
        *certificate_items(repo),
        *complaint_items(repo),
        *accessibility_items(repo),
        *objective_items(repo),
    ]
    return sorted(found, key=sort_key)


def _section(data: Any, key: str) -> dict[str, Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}
