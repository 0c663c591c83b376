"""Times the audit and corrective-action workflow on offices with many audit records.

The example office gets the docs' audit AW-2027-02 (plan, 56-question checklist, two findings,
a corrective action, a report) made by the services, then N - 1 copies of it under other
numbers (AW-2001-01 …), each with its own card DK-…. Measured per size: ``qms check`` cold in
process (all rules, the audit rules included) and, end to end as a user runs them with the
file cache warm, ``qms check``, ``qms audit finding``, ``qms capa`` (the list) and ``qms audit
programme``. Prints a Markdown table.
Run: ``.venv/bin/python benchmarks/audit_speed.py [--sizes 1 100 400 1600]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import commit_all
from qms_cli.resources import data_path
from qms_cli.services.audit.audits import FindingRequest, add_finding
from qms_cli.services.audit.capa import CapaRequest, new_capa
from qms_cli.services.audit.plan import NewAuditRequest, new_audit
from qms_cli.services.audit.programme import new_programme
from qms_cli.services.audit.report import ReportRequest, write_report
from qms_cli.services.check import run_check

SOURCE, CARD = "AW-2027-02", "DK-2027-001"


def office(root: Path, audits: int) -> Path:
    shutil.copytree(data_path("docs-repo-template"), root)
    commit_all(root)
    new_programme(root, 2027)
    new_audit(root, NewAuditRequest("PR-02", "2027-03-12", "AUD-03", ("AUD-05",), ("OR",)))
    for request in (
        FindingRequest("nc-minor", "P-07", "3 z 12 skarg bez zawiadomienia", question=33),
        FindingRequest("observation", "I-01", "Identyfikatory: 4 z 6 osób"),
    ):
        add_finding(root, SOURCE, request)
    new_capa(
        root,
        CapaRequest(
            SOURCE + "/1",
            opened="2027-03-19",
            due="2027-05-31",
            correction="Wysłano zawiadomienia",
            actions=("Przypomnienia",),
        ),
    )
    write_report(root, SOURCE, ReportRequest(pdf=False))
    _copies(root, audits - 1)
    return root


def _copies(root: Path, count: int) -> None:
    folder = root / "records/audits" / SOURCE
    texts = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    card = (root / "records/capa" / f"{CARD}.yaml").read_text(encoding="utf-8")
    for n in range(count):
        year, number = 2001 + n // 90, n % 90 + 1
        audit, capa = f"AW-{year}-{number:02d}", f"DK-{year}-{number:03d}"
        target = root / "records/audits" / audit
        target.mkdir()
        for name, text in texts.items():
            copy = text.replace(SOURCE, audit).replace(CARD, capa)
            (target / name).write_text(copy.replace("planned: true", "planned: false"), "utf-8")
        (root / "records/capa" / f"{capa}.yaml").write_text(
            card.replace(SOURCE, audit).replace(CARD, capa), encoding="utf-8"
        )


def timed(command: list[str], root: Path) -> float:
    where = [str(root)] if command == ["check"] else ["--path", str(root)]
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "qms_cli", *command, *where],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{command}: {proc.stderr}")
    return time.perf_counter() - start


def measure(audits: int) -> tuple[int, int, float, float, float, float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = office(Path(tmp) / "office", audits)
        start = time.perf_counter()
        report = run_check(root, use_cache=False)
        cold = time.perf_counter() - start
        assert not report.findings, report.findings[:3]
        timed(["check"], root)  # the cache every command reads through is warm from here on
        warm = timed(["check"], root)
        finding = timed(
            [
                "audit",
                "finding",
                SOURCE,
                "--type",
                "improvement",
                "--description",
                "Skanować rejestry",
            ],
            root,
        )
        listing = timed(["capa"], root)
        (root / "records/audits/programme-2027.yaml").unlink()
        programme = timed(["audit", "programme", "2027"], root)
        return audits, report.files, cold, warm, finding, listing, programme


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 400, 1600])
    args = parser.parse_args()
    os.environ["QMS_CACHE_DIR"] = tempfile.mkdtemp(prefix="qms-bench-cache-")
    print(
        "| audits | files | check cold | qms check (warm) | qms audit finding | qms capa "
        "| qms audit programme |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        audits, files, *times = measure(size)
        print(
            f"| {audits} | {files} | " + " | ".join(f"{t:.2f} s" for t in times) + " |", flush=True
        )


if __name__ == "__main__":
    main()
