"""QMS001: every file against its JSON Schema, with messages in Polish."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from qms_cli.checks.registry import Hit
from qms_cli.io.schemas import schema_errors
from qms_cli.model import placeholders
from qms_cli.model.documents import SourceFile
from qms_cli.model.hints import describe_odd


def _where(pointer: Sequence[str | int]) -> str:
    if not pointer:
        return "w pliku"
    parts = [f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in pointer]
    return "w polu „" + "".join(parts).lstrip(".") + "”"


def _unknown_fields(keys: list[str]) -> str:
    """``nieznane pole: „…”``, naming invisible characters and typographic quotes in a key
    (text pasted from Word: a quote closed too early turns a value into a key)."""
    named = []
    for key in keys:
        odd = describe_odd(str(key), typographic=True)
        named.append(f"„{key}”" + (f" (w nazwie: {odd})" if odd else ""))
    return "nieznane pole: " + ", ".join(named)


def _odd_in(instance: Any) -> str:
    odd = describe_odd(instance, typographic=True) if isinstance(instance, str) else ""
    return f" — jest w niej {odd} (znak wklejony z edytora tekstu, usuń go)" if odd else ""


def _describe(kind: str, details: dict[str, Any], instance: Any) -> str:
    # `details` are jsonschema-rs error kinds; anything not listed falls back to its message
    value = (
        "" if isinstance(instance, dict | list) else "null" if instance is None else repr(instance)
    )
    messages: dict[str, Callable[[], str]] = {
        "required": lambda: f"brak wymaganego pola „{details.get('property')}”",
        "additionalProperties": lambda: _unknown_fields(details.get("unexpected", [])),
        "unevaluatedProperties": lambda: _unknown_fields(details.get("unexpected", [])),
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
        "pattern": lambda: f"wartość {value} ma niedozwoloną postać" + _odd_in(instance),
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
    for error in schema_errors(schema, source.data):
        if isinstance(error.instance, str) and placeholders.contains(error.instance):
            continue  # QMS009 reports a placeholder once, whatever its field expects
        text = _describe(error.kind, error.details, error.instance) or error.message
        yield Hit(source.path, f"{_where(error.pointer)}: {text}", pointer=error.pointer)
