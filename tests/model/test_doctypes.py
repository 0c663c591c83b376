"""Every place outside the registry that names document types agrees with ``model.doctypes``:
the JSON Schemas, the skeletons of ``qms new``, the PDF facts tables, the Typst layouts and the
documentation. ARCHITECTURE.md, "Adding a document type", is the checklist this test enforces."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from qms_cli.model import governed
from qms_cli.model.doctypes import DOC_TYPES, PROCESS_BOUND_TYPES, Derived
from qms_cli.model.ids import is_valid_id, pattern_fields
from qms_cli.render.pdf_facts import FACTS
from qms_cli.resources import data_path
from qms_cli.services.documents.new import DERIVED

SCHEMAS = data_path("schemas")
TEMPLATES = data_path("templates")
ROOT = Path(__file__).resolve().parents[2]
TYPES = list(DOC_TYPES)


def schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return data


def type_dispatch(blocks: list[Any]) -> dict[str, Any]:
    """``{type: then}`` of ``[{"if": {"properties": {"type": {"const": …}}}, "then": …}]``."""
    out: dict[str, Any] = {}
    for block in blocks:
        const = block.get("if", {}).get("properties", {}).get("type", {}).get("const")
        if const is not None:
            assert const not in out, f"type {const} dispatched twice"
            out[const] = block["then"]
    return out


def type_lists(node: Any, pointer: str = "") -> Iterator[tuple[str, list[str]]]:
    """Every enum list and every object's keys in a schema that name three or more types."""
    if isinstance(node, dict):
        named = [k for k in node if k in DOC_TYPES]
        if len(named) >= 3:
            yield pointer, named
        for key, value in node.items():
            yield from type_lists(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        named = [v for v in node if isinstance(v, str) and v in DOC_TYPES]
        if len(named) >= 3:
            yield pointer, named
        for index, value in enumerate(node):
            yield from type_lists(value, f"{pointer}/{index}")


def test_registry_is_well_formed() -> None:
    folders = [t.folder for t in DOC_TYPES.values()]
    assert len(set(folders)) == len(folders)
    assert len({t.group for t in DOC_TYPES.values()}) == len(DOC_TYPES)
    for doc_type in DOC_TYPES.values():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", doc_type.id)
        assert pattern_fields(doc_type.numbering) <= {"n", "unit", "year"}
        example = doc_type.numbering.format(n=1, unit="USC", year=2026)
        assert is_valid_id(example), doc_type.id
        keys = [key for key, _ in doc_type.fields]
        assert len(set(keys)) == len(keys), doc_type.id
    assert {t.id for t in DOC_TYPES.values() if t.process_bound} == PROCESS_BOUND_TYPES


def test_every_list_of_types_in_the_schemas_is_known() -> None:
    """A new list of document types in a schema must be added to the checks below."""
    found = {
        f"{path.name}#{pointer}"
        for path in sorted(SCHEMAS.glob("*.schema.json"))
        for pointer, _ in type_lists(json.loads(path.read_text(encoding="utf-8")))
    }
    assert found == {
        "document.schema.json#/properties/type/enum",
        "document.schema.json#/$defs",
        "qms.schema.json#/properties/approvals/properties",
        "qms.schema.json#/properties/numbering/properties",
        "qms.schema.json#/properties/review_every/properties",
        "qms.schema.json#/properties/acknowledgement/properties/concerns/properties",
    }


def test_document_schema_type_enum() -> None:
    prop = schema("document.schema.json")["properties"]["type"]
    assert prop["enum"] == TYPES
    described = " ".join(prop["description"].split())
    for doc_type in TYPES:
        assert f"{doc_type} – " in described, doc_type


def test_document_schema_has_one_definition_per_type() -> None:
    doc = schema("document.schema.json")
    dispatch = type_dispatch(doc["allOf"])
    assert list(dispatch) == TYPES
    for doc_type, then in dispatch.items():
        assert then == {"$ref": f"#/$defs/{doc_type}"}
        definition = doc["$defs"][doc_type]
        required = definition.get("required", [])
        assert ("process" in required) == DOC_TYPES[doc_type].process_bound, doc_type


def test_document_schema_type_keys_follow_the_definitions() -> None:
    doc = schema("document.schema.json")
    type_keys = type_dispatch(doc["$defs"]["typeKeys"]["allOf"])
    assert set(type_keys) <= set(DOC_TYPES)
    common = set(doc["properties"])
    for doc_type in TYPES:
        own = set(doc["$defs"][doc_type].get("properties", {})) - common
        listed = set(type_keys.get(doc_type, {}).get("properties", {}))
        assert own == listed, doc_type


@pytest.mark.parametrize("doc_type", TYPES)
def test_qms_new_writes_keys_the_schema_knows(doc_type: str) -> None:
    doc = schema("document.schema.json")
    type_keys = type_dispatch(doc["$defs"]["typeKeys"]["allOf"])
    allowed = set(doc["properties"]) | set(type_keys.get(doc_type, {}).get("properties", {}))
    written = {key for key, _ in DOC_TYPES[doc_type].fields}
    assert written <= allowed
    required = set(doc["$defs"][doc_type].get("required", [])) - {"process"}
    assert required <= written, "qms new must write every key the type requires"


def test_qms_schema_numbering_and_approvals() -> None:
    props = schema("qms.schema.json")["properties"]
    numbering = props["numbering"]["properties"]
    assert list(numbering) == TYPES
    for doc_type, prop in numbering.items():
        assert prop["default"] == DOC_TYPES[doc_type].numbering, doc_type
    approvals = props["approvals"]["properties"]
    records = list(governed.RECORD_LABELS)  # records approved like documents (issue 16)
    assert [t for t in approvals if t not in (governed.CONFIGURATION_TYPE, *records)] == TYPES
    assert [t for t in approvals if t in records] == records
    assert list(props["review_every"]["properties"]) == ["default", *TYPES]
    assert list(props["acknowledgement"]["properties"]["concerns"]["properties"]) == TYPES


def test_every_type_has_a_skeleton_and_every_skeleton_a_type() -> None:
    files = {p.name for p in (TEMPLATES / "scaffold").iterdir()}
    assert files == {t.scaffold for t in DOC_TYPES.values()}


def test_qms_new_knows_every_derived_value() -> None:
    named = {
        value.name
        for t in DOC_TYPES.values()
        for _, value in t.fields
        if isinstance(value, Derived)
    }
    assert named == set(DERIVED)


def test_every_facts_table_is_used_and_exists() -> None:
    assert {t.facts for t in DOC_TYPES.values()} == set(FACTS)


def typst_layouts() -> tuple[set[str], dict[str, str], str]:
    """(functions defined, the ``layouts`` dictionary type -> function, the default) of
    ``templates/typst/layouts.typ``."""
    text = (TEMPLATES / "typst" / "layouts.typ").read_text(encoding="utf-8")
    defined = set(re.findall(r"^#let ([a-z][a-z0-9-]*)\(d\)\s*=", text, re.MULTILINE))
    table = re.search(r"^#let layouts = \((.*?)^\)", text, re.MULTILINE | re.DOTALL)
    assert table is not None
    entries = dict(re.findall(r'"([a-z-]+)":\s*([a-z][a-z0-9-]*)\s*,', table.group(1)))
    default = re.search(r"layouts\.at\(d\.layout, default: ([a-z][a-z0-9-]*)\)", text)
    assert default is not None
    return defined, entries, default.group(1)


def test_typst_layouts_agree() -> None:
    defined, entries, default = typst_layouts()
    assert set(entries) <= set(DOC_TYPES)
    assert set(entries.values()) | {default} <= defined
    for doc_type in DOC_TYPES.values():
        assert entries.get(doc_type.id, default) == doc_type.layout, doc_type.id


def test_documentation_lists_every_type() -> None:
    architecture = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([a-z-]+) \| documents/([a-z-]+) \| `([^`]+)` \|", architecture, re.M)
    assert rows == [(t.id, t.folder, t.numbering) for t in DOC_TYPES.values()]
    new = " ".join((ROOT / "docs" / "new.md").read_text(encoding="utf-8").split())
    for doc_type in DOC_TYPES.values():
        assert f"`{doc_type.id}` ({doc_type.name})" in new, doc_type.id
    repository = (ROOT / "docs" / "repository.md").read_text(encoding="utf-8")
    for doc_type in DOC_TYPES.values():
        assert f" {doc_type.folder}/" in repository, doc_type.folder
