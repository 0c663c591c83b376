"""`pip install .` (not editable) works from any folder: the data ships inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # see benchmarks/README.md: make test-fast skips it


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("qms-*.whl"))


def test_wheel_carries_schemas_templates_and_example_office(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "qms_cli/_data/schemas/document.schema.json" in names
    assert "qms_cli/_data/docs-repo-template/qms.yaml" in names
    assert any(n.startswith("qms_cli/_data/templates/") for n in names)
    assert not any(n.startswith(("tests/", "benchmarks/", "demo-office/")) for n in names)


def test_installed_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # the wheel's own qms_cli comes first; its dependencies come from the test environment
    env = {**os.environ, "PYTHONPATH": str(target), "PYTHONSAFEPATH": "1"}
    probe = subprocess.run(
        [sys.executable, "-c", "import qms_cli.resources as r; print(r.data_path('schemas'))"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.strip().startswith(str(target))
    init = subprocess.run(
        [sys.executable, "-m", "qms_cli", "init", "urzad", "--example"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert init.returncode == 0, init.stderr
    assert (elsewhere / "urzad" / ".qms" / "schemas" / "document.schema.json").is_file()
    check = subprocess.run(
        [sys.executable, "-m", "qms_cli", "check", "urzad"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
