"""Reading the editions of ISO 9001: the packaged data (``templates/iso/``) with the office's
files (``org/iso/iso9001-<year>.yaml``, ``org/iso/map-2015-2026.yaml``) laid over it."""

from __future__ import annotations

from functools import cache
from typing import Any

from qms_cli.io import yamlfast
from qms_cli.model.clauses import (
    EDITION_2015,
    EDITION_2026,
    ClauseMap,
    Edition,
    edition_file,
    edition_from_data,
    edition_name,
    map_from_data,
)
from qms_cli.model.repository import Repository
from qms_cli.resources import data_path

PACKAGED_DIR = "iso"  # under templates/
OFFICE_DIR = "org/iso"
MAP_FILE = "map-2015-2026.yaml"


@cache
def packaged(file: str) -> dict[str, Any]:
    """A packaged data file of ``templates/iso/`` (read once per process)."""
    path = data_path("templates") / PACKAGED_DIR / file
    data = yamlfast.load(path.read_text(encoding="utf-8"), what=f"dane qms {file}")
    return data if isinstance(data, dict) else {}


def _office_file(repo: Repository | None, file: str) -> dict[str, Any] | None:
    if repo is None:
        return None
    wanted = f"{OFFICE_DIR}/{file}"
    for source in repo.of_kind("iso-data"):
        if source.path == wanted and isinstance(source.data, dict):
            return source.data
    return None


def edition(repo: Repository | None = None, name: str | None = None) -> Edition:
    """The edition ``name`` (by default the one the office's ``qms.yaml`` names)."""
    if name is None:
        name = edition_name(repo.config) if repo is not None else EDITION_2015
    file = edition_file(name)
    return edition_from_data(name, packaged(file), _office_file(repo, file))


def clause_map(repo: Repository | None = None) -> ClauseMap:
    """The map 2015 <-> 2026; an office's file replaces the packaged one."""
    office = _office_file(repo, MAP_FILE)
    return map_from_data(office if office is not None else packaged(MAP_FILE))


def both(repo: Repository | None = None) -> tuple[Edition, Edition, ClauseMap]:
    return edition(repo, EDITION_2015), edition(repo, EDITION_2026), clause_map(repo)
