"""A re-check reuses the repository rules' findings only where they cannot change: after any
edit the warm findings are the findings of a check without caches."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from qms_cli.checks.registry import Rule, iter_repo_rules
from qms_cli.services import check
from qms_cli.services.check import run_check
from tests.conftest import EXAMPLE_DAY


def _documents(root: Path) -> list[Path]:
    return sorted((root / "documents").rglob("*.md"))


def _append_to_body(root: Path, rng: random.Random) -> None:
    path = rng.choice(_documents(root))
    path.write_text(path.read_text(encoding="utf-8") + f"\nDopisek {rng.random()}.\n", "utf-8")


def _retitle(root: Path, rng: random.Random) -> None:
    path = rng.choice(_documents(root))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", "title: Zmieniony ", 1), encoding="utf-8")


def _withdraw(root: Path, rng: random.Random) -> None:
    path = rng.choice(_documents(root))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: active", "status: withdrawn", 1), encoding="utf-8")


def _remove(root: Path, rng: random.Random) -> None:
    rng.choice(_documents(root)).unlink()


def _copy(root: Path, rng: random.Random) -> None:
    path = rng.choice(_documents(root))
    (path.parent / f"X-{rng.randrange(1000)}.md").write_bytes(path.read_bytes())


def _break_front_matter(root: Path, rng: random.Random) -> None:
    path = rng.choice(_documents(root))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(": ", ":: ", 1), encoding="utf-8")


def _touch_config(root: Path, rng: random.Random) -> None:
    path = rng.choice(sorted((root / "org").glob("*.yaml")))
    path.write_text(path.read_text(encoding="utf-8") + f"# {rng.random()}\n", encoding="utf-8")


EDITS: list[Callable[[Path, random.Random], None]] = [
    _append_to_body,
    _retitle,
    _withdraw,
    _remove,
    _copy,
    _break_front_matter,
    _touch_config,
]


def test_warm_findings_equal_cold_findings_after_random_edits(office: Path) -> None:
    rng = random.Random(17)
    assert run_check(office, EXAMPLE_DAY).findings == run_check(office, EXAMPLE_DAY).findings
    for _ in range(14):
        rng.choice(EDITS)(office, rng)
        warm = run_check(office, EXAMPLE_DAY)
        cold = run_check(office, EXAMPLE_DAY, use_cache=False)
        assert warm.findings == cold.findings


def _counted(calls: list[str]) -> Callable[[], Iterator[Rule]]:
    def rules() -> Iterator[Rule]:
        for rule in iter_repo_rules():

            def func(ctx: Any, rule: Rule = rule) -> Any:
                calls.append(rule.code)
                return rule.func(ctx)

            yield dataclasses.replace(rule, func=func)

    return rules


def test_a_body_edit_runs_only_the_rules_that_read_approvals(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(check, "iter_repo_rules", _counted(calls))
    run_check(office, EXAMPLE_DAY)
    everything = len(calls)
    calls.clear()
    _append_to_body(office, random.Random(3))
    warm = run_check(office, EXAMPLE_DAY)
    assert 0 < len(calls) < everything / 4  # the approval rules, which see the new text
    assert "QMS200" in calls and "QMS111" not in calls  # approvals again; the names not
    assert warm.findings == run_check(office, EXAMPLE_DAY, use_cache=False).findings
    calls.clear()
    run_check(office, EXAMPLE_DAY.replace(day=EXAMPLE_DAY.day + 1))  # another day: all again
    assert len(calls) == everything
