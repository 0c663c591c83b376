"""`qms check` as a user runs it: exit codes, messages with file and line, output formats."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from tests.edit import append, edit_yaml, replace

runner = CliRunner()
P01 = "documents/procedures/P-01.md"


def check(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def test_clean_repository_exits_0(minimal: Path) -> None:
    code, out, _ = check(str(minimal))
    assert code == 0
    assert out.strip().endswith("Błędy: 0, ostrzeżenia: 0.")


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda r: replace(r / "jrwa.yaml", "classes:", "classes: [\n"),
            "jrwa.yaml:3: QMS002 błąd: niepełna wartość",
        ),
        (
            lambda r: replace(r / "org/auditors.yaml", "  - id: AUD-02", "\t- id: AUD-02"),
            "org/auditors.yaml:10: QMS002 błąd: znak tabulacji — w YAML wcięcia robi się spacjami",
        ),
        (
            lambda r: replace(r / P01, 'clauses: ["7.5"]', "clauses: 7.5"),
            f"{P01}:8: QMS001 błąd: w polu „clauses”: zły typ wartości 7.5: oczekiwano listy",
        ),
        (
            lambda r: replace(r / P01, 'jrwa: "0143"', 'jrwa: "0143"\nnotatka: x'),
            f"{P01}:2: QMS001 błąd: w pliku: nieznane pole: „notatka”",
        ),
        (
            lambda r: replace(r / P01, "title: Nadzór nad dokumentacją\n", ""),
            f"{P01}:2: QMS001 błąd: w pliku: brak wymaganego pola „title”",
        ),
        (
            lambda r: replace(r / P01, "related: [KJ]", "related: [KJ, P-42]"),
            f"{P01}:9: QMS010 błąd: odwołanie do nieistniejącego dokumentu P-42",
        ),
        (
            lambda r: replace(r / P01, "id: P-01", "id: ../../etc/passwd"),
            f"{P01}:2: QMS005 błąd: niedozwolone id '../../etc/passwd'",
        ),
        (
            lambda r: replace(r / P01, "title: Nadzór", "title: Nadzór\ntitle: Drugi"),
            f"{P01}:5: QMS002 błąd: powtórzony klucz „title”",
        ),
        (
            lambda r: (r / "documents/forms/F-02.md").write_bytes(
                b"---\nid: F-02\n\xff\xfe\n---\n"
            ),
            "documents/forms/F-02.md:3: QMS003 błąd: niepoprawne kodowanie: bajt 0xff",
        ),
        (
            lambda r: (r / "documents/forms/logo.exe").write_bytes(b"MZ\x00\x01"),
            "documents/forms/logo.exe: QMS101 błąd: plik nieobsługiwany w documents/",
        ),
        (
            lambda r: (r / "documents/forms/F-03.md").write_bytes(b"\x00\x01binary"),
            "documents/forms/F-03.md: QMS003 błąd: plik binarny",
        ),
        (
            lambda r: (r / "documents/forms/F-04.md").write_text(
                "Bez nagłówka\n", encoding="utf-8"
            ),
            "documents/forms/F-04.md:1: QMS002 błąd: brak nagłówka YAML",
        ),
    ],
    ids=[
        "malformed",
        "tab",
        "wrong-type",
        "unknown-key",
        "missing-field",
        "broken-ref",
        "path-id",
        "duplicate-key",
        "invalid-utf8",
        "binary-asset",
        "binary-md",
        "no-front-matter",
    ],
)
def test_bad_input_is_a_finding_with_file_and_line(minimal: Path, mutate, expected: str) -> None:  # type: ignore[no-untyped-def]
    mutate(minimal)
    code, out, err = check(str(minimal), "--no-cache")
    assert code == 1, out + err
    assert expected in out, out
    assert "Traceback" not in out + err


def test_duplicate_ids_say_how_to_renumber(minimal: Path) -> None:
    (minimal / "documents/procedures/P-07.md").write_text(
        (minimal / P01).read_text(encoding="utf-8"), encoding="utf-8"
    )
    _, out, _ = check(str(minimal))
    assert "QMS004 błąd: id P-01 ma już documents/procedures/P-01.md" in out
    assert "nadaj nowe id, np. P-02" in out


def test_every_problem_reported_in_one_run(minimal: Path) -> None:
    replace(minimal / P01, "related: [KJ]", "related: [X-1]")
    append(minimal / P01, '\nTak zwany "obieg".\n')
    edit_yaml(minimal / "qms.yaml", lambda d: d.__setitem__("rules", {"QMS072": "error"}))
    code, out, _ = check(str(minimal))
    assert code == 1
    assert "QMS010 błąd" in out and "QMS072 błąd" in out


def test_warnings_fail_only_with_strict(minimal: Path) -> None:
    append(minimal / P01, '\nTak zwany "obieg".\n')
    assert check(str(minimal))[0] == 0
    assert check(str(minimal), "--strict")[0] == 1


def test_severity_off_in_config(minimal: Path) -> None:
    append(minimal / P01, '\nTak zwany "obieg".\n')
    edit_yaml(minimal / "qms.yaml", lambda d: d.__setitem__("rules", {"QMS072": "off"}))
    code, out, _ = check(str(minimal), "--strict")
    assert code == 0 and "QMS072" not in out


def test_suppression_with_reason(minimal: Path) -> None:
    append(minimal / P01, '\nTak zwany "obieg".\n')
    edit_yaml(
        minimal / P01,
        lambda d: d.__setitem__("suppress", [{"rule": "QMS072", "reason": "cytat z ustawy"}]),
    )
    assert check(str(minimal), "--strict")[0] == 0


@pytest.mark.parametrize("kind", ["empty", "missing", "file"])
def test_not_an_office_repository_exits_3(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "x"
    if kind == "empty":
        target.mkdir()
    elif kind == "file":
        target.write_text("x", encoding="utf-8")
    code, out, err = check(str(target))
    assert code == 3
    assert out == ""
    assert err.startswith("qms: błąd: ")
    assert (
        "nie jest repozytorium dokumentacji SZJ: brak pliku qms.yaml" in err
        or "nie istnieje" in err
    )


def test_non_git_folder_with_profile_is_checked(minimal: Path, tmp_path: Path) -> None:
    import shutil

    plain = tmp_path / "plain"
    shutil.copytree(minimal, plain, ignore=shutil.ignore_patterns(".git"))
    assert check(str(plain))[0] == 0


def test_check_is_read_only(minimal: Path) -> None:
    before = {p: p.read_bytes() for p in minimal.rglob("*") if p.is_file()}
    check(str(minimal))
    after = {p: p.read_bytes() for p in minimal.rglob("*") if p.is_file()}
    assert before == after


def test_cache_sees_edits(minimal: Path) -> None:
    assert check(str(minimal))[0] == 0
    replace(minimal / P01, "related: [KJ]", "related: [X-1]")
    code, out, _ = check(str(minimal))
    assert code == 1 and "X-1" in out
    replace(minimal / P01, "related: [X-1]", "related: [KJ]")
    assert check(str(minimal))[0] == 0


def test_unknown_format_is_usage_error(minimal: Path) -> None:
    assert check(str(minimal), "--format", "yaml")[0] == 2


@pytest.fixture
def broken(minimal: Path) -> Path:
    replace(minimal / P01, "related: [KJ]", "related: [X-1]")
    append(minimal / P01, '\nTak zwany "obieg".\n')
    return minimal


def test_json_format(broken: Path) -> None:
    code, out, _ = check(str(broken), "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["summary"] == {"info": 0, "warning": 1, "error": 1}
    first = data["findings"][0]
    assert first["code"] == "QMS010" and first["path"] == P01 and first["line"] == 9
    assert first["rule"] == "reference-unresolved"


def test_junit_format(broken: Path) -> None:
    _, out, _ = check(str(broken), "--format", "junit")
    suite = ET.fromstring(out).find("testsuite")
    assert suite is not None and suite.get("failures") == "1" and suite.get("tests") == "2"
    failure = suite.find("testcase/failure")
    assert failure is not None and failure.get("type") == "QMS010"


def test_sarif_format(broken: Path) -> None:
    _, out, _ = check(str(broken), "--format", "sarif")
    run = json.loads(out)["runs"][0]
    assert run["tool"]["driver"]["name"] == "qms"
    result = run["results"][0]
    assert result["ruleId"] == "QMS010" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 9


def test_github_format(broken: Path) -> None:
    _, out, _ = check(str(broken), "--format", "github")
    assert (
        f"::error file={P01},line=9,title=QMS010::odwołanie do nieistniejącego dokumentu X-1" in out
    )
    assert "::warning file=" in out


def test_gitlab_format(broken: Path) -> None:
    _, out, _ = check(str(broken), "--format", "gitlab")
    issues = json.loads(out)
    assert {i["check_name"] for i in issues} == {"QMS010", "QMS072"}
    assert all(len(i["fingerprint"]) == 64 for i in issues)
    assert issues[0]["location"] == {"path": P01, "lines": {"begin": 9}}


def test_cache_sees_a_same_size_edit_within_the_same_second(minimal: Path) -> None:
    target = minimal / P01
    os.utime(target)  # edited just now, as a clerk's save right before a check would be
    assert check(str(minimal))[0] == 0
    stat = target.stat()
    text = target.read_text(encoding="utf-8").replace("related: [KJ]", "related: [XJ]")
    target.write_text(text, encoding="utf-8")
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
    code, out, _ = check(str(minimal))
    assert code == 1 and "XJ" in out


def test_bodies_are_read_after_a_check_filled_the_cache(minimal: Path) -> None:
    from qms_cli.services.loading import load_repository

    assert check(str(minimal))[0] == 0  # fills the cache, which keeps no document bodies
    loaded = load_repository(minimal)
    body = loaded.repo.docs_by_id["P-01"].body
    assert body.startswith("# Nadzór nad dokumentacją") and "## 1. Cel" in body
    assert loaded.repo.docs_by_id["P-01"].body_line == 13
    assert "Zobowiązujemy się" in load_repository(minimal, bodies=False).repo.docs_by_id["PJ"].body


def test_windows_line_endings_are_read_like_unix_ones(minimal: Path) -> None:
    """A file saved with CRLF (Notepad) checks the same, with the same lines."""
    append(minimal / P01, '\nTak zwany "obieg".\n')
    _, unix, _ = check(str(minimal))
    for path in (minimal / P01, minimal / "records" / "risks.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    code, windows, _ = check(str(minimal))
    assert code == 0 and windows == unix
    assert f"{P01}:" in windows and "QMS072" in windows
