"""QMS001: every file against its JSON Schema, with messages in Polish."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

import jsonschema_rs

from qms_cli.checks.registry import Hit
from qms_cli.io.schemas import load_schema
from qms_cli.model import placeholders
from qms_cli.model.documents import SourceFile


@functools.cache
def _validator(name: str) -> Any:
    return jsonschema_rs.validator_for(load_schema(name), validate_formats=True)


def _where(pointer: list[str | int]) -> str:
    if not pointer:
        return "w pliku"
    parts = [f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in pointer]
    return "w polu „" + "".join(parts).lstrip(".") + "”"


def _describe(kind: str, details: dict[str, Any], instance: Any) -> str:
    # `details` are jsonschema-rs error kinds; anything not listed falls back to its message
    value = (
        "" if isinstance(instance, dict | list) else "null" if instance is None else repr(instance)
    )
    messages: dict[str, Callable[[], str]] = {
        "required": lambda: f"brak wymaganego pola „{details.get('property')}”",
        "additionalProperties": lambda: (
            "nieznane pole: " + ", ".join(f"„{k}”" for k in details.get("unexpected", []))
        ),
        "unevaluatedProperties": lambda: (
            "nieznane pole: " + ", ".join(f"„{k}”" for k in details.get("unexpected", []))
        ),
        "type": lambda: (
            f"zły typ wartości {value}: oczekiwano "
            + " lub ".join(_TYPES_PL.get(t, t) for t in details.get("types", []))
        ),
        "enum": lambda: (
            f"wartość {value} spoza listy: " + ", ".join(str(o) for o in details.get("options", []))
        ),
        "const": lambda: f"wartość {value} różna od wymaganej",
        "minLength": lambda: (
            "pusta wartość"
            if details.get("limit") == 1
            else f"za krótka wartość (min. {details.get('limit')} znaków)"
        ),
        "maxLength": lambda: f"za długa wartość (maks. {details.get('limit')} znaków)",
        "minItems": lambda: f"za mało pozycji na liście (min. {details.get('limit')})",
        "maxItems": lambda: f"za dużo pozycji na liście (maks. {details.get('limit')})",
        "minimum": lambda: f"wartość {value} mniejsza niż {details.get('limit')}",
        "maximum": lambda: f"wartość {value} większa niż {details.get('limit')}",
        "pattern": lambda: f"wartość {value} ma niedozwoloną postać",
        "format": lambda: (
            f"wartość {value} nie jest poprawną datą (RRRR-MM-DD)"
            if details.get("format") == "date"
            else f"wartość {value} ma zły format"
        ),
        "uniqueItems": lambda: "powtórzone pozycje na liście",
    }
    describe = messages.get(kind)
    return describe() if describe else ""


_TYPES_PL = {
    "string": "tekstu",
    "integer": "liczby całkowitej",
    "number": "liczby",
    "boolean": "true/false",
    "array": "listy",
    "object": "mapowania (klucz: wartość)",
    "null": "pustej wartości",
}


def schema_hits(source: SourceFile, schema: str) -> Iterator[Hit]:
    if source.data is None:
        return
    for error in _validator(schema).iter_errors(source.data):
        if isinstance(error.instance, str) and placeholders.contains(error.instance):
            continue  # QMS009 reports a placeholder once, whatever its field expects
        pointer = list(error.instance_path)
        details = error.kind.as_dict()
        if error.kind.name == "format":
            details = {**details, "format": error.schema_path[-1] and _format_of(error)}
        text = _describe(error.kind.name, details, error.instance) or error.message
        yield Hit(source.path, f"{_where(pointer)}: {text}", pointer=tuple(pointer))


def _format_of(error: Any) -> str:
    return "date" if '"date"' in error.message else ""
