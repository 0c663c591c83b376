"""Times ``qms render bip`` on the example office plus N generated public service cards.

Each card is a copy of a real card of the example office (front matter, ~1 kB body) under a new
id, all committed in one commit. Prints a Markdown table: pages, files, seconds (median of 3)
and milliseconds per page. Run:
``.venv/bin/python benchmarks/bip_speed.py [--sizes 100 1000 4000] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import commit_all
from qms_cli.resources import data_path
from qms_cli.services.documents.render_bip import render_bip


def office(target: Path, cards: int) -> Path:
    shutil.copytree(data_path("docs-repo-template"), target)
    folder = target / "documents" / "service-cards"
    model = (folder / "KU-USC-01.md").read_text(encoding="utf-8")
    for n in range(cards):
        new_id = f"KU-USC-{n + 100:03d}"
        text = model.replace("KU-USC-01", new_id).replace("title: ", f"title: {n} ", 1)
        (folder / f"{new_id}.md").write_text(text, encoding="utf-8")
    return commit_all(target)


def _cpu() -> float:
    own, children = (
        resource.getrusage(r) for r in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 100, 1000, 4000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes, runs = args.sizes, args.runs
    print(
        f"| generated cards | pages | files | render bip (median of {runs}) | per page "
        "| CPU (user + system, pandoc included) |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            root = office(Path(tmp) / f"office-{size}", size)
            times, cpus = [], []
            for _ in range(runs):
                cpu = _cpu()
                start = time.perf_counter()
                result = render_bip(root, draft=True)
                times.append(time.perf_counter() - start)
                cpus.append(_cpu() - cpu)
            median = statistics.median(times)
            print(
                f"| {size} | {result.pages} | {result.files} | {median:.2f} s "
                f"| {1000 * median / result.pages:.0f} ms | {statistics.median(cpus):.2f} s |",
                flush=True,
            )


if __name__ == "__main__":
    main()
