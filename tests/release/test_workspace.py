"""One workspace per command: the repository is read once and the approvals judged once,
and a PDF of one document judges that document's approvals only."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.services import loading
from qms_cli.services.approval import evaluation as approvals
from qms_cli.services.documents.render_pdf import plan_pdf
from qms_cli.services.workspace import Workspace
from tests.approval.conftest import Keys, Office

# every module that calls them, imported before they are counted (the CLI imports lazily)
CALLERS = [
    "qms_cli.services.check",
    "qms_cli.services.approval.history",
    "qms_cli.services.release.release",
    "qms_cli.services.release.outputs",
    "qms_cli.services.release.verify",
    "qms_cli.services.documents.render_bip",
    "qms_cli.services.documents.render_pdf",
    "qms_cli.services.workspace",
]


def counted(monkeypatch: pytest.MonkeyPatch, original: Callable[..., Any]) -> list[tuple[Any]]:
    """Replace ``original`` wherever a qms module holds it; the calls are recorded (not the
    ones it makes of itself: ``evaluate`` calls itself once it has started git)."""
    for name in CALLERS:
        importlib.import_module(name)
    calls: list[tuple[Any]] = []
    depth = [0]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not depth[0]:
            calls.append(args)
        depth[0] += 1
        try:
            return original(*args, **kwargs)
        finally:
            depth[0] -= 1

    for name, module in list(sys.modules.items()):
        if name.startswith("qms_cli") and getattr(module, original.__name__, None) is original:
            monkeypatch.setattr(module, original.__name__, wrapper)
    return calls


@pytest.mark.slow  # renders every PDF and the BIP site of the office
def test_release_dry_run_reads_once_and_judges_once(
    office: Office, keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    office.use_key(keys.sekretarz)  # the pełnomocnik signs the release
    loads = counted(monkeypatch, loading.load_repository)
    evaluations = counted(monkeypatch, approvals.evaluate)
    result = CliRunner().invoke(
        app, ["release", "--date", "2026-12-01", "--dry-run", "--path", str(office.root)]
    )
    assert result.exit_code == 0, result.output
    assert "Próba (--dry-run)" in result.output
    assert len(loads) == 1
    assert len(evaluations) == 1


def test_one_document_judges_only_that_document(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    evaluations = counted(monkeypatch, approvals.evaluate)
    ws = Workspace.open(office.root, early_git=False)
    plan = plan_pdf(ws, ["P-01"])
    assert [job.name for job in plan.jobs] == ["P-01.pdf"]
    assert len(evaluations) == 1
    [judged] = ws.evaluations[None]
    assert judged.scope == {"P-01"} and judged.walk is not None
    assert set(judged.walk.docs) == {"P-01"}
    assert set(judged.report.approvals) <= {"P-01"}
    # what it says of P-01 is what judging every document says
    full = Workspace.open(office.root, early_git=False).evaluation()
    assert judged.report.approvals["P-01"] == full.report.approvals["P-01"]
    assert [f for f in full.report.doc_findings if f.doc_id == "P-01"] == (
        judged.report.doc_findings
    )


def test_evaluation_is_memoised_and_reused_for_fewer_documents(office: Office) -> None:
    with Workspace.open(office.root) as ws:
        full = ws.evaluation()
        assert ws.evaluation() is full
        assert ws.evaluation(docs=["P-01", "PJ"]) is full
        assert ws.evaluations == {None: [full]}
        assert ws.reads is None  # the early git reads went into the first evaluation


def test_same_root_from_option_and_environment_is_judged_once(
    office: Office, keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QMS_TRUST_ROOT", keys.wojt.fingerprint)
    evaluations = counted(monkeypatch, approvals.evaluate)
    ws = Workspace.open(office.root, early_git=False)
    given = ws.evaluation(keys.wojt.fingerprint)
    found = ws.evaluation()
    assert len(evaluations) == 1
    assert (given.report.trust_source, found.report.trust_source) == (
        "--trust-root",
        "QMS_TRUST_ROOT",
    )
    assert found.report.approvals is given.report.approvals
    assert found.report.trust_root == given.report.trust_root
