"""QMS009: a placeholder in the office profile, a record or a document that is not a draft."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_cli.checks.rules.placeholders import TEXT_KINDS
from qms_cli.io.layout import KINDS
from qms_cli.model import placeholders
from qms_cli.model.findings import Finding
from qms_cli.services.check import run_check
from tests.edit import append, replace, set_value

P01 = "documents/procedures/P-01.md"


def placeholder_findings(root: Path) -> list[Finding]:
    return [f for f in run_check(root, use_cache=False).findings if f.code == "QMS009"]


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Odwołanie wnosi się do: ⟦do uzupełnienia: organ odwoławczy⟧.",
            ["⟦do uzupełnienia: organ odwoławczy⟧"],
        ),
        ("Do uzupełnienia.", ["Do uzupełnienia"]),
        ("Do uzupełnienia: czemu służy procedura.", ["Do uzupełnienia"]),
        ("| Do uzupełnienia | | |", ["Do uzupełnienia"]),
        ("  provision: do uzupełnienia", ["do uzupełnienia"]),
        ("inputs: [do uzupełnienia]", ["do uzupełnienia"]),
        ("wzywa do uzupełnienia braków w terminie 7 dni", []),
        ("Wniosek uzupełnia się w terminie 7 dni.", []),
    ],
)
def test_what_is_a_placeholder(text: str, found: list[str]) -> None:
    assert [t for _, t in placeholders.find(text)] == found


def test_placeholder_is_one_form() -> None:
    assert placeholders.placeholder("adres urzędu") == "⟦do uzupełnienia: adres urzędu⟧"


def test_every_text_kind_is_looked_at() -> None:
    assert set(TEXT_KINDS) == {k.name for k in KINDS} - {"asset"}


def test_placeholder_in_active_document_is_an_error_with_file_and_line(minimal: Path) -> None:
    append(minimal / P01, "\nOdwołanie wnosi się do: ⟦do uzupełnienia: organ⟧.\n")
    [finding] = placeholder_findings(minimal)
    assert finding.severity.label == "error"
    assert finding.path == P01
    assert finding.line == line_of(minimal / P01, "⟦do uzupełnienia: organ⟧")
    assert finding.message == (
        "miejsce do uzupełnienia: „⟦do uzupełnienia: organ⟧” — wpisz właściwą treść albo "
        "zostaw dokument projektem (status: draft)"
    )


def test_skeleton_text_in_active_document_is_an_error(minimal: Path) -> None:
    append(minimal / P01, "\n## Uwagi\n\nDo uzupełnienia.\n")
    assert [f.path for f in placeholder_findings(minimal)] == [P01]


def test_draft_may_hold_placeholders(minimal: Path) -> None:
    append(minimal / P01, "\nOdwołanie wnosi się do: ⟦do uzupełnienia: organ⟧.\n")
    set_value(minimal / P01, "status", value="draft")
    assert placeholder_findings(minimal) == []


def test_placeholder_in_front_matter_of_active_document(minimal: Path) -> None:
    set_value(minimal / P01, "title", value="⟦do uzupełnienia: tytuł⟧")
    [finding] = placeholder_findings(minimal)
    assert finding.line == line_of(minimal / P01, "title:")


def test_placeholder_in_office_profile_is_one_finding(minimal: Path) -> None:
    """The profile's e-mail must be an address: the placeholder is reported once, by QMS009,
    not a second time as a malformed e-mail (QMS001)."""
    set_value(minimal / "qms.yaml", "office", "email", value="⟦do uzupełnienia: adres e-mail⟧")
    findings = run_check(minimal, use_cache=False).findings
    assert [(f.code, f.path, f.line) for f in findings] == [
        ("QMS009", "qms.yaml", line_of(minimal / "qms.yaml", "email:"))
    ]


def test_yaml_comment_is_not_published(minimal: Path) -> None:
    replace(minimal / "qms.yaml", "office:", "# wpisz dane w miejsca ⟦do uzupełnienia: …⟧\noffice:")
    assert placeholder_findings(minimal) == []


def test_placeholder_in_record(minimal: Path) -> None:
    set_value(minimal / "records/risks.yaml", "risks", 0, "description", value="Do uzupełnienia.")
    [finding] = placeholder_findings(minimal)
    assert (finding.path, finding.line) == ("records/risks.yaml", 5)
