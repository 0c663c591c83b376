"""A cache of parsed and checked files, keyed by path, stat and content hash.

It lives outside the office repository (``$QMS_CACHE_DIR``, else ``~/.cache/qms``, on Windows
``%LOCALAPPDATA%\\qms``), so that
``qms check`` stays read-only. Entries are plain data written with ``marshal`` (fast, and it
cannot run code when read); a broken or foreign cache file is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

FORMAT = 3  # 3: each entry carries the digest of what the repository rules see of it
SMALL_CHANGE = 16  # changed files not worth rewriting a large cache for
LARGE_CACHE = 1000
RACY_NS = 2_000_000_000  # as git does for its index: trust stat only for older files


def cache_dir(system: str = os.name, env: Mapping[str, str] = os.environ) -> Path:
    """Where qms keeps its caches: ``QMS_CACHE_DIR``, else the system's place for them."""
    explicit = env.get("QMS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if system == "nt" and env.get("LOCALAPPDATA") and not env.get("XDG_CACHE_HOME"):
        return Path(env["LOCALAPPDATA"]) / "qms"  # not roamed with the profile
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "qms"


class FileCache:
    """``lookup(rel, stat)``, ``by_digest`` (content seen before), ``store(...)``, ``save()``."""

    def __init__(self, root: Path, key: str) -> None:
        name = hashlib.blake2b(str(root).encode(), digest_size=10).hexdigest()
        self.path = cache_dir() / f"check-{name}.marshal"
        self.key = key
        self.entries: dict[str, tuple[int, int, str, Any]] = {}
        self.by_digest: dict[str, Any] = {}
        self.fresh: dict[str, tuple[int, int, str, Any]] = {}
        self.written_ns = 0  # when the cache file was written
        self._load()

    def _load(self) -> None:
        try:
            stored = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return
        if not isinstance(stored, dict) or stored.get("key") != (FORMAT, self.key):
            return
        self.entries = stored.get("entries", {})
        self.written_ns = int(stored.get("written_ns", 0))
        self.by_digest = {entry[2]: entry[3] for entry in self.entries.values()}

    def lookup(self, rel: str, stat: os.stat_result) -> Any | None:
        entry = self.entries.get(rel)
        # "racy" files (changed shortly before the cache was written) could be edited again
        # within the file system's timestamp granularity without changing size: read them
        racy = stat.st_mtime_ns >= self.written_ns - RACY_NS
        if (
            entry is not None
            and not racy
            and entry[0] == stat.st_mtime_ns
            and entry[1] == stat.st_size
        ):
            self.fresh[rel] = entry
            return entry[3]
        return None

    def store(self, rel: str, stat: os.stat_result, digest: str, value: Any) -> None:
        self.fresh[rel] = (stat.st_mtime_ns, stat.st_size, digest, value)

    def save(self) -> None:
        """Write the entries seen in this run, atomically; a failure only costs speed.

        A large cache is not rewritten for a handful of changed files: re-reading those few
        next time costs a millisecond each, rewriting thousands of entries tens of them."""
        changed = sum(1 for rel, entry in self.fresh.items() if self.entries.get(rel) is not entry)
        if changed == 0 and len(self.fresh) == len(self.entries):
            return
        if 0 < changed <= SMALL_CHANGE and len(self.entries) >= LARGE_CACHE:
            return
        write_marshal(
            self.path,
            {"key": (FORMAT, self.key), "entries": self.fresh, "written_ns": time.time_ns()},
        )


class RuleMemo:
    """The repository rules' findings of the last ``qms check``, kept with a digest of all the
    rules saw (``services.check``): when nothing they read has changed, they are not run."""

    def __init__(self, root: Path, key: str) -> None:
        name = hashlib.blake2b(str(root).encode(), digest_size=10).hexdigest()
        self.path = cache_dir() / f"rules-{name}.marshal"
        self.key = key

    def get(self, inputs: str) -> dict[str, Any] | None:
        """The findings by rule code stored for ``inputs``; None when they were for others."""
        try:
            stored = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if not isinstance(stored, dict) or stored.get("key") != (FORMAT, self.key, inputs):
            return None
        found = stored.get("found")
        return found if isinstance(found, dict) else None

    def put(self, inputs: str, found: dict[str, Any]) -> None:
        write_marshal(self.path, {"key": (FORMAT, self.key, inputs), "found": found})


def write_marshal(path: Path, value: Any) -> None:
    """Write a cache file atomically; a failure only costs speed next time."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".check-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(marshal.dumps(value))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
