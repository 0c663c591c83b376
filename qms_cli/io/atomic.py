"""Writes that either happen completely or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

from qms_cli.errors import QmsError

# Windows refuses to replace a file another program holds open (an editor, a PDF viewer, an
# antivirus scan): the rename is tried again for about a second before qms gives up.
REPLACE_ATTEMPTS = 10
REPLACE_DELAY = 0.1  # seconds between attempts


def replace(source: Path | str, target: Path | str) -> None:
    """``os.replace`` that waits briefly for a file held open elsewhere (Windows), then says
    in Polish which file to close (``QmsError``)."""
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == REPLACE_ATTEMPTS - 1:
                raise QmsError(
                    f"nie można zastąpić {Path(target).as_posix()}: plik lub folder jest otwarty "
                    "w innym programie albo brak do niego uprawnień — nic nie zmieniono",
                    hint="Zamknij go (np. w edytorze, przeglądarce PDF, Eksploratorze) i ponów "
                    "polecenie.",
                ) from None
            time.sleep(REPLACE_DELAY)


def write_atomic(path: Path, data: bytes | str, *, exclusive: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    With ``exclusive`` an existing file is never replaced (``FileExistsError``).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        if exclusive:
            try:
                os.link(tmp, path)  # fails if path exists, atomically
            except FileExistsError:
                raise
            except OSError:  # no hard links here (FAT, exFAT, some network shares)
                os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))  # claim the name
                replace(tmp, path)
            else:
                os.unlink(tmp)
        else:
            replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
