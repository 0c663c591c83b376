"""git commands started early and read later give what running them at once gives; failures
read like ``git()``'s; leaving early stops what still runs."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from qms_cli.errors import QmsError
from qms_cli.vcs import commits
from qms_cli.vcs.background import STATE_ARGS, BackgroundGit, RepoState, parse_state
from qms_cli.vcs.git import git

PREFIXES = ["documents", "org/signers.yaml"]


def test_outputs_are_those_of_git(office: Path) -> None:
    (office / "documents" / "nowy.md").write_text("---\nid: X\n---\n", encoding="utf-8")
    commands = [
        commits.topo_order_args(),
        commits.tree_args("HEAD", PREFIXES),
        commits.status_args(PREFIXES),
    ]
    with BackgroundGit(office, commands) as reads:
        outputs = {name: reads.output(name) for name in ("status", "ls-tree", "rev-list")}
    for args in commands:
        assert outputs[args[0]] == git(args, office)
    assert len(commits.parse_tree(outputs["ls-tree"])) > 50
    assert [c for c, _ in commits.parse_topo_order(outputs["rev-list"])] == [
        git(["rev-parse", "HEAD"], office).strip()
    ]
    assert commits.parse_status(outputs["status"]) == {"documents/nowy.md"}


def test_state_of_a_repository(office: Path, tmp_path: Path) -> None:
    with BackgroundGit(office, [STATE_ARGS]) as reads:
        state = parse_state(*reads.result("rev-parse")[:2])
    head = git(["rev-parse", "HEAD"], office).strip()
    assert state == RepoState(office.resolve(), head, shallow=False, algo="sha1")
    with BackgroundGit(tmp_path, [STATE_ARGS]) as reads:
        assert parse_state(*reads.result("rev-parse")[:2]) == RepoState(None, None)


def test_a_failing_command_says_what_git_said(office: Path) -> None:
    expected = "git ls-tree nie powiódł się: fatal: Not a valid"
    with (
        BackgroundGit(office, [["ls-tree", "no-such-revision"]]) as reads,
        pytest.raises(QmsError, match=expected),
    ):
        reads.output("ls-tree")


def test_no_git_program(office: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with (
        BackgroundGit(office, [STATE_ARGS]) as reads,
        pytest.raises(QmsError, match="nie znaleziono programu git"),
    ):
        reads.result("rev-parse")


@pytest.mark.posix_only("a fake git as an executable #!/bin/sh script")
def test_leaving_early_stops_what_still_runs(
    office: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "git"
    pid_file = tmp_path / "pid"
    fake.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 30\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    start = time.monotonic()
    with BackgroundGit(office, [["status"]]):
        while not pid_file.exists():
            time.sleep(0.01)
    assert time.monotonic() - start < 10
    pid = int(pid_file.read_text(encoding="utf-8"))
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone (killed and reaped), not left sleeping
