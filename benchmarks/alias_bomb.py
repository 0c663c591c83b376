"""Peak memory of ``qms check`` on the example office with an alias bomb (issue 13, item 11).

Each case copies the example office into a git repository, plants one hostile input and runs
the ``qms check`` command in a child process; the peak resident memory comes from
``getrusage(RUSAGE_CHILDREN).ru_maxrss`` in a wrapper process that runs only that one command
(the figure is the largest child a process ever waited for, so each case gets its own). The
command runs under a 4 GB address-space limit so that a regression fails instead of taking the
machine down. Target: every case under 200 MB. Prints a Markdown table and the load average.
Run: ``.venv/bin/python benchmarks/alias_bomb.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qms_cli.resources import data_path

LIMIT_BYTES = 4 * 1024**3
TARGET_MB = 200
WRAPPER = """
import resource, subprocess, sys
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]), int(sys.argv[1])))
code = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, check=False).returncode
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def alias_bomb(levels: int = 9, width: int = 10) -> str:
    """ "Billion laughs": 10**9 strings once expanded."""
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def bomb_in_front_matter(root: Path) -> None:
    doc = next((root / "documents" / "procedures").glob("*.md"))
    doc.write_text(doc.read_text(encoding="utf-8").replace("---\n", "---\n" + alias_bomb(), 1))


def bomb_in(rel: str) -> Callable[[Path], None]:
    def plant(root: Path) -> None:
        with (root / rel).open("a", encoding="utf-8") as handle:
            handle.write(alias_bomb())

    return plant


def big_document(root: Path) -> None:
    doc = next((root / "documents" / "procedures").glob("*.md"))
    with doc.open("a", encoding="utf-8") as handle:
        handle.write(("Akapit procedury. " * 50 + "\n\n") * 55_000)  # ~50 MB


CASES: list[tuple[str, Callable[[Path], None]]] = [
    ("example office, nothing planted (baseline)", lambda _root: None),
    ("alias bomb in a procedure's front matter", bomb_in_front_matter),
    ("alias bomb in qms.yaml", bomb_in("qms.yaml")),
    ("alias bomb in org/structure.yaml", bomb_in("org/structure.yaml")),
    ("a 50 MB procedure", big_document),
]


def office(tmp: Path) -> Path:
    root = tmp / "office"
    shutil.copytree(data_path("docs-repo-template"), root)
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.invalid"}
    env |= {"GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.invalid"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "x"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True)
    return root


def measure(root: Path) -> tuple[int, float, float]:
    """(exit code, seconds, peak RSS in MB) of one ``qms check`` command."""
    command = [sys.executable, "-m", "qms_cli", "check", str(root)]
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(LIMIT_BYTES), *command],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[0]), time.perf_counter() - start, int(out[1]) / 1024


def main() -> None:
    print("| case | exit | time | peak RSS |")
    print("| --- | ---: | ---: | ---: |")
    worst = 0.0
    for name, plant in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["QMS_CACHE_DIR"] = str(Path(tmp) / "cache")
            root = office(Path(tmp))
            plant(root)
            code, seconds, peak = measure(root)
        worst = max(worst, peak)
        print(f"| {name} | {code} | {seconds:.2f} s | {peak:.0f} MB |")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nLoad average (1, 5, 15 min): {load}; target under {TARGET_MB} MB: ", end="")
    print("met" if worst < TARGET_MB else f"MISSED ({worst:.0f} MB)")


if __name__ == "__main__":
    main()
