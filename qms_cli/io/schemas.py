"""Loading the JSON Schemas shipped with qms."""

from __future__ import annotations

import functools
import hashlib
import json
from typing import Any

from qms_cli.resources import data_path


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    path = data_path("schemas") / f"{name}.schema.json"
    with path.open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


@functools.cache
def schemas_fingerprint() -> str:
    """Changes whenever a schema file changes: part of the check cache key."""
    folder = data_path("schemas")
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(folder.glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
