"""``qms new``: a new document with the next free id, valid against its schema."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io.atomic import write_atomic
from qms_cli.io.roundtrip import dump_rt
from qms_cli.model.doctypes import DOC_TYPES, TODO, Derived
from qms_cli.model.ids import next_id, pattern_fields
from qms_cli.model.repository import Repository
from qms_cli.model.service_card import CERTIFICATE_TITLE
from qms_cli.resources import data_path
from qms_cli.services.loading import load_repository


@dataclass(frozen=True)
class NewRequest:
    doc_type: str
    title: str | None = None
    owner: str | None = None
    process: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class NewResult:
    id: str
    path: Path
    meta: dict[str, Any]


def new_document(path: Path, request: NewRequest, today: dt.date | None = None) -> NewResult:
    today = today or clock.today()
    if request.doc_type not in DOC_TYPES:
        raise QmsError(
            f"nieznany typ dokumentu „{request.doc_type}”",
            hint="Dozwolone: " + ", ".join(DOC_TYPES),
        )
    loaded = load_repository(path)
    repo = loaded.repo
    doc_id = _next_id(repo, request, today)
    if doc_id in repo.docs_by_id:
        raise QmsError(f"dokument {doc_id} już istnieje ({repo.docs_by_id[doc_id].path})")
    meta = _front_matter(repo, request, doc_id, today)
    folder = DOC_TYPES[request.doc_type].folder
    target = loaded.root / "documents" / folder / f"{doc_id}.md"
    text = "---\n" + dump_rt(meta) + "---\n\n" + _body(request.doc_type, meta)
    try:
        write_atomic(target, text, exclusive=True)
    except FileExistsError:
        raise QmsError(f"plik {target} już istnieje — niczego nie nadpisano") from None
    return NewResult(doc_id, target, meta)


def numbering_pattern(repo: Repository, doc_type: str) -> str:
    numbering = repo.config.get("numbering")
    if isinstance(numbering, dict) and isinstance(numbering.get(doc_type), str):
        return str(numbering[doc_type])
    return DOC_TYPES[doc_type].numbering


def _next_id(repo: Repository, request: NewRequest, today: dt.date) -> str:
    pattern = numbering_pattern(repo, request.doc_type)
    if "unit" in pattern_fields(pattern) and request.unit is None:
        raise QmsError(
            f"numer dokumentu typu {request.doc_type} zawiera symbol komórki",
            hint="Podaj --unit, np. --unit USC.",
        )
    if request.unit is not None and request.unit not in repo.unit_ids:
        raise QmsError(
            f"nie ma komórki „{request.unit}” w org/structure.yaml",
            hint="Dostępne: " + ", ".join(sorted(repo.unit_ids)),
        )
    return next_id(pattern, repo.docs_by_id, unit=request.unit, year=today.year)


def _default_process(repo: Repository, request: NewRequest) -> str:
    processes = sorted(d.id for d in repo.documents_of_type("process") if d.status != "withdrawn")
    if request.process is not None:
        if request.process not in processes:
            raise QmsError(
                f"nie ma procesu „{request.process}”", hint="Dostępne: " + ", ".join(processes)
            )
        return request.process
    if not processes:
        raise QmsError(
            "w repozytorium nie ma żadnej karty procesu",
            hint="Najpierw utwórz proces: qms new process",
        )
    return processes[0]


def _owner(repo: Repository, request: NewRequest, process: str | None) -> str:
    known = repo.role_ids | repo.position_ids
    if request.owner is not None:
        if request.owner not in known:
            raise QmsError(f"„{request.owner}” nie jest rolą ani stanowiskiem z org/structure.yaml")
        return request.owner
    if process is not None and process in repo.docs_by_id:
        owner = repo.docs_by_id[process].owner
        if owner:
            return owner
    return "pelnomocnik" if "pelnomocnik" in known else sorted(known)[0]


def _front_matter(
    repo: Repository, request: NewRequest, doc_id: str, today: dt.date
) -> dict[str, Any]:
    doc_type = DOC_TYPES[request.doc_type]
    process = _default_process(repo, request) if doc_type.process_bound else None
    meta: dict[str, Any] = {
        "id": doc_id,
        "type": doc_type.id,
        "title": request.title or f"{doc_type.name.capitalize()} {doc_id}",
        "owner": _owner(repo, request, process),
        "status": "draft",
    }
    if process is not None:
        meta["process"] = process
    meta.update(type_fields(repo, request, doc_id, today))
    meta["public"] = doc_type.public
    return meta


def type_fields(
    repo: Repository, request: NewRequest, doc_id: str, today: dt.date
) -> dict[str, Any]:
    """The keys a type requires (``DocType.fields``), filled with values that are valid but
    clearly to be edited."""
    out: dict[str, Any] = {}
    for key, value in DOC_TYPES[request.doc_type].fields:
        if isinstance(value, Derived):
            out[key] = DERIVED[value.name](repo, request, today)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _unit(repo: Repository, request: NewRequest) -> str:
    return request.unit or sorted(repo.unit_ids)[0]


def _position_in_unit(repo: Repository, request: NewRequest, today: dt.date) -> str:
    unit = _unit(repo, request)
    positions = sorted(p for p in repo.position_ids if repo.unit_of_position(p) == unit)
    return positions[0] if positions else sorted(repo.position_ids)[0]


def _order_number(repo: Repository, request: NewRequest, today: dt.date) -> str:
    year = today.year
    numbers = [
        int(str(d.meta.get("number", "0/0")).split("/")[0])
        for d in repo.documents_of_type("order")
        if str(d.meta.get("number", "")).endswith(f"/{year}")
    ]
    return f"{max(numbers, default=0) + 1}/{year}"


def _head_of_office(repo: Repository, request: NewRequest, today: dt.date) -> str:
    heads = sorted(repo.positions_of_role("kierownik-urzedu")) or sorted(repo.position_ids)
    return heads[0]


def _first_act(repo: Repository, request: NewRequest, today: dt.date) -> list[dict[str, str]]:
    acts = sorted(repo.external_ids)
    return [{"act": acts[0], "provision": TODO}] if acts else []


def _office(repo: Repository) -> dict[str, Any]:
    profile = repo.config.get("office")
    return profile if isinstance(profile, dict) else {}


def _office_place(repo: Repository, request: NewRequest, today: dt.date) -> dict[str, str]:
    return {"address": str(_office(repo).get("address", TODO)), "room": TODO, "hours": TODO}


def _office_channels(repo: Repository, request: NewRequest, today: dt.date) -> dict[str, Any]:
    return {"epuap": _office(repo).get("epuap"), "in_person": True, "post": True}


def _card_deadline(repo: Repository, request: NewRequest, today: dt.date) -> dict[str, Any]:
    """A zaświadczenie (by its title) within 7 days (art. 217 § 3 KPA), else a month."""
    if CERTIFICATE_TITLE.search(request.title or ""):
        return {"kind": "zaswiadczenie", "days": 7}
    return {"kind": "miesiac", "days": 30}


def _card_appeal(repo: Repository, request: NewRequest, today: dt.date) -> dict[str, Any]:
    """A zaświadczenie's refusal is a postanowienie open to zażalenie (art. 219 KPA)."""
    if CERTIFICATE_TITLE.search(request.title or ""):
        return {"kind": "zazalenie", "body": TODO, "days": 7, "via": TODO}
    return {"body": TODO, "days": 14, "via": TODO}


# Derived.name -> how qms new works the value out
DERIVED: Mapping[str, Callable[[Repository, NewRequest, dt.date], Any]] = {
    "requested-unit": lambda repo, request, today: request.unit,
    "unit": lambda repo, request, today: _unit(repo, request),
    "position-in-unit": _position_in_unit,
    "today": lambda repo, request, today: today.isoformat(),
    "title-or-todo": lambda repo, request, today: request.title or TODO,
    "order-number": _order_number,
    "head-of-office": _head_of_office,
    "first-act": _first_act,
    "office-place": _office_place,
    "office-channels": _office_channels,
    "card-deadline": _card_deadline,
    "card-appeal": _card_appeal,
}


def _body(doc_type: str, meta: dict[str, Any]) -> str:
    skeleton = data_path("templates") / "scaffold" / DOC_TYPES[doc_type].scaffold
    text = skeleton.read_text(encoding="utf-8") if skeleton.is_file() else "{title}\n"
    return text.replace("{title}", str(meta["title"])).replace("{id}", str(meta["id"]))
