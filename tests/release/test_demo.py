"""`make demo` from start to end: the example office is signed, released and verified."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, need_tool

pytestmark = pytest.mark.slow  # see benchmarks/README.md: make test-fast skips it


def test_demo_ends_with_a_verified_release(tmp_path: Path) -> None:
    need_tool(shutil.which("ssh-keygen") is not None, "ssh-keygen")
    office = tmp_path / "demo-office"
    proc = subprocess.run(
        [sys.executable, "-m", "qms_cli.demo", str(office)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    out = proc.stdout
    assert "Sprawdzono plików" in out and "Błędy: 0, ostrzeżenia: 0." in out
    assert "Wynik: identyczne" in out
    release = office / "dist" / "2026-11"
    assert f"Księga Jakości: {release / 'pdf' / 'ksiega-jakosci.pdf'}" in out
    assert (release / "bip" / "index.html").as_uri() in out
    manifest = json.loads((release / "manifest.json").read_bytes())
    assert manifest["release"] == "2026-11" and len(manifest["outputs"]) > 100
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=office, capture_output=True, text=True, check=True
    ).stdout
    assert status == ""
    keys = tmp_path / "demo-keys"
    assert keys.is_dir() and not (office / "demo-keys").exists()
