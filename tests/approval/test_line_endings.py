"""Git for Windows checks text files out with CRLF (``core.autocrlf=true``, or ``eol=crlf`` in
.gitattributes): approvals, ``qms approve``, the registry commit, PDFs and the release judge
git's view of a file (the LF blob), never the bytes on the disk."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from qms_cli.model.register import from_data
from qms_cli.services.approval.approve import approve, commit_registry
from qms_cli.services.approval.evaluation import evaluate
from qms_cli.services.documents.render_pdf import plan_pdf
from qms_cli.services.loading import load_repository
from qms_cli.services.release.release import release
from tests.approval.conftest import (
    BASE_APPROVALS,
    P01,
    SIGNERS,
    Keys,
    Office,
    register,
)
from tests.conftest import FIXTURES

MODES = ["autocrlf", "eol-crlf"]


def stored(office: Office, spec: str) -> bytes:
    """The bytes of a blob (``Office.git`` reads text, which would turn CRLF into LF)."""
    return subprocess.run(
        ["git", "cat-file", "blob", spec], cwd=office.root, capture_output=True, check=True
    ).stdout


def crlf(path: Path) -> None:
    """The file as a Windows editor saves it."""
    raw = path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    path.write_bytes(raw)


def crlf_office(root: Path, keys: Keys, mode: str) -> Office:
    """The minimal office, imported, checked out again with CRLF, its registry committed with
    ``qms signers commit`` and every document approved with ``qms approve``."""
    shutil.copytree(FIXTURES / "minimal", root)
    office = Office(root)
    office.git("init", "-q", "-b", "main")
    if mode == "autocrlf":
        office.git("config", "core.autocrlf", "true")
    else:
        (root / ".gitattributes").write_text("* text=auto eol=crlf\n", encoding="utf-8")
    office.commit("Repozytorium urzędu", author=("Demo Import", "import@testowo.invalid"))
    for rel in office.git("ls-files", "-z").split("\0"):
        if rel:
            (root / rel).unlink()
    office.git("checkout", "--", ".")  # what a clone on Windows holds
    assert b"\r\n" in (root / P01).read_bytes()
    assert b"\r" not in stored(office, f"HEAD:{P01}")
    register(office, keys)
    crlf(root / SIGNERS)
    crlf(root / "qms.yaml")
    office.use_key(keys.wojt)
    commit_registry(root, "Rejestr podpisujących")
    for who, meaning, docs in BASE_APPROVALS:
        office.use_key(getattr(keys, who))
        approve(root, docs, meaning)
    office.git("config", "--unset", "user.signingkey")
    return office


@pytest.fixture(params=MODES)
def windows_office(request: pytest.FixtureRequest, tmp_path: Path, keys: Keys) -> Office:
    return crlf_office(tmp_path / "office", keys, request.param)


def test_crlf_checkout_approves_with_no_findings(windows_office: Office) -> None:
    office = windows_office
    assert office.findings() == []
    assert office.git("status", "--porcelain") == ""
    for rel in (SIGNERS, "qms.yaml"):  # stored as git add would store them: LF
        raw = stored(office, f"HEAD:{rel}")
        assert b"\r" not in raw and raw.count(b"\n") > 5, rel
    assert b"\r\n" in (office.root / SIGNERS).read_bytes()  # the working file is untouched


def test_an_edited_crlf_file_is_judged_as_git_would_store_it(windows_office: Office) -> None:
    office = windows_office
    office.edit(P01, "## 1. Cel", "## 1. Cel procedury")
    crlf(office.root / P01)
    info = evaluate(load_repository(office.root), use_cache=False).walk
    assert info is not None
    office.git("add", P01)
    assert info.docs["P-01"].current_blob == office.git("rev-parse", f":{P01}").strip()


def test_pdfs_of_a_crlf_checkout_are_not_marked_unsaved(windows_office: Office) -> None:
    plan = plan_pdf(windows_office.root, ["P-01", "PJ"])
    text = json.dumps([job.context for job in plan.jobs], ensure_ascii=False)
    assert "niezapisan" not in text and "P-01" in text


@pytest.mark.slow  # renders and tags the office (~15 s each)
@pytest.mark.parametrize("mode", MODES)
def test_release_of_a_crlf_checkout(tmp_path: Path, keys: Keys, mode: str) -> None:
    office = crlf_office(tmp_path / "office", keys, mode)
    office.use_key(keys.sekretarz)
    result = release(office.root, dt.date(2026, 12, 1))
    assert result.tag == "release/2026-12"
    assert office.git("status", "--porcelain") == ""
    assert office.findings() == []
    raw = stored(office, "HEAD:register.yaml")
    assert b"\r" not in raw

    entry = from_data(yaml.safe_load(raw)).entry("P-01")
    assert entry is not None and entry.blob == office.blob(P01) and entry.edition == 1
