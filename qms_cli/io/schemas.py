"""The JSON Schemas shipped with qms: loading them and validating data (jsonschema-rs, the
only place it is imported)."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from qms_cli.resources import data_path


def load_schema(name: str) -> dict[str, Any]:
    return load_schema_file(f"{name}.schema.json")


@functools.cache
def load_schema_file(file_name: str) -> dict[str, Any]:
    """A schema by its file name (``metrics-1.json``: a format qms writes, not an office file)."""
    path = data_path("schemas") / file_name
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


@dataclass(frozen=True)
class SchemaError:
    """One way ``instance`` (at ``pointer`` in the data) breaks the schema. ``kind`` and
    ``details`` are jsonschema-rs's error kind and its fields; for ``format``, ``details``
    also names the format (``"date"``) when the message shows it."""

    pointer: tuple[str | int, ...]
    kind: str
    details: dict[str, Any]
    instance: Any
    message: str


@functools.cache
def _validator(file_name: str) -> Any:
    return jsonschema_rs.validator_for(load_schema_file(file_name), validate_formats=True)


def schema_errors(name: str, data: Any, file_name: str | None = None) -> Iterator[SchemaError]:
    """Every way ``data`` breaks the schema ``name`` (2020-12, formats checked); ``file_name``
    names a schema file outside the ``<name>.schema.json`` pattern."""
    for error in _validator(file_name or f"{name}.schema.json").iter_errors(data):
        details = error.kind.as_dict()
        if error.kind.name == "format":
            details = {**details, "format": error.schema_path[-1] and _format_of(error)}
        yield SchemaError(
            tuple(error.instance_path), error.kind.name, details, error.instance, error.message
        )


def _format_of(error: Any) -> str:
    return "date" if '"date"' in error.message else ""
