"""Files qms generates from records (charts, report tables): written atomically and only when
their bytes change, so regenerating leaves unchanged files (and their times) alone."""

from __future__ import annotations

from pathlib import Path

from qms_cli.io.atomic import write_atomic


def write_generated(path: Path, data: bytes | str) -> bool:
    """Write ``data`` to ``path`` unless it already holds exactly that; True when written."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == raw:
            return False
    except OSError:
        pass
    write_atomic(path, raw)
    return True
