"""``qms render bip`` against StrictDoc's HTML export of the same number of items, in one run.

qms: the example office plus N generated service cards (``bip_speed.office``), the whole
``qms render bip --draft`` process. StrictDoc: N requirements in documents of 100, whose
statement is the card's body and its fields as text (~2.5 kB), the whole
``strictdoc export --formats html`` process. The two
alternate, so both see the same load of the machine; both start cold (qms without its check
cache, StrictDoc as installed). CPU time (user + system, children such as pandoc included)
is printed beside the wall time: on a shared machine it moves less. StrictDoc is not a
dependency of qms: install it in a throw-away environment and name its executable::

    python3 -m venv /tmp/sdvenv && /tmp/sdvenv/bin/pip install strictdoc
    .venv/bin/python benchmarks/bip_vs_strictdoc.py --strictdoc /tmp/sdvenv/bin/strictdoc \\
        [--sizes 1000 4000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bip_speed import office
from qms_cli.resources import data_path

QMS = Path(sys.executable).parent / "qms"
PER_DOCUMENT = 100


def sdoc_items(target: Path, count: int) -> Path:
    """``count`` StrictDoc requirements, each with a service card's text, in documents of
    ``PER_DOCUMENT`` (a StrictDoc page lists every document: one document per item makes its
    export quadratic, 1,000 single-item documents took over 8 minutes here)."""
    card = (data_path("docs-repo-template") / "documents/service-cards/KU-USC-01.md").read_text(
        encoding="utf-8"
    )
    _, front, body = card.split("---\n", 2)
    # reStructuredText that StrictDoc accepts: headings and fields as paragraphs
    lines = [line.lstrip("# ").strip() for line in body.splitlines()]
    fields = [line.strip().lstrip("- ") for line in front.splitlines() if line.strip()]
    text = "\n".join(lines).strip() + "\n\n" + "\n\n".join(fields)
    target.mkdir(parents=True)
    for first in range(0, count, PER_DOCUMENT):
        items = [
            f"[REQUIREMENT]\nUID: KU-USC-{n + 100:03d}\nTITLE: {n} Rejestracja urodzenia dziecka\n"
            f"STATEMENT: >>>\n{text}\n<<<\n"
            for n in range(first, min(count, first + PER_DOCUMENT))
        ]
        (target / f"karty-{first // PER_DOCUMENT:03d}.sdoc").write_text(
            f"[DOCUMENT]\nTITLE: Karty usług {first // PER_DOCUMENT}\n\n" + "\n".join(items),
            encoding="utf-8",
        )
    return target


def timed(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, the process and its children such as pandoc)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--strictdoc", default="/tmp/sdvenv/bin/strictdoc")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    print(
        f"| items | qms render bip: wall (CPU), median of {args.runs} "
        "| StrictDoc HTML export: wall (CPU) | ratio of wall (of CPU) |"
    )
    print("| ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            root = office(Path(tmp) / f"office-{size}", size)
            items = sdoc_items(Path(tmp) / f"sdoc-{size}", size)
            render = [str(QMS), "render", "bip", "--draft", "--path", str(root)]
            qms, strictdoc = [], []
            for _ in range(args.runs):
                out = Path(tmp) / "out"
                qms.append(timed(render))
                export = ["export", "--formats", "html", "--output-dir", str(out), str(items)]
                strictdoc.append(timed([args.strictdoc, *export]))
                shutil.rmtree(out, ignore_errors=True)
            (qw, qc), (sw, sc) = _median(qms), _median(strictdoc)
            print(
                f"| {size} | {qw:.1f} s ({qc:.1f} s) | {sw:.1f} s ({sc:.1f} s) "
                f"| {sw / qw:.1f}× ({sc / qc:.1f}×) |",
                flush=True,
            )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


def _median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


if __name__ == "__main__":
    main()
