"""Reading a repository file's exact bytes and writing generated files (PDFs) atomically."""

from __future__ import annotations

from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.io.atomic import write_atomic

IGNORE_ALL = "# Pliki wygenerowane przez qms (qms render): nie zapisuj ich w repozytorium.\n*\n"


def prepare_output(folder: Path, *, ignored: bool) -> Path:
    """Create the output folder; ``ignored``: keep git from ever listing what goes in it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if ignored and not (folder / ".gitignore").exists():
            write_atomic(folder / ".gitignore", IGNORE_ALL)
    except OSError as exc:
        raise QmsError(f"nie można utworzyć folderu {folder}: {exc.strerror}") from exc
    return folder


def write_output(folder: Path, name: str, data: bytes) -> Path:
    """Write one generated file completely or not at all."""
    target = folder / name
    try:
        write_atomic(target, data)
    except OSError as exc:
        raise QmsError(f"nie można zapisać {target.as_posix()}: {exc.strerror}") from exc
    return target
