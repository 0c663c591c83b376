"""A trust root given from outside the repository that is empty or malformed stops every
command with exit 3 — it never falls back to qms.yaml's trust_root (issue 13, item 4) — and
the CI templates fail closed when the variable is missing."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.resources import data_path

runner = CliRunner()
VALID = "SHA256:" + "A" * 43
EMPTY = "pusty korzeń zaufania"


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, args, env=env)
    return result.exit_code, result.stderr


@pytest.mark.parametrize("value", ["", "   ", "\t\n"])
def test_empty_environment_variable_is_exit_3(minimal: Path, value: str) -> None:
    code, err = run(["check", str(minimal)], {"QMS_TRUST_ROOT": value})
    assert code == 3
    assert f"qms: błąd: {EMPTY} (zmienna QMS_TRUST_ROOT)" in err
    assert "nie zastępuje go po cichu wartością trust_root z qms.yaml" in err
    assert "Settings > CI/CD > Variables" in err


@pytest.mark.parametrize(
    "args",
    [
        ["render", "bip", "--path", "{root}"],
        ["history", "P-01", "--path", "{root}"],
        ["release", "--dry-run", "--path", "{root}"],
        ["signers", "--path", "{root}"],
    ],
)
def test_empty_environment_variable_stops_every_command(minimal: Path, args: list[str]) -> None:
    argv = [a.format(root=minimal) for a in args]
    code, err = run(argv, {"QMS_TRUST_ROOT": ""})
    assert code == 3, err
    assert EMPTY in err
    assert not (minimal / "dist").exists()


@pytest.mark.parametrize("command", ["check", "release"])
def test_empty_option_is_exit_3(minimal: Path, command: str) -> None:
    argv = ["check", str(minimal)] if command == "check" else ["release", "--path", str(minimal)]
    code, err = run([*argv[:1], "--trust-root", "", *argv[1:]])
    assert code == 3
    assert f"qms: błąd: {EMPTY} (--trust-root)" in err


@pytest.mark.parametrize(
    ("args", "env", "shown"),
    [
        (["--trust-root", "abc"], None, "--trust-root: „abc” nie jest odciskiem klucza"),
        (["--trust-root", "ssh-ed25519 AAAA"], None, "„ssh-ed25519 AAAA” nie jest odciskiem"),
        ([], {"QMS_TRUST_ROOT": "SHA256:short"}, "zmienna QMS_TRUST_ROOT: „SHA256:short”"),
    ],
)
def test_malformed_trust_root_is_exit_3(
    minimal: Path, args: list[str], env: dict[str, str] | None, shown: str
) -> None:
    code, err = run(["check", *args, str(minimal)], env)
    assert code == 3
    assert shown in err
    assert "SHA256:… (ssh-keygen -lf klucz.pub)" in err


def test_valid_external_trust_root_is_accepted(minimal: Path) -> None:
    code, err = run(["check", str(minimal)], {"QMS_TRUST_ROOT": VALID})
    assert code in (0, 1), err  # it runs; what it finds is the trust walk's business
    assert EMPTY not in err


def test_unset_variable_still_means_qms_yaml(minimal: Path) -> None:
    assert "QMS_TRUST_ROOT" not in os.environ
    code, _ = run(["check", str(minimal)])
    assert code == 0


# --- the CI templates fail closed -----------------------------------------------------------


def _yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def github_guard() -> str:
    workflow = _yaml(data_path("docs-repo-template") / ".github/workflows/qms.yml")
    job = workflow["jobs"]["check"]
    assert job["env"]["QMS_TRUST_ROOT"] == "${{ vars.QMS_TRUST_ROOT }}"
    runs = [str(step.get("run", "")) for step in job["steps"]]
    guard = next(i for i, text in enumerate(runs) if "QMS_TRUST_ROOT" in text)
    check = next(i for i, text in enumerate(runs) if text.startswith("qms check"))
    assert guard < check
    return runs[guard]


def gitlab_guard() -> str:
    pipeline = _yaml(data_path("docs-repo-template") / ".gitlab-ci.yml")
    script = [str(line) for line in pipeline["qms-check"]["script"]]
    guard = next(i for i, text in enumerate(script) if "QMS_TRUST_ROOT" in text)
    check = next(i for i, text in enumerate(script) if text.startswith("qms check"))
    assert guard < check
    return script[guard]


def run_guard(snippet: str, value: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "QMS_TRUST_ROOT"}
    if value is not None:
        env["QMS_TRUST_ROOT"] = value
    return subprocess.run(
        ["bash", "-e", "-c", snippet], env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("template", [github_guard, gitlab_guard])
@pytest.mark.parametrize("value", [None, "", "  "])
def test_ci_template_fails_without_the_variable(template: Any, value: str | None) -> None:
    done = run_guard(template(), value)
    assert done.returncode != 0
    assert "Brak zmiennej QMS_TRUST_ROOT" in done.stdout + done.stderr


@pytest.mark.parametrize("template", [github_guard, gitlab_guard])
def test_ci_template_goes_on_with_the_variable(template: Any) -> None:
    done = run_guard(template(), VALID)
    assert done.returncode == 0, done.stderr
