"""Messages a clerk understands (issue 14): invisible characters named and placed, and "czy
chodziło o …?" for an unknown id — in the pure helpers and in what `qms check` and the
commands print."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.model.hints import describe_odd, odd_characters, unknown_value_hint
from qms_cli.services.check import run_check

P01 = "documents/procedures/P-01.md"


def test_invisible_characters_are_named_with_their_column() -> None:
    assert describe_odd("title:\u00a0Nadzór") == "twarda spacja (U+00A0) w kolumnie 7"
    assert odd_characters("a\u200bb\ufeff") == [
        (2, "znak o zerowej szerokości (U+200B)"),
        (4, "znacznik BOM (U+FEFF)"),
    ]
    assert describe_odd("„x”") == ""  # quotes are text, unless they would be YAML syntax
    assert describe_odd("„x”", typographic=True).startswith("cudzysłów drukarski „ (U+201E)")
    assert describe_odd("zwykły tekst") == ""


def test_unknown_value_hint() -> None:
    known = ["PR-01", "PR-02", "P-01"]
    assert unknown_value_hint("PR-01\u00a0", known) == (
        " — w wartości jest twarda spacja (U+00A0) na końcu (niewidoczny znak, usuń go)"
    )
    assert unknown_value_hint("PR-1", known).startswith(" — czy chodziło o PR-01 albo")
    assert unknown_value_hint("XYZ-99", known) == ""


def edit(root: Path, old: str, new: str) -> None:
    path = root / P01
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def messages(root: Path) -> list[tuple[str, int | None, str]]:
    return [(f.code, f.line, f.message) for f in run_check(root, use_cache=False).findings]


def test_hard_space_after_a_colon_is_named(minimal: Path) -> None:
    edit(minimal, "title: Nadzór", "title:\u00a0Nadzór")
    [(code, _, message)] = messages(minimal)
    assert code == "QMS002"
    assert "twarda spacja (U+00A0) w kolumnie 7" in message


def test_trailing_hard_space_in_an_id_is_named(minimal: Path) -> None:
    edit(minimal, "process: PR-01\n", "process: PR-01\u00a0\n")
    found = {code: message for code, _, message in messages(minimal)}
    assert "twarda spacja (U+00A0) na końcu" in found["QMS016"]
    assert "twarda spacja (U+00A0)" in found["QMS001"]


def test_mistyped_owner_gets_a_suggestion(minimal: Path) -> None:
    edit(minimal, "owner: pelnomocnik", "owner: pelnomocnk")
    [(code, _, message)] = messages(minimal)
    assert code == "QMS011" and message.endswith("— czy chodziło o pelnomocnik?")


def test_commands_suggest_a_document_id(minimal: Path) -> None:
    result = CliRunner().invoke(app, ["history", "P-1", "--path", str(minimal)])
    assert result.exit_code == 3
    assert "nie ma dokumentu: P-1 — czy chodziło o P-01" in result.output
