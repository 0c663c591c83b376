"""Times the verification of approvals: N SSH-signed approval commits (default 10,000).

Generates the office (``approvals_generate.py``), checks a sample of its signatures with
``git verify-commit``, then times ``services.approvals.evaluate`` — read history, verify every
signature, walk the registry and judge every approval — cold (empty cache) and warm (cache of
commits filled), the ``qms check`` command end to end, and git's own ``%G?`` on a sample for
comparison. The machine may be shared: each figure is the best of several runs (and the
median). Prints a Markdown table for benchmarks/README.md.
Run: ``python benchmarks/approvals_speed.py [--approvals 10000]``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.approvals_generate import generate
from qms_cli.services.approval.evaluation import evaluate
from qms_cli.services.approval.signers import allowed_signers
from qms_cli.services.loading import load_repository
from qms_cli.vcs import gitverify

OUT = Path(__file__).resolve().parent / "out"


def timed(
    func: Callable[[], object], runs: int, before: Callable[[], None] = lambda: None
) -> list[float]:
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def fmt(times: list[float]) -> str:
    return f"{min(times):.2f} s (mediana {statistics.median(times):.2f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--approvals", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--git-sample", type=int, default=300)
    args = parser.parse_args()
    root = generate(OUT / f"approvals-{args.approvals}", args.approvals)
    cache = Path(tempfile.mkdtemp(prefix="qms-bench-cache-"))
    os.environ["QMS_CACHE_DIR"] = str(cache)
    allowed = allowed_signers(root)
    ids = subprocess.run(
        ["git", "rev-list", "HEAD"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split()
    sample = random.Random(1).sample(ids, 5)
    assert all(gitverify.verify_commit(root, c, allowed) for c in sample), "git rejects a sample"

    loaded = load_repository(root)
    report = evaluate(loaded, use_cache=False).report
    valid = sum(a.valid for approvals in report.approvals.values() for a in approvals)
    assert valid == args.approvals and not report.doc_findings, (valid, report.doc_findings[:3])

    def clear() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    cold = timed(lambda: evaluate(loaded), max(3, args.runs // 2), clear)
    evaluate(loaded)
    warm = timed(lambda: evaluate(loaded), args.runs)
    command = [sys.executable, "-m", "qms_cli", "check", str(root)]
    check_warm = timed(lambda: subprocess.run(command, capture_output=True, check=False), 3)
    picked = random.Random(2).sample(ids, min(args.git_sample, len(ids)))
    git_time = timed(lambda: gitverify.signature_status(root, picked, allowed), 1)[0]
    per_commit = git_time / len(picked)
    shutil.rmtree(cache, ignore_errors=True)

    print(f"| Zatwierdzenia (podpisane commity SSH) | {args.approvals:,} |".replace(",", " "))
    print("| --- | --- |")
    print(f"| weryfikacja na zimno (bez pamięci podręcznej) | {fmt(cold)} |")
    print(f"| weryfikacja z pamięcią podręczną | {fmt(warm)} |")
    print(f"| `qms check` całość, pamięć podręczna ciepła | {fmt(check_warm)} |")
    print(
        f"| git `%G?` (ssh-keygen na commit), próbka {len(picked)} | "
        f"{per_commit * 1000:.1f} ms/commit ≈ {per_commit * args.approvals:.0f} s dla całości |"
    )


if __name__ == "__main__":
    main()
