"""`qms release` on a signed office: what it writes, what it refuses, and that an interrupted
release leaves the repository exactly as it was."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.model.register import from_data
from qms_cli.services.approval.approve import approve
from qms_cli.services.release.release import ReleaseRefused, release
from qms_cli.services.release.verify import verify_release
from tests.approval.conftest import Keys, Office
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # renders and tags the base office: ~15 s (benchmarks/README.md)

DEC = dt.date(2026, 12, 1)
P01 = "documents/procedures/P-01.md"


def state(office: Office) -> dict[str, object]:
    """Everything an interrupted release must leave as it was."""
    files = {
        str(p.relative_to(office.root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(office.root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(office.root).parts
    }
    return {
        "head": office.head(),
        "index": office.git("ls-files", "-s"),
        "status": office.git("status", "--porcelain"),
        "tags": office.git("tag", "-l"),
        "files": files,
    }


@pytest.fixture
def ready(office: Office, keys: Keys) -> Office:
    office.use_key(keys.sekretarz)  # the pełnomocnik signs the release
    return office


def test_release_writes_register_outputs_and_signed_tag(ready: Office) -> None:
    before = ready.head()
    result = release(ready.root, DEC)
    assert result.plan.release.id == "2026-12" and result.tag == "release/2026-12"
    # one new commit on the branch: register.yaml only; the documents are untouched
    assert ready.git("rev-parse", "HEAD~1").strip() == before
    assert ready.git("diff", "--name-only", "HEAD~1", "HEAD").split() == ["register.yaml"]
    assert ready.git("status", "--porcelain") == ""
    assert ready.git("cat-file", "-t", "release/2026-12").strip() == "tag"
    register = from_data(yaml.safe_load((ready.root / "register.yaml").read_text("utf-8")))
    entry = register.entry("P-01")
    assert entry is not None and (entry.edition, entry.in_force) == (1, "2026-12-01")
    assert entry.blob == ready.blob(P01)
    assert {a.meaning for a in entry.approvals} == {"review", "approval"}
    assert {a.name for a in entry.approvals} == {"Anna Sekretarz"}
    # outputs: every PDF, the BIP site, a manifest whose hash the signed tag carries
    dist = ready.root / "dist" / "2026-12"
    manifest = json.loads((dist / "manifest.json").read_bytes())
    assert "pdf/P-01.pdf" in manifest["outputs"] and "bip/index.html" in manifest["outputs"]
    for name, digest in manifest["outputs"].items():
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest
    assert manifest["documents"]["P-01"]["blob"] == entry.blob
    digest = hashlib.sha256((dist / "manifest.json").read_bytes()).hexdigest()
    assert f"Manifest: sha256:{digest}" in ready.git(
        "tag", "-l", "--format=%(contents)", "release/2026-12"
    )
    assert not list((Path(ready.git("rev-parse", "--git-dir").strip())).glob("qms-tmp/release-*"))


def test_verify_says_identical_and_detects_tampering(ready: Office) -> None:
    release(ready.root, DEC)
    result = verify_release(ready.root)
    assert result.identical, (result.problems, result.differences)
    assert result.signer.startswith("Anna Sekretarz")
    manifest = ready.root / "dist" / "2026-12" / "manifest.json"
    data = json.loads(manifest.read_bytes())
    data["outputs"]["pdf/P-01.pdf"] = "0" * 64
    manifest.write_text(json.dumps(data), encoding="utf-8")
    tampered = verify_release(ready.root, "2026-12")
    assert not tampered.identical
    assert any("różni się od podpisanego" in p for p in tampered.problems)


def test_second_release_with_nothing_changed_does_nothing(ready: Office) -> None:
    release(ready.root, DEC)
    before = state(ready)
    result = release(ready.root, dt.date(2026, 12, 15))
    assert result.plan.empty and result.tag is None
    assert state(ready) == before


def test_changed_document_gets_next_edition(ready: Office, keys: Keys) -> None:
    release(ready.root, DEC)
    ready.append(P01, "\nNowy krok procedury.\n")
    ready.commit("P-01: nowy krok", author=("Olek Or", "olek@x.invalid"))
    ready.use_key(keys.sekretarz)
    approve(ready.root, ["P-01"], "review")
    approve(ready.root, ["P-01"], "approval")
    result = release(ready.root, dt.date(2027, 1, 4))
    assert [(i.id, i.old_edition, i.new_edition) for i in result.plan.items] == [("P-01", 1, 2)]
    register = from_data(yaml.safe_load((ready.root / "register.yaml").read_text("utf-8")))
    entry = register.entry("P-01")
    assert entry is not None and entry.edition == 2 and entry.superseded[0].edition == 1
    assert entry.superseded[0].until == "2027-01-03"
    assert [c.change for c in register.changes if c.id == "P-01"] == ["nowy", "zmiana"]
    assert "P-01: nowy krok" in register.changes[-1].summary
    # the old edition is still retrievable, marked as superseded
    runner = CliRunner()
    out = ready.root / "old"
    rendered = runner.invoke(
        app,
        ["render", "pdf", "P-01", "--edition", "1", "--path", str(ready.root), "--out", str(out)],
    )
    assert rendered.exit_code == 0, rendered.output
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(out / "P-01.pdf").pages)
    assert "NIEAKTUALNY" in text


def test_refusal_lists_every_reason_and_changes_nothing(office: Office) -> None:
    office.append(P01, "\nZmiana bez zatwierdzenia.\n")
    office.commit("P-01: zmiana")
    (office.root / "notatka.txt").write_text("szkic", encoding="utf-8")
    before = state(office)
    with pytest.raises(ReleaseRefused) as refused:
        release(office.root, DEC)
    reasons = refused.value.reasons
    assert any(r.startswith("niezapisane zmiany: ?? notatka.txt") for r in reasons)
    assert any(
        r.startswith("P-01: podpis „Sprawdził”") and r.endswith("wymaga ponownego podpisu")
        for r in reasons
    )
    assert any(r.startswith("brak klucza do podpisu wydania") for r in reasons)
    assert not any(r.startswith("qms check zgłasza błędy") for r in reasons)  # listed above
    assert state(office) == before


def test_release_needs_the_pelnomocnik_key(office: Office, keys: Keys) -> None:
    office.use_key(keys.wojt)
    with pytest.raises(ReleaseRefused) as refused:
        release(office.root, DEC)
    assert refused.value.reasons == [
        "wydanie podpisuje Pełnomocnik ds. SZJ, a skonfigurowany klucz należy do Jan Wójt (wojt)"
    ]


def test_dry_run_writes_nothing(ready: Office) -> None:
    before = state(ready)
    result = runner_release(ready, "--date", "2026-12-01", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Próba (--dry-run)" in result.stdout and "P-01" in result.stdout
    assert state(ready) == before


def runner_release(
    office: Office, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qms_cli", "release", *args],
        cwd=office.root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        check=False,
    )


@pytest.mark.linux_only("killed by SIGKILL, seen as exit status -9")
@pytest.mark.parametrize("step", ["commit", "render", "tag", "publish"])
def test_killed_release_leaves_repository_as_it_was(ready: Office, step: str) -> None:
    before = state(ready)
    proc = runner_release(ready, "--date", "2026-12-01", env={"QMS_TEST_KILL_AT": step})
    assert proc.returncode == -9, proc.stderr
    assert state(ready) == before
    # and the next release succeeds
    assert runner_release(ready, "--date", "2026-12-01").returncode == 0


@pytest.mark.parametrize("step", ["render", "tag"])
def test_failing_write_leaves_repository_as_it_was(ready: Office, step: str) -> None:
    before = state(ready)
    proc = runner_release(ready, "--date", "2026-12-01", env={"QMS_TEST_FAIL_AT": step})
    assert proc.returncode == 3, proc.stderr
    assert "zapis nie powiódł się (No space left on device (simulated))" in proc.stderr
    assert state(ready) == before


def test_release_list(ready: Office) -> None:
    release(ready.root, DEC)
    result = CliRunner().invoke(app, ["release", "list", "--path", str(ready.root)])
    assert (
        result.exit_code == 0 and "2026-12" in result.stdout and "release/2026-12" in result.stdout
    )


@pytest.mark.linux_only("killed by SIGKILL")
def test_release_killed_after_publishing_is_finished_by_the_next_run(ready: Office) -> None:
    proc = runner_release(ready, "--date", "2026-12-01", env={"QMS_TEST_KILL_AT": "published"})
    assert proc.returncode == -9
    # the release happened (branch and tag moved), but its outputs never reached dist/
    assert ready.git("tag", "-l").split() == ["release/2026-12"]
    assert not (ready.root / "dist" / "2026-12").exists()
    again = runner_release(ready, "--date", "2026-12-01")
    assert again.returncode == 0, again.stderr
    assert "Nic do wydania" in again.stdout
    assert verify_release(ready.root).identical
    assert ready.git("status", "--porcelain") == ""
    scratch = Path(ready.git("rev-parse", "--git-path", "qms-tmp").strip())
    assert not list((ready.root / scratch).glob("release-*"))


def test_register_left_behind_by_a_kill_is_restored(ready: Office) -> None:
    release(ready.root, DEC)
    # as if killed between the ref transaction and the checkout of register.yaml
    ready.git("rm", "-q", "--cached", "register.yaml")
    (ready.root / "register.yaml").unlink()
    result = release(ready.root, dt.date(2026, 12, 2))
    assert result.plan.empty
    assert ready.git("status", "--porcelain") == ""
    assert (ready.root / "register.yaml").is_file()


def test_rendering_reports_progress_per_document(ready: Office) -> None:
    from qms_cli.services.documents.render_pdf import render_pdf

    seen: list[tuple[int, int]] = []
    report = render_pdf(
        ready.root, None, ready.root / "out", progress=lambda d, t: seen.append((d, t))
    )
    total = seen[-1][1]
    assert seen[-1] == (total, total) and total == len(report.written)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
