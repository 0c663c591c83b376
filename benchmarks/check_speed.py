"""Times ``qms check`` on generated offices of 1,000 / 4,000 / 16,000 documents.

The generated office is a git repository with one commit, as a real office is (so ``qms check``
also reads its history). For each size, in one run: (1) the time merely to parse every file qms
reads with PyYAML's C loader (the baseline), (2) ``qms check`` cold in process (an empty cache,
filled by the run), (3) the ``qms check`` command end to end after editing one file, with the
cache warm. Prints a Markdown table.
Run: ``make bench`` or ``.venv/bin/python benchmarks/check_speed.py [--sizes 1000 4000]``.
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

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import commit_all, generate
from qms_cli.io.layout import iter_files, kind_of, split_front_matter
from qms_cli.services.check import run_check


def parse_only(root: Path) -> float:
    """Seconds to read and parse every YAML file and front matter with the C loader."""
    start = time.perf_counter()
    for rel, _ in iter_files(root):
        kind = kind_of(rel)
        if kind is None or kind.name == "asset":
            continue
        text = (root / rel).read_text(encoding="utf-8")
        if kind.markdown:
            split = split_front_matter(text)
            text = split[0] if split else ""
        yaml.load(text, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def cold_check(root: Path) -> tuple[float, int]:
    """A first ``qms check``: an empty cache, which the run fills (as a user's first run)."""
    cache = Path(os.environ["QMS_CACHE_DIR"])
    shutil.rmtree(cache, ignore_errors=True)
    start = time.perf_counter()
    report = run_check(root)
    return time.perf_counter() - start, report.files


def warm_recheck(root: Path) -> tuple[float, float]:
    """Wall and CPU time (user + system) of the ``qms check`` command after editing one file
    (cache warm), medians of 5."""
    cmd = [sys.executable, "-m", "qms_cli", "check", str(root)]
    subprocess.run(cmd, capture_output=True, check=False)  # fill the cache
    victim = next((root / "documents" / "procedures").glob("*.md"))
    times, cpus = [], []
    for round_ in range(5):
        with victim.open("a", encoding="utf-8") as handle:
            handle.write(f"\nZmiana {round_}.\n")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(times), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 16000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["QMS_CACHE_DIR"] = str(Path(tmp) / "cache")
        print(
            "| documents | files | parse only (C loader) | check cold | ratio | "
            "re-check after one edit (CLI, warm cache) | its CPU time |"
        )
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for n in args.sizes:
            root = generate(Path(tmp) / f"office-{n}", n)
            commit_all(root)
            os.sync()  # write back what generating wrote, so that it does not run during timing
            base = min(parse_only(root) for _ in range(3))
            cold, files = min(cold_check(root) for _ in range(3))
            warm, cpu = warm_recheck(root)
            print(
                f"| {n} | {files} | {base:.2f} s | {cold:.2f} s | {cold / base:.2f}× "
                f"| {warm:.2f} s | {cpu:.2f} s |",
                flush=True,
            )


if __name__ == "__main__":
    main()
