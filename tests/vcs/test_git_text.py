"""git's input and output as qms exchanges them: bytes written as given (Windows' text mode
would turn every LF into CRLF, so a commit message's trailers would end in CR) and UTF-8 read
back with line ends as Python's text mode reads them."""

from __future__ import annotations

from pathlib import Path

from qms_cli.vcs.git import as_text, run_git
from qms_cli.vcs.objects import blob_id


def test_input_reaches_git_byte_for_byte(office: Path) -> None:
    text = "QMS-Approve: P-01\nQMS-Blob: żółć\n"
    proc = run_git(["hash-object", "--stdin"], office, input_text=text)
    assert proc.returncode == 0
    assert proc.stdout.strip() == blob_id(text.encode("utf-8"))


def test_output_is_utf8_with_text_line_ends() -> None:
    assert as_text("Łódź\r\nżółw\rkoniec\n".encode()) == "Łódź\nżółw\nkoniec\n"
    assert as_text(b"bez zmian\n") == "bez zmian\n"


def test_polish_paths_come_back_from_git(office: Path) -> None:
    (office / "documents" / "załącznik.md").write_text("x\n", encoding="utf-8")
    out = run_git(["status", "--porcelain", "-z", "--untracked-files=all"], office).stdout
    assert "documents/załącznik.md" in out.split("\0")[0]
