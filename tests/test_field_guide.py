"""The field guide (docs/pola/) is complete and current: every field of every schema has a
Polish title and description, every document type and kind of record has its page, and the
pages are what ``make fields-doc`` writes."""

from __future__ import annotations

from qms_cli.model.doctypes import DOC_TYPES as DOCUMENT_TYPES
from qms_cli.render.fieldguide import (
    DOCUMENT_SCHEMA,
    RECORD_PAGES,
    _document_branches,
    all_schemas,
    fields_of,
    pages,
)
from tests.conftest import ROOT

GUIDE = ROOT / "docs" / "pola"


def test_every_schema_has_a_page() -> None:
    files = {p.name for p in (ROOT / "schemas").glob("*.schema.json")}
    assert files == {DOCUMENT_SCHEMA, *RECORD_PAGES}


def test_every_document_type_has_a_page() -> None:
    document = all_schemas()[DOCUMENT_SCHEMA]
    assert {t for t, _ in _document_branches(document)} == set(DOCUMENT_TYPES)
    assert {f"dokument-{t}.md" for t in DOCUMENT_TYPES} <= set(pages(all_schemas()))


def test_every_field_is_described_in_polish() -> None:
    schemas = all_schemas()
    missing = [
        f"{name}: {f.path}"
        for name, schema in schemas.items()
        for f in fields_of(schema, schema)
        if not f.title.strip() or not f.description.strip()
    ]
    document = schemas[DOCUMENT_SCHEMA]
    missing += [
        f"{doc_type}: {f.path}"
        for doc_type, branch in _document_branches(document)
        for f in fields_of(branch, document)
        if not f.title.strip() or not f.description.strip()
    ]
    assert missing == []


def test_nested_fields_and_list_items_are_listed() -> None:
    card = pages(all_schemas())["dokument-service-card.md"]
    for path in ("`fees[].amount`", "`place.hours`", "`channels.epuap`", "`legal_basis[].act`"):
        assert path in card
    assert "| `fees[].amount` | **Kwota**." in card


def test_pages_are_current() -> None:
    """Regenerate with ``make fields-doc`` when a schema changes."""
    expected = pages(all_schemas())
    assert sorted(p.name for p in GUIDE.glob("*.md")) == sorted(expected)
    for name, text in expected.items():
        assert (GUIDE / name).read_text(encoding="utf-8") == text, name
