"""``qms training``: the plan of trainings and their records (ISO 9001 7.2, procedure P-09),
``records/trainings/SZ-<year>-<nnn>.yaml`` — one file per training: planned, then held with its
evidence; the effectiveness assessment (F-07) is written into the file by its assessor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io.records import edit_yaml, new_map, new_seq, save_yaml_rt
from qms_cli.model.personal_data import value_kind
from qms_cli.model.repository import Repository
from qms_cli.model.trainings import (
    TRAINING_DIR,
    Training,
    next_training_id,
    parse_training,
)
from qms_cli.services.loading import load_repository

HEADER = (
    "# yaml-language-server: $schema=../../.qms/schemas/training.schema.json\n"
    "# Szkolenie (ISO 9001, pkt 7.2; procedura P-09) – uczestnicy jako stanowiska, bez nazwisk;\n"
    "# ocenę skuteczności (formularz F-07) wpisuje kierownik komórki w ciągu 1–3 miesięcy.\n"
)
KINDS = ("external", "internal", "e-learning")


def all_trainings(repo: Repository) -> list[Training]:
    found = (parse_training(s.data, s.path) for s in repo.of_kind("training"))
    return sorted((t for t in found if t is not None), key=lambda t: t.id)


def list_trainings(path: Path, year: int | None = None) -> list[Training]:
    """Every training of ``year`` (by its planned date; all years when None)."""
    return [
        t
        for t in all_trainings(load_repository(path).repo)
        if year is None or (t.planned is not None and t.planned.year == year)
    ]


def training_states(path: Path, year: int | None = None) -> list[tuple[Training, str]]:
    """Each training of ``list_trainings`` with its state today (``model.trainings``)."""
    today = clock.today()
    return [(t, t.state(today)) for t in list_trainings(path, year)]


@dataclass(frozen=True)
class NewTraining:
    title: str
    planned: dt.date
    participants: tuple[str, ...]
    kind: str = "external"
    provider: str | None = None
    competence: str | None = None
    objective: str | None = None


def new_training(path: Path, request: NewTraining) -> Training:
    """Add a planned training; refuses unknown positions, objectives and personal data."""
    title = request.title.strip()
    if not title:
        raise QmsError("podaj temat szkolenia (--title)")
    found = value_kind(title)
    if found is not None:
        raise QmsError(f"temat wygląda na zawierający dane osobowe ({found}) — nic nie zapisano")
    if request.kind not in KINDS:
        raise QmsError(f"nieznany rodzaj „{request.kind}”", hint="Dozwolone: " + ", ".join(KINDS))
    loaded = load_repository(path)
    repo = loaded.repo
    _known_people(repo, request.participants)
    if request.objective and request.objective not in repo.ids("objectives", "objectives"):
        raise QmsError(f"nie ma celu jakości {request.objective} (--objective)")
    training_id = next_training_id([t.id for t in all_trainings(repo)], request.planned.year)
    entry = new_map()
    entry["id"] = training_id
    entry["title"] = title
    entry["planned"] = request.planned
    entry["held"] = None
    entry["kind"] = request.kind
    entry["provider"] = request.provider
    entry["participants"] = new_seq(request.participants, flow=True)
    entry["competence"] = request.competence
    entry["objective"] = request.objective
    entry["evidence"] = None
    entry["effectiveness"] = None
    rel = f"{TRAINING_DIR}/{training_id}.yaml"
    save_yaml_rt(loaded.root / rel, entry, header=HEADER, exclusive=True)
    parsed = parse_training(entry, rel)
    assert parsed is not None  # we wrote the id ourselves
    return parsed


def training_done(
    path: Path,
    training_id: str,
    held: dt.date,
    evidence: str,
    count: int | None = None,
    today: dt.date | None = None,
) -> Path:
    """Record that a planned training took place, with the evidence of it."""
    if held > (today or clock.today()):
        raise QmsError(f"data odbycia {held} jest w przyszłości")
    if not evidence.strip():
        raise QmsError("wskaż dowód odbycia szkolenia (--evidence): lista obecności, zaświadczenia")
    found = value_kind(evidence)
    if found is not None:
        raise QmsError(f"dowód wygląda na zawierający dane osobowe ({found}) — nic nie zapisano")
    loaded = load_repository(path)
    source = loaded.repo.files.get(f"{TRAINING_DIR}/{training_id}.yaml")
    if source is None:
        raise QmsError(f"nie ma szkolenia {training_id} ({TRAINING_DIR}/{training_id}.yaml)")
    if not source.ok:
        raise QmsError(f"szkolenia {training_id} nie da się odczytać — popraw plik (qms check)")
    if isinstance(source.data, dict) and source.data.get("held") is not None:
        raise QmsError(f"szkolenie {training_id} ma już datę odbycia ({source.data['held']})")

    def record(data: Any) -> None:
        data["held"] = held
        data["evidence"] = evidence.strip()
        if count is not None and "participants" in data and "count" not in data:
            data.insert(list(data).index("participants") + 1, "count", count)
        elif count is not None:
            data["count"] = count

    target = loaded.root / source.path
    edit_yaml(target, record)
    return target


def _known_people(repo: Repository, participants: tuple[str, ...]) -> None:
    if not participants:
        raise QmsError("podaj uczestników (--participant stanowisko, można wiele razy)")
    people = repo.role_ids | repo.position_ids
    unknown = [p for p in participants if p not in people]
    if unknown:
        raise QmsError(
            "nie ma takich stanowisk ani ról w org/structure.yaml: "
            + ", ".join(unknown)
            + " (uczestników podaje się stanowiskiem, nie nazwiskiem)"
        )
