"""Placeholders left in what is published or in force (``model/placeholders.py``)."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.registry import Hit, file_rule
from qms_cli.model import placeholders
from qms_cli.model.documents import SourceFile
from qms_cli.model.findings import Severity

# every kind of file of the repository that qms reads as text (io/layout.py), but assets
TEXT_KINDS = (
    "config",
    "structure",
    "signers",
    "auditors",
    "jrwa",
    "register",
    "external",
    "document",
    "context",
    "risks",
    "suppliers",
    "objectives",
    "audit-programme",
    "audit-plan",
    "audit-checklist",
    "audit-findings",
    "audit-report",
    "external-audit",
    "capa",
    "survey-imports",
    "survey-report",
    "complaint",
    "nc",
    "training",
    "supplier-evaluation",
    "review",
    "review-actions",
    "doc-reviews",
    "people",
    "acks",
    "iso-data",
    "transition-plan",
    "record",
)


@file_rule(
    "QMS009",
    "placeholder",
    Severity.ERROR,
    "Brak miejsc „⟦do uzupełnienia: …⟧” (i tekstu „do uzupełnienia”) w profilu urzędu, "
    "w zapisach i w dokumentach innych niż projekty (status: draft)",
    kinds=TEXT_KINDS,
)
def placeholder_left(source: SourceFile) -> Iterator[Hit]:
    if not source.text or not placeholders.contains(source.text):
        return
    data = source.data if isinstance(source.data, dict) else {}
    if source.kind == "document" and data.get("status") == "draft":
        return
    advice = "wpisz właściwą treść"
    if source.kind == "document":
        advice += " albo zostaw dokument projektem (status: draft)"
    lines = source.text.split("\n")
    for line_no, text in placeholders.find(source.text):
        in_yaml = source.body_line == 1 or line_no < source.body_line
        if in_yaml and lines[line_no - 1].lstrip().startswith("#"):
            continue  # a YAML comment is never published
        yield Hit(source.path, f"miejsce do uzupełnienia: „{text}” — {advice}", line_no)
