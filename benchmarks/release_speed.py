"""Times ``qms release`` of generated offices (500, 1,000 and 2,000 documents by default):
wall time and peak RSS (the largest of the command's process and its PDF worker processes:
Linux reports the maximum over a process and the children it waited for), then a release
after one changed procedure, whose unchanged PDFs come from qms's cache.

Each office is signed as ``make demo`` signs the example office: demo keys, the registry of
signers, every document approved by the people the approval matrix names.

Run: ``.venv/bin/python benchmarks/release_speed.py [--sizes 500 1000 2000]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.book_speed import child_run
from benchmarks.generate import commit_all, generate
from qms_cli.demo_signing import DemoSigning

DAY = "2026-11-21"
ENV = {
    "QMS_TODAY": DAY,
    "GIT_AUTHOR_DATE": f"{DAY}T09:00:00+01:00",
    "GIT_COMMITTER_DATE": f"{DAY}T09:00:00+01:00",
    "GIT_AUTHOR_NAME": "Benchmark",
    "GIT_AUTHOR_EMAIL": "benchmark@example.invalid",
    "GIT_COMMITTER_NAME": "Benchmark",
    "GIT_COMMITTER_EMAIL": "benchmark@example.invalid",
}
QMS = [sys.executable, "-m", "qms_cli"]


def quiet_qms(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> int:
    """``demo_signing``'s runner without the output."""
    full = {**os.environ, **(env or {})}
    return subprocess.run(
        [*QMS, *args], cwd=cwd, env=full, capture_output=True, check=False
    ).returncode


def signed_office(folder: Path, n: int) -> tuple[Path, DemoSigning]:
    root = commit_all(generate(folder / "office", n), **ENV)
    demo = DemoSigning(root, folder / "keys")
    demo.plan()
    for step in (
        demo.make_keys,
        lambda: demo.register(quiet_qms),
        lambda: demo.approve_all(quiet_qms),
    ):
        if step() != 0:
            raise SystemExit(f"signing the generated office of {n} failed")
    return root, demo


def timed_release(root: Path, demo: DemoSigning, date: str) -> tuple[float, float, float]:
    """Wall time, CPU time (the command and its workers) and peak RSS of the release."""
    env = {**os.environ, **demo.holder("pelnomocnik", None).env}
    command = [*QMS, "release", "--date", date, "--path", str(root)]
    _, rss, seconds, cpu = child_run(command, env=env)
    return seconds, cpu, rss


def change_one(root: Path, demo: DemoSigning) -> None:
    """Edit one procedure and approve the change (review, then approval)."""
    path = root / "documents" / "procedures" / "P-00100.md"
    path.write_text(path.read_text("utf-8") + "\nNowy krok procedury.\n", "utf-8")
    subprocess.run(["git", "commit", "-qam", "P-00100: nowy krok"], cwd=root, check=True)
    for meaning in ("review", "approval"):
        for (position, step), ids in demo.plan().items():
            if step == meaning and "P-00100" in ids:
                person = demo.people[position]
                code = quiet_qms(
                    "approve", "--yes", "--meaning", meaning, "P-00100", cwd=root, env=person.env
                )
                if code != 0:
                    raise SystemExit("approving the changed procedure failed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000])
    args = parser.parse_args()
    os.environ.update(ENV)
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print("| documents | release | CPU | peak RSS | after one change | CPU | peak RSS |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            folder = Path(tmp) / str(n)
            os.environ["QMS_CACHE_DIR"] = str(folder / "cache")  # no PDF of another size
            root, demo = signed_office(folder, n)
            first = timed_release(root, demo, "2026-12-01")
            change_one(root, demo)
            again = timed_release(root, demo, "2027-01-04")
            cells = [
                f"{wall:.1f} s | {cpu:.1f} s | {rss:.0f} MB" for wall, cpu, rss in (first, again)
            ]
            print(f"| {n} | " + " | ".join(cells) + " |", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
