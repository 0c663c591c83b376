"""``qms nc``: the register of nonconforming outputs (ISO 9001 8.7), ``records/nc/NZ-….yaml``.

Every occurrence is one entry: what was wrong, the correction, a concession with who
authorised the release, and the corrective-action card when one is opened (``qms capa new``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io.records import new_map, save_yaml_rt
from qms_cli.model.nc import NC_DIR, SOURCES, Nonconformity, next_nc_id, parse_nc
from qms_cli.model.personal_data import value_kind
from qms_cli.model.repository import Repository
from qms_cli.services.loading import load_repository

HEADER = (
    "# yaml-language-server: $schema=../../.qms/schemas/nc.schema.json\n"
    "# Rejestr niezgodnych usług (ISO 9001, pkt 8.7) – wpis NIEPUBLICZNY, bez danych osobowych:\n"
    "# sprawę wskazuje znak sprawy w EZD (case).\n"
)


def all_nc(repo: Repository) -> list[Nonconformity]:
    found = (parse_nc(s.data, s.path) for s in repo.of_kind("nc"))
    return sorted((n for n in found if n is not None), key=lambda n: n.id)


def list_nc(path: Path, *, everything: bool = False) -> list[Nonconformity]:
    """Open entries; with ``everything`` also closed ones."""
    return [n for n in all_nc(load_repository(path).repo) if everything or n.open]


@dataclass(frozen=True)
class NewNc:
    description: str
    unit: str
    detected: dt.date | None = None
    process: str | None = None
    service: str | None = None
    case: str | None = None
    source: str = "internal"
    ref: str | None = None
    correction: str | None = None


def new_nc(path: Path, request: NewNc, today: dt.date | None = None) -> Nonconformity:
    today = today or clock.today()
    detected = request.detected or today
    if detected > today:
        raise QmsError(f"data stwierdzenia {detected} jest w przyszłości")
    if not request.description.strip():
        raise QmsError("opisz niezgodność (--description)")
    for what, text in (("opis", request.description), ("korekcja", request.correction or "")):
        found = value_kind(text)
        if found is not None:
            raise QmsError(
                f"{what} wygląda na zawierający dane osobowe ({found}); rejestr prowadzi się bez "
                "danych osobowych — sprawę wskazuje znak sprawy (--case)"
            )
    if request.source not in SOURCES:
        raise QmsError(
            f"nieznane źródło „{request.source}”", hint="Dozwolone: " + ", ".join(SOURCES)
        )
    loaded = load_repository(path)
    repo = loaded.repo
    if request.unit not in repo.unit_ids:
        raise QmsError(
            f"nie ma komórki „{request.unit}” w org/structure.yaml",
            hint="Dostępne: " + ", ".join(sorted(repo.unit_ids)),
        )
    for option, value, kind in (
        ("--process", request.process, "process"),
        ("--service", request.service, "service-card"),
    ):
        document = repo.docs_by_id.get(value) if value else None
        if value and (document is None or document.type != kind):
            raise QmsError(f"„{value}” ({option}) nie jest dokumentem rodzaju {kind}")
    nc_id = next_nc_id([n.id for n in all_nc(repo)], detected.year)
    entry = new_map()
    entry["id"] = nc_id
    entry["detected"] = detected
    entry["source"] = new_map([("type", request.source), ("ref", request.ref)], flow=True)
    entry["unit"] = request.unit
    entry["process"] = request.process
    entry["service"] = request.service
    entry["case"] = request.case
    entry["description"] = request.description.strip()
    entry["correction"] = (
        new_map([("description", request.correction.strip()), ("date", None)])
        if request.correction and request.correction.strip()
        else None
    )
    entry["concession"] = None
    entry["decided_by"] = None
    entry["capa"] = None
    entry["closed"] = None
    rel = f"{NC_DIR}/{nc_id}.yaml"
    save_yaml_rt(loaded.root / rel, entry, header=HEADER, exclusive=True)
    parsed = parse_nc(entry, rel)
    if parsed is None:  # pragma: no cover - we wrote the id ourselves
        raise QmsError(f"{rel}: wpis jest niepełny")
    return parsed
