"""Rendered PDFs kept by a key that covers everything their bytes depend on, so that a
release renders again only what changed (``render.pdf_reuse`` makes the keys).

The store lives in qms's cache folder (``io.cache.cache_dir``), outside the office
repository: ``pdf/<first two hex digits>/<key>.pdf``. Each file starts with the SHA-256 of the
PDF that follows; a file that does not match (cut short by a crash, edited, foreign) is
ignored and rendered again, so nothing is fsynced. A store that cannot be read or written
only costs time: every failure is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from qms_cli.io.cache import cache_dir

DIGEST = 32  # bytes of SHA-256 before the PDF


class PdfStore:
    """``get(key)``: the PDF stored under ``key`` or None; ``put(key, pdf)``."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else cache_dir() / "pdf"

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pdf"

    def get(self, key: str) -> bytes | None:
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            return None
        pdf = raw[DIGEST:]
        return pdf if hashlib.sha256(pdf).digest() == raw[:DIGEST] else None

    def put(self, key: str, pdf: bytes) -> None:
        path = self._path(key)
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(hashlib.sha256(pdf).digest() + pdf)
            os.replace(tmp, path)
        except OSError:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
