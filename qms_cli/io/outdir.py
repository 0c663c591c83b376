"""A generated folder (the BIP site) replaced as a whole, or not at all.

The new content is written to a sibling temporary folder first; only then is the old folder
moved aside and the new one renamed into place. A folder that qms did not generate (no marker
file) is never deleted.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from qms_cli.errors import QmsError
from qms_cli.io import atomic

MARKER = ".qms-generated"


def replace_folder(target: Path, files: Mapping[str, bytes], marker_text: str) -> None:
    """Make ``target`` hold exactly ``files`` (relative posix paths) plus the marker file."""
    target = target.absolute()
    if target.exists() and not is_generated(target):
        raise QmsError(
            f"folder {target} istnieje i nie został utworzony przez qms — niczego nie nadpisano",
            hint="Wskaż pusty albo nowy folder (--out).",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.new-"))
    old: Path | None = None
    try:
        for rel, data in files.items():
            path = staging / _safe_relative(rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        (staging / MARKER).write_text(marker_text, encoding="utf-8", newline="\n")
        for folder in [staging, *(p for p in staging.rglob("*") if p.is_dir())]:
            folder.chmod(0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
            atomic.replace(target, old / "site")
        atomic.replace(staging, target)
    except BaseException:
        if old is not None and not target.exists():
            os.replace(old / "site", target)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def is_generated(folder: Path) -> bool:
    return folder.is_dir() and ((folder / MARKER).is_file() or not any(folder.iterdir()))


def read_optional(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def _safe_relative(rel: str) -> PurePosixPath:
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError(f"unsafe output path {rel!r}")
    return path
