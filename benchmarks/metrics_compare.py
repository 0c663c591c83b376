"""Times ``qms compare`` on a simulated region (issue 20).

Generates the largest size of offices (300 by default) with plausible, varied figures — a
gmina, powiat or miasto each, its size drawn from a log-normal spread so counts scale with it,
shares around realistic centres with a little noise, an occasional indicator not shared or
null — and signs each file with the office's own throwaway SSH key (``ssh-keygen -Y sign
-n qms-metrics``, what ``qms metrics --sign`` runs). Then, for each size, the first N offices
are compared end to end as the coordinator runs it (``python -m qms_cli compare``, the full
report: page, charts and PDF), named and anonymised; wall time and the peak RSS of that one
process (``os.wait4``). Prints a Markdown table.
Run: ``.venv/bin/python benchmarks/metrics_compare.py [--sizes 75 150 300]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qms_cli.model.metrics import KEYS

KINDS = ("gmina", "gmina", "gmina", "powiat", "miasto")


def figures(rng: random.Random) -> dict[str, Any]:
    """One office's indicators: counts scale with its size, shares near plausible centres."""
    size = rng.lognormvariate(0, 0.6)  # 1 = a typical gmina office of ~40 staff

    def count(mean: float) -> int:
        return max(0, round(rng.gauss(mean * size, 1 + mean * size / 3)))

    def pct(centre: float, spread: float) -> float:
        return round(min(100.0, max(0.0, rng.gauss(centre, spread))), 1)

    responses = count(140)
    complaints = count(5)
    opened = count(4)
    values: dict[str, Any] = {
        "satisfaction_index": pct(91, 4) if responses else None,
        "satisfaction_responses": responses,
        "cases_on_time": pct(98.5, 1.2) if rng.random() > 0.15 else None,
        "complaints_received": complaints,
        "complaints_justified": rng.randint(0, complaints),
        "capa_opened": opened,
        "capa_closed_on_time": rng.randint(0, opened),
        "capa_effective": rng.randint(0, opened),
        "audit_programme_done": pct(88, 12),
        "objectives_achieved": pct(70, 18),
        "nonconforming_outputs": count(3),
        "documents_reviewed_on_time": pct(85, 10),
        "acknowledgements_outstanding": count(6),
        "accessibility_statement_current": rng.random() > 0.2,
    }
    out: dict[str, Any] = {}
    for key in KEYS:
        if rng.random() < 0.05:  # this office does not share it
            continue
        value = values[key]
        out[key] = {"value": value} if value is not None else {"value": None, "reason": "brak"}
    return out


def region(folder: Path, count: int, seed: int = 20) -> list[tuple[str, str, str]]:
    """``count`` offices' signed files under ``folder/<id>/`` -> (id, name, key line)."""
    rng = random.Random(seed)
    keys = folder / "klucze"
    keys.mkdir(parents=True)
    listed = []
    for n in range(1, count + 1):
        kind = rng.choice(KINDS)
        office_id = f"{kind[:2]}-{n:03d}"
        name = {"gmina": "Urząd Gminy", "powiat": "Starostwo Powiatowe", "miasto": "Urząd Miasta"}[
            kind
        ] + f" nr {n}"
        key = keys / office_id
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", office_id, "-f", str(key)],
            check=True,
        )
        data = {
            "schema_version": 1,
            "office": {"name": name, "kind": kind},
            "year": 2026,
            "as_of": "2026-12-31",
            "indicators": figures(rng),
        }
        target = folder / "pliki" / office_id / "metrics-2026.json"
        target.parent.mkdir(parents=True)
        target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        subprocess.run(
            ["ssh-keygen", "-q", "-Y", "sign", "-n", "qms-metrics", "-f", str(key), str(target)],
            check=True,
            capture_output=True,
        )
        line = key.with_suffix(".pub").read_text(encoding="utf-8").strip()
        listed.append((office_id, name, line))
    return listed


def offices_yaml(path: Path, listed: list[tuple[str, str, str]]) -> None:
    lines = ["offices:"]
    for office_id, name, key in listed:
        lines += [f"  - id: {office_id}", f"    name: {name}", f"    key: {key}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one ``qms`` process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "qms_cli", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        said = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"qms {' '.join(args)}: {said}")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[75, 150, 300])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qms-region-") as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        listed = region(root, max(args.sizes))
        made = time.perf_counter() - start
        print(f"{len(listed)} offices generated and signed in {made:.1f} s\n")
        print("| offices | qms compare | peak RSS | qms compare --anonymous | peak RSS |")
        print("| ---: | ---: | ---: | ---: | ---: |")
        for size in args.sizes:
            chosen = listed[:size]
            offices_yaml(root / f"offices-{size}.yaml", chosen)
            sources = [str(root / "pliki" / office_id) for office_id, _, _ in chosen]
            common = ["--offices", str(root / f"offices-{size}.yaml")]
            named = run(["compare", *sources, *common, "--out", str(root / f"r-{size}")])
            anonymous = run(
                [
                    "compare",
                    *sources,
                    *common,
                    "--anonymous",
                    chosen[0][0],
                    "--out",
                    str(root / f"a-{size}"),
                ]
            )
            print(
                f"| {size} | {named[0]:.2f} s | {named[1]:.0f} MB | {anonymous[0]:.2f} s "
                f"| {anonymous[1]:.0f} MB |",
                flush=True,
            )


if __name__ == "__main__":
    main()
