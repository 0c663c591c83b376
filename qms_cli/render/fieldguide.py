"""The field guide (docs/pola/): one Polish page per document type and per kind of record,
listing every field with its meaning, type, whether it is required, the allowed values and an
example — generated from the JSON Schemas' Polish titles and descriptions, so the guide says
exactly what ``qms check`` enforces. Pure: schemas in, Markdown out.

Regenerate: ``make fields-doc``; a test keeps docs/pola/ equal to what this module writes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DOCUMENT_SCHEMA = "document.schema.json"

# schema file -> (page name, where the file lives in the office repository)
RECORD_PAGES: dict[str, tuple[str, str]] = {
    "qms.schema.json": ("qms-yaml", "`qms.yaml`"),
    "structure.schema.json": ("struktura", "`org/structure.yaml`"),
    "signers.schema.json": ("podpisujacy", "`org/signers.yaml`"),
    "auditors.schema.json": ("auditorzy", "`org/auditors.yaml`"),
    "jrwa.schema.json": ("jrwa", "`jrwa.yaml`"),
    "external.schema.json": ("dokumenty-zewnetrzne", "`documents/external.yaml`"),
    "context.schema.json": ("kontekst", "`records/context.yaml`"),
    "risks.schema.json": ("ryzyka", "`records/risks.yaml`"),
    "suppliers.schema.json": ("dostawcy", "`records/suppliers.yaml`"),
    "objectives.schema.json": ("cele", "`records/objectives/<rok>.yaml`"),
    "audit-programme.schema.json": ("program-auditow", "`records/audits/programme-<rok>.yaml`"),
    "audit-plan.schema.json": ("plan-auditu", "`records/audits/AW-<rok>-<nn>/plan.yaml`"),
    "audit-checklist.schema.json": (
        "lista-kontrolna",
        "`records/audits/AW-<rok>-<nn>/checklist.yaml`",
    ),
    "audit-findings.schema.json": (
        "ustalenia-auditu",
        "`records/audits/AW-<rok>-<nn>/findings.yaml`",
    ),
    "audit-report.schema.json": (
        "raport-z-auditu",
        "nagłówek `records/audits/AW-<rok>-<nn>/report.md`",
    ),
    "external-audit.schema.json": (
        "audit-zewnetrzny",
        "`records/audits/external/<data>-<rodzaj>.yaml`",
    ),
    "capa.schema.json": ("dzialania-korygujace", "`records/capa/DK-<rok>-<nnn>.yaml`"),
    "survey-imports.schema.json": ("ankiety-import", "`records/surveys/<rok>/imports.yaml`"),
    "survey-report.schema.json": (
        "raport-z-badania",
        "nagłówek `records/surveys/<rok>/raport-<rok>.md`",
    ),
    "complaint.schema.json": ("skargi", "`records/complaints/SK-<rok>-<nnn>.yaml`"),
    "nc.schema.json": ("niezgodne-uslugi", "`records/nc/NZ-<rok>-<nnn>.yaml`"),
    "training.schema.json": ("szkolenia", "`records/trainings/SZ-<rok>-<nnn>.yaml`"),
    "supplier-evaluation.schema.json": (
        "ocena-dostawcy",
        "`records/suppliers/<dostawca>-<rok>.yaml`",
    ),
    "review.schema.json": ("przeglad-zarzadzania", "nagłówek `records/reviews/PZ-<rok>.md`"),
    "review-actions.schema.json": (
        "dzialania-z-przegladu",
        "`records/reviews/actions.yaml`",
    ),
    "doc-reviews.schema.json": ("przeglady-dokumentow", "`records/doc-reviews.yaml`"),
    "people.schema.json": ("pracownicy", "`org/people.yaml`"),
    "acks.schema.json": ("potwierdzenia", "`records/acks/<dokument>.yaml`"),
    "iso-edition.schema.json": ("wydanie-normy", "`org/iso/iso9001-<rok>.yaml`"),
    "transition-plan.schema.json": (
        "plan-przejscia",
        "`records/transition/plan-iso9001-<rok>.yaml`",
    ),
}

TYPES_PL = {
    "string": "tekst",
    "integer": "liczba całkowita",
    "number": "liczba",
    "boolean": "tak/nie (true/false)",
    "array": "lista",
    "object": "obiekt",
    "null": "puste (null)",
}
FORMATS_PL = {"date": "data RRRR-MM-DD", "date-time": "data i godzina", "uri": "adres URL"}


@dataclass(frozen=True)
class Field:
    path: str  # e.g. place.address, fees[].amount
    title: str
    description: str
    kind: str
    required: bool
    allowed: str
    example: str


def pages(schemas: dict[str, dict[str, Any]]) -> dict[str, str]:
    """page file name -> Markdown, for every schema (documents: one page per type)."""
    out: dict[str, str] = {}
    entries: list[tuple[str, str, str]] = []  # (group, page, title)
    document = schemas[DOCUMENT_SCHEMA]
    for doc_type, branch in _document_branches(document):
        name = f"dokument-{doc_type}"
        title = str(branch.get("title", doc_type))
        where = f"nagłówek YAML plików `documents/…/*.md` z `type: {doc_type}`"
        fields = [*fields_of(document, document), *fields_of(branch, document)]
        out[f"{name}.md"] = page(title, where, str(branch.get("description", "")), _merged(fields))
        entries.append(("Dokumenty", name, title))
    for schema_name, (name, where) in RECORD_PAGES.items():
        schema = schemas[schema_name]
        title = str(schema.get("title", name))
        fields = list(fields_of(schema, schema))
        out[f"{name}.md"] = page(title, where, str(schema.get("description", "")), fields)
        entries.append(("Zapisy i konfiguracja", name, title))
    out["index.md"] = index(entries)
    return out


def _document_branches(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for branch in document.get("allOf", []):
        const = branch.get("if", {}).get("properties", {}).get("type", {}).get("const")
        target = branch.get("then", {})
        if isinstance(const, str):
            yield const, _resolve(target, document)


def _merged(fields: list[Field]) -> list[Field]:
    """A type's own entry for a common field (e.g. a stricter legal_basis) refines it."""
    by_path: dict[str, Field] = {}
    for found in fields:
        known = by_path.get(found.path)
        if known is None:
            by_path[found.path] = found
            continue
        by_path[found.path] = Field(
            found.path,
            found.title or known.title,
            found.description or known.description,
            found.kind if found.kind != "—" else known.kind,
            known.required or found.required,
            found.allowed or known.allowed,
            found.example or known.example,
        )
    return list(by_path.values())


def fields_of(schema: dict[str, Any], root: dict[str, Any], prefix: str = "") -> Iterator[Field]:
    """Every property of an object schema, depth first (``$ref`` within ``root`` followed)."""
    node = _resolve(schema, root)
    required = set(node.get("required", []))
    for key, raw in node.get("properties", {}).items():
        if key == "type" and prefix == "" and "const" in _resolve(raw, root):
            continue
        prop = _resolve(raw, root)
        path = f"{prefix}{key}"
        yield Field(
            path,
            str(prop.get("title", "")),
            str(prop.get("description", "")),
            _kind(prop, root),
            key in required,
            _allowed(prop, root),
            _example(prop),
        )
        yield from _children(prop, root, path)


def _children(prop: dict[str, Any], root: dict[str, Any], path: str) -> Iterator[Field]:
    if "properties" in prop:
        yield from fields_of(prop, root, f"{path}.")
    items = prop.get("items")
    if isinstance(items, dict):
        item = _resolve(items, root)
        if "properties" in item:
            yield from fields_of(item, root, f"{path}[].")


def _resolve(node: Any, root: dict[str, Any]) -> dict[str, Any]:
    """The node with its ``$ref`` (``#/$defs/…``) merged under it: local keys win."""
    if not isinstance(node, dict):
        return {}
    ref = node.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return node
    target: Any = root
    for part in ref[2:].split("/"):
        target = target.get(part, {}) if isinstance(target, dict) else {}
    merged = dict(_resolve(target, root))
    merged.update({k: v for k, v in node.items() if k != "$ref"})
    return merged


def _kind(prop: dict[str, Any], root: dict[str, Any]) -> str:
    kinds = prop.get("type")
    names = [kinds] if isinstance(kinds, str) else list(kinds or [])
    if not names and "anyOf" in prop:
        names = [t for option in prop["anyOf"] for t in _types(_resolve(option, root))]
    text = " albo ".join(dict.fromkeys(TYPES_PL.get(n, n) for n in names)) or "—"
    if prop.get("format") in FORMATS_PL:
        text = FORMATS_PL[prop["format"]] + (" albo null" if "null" in names else "")
    items = _resolve(prop.get("items"), root) if isinstance(prop.get("items"), dict) else {}
    if names == ["array"] and items:
        text = f"lista: {_kind(items, root)}"
    return text


def _types(node: dict[str, Any]) -> list[str]:
    kinds = node.get("type")
    return [kinds] if isinstance(kinds, str) else list(kinds or [])


def _allowed(prop: dict[str, Any], root: dict[str, Any]) -> str:
    parts = []
    if "enum" in prop:
        parts.append(", ".join(f"`{_yaml(v)}`" for v in prop["enum"]))
    if "const" in prop:
        parts.append(f"`{_yaml(prop['const'])}`")
    for key, label in (("minimum", "od"), ("maximum", "do"), ("minItems", "co najmniej")):
        if key in prop:
            parts.append(f"{label} {prop[key]}" + (" poz." if key == "minItems" else ""))
    items = _resolve(prop.get("items"), root) if isinstance(prop.get("items"), dict) else {}
    if "enum" in items:
        parts.append("każda z: " + ", ".join(f"`{_yaml(v)}`" for v in items["enum"]))
    return "; ".join(parts)


def _example(prop: dict[str, Any]) -> str:
    examples = prop.get("examples")
    if isinstance(examples, list) and examples:
        return f"`{_yaml(examples[0])}`"
    return ""


def _yaml(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def page(title: str, where: str, description: str, fields: list[Field]) -> str:
    lines = [
        f"# {title}",
        "",
        f"Plik: {where}.",
        "",
        description,
        "",
        "| Pole | Znaczenie | Typ | Wymagane | Dozwolone wartości | Przykład |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for f in fields:
        meaning = f"**{f.title}**. {f.description}".strip() if f.title else f.description
        lines.append(
            f"| `{f.path}` | {_cell(meaning)} | {f.kind} | {'tak' if f.required else 'nie'} "
            f"| {_cell(f.allowed)} | {_cell(f.example)} |"
        )
    lines += ["", "[Wszystkie strony pól](index.md)", ""]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def index(entries: list[tuple[str, str, str]]) -> str:
    lines = [
        "# Pola dokumentów i zapisów",
        "",
        "Co znaczy każde pole nagłówka dokumentu i każdego pliku zapisu: typ, czy jest",
        "wymagane, dozwolone wartości i przykład. Strony powstają ze schematów",
        "(`schemas/*.json`) — to te same reguły, które sprawdza `qms check` (QMS001).",
        "Nie edytuj ich ręcznie: `make fields-doc`.",
        "",
    ]
    group = ""
    for entry_group, name, title in entries:
        if entry_group != group:
            group = entry_group
            lines += [f"## {group}", ""]
        lines.append(f"- [{title}]({name}.md)")
    lines.append("")
    return "\n".join(lines)


def all_schemas() -> dict[str, dict[str, Any]]:
    from qms_cli.io.schemas import load_schema

    names = [DOCUMENT_SCHEMA, *RECORD_PAGES]
    return {name: load_schema(name.removesuffix(".schema.json")) for name in names}


def write(folder: Path) -> list[Path]:
    """Write the guide into ``folder`` (docs/pola), replacing its pages."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in pages(all_schemas()).items():
        path = folder / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
