"""Times ``qms due`` and ``qms ack`` (issue 18) on a generated office of about 300 documents
and 500 employees.

The office (``benchmarks.generate``) gets ``org/people.yaml`` (500 people, some on positions
of two units), a ``register.yaml`` with every active document in force, acknowledgements for
about 80 % of the readers, a review record per document and a CSV of 10,000 rows to import.
Timed, in process, each the median of a few runs with a fresh workspace:

- ``qms due --within 365d`` (gathering; the trust walk over one commit included);
- ``qms ack status`` (who has not read what) and ``--unit OR``;
- ``qms ack import`` of the CSV (Windows-1250, semicolons), on a fresh copy each time.

Run: ``.venv/bin/python benchmarks/people_speed.py [--docs 300 --people 500]``. Prints a
Markdown table. Not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import commit_all, generate
from qms_cli.services.acks import ack_status, import_acks
from qms_cli.services.due import due_list
from qms_cli.services.loading import load_repository

TODAY = dt.date(2026, 11, 21)


def positions(root: Path) -> list[str]:
    data = yaml.safe_load((root / "org/structure.yaml").read_text(encoding="utf-8"))
    return [p["id"] for p in data["positions"]]


def staff(root: Path, count: int, rng: random.Random) -> list[str]:
    held = positions(root)
    lines, ids = ["people:"], []
    for n in range(count):
        person = f"P-{n:04d}"
        mine = rng.sample(held, 2 if n % 10 == 0 else 1)  # every tenth in two units
        lines.append(f"  - {{id: {person}, positions: [{', '.join(mine)}]}}")
        ids.append(person)
    (root / "org/people.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def register(root: Path) -> list[str]:
    docs = load_repository(root).repo.documents
    active = [d for d in docs if d.meta.get("status") == "active"]
    lines = [
        "releases:",
        f"  - {{id: W-1, date: 2026-10-01, tag: w1, commit_of_sources: {'0' * 40}}}",
        "documents:",
    ]
    for d in active:
        lines.append(
            f"  - {{id: {d.id}, title: T, type: {d.type}, path: {d.path}, edition: 1, "
            f"in_force: 2026-10-01, blob: {'0' * 40}, release: W-1}}"
        )
    (root / "register.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    reviews = ["reviews:"] + [
        f"  - {{document: {d.id}, date: 2026-0{1 + i % 9}-15, by: x, result: unchanged}}"
        for i, d in enumerate(active)
    ]
    (root / "records/doc-reviews.yaml").write_text("\n".join(reviews) + "\n", encoding="utf-8")
    return [d.id for d in active]


def acks(root: Path, people: list[str], docs: list[str], rng: random.Random) -> None:
    folder = root / "records/acks"
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        rows = [
            f"  - {{person: {p}, edition: 1, date: 2026-10-{rng.randrange(2, 28):02d}}}"
            for p in people
            if rng.random() < 0.8
        ]
        text = f"document: {doc}\nacks:\n" + "\n".join(rows) + "\n"
        (folder / f"{doc}.yaml").write_text(text, encoding="utf-8")


def csv_file(path: Path, people: list[str], docs: list[str], rows: int) -> None:
    rng = random.Random(rows)
    lines = ["Osoba;Dokument;Wydanie;Data"]
    for _ in range(rows):
        lines.append(f"{rng.choice(people)};{rng.choice(docs)};1;1{rng.randrange(0, 9)}.11.2026")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1250"))


def timed(func: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(18)
    with tempfile.TemporaryDirectory(prefix="qms-bench-people-") as tmp:
        os.environ["QMS_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.environ["QMS_TODAY"] = TODAY.isoformat()
        root = generate(Path(tmp) / "office", args.docs)
        people = staff(root, args.people, rng)
        docs = register(root)
        acks(root, people, docs, rng)
        commit_all(root)
        source = Path(tmp) / "potwierdzenia.csv"
        csv_file(source, people, docs, args.rows)
        documents = len(load_repository(root).repo.documents)
        due_items = len(due_list(root, 365, TODAY).items)
        missing = len(ack_status(root, today=TODAY).missing)

        def fresh_import() -> None:
            copy = Path(tmp) / "copy"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(root, copy)
            import_acks(copy, source, TODAY)

        results = [
            ("qms due --within 365d", timed(lambda: due_list(root, 365, TODAY)), due_items),
            ("qms ack status", timed(lambda: ack_status(root, today=TODAY)), missing),
            (
                "qms ack status --unit OR",
                timed(lambda: ack_status(root, unit="OR", today=TODAY)),
                None,
            ),
            (f"qms ack import ({args.rows} wierszy)", timed(fresh_import, 2), None),
        ]
    print(f"Dokumentów: {documents}, wydań w register.yaml: {len(docs)}, osób: {len(people)}.\n")
    print("| Polecenie | Czas (mediana) | Pozycji |\n| --- | ---: | ---: |")
    for name, seconds, count in results:
        print(f"| {name} | {seconds:.2f} s | {'' if count is None else count} |")


if __name__ == "__main__":
    main()
