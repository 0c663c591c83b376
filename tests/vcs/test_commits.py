"""What ``vcs.commits`` reads from git: the changes of ordinary commits and of merges."""

from __future__ import annotations

import subprocess
from pathlib import Path

from qms_cli.vcs import commits


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@x.invalid", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def commit_file(root: Path, name: str, text: str, message: str) -> str:
    (root / name).write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")


def test_a_merge_writes_only_what_differs_from_every_parent(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    commit_file(tmp_path, "a.md", "1\n", "start")
    git(tmp_path, "checkout", "-q", "-b", "side")
    commit_file(tmp_path, "a.md", "side\n", "side")
    commit_file(tmp_path, "taken.md", "from side\n", "side 2")
    git(tmp_path, "checkout", "-q", "main")
    commit_file(tmp_path, "a.md", "main\n", "main")
    merged = subprocess.run(
        ["git", "merge", "-q", "side"], cwd=tmp_path, capture_output=True, check=False
    )
    assert merged.returncode == 1  # a conflict: the merge commit writes its own text
    merge = commit_file(tmp_path, "a.md", "both\n", "merge")
    written = git(tmp_path, "rev-parse", "HEAD:a.md")
    assert commits.merged_changes(tmp_path, [merge]) == {merge: (("a.md", written),)}
    first_parent = dict(commits.changes(tmp_path, [merge])[merge])
    assert set(first_parent) == {"a.md", "taken.md"}  # against main: the branch's file too


def test_merge_taking_one_side_writes_nothing(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    commit_file(tmp_path, "a.md", "1\n", "start")
    git(tmp_path, "checkout", "-q", "-b", "side")
    commit_file(tmp_path, "a.md", "side\n", "side")
    git(tmp_path, "checkout", "-q", "main")
    commit_file(tmp_path, "b.md", "b\n", "main")
    git(tmp_path, "merge", "-q", "--no-edit", "side")
    merge = git(tmp_path, "rev-parse", "HEAD")
    assert commits.merged_changes(tmp_path, [merge]) == {merge: ()}
