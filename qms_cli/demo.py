"""``make demo``: the main job on the built-in example office.

Creates ``demo-office/`` (git-ignored) from the template with ``qms init``, makes demo keys in
``demo-keys/`` (git-ignored, outside the office), registers them, approves every document and
runs ``qms check`` on it. Later steps (rendering, release) are added here as qms grows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from qms_cli import demo_signing
from qms_cli.vcs.git import run_git

EXAMPLE_OFFICE_DAY = "2026-11-21"
DEMO_IDENTITY = {
    "GIT_AUTHOR_NAME": "Demo qms",
    "GIT_AUTHOR_EMAIL": "demo@qms.invalid",
    "GIT_COMMITTER_NAME": "Demo qms",
    "GIT_COMMITTER_EMAIL": "demo@qms.invalid",
}


def qms(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> int:
    """Run the qms CLI as a user would, printing its output (``env``: extra variables)."""
    print(f"\n$ qms {' '.join(args)}", flush=True)
    full_env = {**os.environ, **env} if env else None
    proc = subprocess.run(
        [sys.executable, "-m", "qms_cli", *args], cwd=cwd, env=full_env, check=False
    )
    return proc.returncode


NEXT_YEAR = str(int(EXAMPLE_OFFICE_DAY[:4]) + 1)


def commit_records(office: Path) -> int:
    """The quality representative commits the records, signed with her key: the records the
    approval matrix names (the next year's programme) need a proven author (four eyes)."""
    print("\n$ git add records && git commit -S -m 'Zapisy: …'", flush=True)
    env = {**os.environ, **demo_signing.person_env(office, "pelnomocnik")}
    for args in (
        ["add", "records"],
        [
            "commit",
            "-q",
            "-S",
            "-m",
            "Zapisy: program auditów, wykresy celów, raport z badania "
            "satysfakcji, projekt przeglądu zarządzania",
        ],
    ):
        proc = run_git(args, office, env=env)
        sys.stdout.write(proc.stdout)
        sys.stderr.write(proc.stderr)
        if proc.returncode != 0:
            return proc.returncode
    return 0


def main(argv: list[str]) -> int:
    target = Path(argv[0] if argv else "demo-office").absolute()
    if target.exists():
        shutil.rmtree(target)
    os.environ.update({k: os.environ.get(k, v) for k, v in DEMO_IDENTITY.items()})
    # the example office describes its records as of this day (see docs: QMS_TODAY); its
    # commits are dated that day too, so nothing is approved after the release puts it in force
    os.environ.setdefault("QMS_TODAY", EXAMPLE_OFFICE_DAY)
    day = os.environ["QMS_TODAY"]
    for name in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        os.environ.setdefault(name, f"{day}T09:00:00+01:00")
    steps: list[tuple[str, Callable[[], int]]] = [
        ("init", lambda: qms("init", str(target), "--example")),
        *demo_signing.steps(target, qms),  # demo keys, registry, approvals
        ("audit programme", lambda: qms("audit", "programme", "--path", str(target), NEXT_YEAR)),
        ("objectives", lambda: qms("objectives", "2026", "--path", str(target))),
        ("survey", lambda: qms("survey", "report", "2026", "--path", str(target))),
        ("review", lambda: qms("review", "new", "2027", "--path", str(target))),
        ("commit records", lambda: commit_records(target)),
        *demo_signing.release_steps(target, qms),  # check, release, release verify
    ]
    for name, step in steps:
        code = step()
        if code != 0:
            print(f"\nDemo: krok „{name}” zakończył się kodem {code}.", file=sys.stderr)
            return code
    print(f"\nGotowe. Repozytorium przykładowego urzędu: {target}")
    for manifest in sorted((target / "dist").glob("*/manifest.json")):
        print(f"Wydanie {manifest.parent.name}: PDF w {manifest.parent / 'pdf'}")
        print(f"  Księga Jakości: {manifest.parent / 'pdf' / 'ksiega-jakosci.pdf'}")
        print(f"  Strona BIP: {(manifest.parent / 'bip' / 'index.html').as_uri()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
