"""`qms init` and `qms new` through the CLI, as the pełnomocnik and clerks use them."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.io.roundtrip import load_rt
from qms_cli.services.check import run_check
from qms_cli.services.documents.new import NewRequest, new_document
from tests.conftest import git

runner = CliRunner()


def test_init_creates_committed_repository(tmp_path: Path) -> None:
    target = tmp_path / "urzad"
    result = runner.invoke(
        app, ["init", str(target), "--kind", "miasto", "--name", "Urząd Miasta Zielonka"]
    )
    assert result.exit_code == 0, result.output
    assert "Utworzono repozytorium SZJ" in result.stdout
    assert git(target, "status", "--porcelain") == ""
    assert git(target, "log", "--format=%s").strip() == (
        "Utworzenie repozytorium dokumentacji SZJ (qms init)"
    )
    office = load_rt((target / "qms.yaml").read_text(encoding="utf-8"))["office"]
    assert office["kind"] == "miasto"
    assert office["name"] == "Urząd Miasta Zielonka"
    assert office["head_title"] == "Burmistrz Miasta Zielonka"
    assert office["head_title_genitive"] == "Burmistrza Miasta Zielonka"
    assert (target / ".qms/schemas/qms.schema.json").is_file()
    # what the user still has to write (placeholders) and the records of the office's own
    assert {f.code for f in run_check(target).findings} <= {
        "QMS009",
        "QMS013",
        "QMS023",
        "QMS032",
        "QMS090",
    }


def test_init_example_office_is_clean(tmp_path: Path) -> None:
    target = tmp_path / "przyklad"
    result = runner.invoke(app, ["init", str(target), "--example"])
    assert result.exit_code == 0, result.output
    office = load_rt((target / "qms.yaml").read_text(encoding="utf-8"))["office"]
    assert office["name"] == "Urząd Gminy Przykładowo"
    assert run_check(target).findings == []


def test_init_keeps_comments_of_the_profile(tmp_path: Path) -> None:
    runner.invoke(app, ["init", str(tmp_path / "u"), "--name", "Urząd Gminy Zielonka"])
    text = (tmp_path / "u" / "qms.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "Wójt Gminy Zielonka" in text


@pytest.mark.parametrize("content", ["file", "folder"])
def test_init_refuses_non_empty_target(tmp_path: Path, content: str) -> None:
    target = tmp_path / "urzad"
    target.mkdir()
    if content == "file":
        (target / "notatki.txt").write_text("ważne", encoding="utf-8")
    else:
        (target / "stare").mkdir()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = runner.invoke(app, ["init", str(target), "--example"])
    assert result.exit_code == 3
    assert "nie jest pusty — niczego nie zapisano" in result.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_init_into_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "pusty").mkdir()
    assert runner.invoke(app, ["init", str(tmp_path / "pusty"), "--example"]).exit_code == 0
    assert (tmp_path / "pusty" / "qms.yaml").is_file()


def test_init_without_git_identity_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "gitconfig"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    for name in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME", "EMAIL"):
        monkeypatch.delenv(name, raising=False)
    result = runner.invoke(app, ["init", str(tmp_path / "u"), "--example"])
    assert result.exit_code == 3
    assert "git nie zna autora zmian" in result.stderr
    assert not (tmp_path / "u").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["gitconfig"]


def test_init_unknown_kind(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["init", str(tmp_path / "u"), "--name", "Urząd Wsi X", "--kind", "wies"]
    )
    assert result.exit_code == 2 and "nieznana wartość „wies”" in result.stderr


def new(office: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["new", *args, "--path", str(office)])
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize(
    "doc_type", ["procedure", "process", "instruction", "form", "job-description", "order"]
)
def test_new_document_keeps_check_green(office: Path, doc_type: str) -> None:
    code, out = new(office, doc_type, "--title", "Nowy dokument")
    assert code == 0, out
    assert "(status: projekt)" in out
    findings = run_check(office).findings
    assert findings == [], findings


def test_new_takes_next_free_number(office: Path) -> None:
    existing = sorted(p.stem for p in (office / "documents/procedures").glob("P-*.md"))
    last = int(existing[-1].split("-")[1])
    code, out = new(office, "procedure", "--title", "Obsługa petycji")
    assert code == 0
    expected = f"P-{last + 1:02d}"
    assert f"Utworzono {expected}:" in out
    text = (office / f"documents/procedures/{expected}.md").read_text(encoding="utf-8")
    assert text.startswith(f"---\nid: {expected}\ntype: procedure\ntitle: Obsługa petycji\n")
    assert "## 5. Opis postępowania" in text


def test_new_service_card_needs_unit(office: Path) -> None:
    code, out = new(office, "service-card", "--title", "Zaświadczenie")
    assert code == 3 and "Podaj --unit" in out
    code, out = new(office, "service-card", "--title", "Zaświadczenie", "--unit", "USC")
    assert code == 0, out
    assert run_check(office).findings == []


def test_new_order_numbers_within_year(office: Path) -> None:
    result = new_document(
        office, NewRequest("order", title="w sprawie testu"), today=dt.date(2031, 5, 4)
    )
    assert result.id == "Z-2031-01"
    assert result.meta["number"] == "1/2031" and result.meta["date"] == "2031-05-04"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["regulamin"], "nieznany typ dokumentu „regulamin”"),
        (["procedure", "--process", "PR-99"], "nie ma procesu „PR-99”"),
        (["procedure", "--owner", "prezes"], "„prezes” nie jest rolą ani stanowiskiem"),
        (["service-card", "--unit", "XYZ"], "nie ma komórki „XYZ”"),
        (["policy"], "dokument PJ już istnieje"),
    ],
)
def test_new_refusals(office: Path, args: list[str], message: str) -> None:
    before = subprocess.run(
        ["git", "status", "--porcelain"], cwd=office, capture_output=True, text=True, check=True
    ).stdout
    code, out = new(office, *args)
    assert code == 3 and message in out
    after = subprocess.run(
        ["git", "status", "--porcelain"], cwd=office, capture_output=True, text=True, check=True
    ).stdout
    assert before == after


def test_init_fixes_line_endings_for_every_computer(tmp_path: Path) -> None:
    """Git for Windows (core.autocrlf=true) must not change what approvals name: the new
    repository says LF for its text files and binary for images and PDFs."""
    target = tmp_path / "urzad"
    result = runner.invoke(app, ["init", str(target), "--name", "Urząd Gminy Zielonka"])
    assert result.exit_code == 0, result.output
    attrs = git(target, "check-attr", "eol", "text", "--", "documents/procedures/P-01.md", "x.png")
    assert "documents/procedures/P-01.md: eol: lf" in attrs
    assert "x.png: text: unset" in attrs
    assert git(target, "ls-files", ".gitattributes").strip() == ".gitattributes"
