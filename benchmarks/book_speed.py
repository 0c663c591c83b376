"""Times the Quality Book alone at three sizes of a generated office: the wall time and the
peak RSS of a child process that plans and renders only the book, and its page count.

Run: ``.venv/bin/python benchmarks/book_speed.py [--sizes 400 800 1600]`` (documents of the
generated office; about a third of them are procedures, each 2–3 pages of the book).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import commit_all, generate

DATED = {
    "GIT_AUTHOR_DATE": "2026-03-12T10:00:00+01:00",
    "GIT_COMMITTER_DATE": "2026-03-12T10:00:00+01:00",
}


def book_once(root: Path) -> dict[str, float]:
    """In this process: plan and render the book only; its seconds and pages."""
    from pypdf import PdfReader

    from qms_cli.render.pdf_batch import render_jobs
    from qms_cli.services.documents.render_pdf import BOOK_FILE, plan_pdf

    start = time.perf_counter()
    plan = plan_pdf(root, ["KJ"])
    [job] = [j for j in plan.jobs if j.name == BOOK_FILE]
    [result] = render_jobs(plan.assets, [job], 1)
    elapsed = time.perf_counter() - start
    assert result.pdf is not None, result.error
    pages = len(PdfReader(io.BytesIO(result.pdf)).pages)
    return {"seconds": elapsed, "pages": pages, "bytes": len(result.pdf)}


def measure(root: Path) -> dict[str, float]:
    """``book_once`` in a child process: its figures and its peak RSS (MB)."""
    out, rss, _, cpu = child_run([sys.executable, __file__, "--child", str(root)])
    figures: dict[str, float] = json.loads(out)
    figures["rss_mb"] = rss
    figures["cpu"] = cpu
    return figures


def child_run(
    command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[bytes, float, float, float]:
    """Run ``command``: its output, its peak RSS in MB, its wall time and its CPU time (user +
    system, its waited-for children included) in seconds. On a loaded machine the CPU time
    says more about the work than the wall time."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, cwd=cwd, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read()
        if child.returncode:
            raise SystemExit(f"{command} failed ({child.returncode}): {output[-2000:]!r}")
        return output, usage.ru_maxrss / 1024, elapsed, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[400, 800, 1600])
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(book_once(args.child)))
        return
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print("| documents | book pages | time | CPU time | peak RSS | PDF size |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("QMS_CACHE_DIR", str(Path(tmp) / "cache"))
        for n in sorted(args.sizes):
            root = commit_all(generate(Path(tmp) / f"office-{n}", n), **DATED)
            f = measure(root)
            print(
                f"| {n} | {f['pages']:.0f} | {f['seconds']:.1f} s | {f['cpu']:.1f} s "
                f"| {f['rss_mb']:.0f} MB "
                f"| {f['bytes'] / 1e6:.1f} MB |",
                flush=True,
            )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
