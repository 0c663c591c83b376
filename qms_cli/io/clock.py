"""Today's date, which an office can pin with ``QMS_TODAY=2026-11-21``.

Pinning makes a check of a historical state (or the documentation's examples) give the same
answer on any day. Rendered outputs never use the clock at all: their dates come from git.
"""

from __future__ import annotations

import datetime as dt
import os

from qms_cli.errors import QmsError


def today() -> dt.date:
    pinned = os.environ.get("QMS_TODAY", "").strip()
    if not pinned:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(pinned)
    except ValueError:
        raise QmsError(f"QMS_TODAY={pinned!r} nie jest datą RRRR-MM-DD") from None
