"""``qms new``: a new document with the next free id, valid against its schema."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io.atomic import write_atomic
from qms_cli.io.roundtrip import dump_rt
from qms_cli.model.documents import DOCUMENT_TYPES, PROCESS_BOUND_TYPES
from qms_cli.model.ids import next_id, pattern_fields
from qms_cli.model.repository import Repository
from qms_cli.resources import data_path
from qms_cli.services.loading import load_repository

TODO = "do uzupełnienia"


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
    if request.doc_type not in DOCUMENT_TYPES:
        raise QmsError(
            f"nieznany typ dokumentu „{request.doc_type}”",
            hint="Dozwolone: " + ", ".join(DOCUMENT_TYPES),
        )
    loaded = load_repository(path)
    repo = loaded.repo
    doc_id = _next_id(repo, request, today)
    if doc_id in repo.docs_by_id:
        raise QmsError(f"dokument {doc_id} już istnieje ({repo.docs_by_id[doc_id].path})")
    meta = _front_matter(repo, request, doc_id, today)
    folder = DOCUMENT_TYPES[request.doc_type][0]
    target = loaded.root / "documents" / folder / f"{doc_id}.md"
    text = "---\n" + dump_rt(meta) + "---\n\n" + _body(request.doc_type, meta)
    try:
        write_atomic(target, text, exclusive=True)
    except FileExistsError:
        raise QmsError(f"plik {target} już istnieje — niczego nie nadpisano") from None
    return NewResult(doc_id, target, meta)


def _pattern(repo: Repository, doc_type: str) -> str:
    numbering = repo.config.get("numbering")
    if isinstance(numbering, dict) and isinstance(numbering.get(doc_type), str):
        return str(numbering[doc_type])
    return DOCUMENT_TYPES[doc_type][2]


def _next_id(repo: Repository, request: NewRequest, today: dt.date) -> str:
    pattern = _pattern(repo, request.doc_type)
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
    doc_type = request.doc_type
    process = _default_process(repo, request) if doc_type in PROCESS_BOUND_TYPES else None
    meta: dict[str, Any] = {
        "id": doc_id,
        "type": doc_type,
        "title": request.title or f"{DOCUMENT_TYPES[doc_type][1].capitalize()} {doc_id}",
        "owner": _owner(repo, request, process),
        "status": "draft",
    }
    if process is not None:
        meta["process"] = process
    meta.update(_type_fields(repo, request, doc_id, today))
    meta["public"] = doc_type == "service-card"
    return meta


def _type_fields(
    repo: Repository, request: NewRequest, doc_id: str, today: dt.date
) -> dict[str, Any]:
    """The keys a type requires, filled with values that are valid but clearly to be edited."""
    doc_type = request.doc_type
    if doc_type == "process":
        return {
            "kind": "main",
            "inputs": [TODO],
            "outputs": [TODO],
            "kpis": [{"name": TODO, "target": TODO, "unit": "%"}],
        }
    if doc_type == "procedure":
        return {"clauses": [], "related": [], "forms": []}
    if doc_type == "service-card":
        return _service_card_fields(repo, request)
    if doc_type == "job-description":
        unit = request.unit or sorted(repo.unit_ids)[0]
        positions = sorted(p for p in repo.position_ids if repo.unit_of_position(p) == unit)
        position = positions[0] if positions else sorted(repo.position_ids)[0]
        return {"unit": unit, "position": position, "supervisor": position}
    if doc_type == "order":
        year = today.year
        numbers = [
            int(str(d.meta.get("number", "0/0")).split("/")[0])
            for d in repo.documents_of_type("order")
            if str(d.meta.get("number", "")).endswith(f"/{year}")
        ]
        heads = sorted(repo.positions_of_role("kierownik-urzedu")) or sorted(repo.position_ids)
        return {
            "number": f"{max(numbers, default=0) + 1}/{year}",
            "date": today.isoformat(),
            "subject": request.title or TODO,
            "signed_by": heads[0],
        }
    return {}


def _service_card_fields(repo: Repository, request: NewRequest) -> dict[str, Any]:
    acts = sorted(repo.external_ids)
    profile = repo.config.get("office")
    office: dict[str, Any] = profile if isinstance(profile, dict) else {}
    return {
        "unit": request.unit,
        "legal_basis": [{"act": acts[0], "provision": TODO}] if acts else [],
        "required_documents": [TODO],
        "documents_to_show": [],
        "fees": [],
        "place": {"address": str(office.get("address", TODO)), "room": TODO, "hours": TODO},
        "channels": {"epuap": office.get("epuap"), "in_person": True, "post": True},
        "deadline": {"days": 30, "text": "bez zbędnej zwłoki, nie później niż w ciągu miesiąca"},
        "appeal": {"body": TODO, "days": 14, "via": TODO},
        "forms": [],
    }


def _body(doc_type: str, meta: dict[str, Any]) -> str:
    skeleton = data_path("templates") / "scaffold" / f"{doc_type}.md"
    text = skeleton.read_text(encoding="utf-8") if skeleton.is_file() else "{title}\n"
    return text.replace("{title}", str(meta["title"])).replace("{id}", str(meta["id"]))
