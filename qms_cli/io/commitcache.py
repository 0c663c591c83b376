"""A cache of commits read for approvals, keyed by commit id (a commit never changes).

Lives next to the check cache (``cache_dir()``), outside the office repository. It holds what
a commit proves by itself — parents, trailers, changed files and whether its signature is
valid and by which key — never a decision that depends on the registry or the trust root,
which are evaluated again on every run. A broken or foreign cache file is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from pathlib import Path
from typing import Any

from qms_cli import __version__
from qms_cli.io.atomic import write_atomic
from qms_cli.io.cache import cache_dir
from qms_cli.model.approvals import CommitRecord
from qms_cli.model.signers import Registry

FORMAT = 4  # 3: CommitRecord.merged; 4: Registry._people


class CommitCache:
    def __init__(self, root: Path) -> None:
        name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=10).hexdigest()
        self.path = cache_dir() / f"approvals-{name}.pickle"
        self.key = (FORMAT, __version__)
        self.records: dict[str, CommitRecord] = {}
        self.blobs: dict[tuple[str, str], str | None] = {}
        self.registries: dict[str, Registry] = {}
        self.changed = False
        self._load()

    def _load(self) -> None:
        try:
            with self.path.open("rb") as handle:
                stored: Any = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError):
            return
        except Exception:
            return
        if not isinstance(stored, dict) or stored.get("key") != self.key:
            return
        self.records = stored.get("records", {})
        self.blobs = stored.get("blobs", {})
        self.registries = stored.get("registries", {})

    def save(self) -> None:
        """Write atomically when something was added; a failure only costs speed."""
        if not self.changed:
            return
        payload = {
            "key": self.key,
            "records": self.records,
            "blobs": self.blobs,
            "registries": self.registries,
        }
        with contextlib.suppress(OSError):
            write_atomic(self.path, pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
