"""The example office's CI makes the redlines of the documents a change touches (an artifact
to read before signing): the same script in GitHub Actions and GitLab CI, run here."""

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
    steps = _yaml(TEMPLATE / ".github/workflows/qms.yml")["jobs"]["redline"]["steps"]
    return str(next(s["run"] for s in steps if "qms diff" in str(s.get("run", ""))))


def gitlab_script() -> str:
    script = _yaml(TEMPLATE / ".gitlab-ci.yml")["qms-redline"]["script"]
    return str(next(line for line in script if "qms diff" in str(line)))


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
    assert sorted(p.name for p in (office / "zmiany").iterdir()) == ["KU-USC-02.html"]
    page = (office / "zmiany/KU-USC-02.html").read_text(encoding="utf-8")
    assert (
        "<li>Opłaty – Odpis zupełny aktu stanu cywilnego, kwota: 33,00 zł → 39,00 zł</li>" in page
    )
