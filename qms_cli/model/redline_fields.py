"""Front-matter changes in Polish terms: each field named by its title in the field guide (the
schemas' ``title``), values as a clerk writes them. Pure: no I/O.

``props`` is the schema's ``properties`` of the document (common and type keys merged), so
the titles are the ones ``docs/pola`` shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from qms_cli.model.service_card import KIND_WORDING

NOTHING = "(brak)"
# keys that name an item of a list of mappings (a fee by what it is for, an act by its id)
LABEL_KEYS = ("description", "name", "title", "id", "act", "action")


@dataclass(frozen=True)
class FieldChange:
    label: str  # "Termin załatwienia", "Opłaty – Odpis zupełny, kwota"
    old: str
    new: str
    note: str = ""  # instead of old → new: "dodano „Wniosek”", "zmieniono kolejność"

    def line(self) -> str:
        if self.note:
            return f"{self.label}: {self.note}"
        return f"{self.label}: {self.old or NOTHING} → {self.new or NOTHING}"


def _sub(schema: Mapping[str, Any] | None, *keys: str) -> Mapping[str, Any]:
    """The sub-schema under ``keys`` (``properties``, a field…), or an empty one."""
    found: Any = schema or {}
    for key in keys:
        found = found.get(key) if isinstance(found, Mapping) else None
    return found if isinstance(found, Mapping) else {}


def field_changes(
    old: Mapping[str, Any], new: Mapping[str, Any], props: Mapping[str, Any]
) -> tuple[FieldChange, ...]:
    out: list[FieldChange] = []
    for key in dict.fromkeys([*old, *new]):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        schema = _sub(props, key)
        out.extend(_changes(str(schema.get("title") or key), a, b, schema, key))
    return tuple(out)


def _changes(label: str, a: Any, b: Any, schema: Mapping[str, Any], key: str) -> list[FieldChange]:
    if key == "deadline" and isinstance(a, dict) and isinstance(b, dict):
        whole_a, whole_b = deadline_text(a), deadline_text(b)
        if whole_a != whole_b:
            return [FieldChange(label, whole_a, whole_b)]
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[FieldChange] = []
        for sub in dict.fromkeys([*a, *b]):
            if a.get(sub) == b.get(sub):
                continue
            sub_schema = _sub(schema, "properties", sub)
            title = str(sub_schema.get("title") or sub)
            out.extend(
                _changes(f"{label}, {_lower(title)}", a.get(sub), b.get(sub), sub_schema, sub)
            )
        return out
    if isinstance(a, list) and isinstance(b, list):
        items = _sub(schema, "items")
        if all(isinstance(x, dict) for x in [*a, *b]):
            return _mapping_list(label, a, b, items)
        if all(not isinstance(x, dict | list) for x in [*a, *b]):
            return _scalar_list(label, a, b)
    return [FieldChange(label, value_text(a, schema), value_text(b, schema))]


def _scalar_list(label: str, a: list[Any], b: list[Any]) -> list[FieldChange]:
    olds, news = [value_text(x) for x in a], [value_text(x) for x in b]
    if Counter(olds) == Counter(news):
        return [FieldChange(label, ", ".join(olds), ", ".join(news), "")]
    gone = list((Counter(olds) - Counter(news)).elements())
    came = list((Counter(news) - Counter(olds)).elements())
    notes = []
    if came:
        notes.append("dodano " + ", ".join(f"„{x}”" for x in came))
    if gone:
        notes.append("usunięto " + ", ".join(f"„{x}”" for x in gone))
    return [FieldChange(label, ", ".join(olds), ", ".join(news), "; ".join(notes))]


def _item_label(item: Mapping[str, Any]) -> str:
    return next((str(item[k]) for k in LABEL_KEYS if isinstance(item.get(k), str | int)), "")


def _mapping_list(
    label: str, a: list[dict[str, Any]], b: list[dict[str, Any]], items: Mapping[str, Any]
) -> list[FieldChange]:
    if len(a) == len(b):
        pairs = list(zip(a, b, strict=True))
        gone: list[dict[str, Any]] = []
        came: list[dict[str, Any]] = []
    else:
        by_label = {_item_label(x): x for x in b}
        pairs = [(x, by_label[_item_label(x)]) for x in a if _item_label(x) in by_label]
        paired = {id(y) for _, y in pairs} | {id(x) for x, _ in pairs}
        gone = [x for x in a if id(x) not in paired]
        came = [y for y in b if id(y) not in paired]
    out: list[FieldChange] = []
    for x, y in pairs:
        if x == y:
            continue
        name = _item_label(y) if _item_label(x) == _item_label(y) else ""
        out.extend(_changes(f"{label} – {name}" if name else label, x, y, items, ""))
    out.extend(FieldChange(label, "", "", f"dodano {value_text(y, items)}") for y in came)
    out.extend(FieldChange(label, "", "", f"usunięto {value_text(x, items)}") for x in gone)
    return out


def deadline_text(deadline: Mapping[str, Any]) -> str:
    """A service card's deadline as the card says it: "30 dni", "do 1 miesiąca"."""
    kind, days, text = deadline.get("kind"), deadline.get("days"), deadline.get("text")
    if isinstance(kind, str) and kind in KIND_WORDING:
        main = KIND_WORDING[kind][0]
    elif isinstance(days, int) and not isinstance(days, bool):
        main = f"{days} dni"
    else:
        return str(text or NOTHING)
    return f"{main} ({text})" if isinstance(text, str) and text.strip() else main


def value_text(value: Any, schema: Mapping[str, Any] | None = None) -> str:
    """A value in a clerk's words: tak/nie, a list joined, a mapping by its fields' titles."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "tak" if value else "nie"
    if isinstance(value, list):
        return "; ".join(value_text(v, _sub(schema, "items")) for v in value)
    if isinstance(value, dict):
        parts = []
        for k, v in value.items():
            sub = _sub(schema, "properties", k)
            parts.append(f"{_lower(str(sub.get('title') or k))}: {value_text(v, sub)}")
        return ", ".join(parts)
    return str(value)


def _lower(title: str) -> str:
    return title[:1].lower() + title[1:] if title[1:2].islower() else title
