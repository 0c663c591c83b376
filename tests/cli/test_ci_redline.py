"""The example office's CI makes a preview of what a change touches (redlines, PDFs, the BIP
draft, a summary: `qms preview`): the same command in GitHub Actions and GitLab CI, run here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from qms_cli.resources import data_path
from tests.conftest import git, need_tool

TEMPLATE = data_path("docs-repo-template")


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def github_script() -> str:
    steps = _yaml(TEMPLATE / ".github/workflows/qms.yml")["jobs"]["preview"]["steps"]
    run = str(next(s["run"] for s in steps if "qms preview" in str(s.get("run", ""))))
    return next(line for line in run.splitlines() if "qms preview" in line)


def gitlab_script() -> str:
    script = _yaml(TEMPLATE / ".gitlab-ci.yml")["qms-preview"]["script"]
    return str(next(line for line in script if "qms preview" in str(line)))


def test_both_pipelines_run_the_same_script() -> None:
    assert github_script().strip() == gitlab_script().strip()


@pytest.mark.posix_only("the pipelines run sh on Linux")
def test_the_script_writes_a_page_per_changed_document(office: Path) -> None:
    need_tool(shutil.which("sh") is not None, "sh")
    base = git(office, "rev-parse", "HEAD").strip()
    card = office / "documents/service-cards/KU-USC-02.md"
    card.write_text(
        card.read_text(encoding="utf-8").replace('"33,00 zł"', '"39,00 zł"'), encoding="utf-8"
    )
    (office / "documents/procedures/P-99.md").write_text(
        "---\nid: P-99\n---\n# Nowa\n", encoding="utf-8"
    )
    git(office, "add", "-A")
    git(office, "commit", "-q", "-m", "zmiana")
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "BASE": base, "PATH": bin_dir + os.pathsep + os.environ["PATH"]}
    proc = subprocess.run(
        ["sh", "-c", github_script()],
        check=False,
        cwd=office,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    out = office / "podglad"
    assert sorted(p.name for p in (out / "zmiany").iterdir()) == ["KU-USC-02.html", "KU-USC-02.pdf"]
    page = (out / "zmiany/KU-USC-02.html").read_text(encoding="utf-8")
    assert (
        "<li>Opłaty – Odpis zupełny aktu stanu cywilnego, kwota: 33,00 zł → 39,00 zł</li>" in page
    )
    summary = (out / "podsumowanie.md").read_text(encoding="utf-8")
    assert "`zmiany/KU-USC-02.html`, `zmiany/KU-USC-02.pdf` |" in summary
    assert "błędów w plikach niepublicznych: 4" in summary  # the broken P-99, not quoted
