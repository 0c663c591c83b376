"""The demo's approval steps on the example office: demo keys outside the repository, the
registry signed by the Wójt (trust root), every document approved, ``qms check`` clean."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli import demo_signing
from qms_cli.cli.main import app
from qms_cli.model import governed
from qms_cli.model.record_approvals import record_infos
from qms_cli.services.approval.evaluation import approval_matrix
from qms_cli.services.check import run_check
from qms_cli.services.documents.init import init_office
from qms_cli.services.loading import load_repository
from tests.conftest import need_tool

pytestmark = pytest.mark.slow  # see benchmarks/README.md: make test-fast skips it


def test_demo_approves_every_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    need_tool(shutil.which("ssh-keygen") is not None, "ssh-keygen")
    office = tmp_path / "demo-office"
    init_office(office)

    def qms(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> int:
        with monkeypatch.context() as patch:
            for name, value in (env or {}).items():
                patch.setenv(name, value)
            if cwd is not None:
                patch.chdir(cwd)
            return CliRunner().invoke(app, list(args)).exit_code

    for name, step in demo_signing.steps(office, qms):
        assert step() == 0, name
    assert run_check(office, use_cache=False).findings == []
    keys = tmp_path / "demo-keys"
    assert "KLUCZE DEMONSTRACYJNE" in (keys / "README.txt").read_text(encoding="utf-8")
    assert all(demo_signing.KEY_COMMENT in p.read_text() for p in keys.glob("*.pub"))
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=office, capture_output=True, text=True, check=True
    ).stdout
    assert "DEMO" not in tracked
    repo = load_repository(office).repo
    matrix = approval_matrix(repo.config)
    required = sum(len(matrix.get(d.type, [])) for d in repo.documents)
    configuration = governed.governed(tracked.splitlines())
    assert "qms.yaml" in configuration  # approved like a document, by the head of office
    required += sum(len(matrix[governed.governed_type(p)]) for p in configuration)
    records = [r for r in record_infos(repo) if r.required]  # issue 16: signed records
    assert {r.type for r in records} == {
        "audit-programme",
        "audit-report",
        "management-review",
        "capa-closure",
    }
    required += sum(len(matrix[r.type]) for r in records)
    log = subprocess.run(
        ["git", "log", "--format=%(trailers:key=QMS-Approve,valueonly)"],
        cwd=office,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert len([line for line in log.splitlines() if line.strip()]) == required
    pending_after_an_edit(office)


def pending_after_an_edit(office: Path) -> None:
    """Issue 22: `qms pending` on the signed example office after an unsigned edit of a
    service card — exactly who must sign it again, in which meaning, since which commit."""
    card = office / "documents/service-cards/KU-USC-01.md"
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("## Ważne informacje", "## Ważne informacje dla rodziców"))
    git = ["git", "-c", "user.name=Demo qms", "-c", "user.email=demo@qms.invalid"]
    subprocess.run([*git, "commit", "-qam", "KU-USC-01: uwagi"], cwd=office, check=True)
    show = ["git", "log", "-1", "--format=%H %cs"]
    commit, day = subprocess.run(
        show, cwd=office, capture_output=True, text=True, check=True
    ).stdout.split()
    result = CliRunner().invoke(app, ["pending", "--path", str(office)])
    assert result.exit_code == 0, result.output
    since = (
        f"ponownie po zmianie; treść z {day}, commit {commit[:10]}; zmienił(a): Demo qms (wg git)"
    )
    waiting = [line for line in result.output.splitlines() if "KU-USC-01 „" in line]
    title = "KU-USC-01 „Rejestracja urodzenia dziecka”"
    assert waiting == [
        f"  {title}: „Zatwierdził” (approval), {since}",  # the head of office may approve
        f"  {title}: „Zatwierdził” (approval), {since}",  # and so may the pełnomocnik
        f"  {title}: „Sprawdził” (review), {since}",  # the card's owner reviews
    ]
    people = [line for line in result.output.splitlines() if not line.startswith(" ")]
    assert people[:3] == [
        "Jan Nowicki (wojt, jan-nowicki): czeka na podpis 1:",
        "Anna Kowalczyk (sekretarz, anna-kowalczyk): czeka na podpis 1:",
        "Barbara Mazur (skarbnik, barbara-mazur): nic nie czeka na podpis.",
    ]
    assert "Ewa Krawczyk (kierownik-usc, ewa-krawczyk): czeka na podpis 1:" in people
    # the six lead auditors signed their reports (issue 16) and wait for nothing either
    assert sum("nic nie czeka na podpis" in line for line in people) == 12
