"""``qms complaint``: the register of complaints and requests (P-07), never published.

Each entry is ``records/complaints/SK-<year>-<nnn>.yaml``. It holds no personal data (RODO
art. 5 ust. 1 lit. c): the EZD case reference (``case``) leads to the complainant's letter;
``new`` refuses a subject that looks like personal data (QMS609 says the same in the check).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io.records import comment_after, load_yaml_rt, new_map, save_yaml_rt
from qms_cli.model.complaints import (
    CHANNEL_PL,
    INTERMEDIARY_ALIASES,
    KIND_ALIASES,
    OUTCOME_ALIASES,
    Complaint,
    State,
    forward_deadline,
    intermediary_deadline,
    parse_complaint,
    statutory_deadline,
)
from qms_cli.model.ids import next_id
from qms_cli.model.personal_data import value_kind
from qms_cli.model.record_views import complaints
from qms_cli.model.repository import Repository
from qms_cli.services.loading import load_repository

FOLDER = "records/complaints"
CASE_RE = re.compile(r"[A-Z][A-Za-z0-9-]*(?: [IVX]+)?\.\d{3,4}\.\d+(?:\.\d+)*\.\d{4}")
HEADER = (
    "# yaml-language-server: $schema=../../.qms/schemas/complaint.schema.json\n"
    "# Rejestr skarg i wniosków – wpis NIEPUBLICZNY (procedura P-07, KPA dział VIII).\n"
    "# Bez danych osobowych (RODO art. 5 ust. 1 lit. c): wnoszącego wskazuje znak sprawy\n"
    "# w EZD (case); imię, nazwisko i adres są tylko w piśmie w EZD.\n"
)


def complaint_path(complaint_id: str) -> str:
    return f"{FOLDER}/{complaint_id}.yaml"


def all_complaints(repo: Repository) -> list[Complaint]:
    return sorted(complaints(repo), key=lambda c: c.id)


@dataclass(frozen=True)
class Listed:
    complaint: Complaint
    state: State


def list_complaints(
    path: Path, today: dt.date | None = None, *, everything: bool = False, year: int | None = None
) -> list[Listed]:
    """Open entries and those past their deadline; with ``everything`` also settled ones."""
    today = today or clock.today()
    repo = load_repository(path).repo
    out = []
    for complaint in all_complaints(repo):
        if year is not None and complaint.received.year != year:
            continue
        state = complaint.state(today)
        if everything or state is not State.CLOSED:
            out.append(Listed(complaint, state))
    return out


@dataclass(frozen=True)
class NewComplaint:
    subject: str
    unit: str
    case: str  # EZD case reference (znak sprawy), e.g. OR.1510.4.2026
    kind: str = "complaint"
    received: dt.date | None = None
    channel: str | None = None
    intermediary: str | None = None  # mp | senator | councillor (art. 237 § 2 KPA)


def new_complaint(path: Path, request: NewComplaint, today: dt.date | None = None) -> Complaint:
    today = today or clock.today()
    received = request.received or today
    kind = KIND_ALIASES.get(request.kind)
    if kind is None:
        raise QmsError(f"nieznany rodzaj „{request.kind}”", hint="Dozwolone: skarga, wniosek.")
    if request.channel is not None and request.channel not in CHANNEL_PL:
        raise QmsError(
            f"nieznany sposób wniesienia „{request.channel}”",
            hint="Dozwolone: " + ", ".join(CHANNEL_PL),
        )
    if received > today:
        raise QmsError(f"data wpływu {received} jest w przyszłości")
    if not request.subject.strip():
        raise QmsError("podaj przedmiot skargi lub wniosku (--subject)")
    if not CASE_RE.fullmatch(request.case.strip()):
        raise QmsError(
            f"„{request.case}” nie jest znakiem sprawy z EZD",
            hint="Znak sprawy: komórka.symbol JRWA.numer.rok, np. OR.1510.4.2026.",
        )
    found = value_kind(request.subject)
    if found is not None:
        raise QmsError(
            f"przedmiot wygląda na zawierający dane osobowe ({found}); rejestr prowadzi się bez "
            "danych osobowych — opisz sprawę bez nich, wnoszącego wskazuje znak sprawy"
        )
    via = None
    if request.intermediary is not None:
        via = INTERMEDIARY_ALIASES.get(request.intermediary.lower().replace("ł", "l"))
        if via is None:
            raise QmsError(
                f"nieznane „{request.intermediary}” (--via)",
                hint="Dozwolone: posel, senator, radny.",
            )
    loaded = load_repository(path)
    repo, root = loaded.repo, loaded.root
    if request.unit not in repo.unit_ids:
        raise QmsError(
            f"nie ma komórki „{request.unit}” w org/structure.yaml",
            hint="Dostępne: " + ", ".join(sorted(repo.unit_ids)),
        )
    complaint_id = _next_id(repo, received.year)
    entry = new_map()
    entry["id"] = complaint_id
    entry["public"] = False
    entry["kind"] = kind
    entry["case"] = request.case.strip()
    entry["received"] = received
    if request.channel:
        entry["channel"] = request.channel
    entry["subject"] = request.subject.strip()
    entry["unit"] = request.unit
    entry["deadline"] = statutory_deadline(received)
    comment_after(
        entry, "deadline", "1 miesiąc od wpływu (art. 237 § 1 / art. 244 § 1 KPA, art. 57 § 3–4)"
    )
    entry["competent"] = True
    if via is not None:
        entry["intermediary"] = new_map(
            [("kind", via), ("deadline", intermediary_deadline(received)), ("informed", None)]
        )
        comment_after(entry["intermediary"], "deadline", "14 dni od wpływu (art. 237 § 2 KPA)")
    entry["forwarded"] = None
    entry["delay_notice"] = None
    entry["closed"] = None
    entry["capa"] = None
    save_yaml_rt(root / complaint_path(complaint_id), entry, header=HEADER, exclusive=True)
    return _parsed(entry, complaint_path(complaint_id))


def _next_id(repo: Repository, year: int) -> str:
    stems = (
        rel.rsplit("/", 1)[1].removesuffix(".yaml")
        for rel in repo.files
        if rel.startswith(FOLDER + "/")
    )
    return next_id("SK-{year}-{n:03}", stems, year=year)


def _edit(path: Path, complaint_id: str) -> tuple[Path, Any, Complaint]:
    loaded = load_repository(path)
    rel = complaint_path(complaint_id)
    data = load_yaml_rt(loaded.root / rel, rel)
    if data is None:
        known = [c.id for c in all_complaints(loaded.repo)]
        raise QmsError(
            f"nie ma wpisu {complaint_id} ({rel})",
            hint="Wpisy w rejestrze: " + (", ".join(known) if known else "brak"),
        )
    complaint = parse_complaint(data, rel)
    if complaint is None:
        raise QmsError(f"{rel}: wpis jest niepełny (brak id lub daty wpływu)", path=rel)
    return loaded.root / rel, data, complaint


def _check_date(day: dt.date, complaint: Complaint, today: dt.date, what: str) -> None:
    if day > today:
        raise QmsError(f"{what} {day} jest w przyszłości")
    if day < complaint.received:
        raise QmsError(f"{what} {day} jest wcześniejsza niż data wpływu {complaint.received}")


def _mapping(**values: Any) -> dict[str, Any]:
    out = new_map()
    for key, value in values.items():
        if value is not None:
            out[key] = value
    return out


def close_complaint(
    path: Path,
    complaint_id: str,
    outcome: str,
    *,
    day: dt.date | None = None,
    notified: dt.date | None = None,
    capa: str | None = None,
    today: dt.date | None = None,
) -> Complaint:
    """Record how and when the case was settled (and when the complainant was told)."""
    today = today or clock.today()
    code = OUTCOME_ALIASES.get(outcome)
    if code is None or code == "forwarded":
        raise QmsError(
            f"nieznany sposób załatwienia „{outcome}”",
            hint="Dozwolone: zasadna, niezasadna, czesciowo-zasadna, uwzgledniony, "
            "nieuwzgledniony, bez-rozpatrzenia (przekazanie: qms complaint forward).",
        )
    file, data, complaint = _edit(path, complaint_id)
    if complaint.closed is not None:
        raise QmsError(f"{complaint_id} jest już załatwiona ({complaint.closed})")
    day = day or today
    _check_date(day, complaint, today, "data załatwienia")
    data["closed"] = _mapping(date=day, outcome=code, notified=notified or day)
    if capa:
        data["capa"] = capa
    save_yaml_rt(file, data)
    return _parsed(data, complaint.path)


def delay_complaint(
    path: Path,
    complaint_id: str,
    new_deadline: dt.date,
    reason: str,
    *,
    day: dt.date | None = None,
    today: dt.date | None = None,
) -> Complaint:
    """Record the art. 36 notice: the reason for the delay and the new date."""
    today = today or clock.today()
    file, data, complaint = _edit(path, complaint_id)
    if complaint.closed is not None:
        raise QmsError(f"{complaint_id} jest już załatwiona ({complaint.closed})")
    day = day or today
    _check_date(day, complaint, today, "data zawiadomienia")
    if new_deadline <= complaint.due:
        raise QmsError(f"nowy termin {new_deadline} musi być późniejszy niż {complaint.due}")
    if not reason.strip():
        raise QmsError("podaj przyczynę zwłoki (--reason): art. 36 § 1 KPA jej wymaga")
    data["delay_notice"] = _mapping(date=day, new_deadline=new_deadline, reason=reason.strip())
    save_yaml_rt(file, data)
    return _parsed(data, complaint.path)


def forward_complaint(
    path: Path,
    complaint_id: str,
    to: str,
    *,
    day: dt.date | None = None,
    today: dt.date | None = None,
) -> tuple[Complaint, bool]:
    """Record forwarding to the competent authority (art. 231); True when within 7 days."""
    today = today or clock.today()
    file, data, complaint = _edit(path, complaint_id)
    if complaint.closed is not None:
        raise QmsError(f"{complaint_id} jest już załatwiona ({complaint.closed})")
    day = day or today
    _check_date(day, complaint, today, "data przekazania")
    if not to.strip():
        raise QmsError("podaj organ, któremu przekazano pismo (--to)")
    data["competent"] = False
    data["forwarded"] = _mapping(date=day, to=to.strip())
    data["closed"] = _mapping(date=day, outcome="forwarded", notified=day)
    save_yaml_rt(file, data)
    return _parsed(data, complaint.path), day <= forward_deadline(complaint.received)


def inform_intermediary(
    path: Path, complaint_id: str, *, day: dt.date | None = None, today: dt.date | None = None
) -> Complaint:
    """Record that the MP, senator or councillor was told of the outcome (art. 237 § 2)."""
    today = today or clock.today()
    file, data, complaint = _edit(path, complaint_id)
    if complaint.intermediary is None:
        raise QmsError(
            f"{complaint_id} nie została wniesiona ani przekazana przez posła, senatora lub "
            "radnego (brak pola intermediary)"
        )
    day = day or today
    _check_date(day, complaint, today, "data zawiadomienia")
    data["intermediary"]["informed"] = day
    save_yaml_rt(file, data)
    return _parsed(data, complaint.path)


def _parsed(data: Any, rel: str) -> Complaint:
    """The entry just written (round-trip data: dates are date objects)."""
    complaint = parse_complaint(data, rel)
    if complaint is None:  # pragma: no cover - we wrote id and received ourselves
        raise QmsError(f"{rel}: wpis jest niepełny")
    return complaint
