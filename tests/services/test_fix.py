"""`qms fix` (issue 14): the mechanical repairs of pasted text, shown as a diff; `--check`
writes nothing; the body of a document keeps its typography; a second run finds nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.io.yamlfast import load
from qms_cli.model.textfix import fix_file
from qms_cli.services.check import run_check

P01 = "documents/procedures/P-01.md"


def qms(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["fix", *args, "--path", str(root)])
    return result.exit_code, result.output


def spoil(root: Path) -> None:
    path = root / P01
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Nadzór", "title:\u00a0Nadzór")
    text = text.replace('clauses: ["7.5"]', "clauses: [„7.5”]")
    text = text.replace("process: PR-01\n", "process: PR-01\u00a0  \n")
    text += "\nW dniu 5\u00a0marca 2026\u00a0r. zmieniono.  \nNowy wiersz.\n"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    structure = root / "org" / "structure.yaml"
    structure.write_bytes(structure.read_text(encoding="utf-8").encode("cp1250"))


def test_check_reports_and_writes_nothing(minimal: Path) -> None:
    spoil(minimal)
    before = (minimal / P01).read_bytes()
    code, out = qms(minimal, "--check")
    assert code == 1
    assert "-clauses: [„7.5”]" in out and '+clauses: ["7.5"]' in out
    assert "org/structure.yaml: do naprawy: kodowanie Windows-1250 zamienione na UTF-8" in out
    assert (minimal / P01).read_bytes() == before


def test_fix_repairs_and_check_is_clean(minimal: Path) -> None:
    spoil(minimal)
    assert run_check(minimal, use_cache=False).findings
    code, out = qms(minimal)
    assert code == 0, out
    assert run_check(minimal, use_cache=False).findings == []
    text = (minimal / P01).read_text(encoding="utf-8")
    assert "\r" not in text
    assert "5\u00a0marca 2026\u00a0r. zmieniono.  \n" in text  # the body keeps its typography
    assert "Urząd Stanu Cywilnego" in (minimal / "org/structure.yaml").read_text("utf-8")
    assert qms(minimal, "--check") == (0, "Nic do naprawy.\n")


def test_a_repair_that_would_change_what_the_yaml_says_is_not_made() -> None:
    """In a block of text, „quotes” and hard spaces are the text itself."""
    raw = "opis: |\n  - „cytat”\n  17,00\u00a0zł\n".encode()
    fixed = fix_file("records/x.yaml", raw, load)
    assert fixed.text == raw.decode() and fixed.repairs == []


def test_typographic_quotes_around_a_value_become_plain() -> None:
    fixed = fix_file("records/x.yaml", "data: „2026-03-05”\n".encode(), load)
    assert fixed.text == 'data: "2026-03-05"\n'


def test_plain_quotes_and_escapes() -> None:
    fixed = fix_file("qms.yaml", "a: „C:\\dane”\nb: “x”  # uwaga\n".encode(), load)
    assert fixed.text == 'a: "C:\\\\dane"\nb: "x"  # uwaga\n'


def test_a_path_typed_with_backslashes(minimal: Path) -> None:
    spoil(minimal)
    code, out = qms(minimal, "--check", "documents\\procedures\\P-01.md")
    assert code == 1
    assert f"{P01}: do naprawy:" in out and "\\" not in out.split(":", 1)[0]


def test_a_crlf_checkout_of_git_for_windows_needs_no_fix(minimal: Path) -> None:
    """core.autocrlf=true checks files out with CRLF; git stores them with LF, so their line
    ends are nothing to repair — a real repair in such a file still is."""
    subprocess.run(["git", "config", "core.autocrlf", "true"], cwd=minimal, check=True)
    for path in [minimal / P01, minimal / "qms.yaml"]:
        path.unlink()
    subprocess.run(["git", "checkout", "--", "."], cwd=minimal, check=True)  # as a clone would
    assert b"\r\n" in (minimal / P01).read_bytes()
    assert (
        subprocess.run(
            ["git", "status", "--porcelain"], cwd=minimal, capture_output=True, check=True
        ).stdout
        == b""
    )
    assert qms(minimal, "--check") == (0, "Nic do naprawy.\n")
    text = (minimal / P01).read_bytes().replace(b"title: Nadz", b"title:\xc2\xa0Nadz")
    (minimal / P01).write_bytes(text)
    code, out = qms(minimal, "--check")
    assert code == 1 and f"{P01}: do naprawy: " in out and "CRLF" not in out


def test_crlf_that_git_would_store_is_still_repaired(minimal: Path) -> None:
    path = minimal / P01
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    code, out = qms(minimal, "--check")
    assert code == 1 and "końce wierszy CRLF zamienione na LF" in out
