"""Issue 13, items 11 and 12: an alias bomb, a file over its size cap, a broken YAML file or a
wrong date is a Polish message and exit 1 (``qms check``: a finding) or 3 (any other command),
never a traceback or gigabytes of memory."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.io import limits
from tests.io.test_yaml_guard import alias_bomb

runner = CliRunner()
P01 = "documents/procedures/P-01.md"
REFUSED = "kotwica (&nazwa) na liście lub mapowaniu jest niedozwolona"
HINT = "  wskazówka: Popraw plik; „qms check” pokaże wszystkie problemy.\n"


def qms(root: Path, *args: str) -> tuple[int, str, str]:
    where = [str(root)] if args == ("check",) else ["--path", str(root)]
    result = runner.invoke(app, [*args, *where])
    assert "Traceback" not in result.stderr and "błąd wewnętrzny" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def lines_of(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def append_bomb(path: Path) -> int:
    """Add an alias bomb at the end of a YAML file; the line of its first anchor."""
    line = lines_of(path) + 1
    path.write_text(path.read_text(encoding="utf-8") + alias_bomb(), encoding="utf-8")
    return line


def test_alias_bomb_in_front_matter(minimal: Path) -> None:
    doc = minimal / P01
    doc.write_text(doc.read_text(encoding="utf-8").replace("---\n", "---\n" + alias_bomb(), 1))
    code, out, _ = qms(minimal, "check")
    assert code == 1
    assert f"{P01}:2: QMS002 błąd: {REFUSED}" in out
    for command in (["history", "P-01"], ["render", "pdf", "P-01"], ["approve", "P-01", "--yes"]):
        code, _, err = qms(minimal, *command)
        assert code == 3, command
        assert err.startswith(f"qms: błąd: {P01}:2: dokumentu P-01 nie można wczytać: {REFUSED}")


@pytest.mark.parametrize("rel", ["qms.yaml", "org/structure.yaml", "register.yaml"])
def test_alias_bomb_in_a_configuration_file(minimal: Path, rel: str) -> None:
    path = minimal / rel
    if not path.exists():
        path.write_text("releases: []\n", encoding="utf-8")
    line = append_bomb(path)
    code, out, _ = qms(minimal, "check")
    assert code == 1
    assert f"{rel}:{line}: QMS002 błąd: {REFUSED}" in out
    for command in (["release", "list"], ["render", "bip"], ["history", "P-01"]):
        code, _, err = qms(minimal, *command)
        assert code == 3, command
        assert err.startswith(f"qms: błąd: {rel}:{line}: nie można wczytać pliku: {REFUSED}")
        assert err.endswith(HINT)


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        ("org/structure.yaml", "units: ["),  # no newline: an IndexError in the reader before
        ("register.yaml", "releases: ["),
        ("qms.yaml", "approvals: ["),
    ],
)
def test_a_broken_configuration_file_is_exit_3(minimal: Path, rel: str, text: str) -> None:
    (minimal / rel).write_text(text, encoding="utf-8")
    code, out, _ = qms(minimal, "check")
    assert code == 1
    assert f"{rel}:1: QMS002 błąd: niepełna wartość (niedomknięty nawias lub cudzysłów?)" in out
    message = "nie można wczytać pliku: niepełna wartość (niedomknięty nawias lub cudzysłów?)"
    for command in (["release", "list"], ["render", "bip"]):
        code, _, err = qms(minimal, *command)
        assert (code, err) == (3, f"qms: błąd: {rel}:1: {message}\n{HINT}"), command


def test_a_broken_record_is_refused_with_its_line_when_edited(minimal: Path) -> None:
    actions = minimal / "records/reviews/actions.yaml"
    actions.write_text("actions:\n  - id: PZ-2026/1\n    what: [\n", encoding="utf-8")
    code, _, err = qms(minimal, "review", "done", "PZ-2026/1")
    assert code == 3
    assert err.startswith("qms: błąd: records/reviews/actions.yaml:4: niepełna wartość")


def test_a_document_over_its_cap(minimal: Path) -> None:
    doc = minimal / P01
    doc.write_text(
        doc.read_text(encoding="utf-8") + "x" * limits.MAX_DOCUMENT_BYTES, encoding="utf-8"
    )
    code, out, _ = qms(minimal, "check")
    assert code == 1
    message = "plik jest za duży (1 MB; limit 1 MB) — qms go nie wczytuje; podziel go na mniejsze"
    assert f"{P01}: QMS002 błąd: {message}" in out
    code, _, err = qms(minimal, "render", "pdf", "P-01")
    assert code == 3
    assert err.startswith(f"qms: błąd: {P01}: dokumentu P-01 nie można wczytać: {message}")


def test_front_matter_and_records_over_their_caps(minimal: Path) -> None:
    doc = minimal / P01
    filler = "note: " + "x" * limits.MAX_FRONT_MATTER_CHARS + "\n"
    doc.write_text(doc.read_text(encoding="utf-8").replace("---\n", "---\n" + filler, 1))
    risks = minimal / "records/risks.yaml"
    risks.write_text("# " + "x" * limits.MAX_YAML_BYTES + "\n", encoding="utf-8")
    code, out, _ = qms(minimal, "check")
    assert code == 1
    assert f"{P01}: QMS002 błąd: nagłówek YAML jest za duży (256,2 KB; limit 256 KB)" in out
    assert "records/risks.yaml: QMS002 błąd: plik jest za duży (5 MB; limit 5 MB)" in out


@pytest.mark.parametrize(
    "command",
    [
        ["release", "--date", "2026-13-45"],
        ["complaint", "close", "SK-2026-001", "--outcome", "zasadna", "--date", "2026-13-45"],
        ["complaint", "forward", "SK-2026-001", "--to", "Starosta", "--date", "2026-13-45"],
        ["review", "done", "PZ-2026/1", "--date", "2026-13-45"],
        ["capa", "close", "DK-2026-001", "--evidence", "x", "--date", "2026-13-45"],
        ["audit", "close", "AW-2026-01", "--date", "2026-13-45"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_a_wrong_date_is_exit_3_in_polish(minimal: Path, command: list[str]) -> None:
    code, _, err = qms(minimal, *command)
    assert code == 3
    assert err in (
        "qms: błąd: --date: podaj datę w postaci RRRR-MM-DD\n",
        "qms: błąd: --date: „2026-13-45” nie jest datą RRRR-MM-DD\n",
    )
