"""The project's CI (.github/workflows/tests.yml) is a valid GitHub Actions workflow (checked
offline against check-jsonschema's vendored schema) that runs the suite on Linux, Windows and
macOS with Python 3.11 to 3.13."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "tests.yml"


def validate(
    path: Path, schema: str = "vendor.github-workflows"
) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with its built-in GitHub workflow schema; no network: the proxy
    variables point nowhere, so a download would fail the run."""
    nowhere = "http://127.0.0.1:9"
    env = {"HTTP_PROXY": nowhere, "HTTPS_PROXY": nowhere, "NO_PROXY": ""}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            schema,
            str(path),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
    )


def test_the_workflow_validates() -> None:
    proc = validate(WORKFLOW)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ok -- validation done" in proc.stdout


def test_a_broken_workflow_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "tests.yml"
    text = WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:")
    broken.write_text(text, encoding="utf-8")
    proc = validate(broken)
    assert proc.returncode == 1, proc.stdout + proc.stderr


def test_the_matrix_covers_the_systems_offices_use() -> None:
    job = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["tests"]
    matrix = job["strategy"]["matrix"]
    assert matrix["os"] == ["ubuntu-latest", "windows-latest", "macos-latest"]
    assert matrix["python"] == ["3.11", "3.12", "3.13"]
    assert job["env"]["CI"] == "true"  # a missing tool fails rather than skips
    browser = next(s for s in job["steps"] if "QMS_CHROMIUM" in s.get("run", ""))
    assert browser["if"] == "runner.os == 'Linux'"


def test_the_example_office_ci_files_validate() -> None:
    """Issue 22: the CI that renders redlines and previews for a merge request is valid for
    both forges (GitHub's workflow schema, GitLab's CI schema; offline)."""
    template = ROOT / "docs-repo-template"
    for path, schema in (
        (template / ".github" / "workflows" / "qms.yml", "vendor.github-workflows"),
        (template / ".gitlab-ci.yml", "vendor.gitlab-ci"),
    ):
        proc = validate(path, schema)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "ok -- validation done" in proc.stdout
