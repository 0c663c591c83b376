"""The project's CI (.github/workflows/tests.yml) is a valid GitHub Actions workflow (checked
offline against check-jsonschema's vendored schema) that runs the suite on Linux, Windows and
macOS with Python 3.11 to 3.13."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
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


METRICS_CI = (  # issue 20: the office's metrics job and the coordinator's regional pipeline
    (".github/workflows/metrics.yml", "vendor.github-workflows"),
    (".gitlab-ci.yml", "vendor.gitlab-ci"),
    ("ci/region/github-compare.yml", "vendor.github-workflows"),
    ("ci/region/gitlab-ci.yml", "vendor.gitlab-ci"),
)


@pytest.mark.parametrize(("rel", "schema"), METRICS_CI)
def test_the_metrics_ci_files_validate(rel: str, schema: str) -> None:
    proc = validate(ROOT / "docs-repo-template" / rel, schema)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ok -- validation done" in proc.stdout


def _load(rel: str) -> Any:
    return yaml.safe_load((ROOT / "docs-repo-template" / rel).read_text(encoding="utf-8"))


def test_the_office_jobs_sign_the_metrics_and_publish_them() -> None:
    job = _load(".github/workflows/metrics.yml")["jobs"]["metrics"]
    runs = " ".join(str(s.get("run", "")) for s in job["steps"])
    assert 'qms metrics --year "$YEAR" --sign --out "metrics-$YEAR.json"' in runs
    upload = next(s for s in job["steps"] if s.get("uses") == "actions/upload-artifact@v4")
    assert upload["with"]["name"] == "qms-metrics"
    assert "metrics-*.json.sig" in upload["with"]["path"]
    gitlab = _load(".gitlab-ci.yml")["qms-metrics"]
    assert 'qms metrics --year "$YEAR" --sign --out "metrics-$YEAR.json"' in gitlab["script"]
    assert "metrics-*.json.sig" in gitlab["artifacts"]["paths"]


def test_the_regional_pipelines_collect_and_compare() -> None:
    github = _load("ci/region/github-compare.yml")["jobs"]
    assert len(github["collect"]["strategy"]["matrix"]["office"]) >= 2  # a matrix of offices
    compare = " ".join(str(s.get("run", "")) for s in github["compare"]["steps"])
    assert "qms compare artefakty --offices offices.yaml --out porownanie" in compare
    assert "--anonymous" in compare
    gitlab = _load("ci/region/gitlab-ci.yml")
    assert gitlab["collect"]["parallel"]["matrix"][0]["OFFICE"]
    assert any(
        "jobs/artifacts/main/download?job=qms-metrics" in line
        for line in gitlab["collect"]["script"]
    )
    assert any("qms compare artefakty" in line for line in gitlab["compare"]["script"])
