"""A synthetic office repository with N documents, for benchmarks.

The documents follow the real formats (front matter valid against the schemas, references that
resolve, Polish bodies of about 4 kB with dates, lists and references as real procedures have),
so ``qms check`` does all its work on them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
from pathlib import Path

from qms_cli.resources import data_path

PROSE = (
    "Procedura określa sposób postępowania pracowników urzędu przy załatwianiu spraw "
    "mieszkańców, w tym przyjmowanie wniosków, ich rejestrację w systemie kancelaryjnym, "
    "weryfikację kompletności dokumentów oraz terminowe wydawanie rozstrzygnięć zgodnie "
    "z przepisami Kodeksu postępowania administracyjnego. Wnioski złożone przed dniem "
    "1 stycznia 2026 r. rozpatruje się na zasadach określonych w procedurze P-01 "
    "„Nadzór nad udokumentowanymi informacjami”. "
)
STEPS = (
    "1) przyjęcie wniosku w punkcie obsługi klienta i nadanie mu znaku sprawy;\n"
    "2) rejestracja w systemie EZD w dniu wpływu;\n"
    "3) przekazanie sprawy do komórki merytorycznej zgodnie z dekretacją.\n"
)


def _body(title: str) -> str:
    sections = ["Cel", "Zakres", "Odpowiedzialność", "Opis postępowania"]
    parts = [f"# {title}\n"]
    for number, name in enumerate(sections, 1):
        parts.append(f"## {number}. {name}\n\n{PROSE * 2}\n\n{STEPS}")
    return "\n".join(parts)


def _doc(folder: Path, meta: str, title: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    doc_id = meta.split("\n", 1)[0].removeprefix("id: ")
    (folder / f"{doc_id}.md").write_text(f"---\n{meta}\n---\n{_body(title)}", encoding="utf-8")


def generate(target: Path, n: int) -> Path:
    """Write the template office plus about ``n`` generated documents into ``target``."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(data_path("docs-repo-template"), target)
    docs = target / "documents"
    processes = max(n // 40, 1)
    per_kind = (n - processes) // 3
    for p in range(processes):
        _doc(
            docs / "processes",
            f"id: PR-{p + 10:04d}\ntype: process\ntitle: Proces {p}\n"
            "owner: sekretarz\nstatus: draft\nkind: main\ninputs: [Wniosek]\n"
            "outputs: [Decyzja]\nkpis:\n  - {name: Terminowość, target: '95', unit: '%'}",
            f"Proces {p}",
        )
    for i in range(per_kind):
        process = f"PR-{i % processes + 10:04d}"
        _doc(
            docs / "procedures",
            f"id: P-{i + 100:05d}\ntype: procedure\ntitle: Procedura {i}"
            f"\nowner: sekretarz\nstatus: active\nprocess: {process}\nclauses: ['8.5.1']\n"
            f"related: [P-{max(i - 1, 0) + 100:05d}]\nforms: [F-{i + 100:05d}]\njrwa: '0143'",
            f"Procedura {i}",
        )
        _doc(
            docs / "forms",
            f"id: F-{i + 100:05d}\ntype: form\ntitle: Formularz {i}\n"
            f"owner: sekretarz\nstatus: active\nprocess: {process}\n"
            f"procedure: P-{i + 100:05d}",
            f"Formularz {i}",
        )
        _doc(
            docs / "instructions",
            f"id: I-{i + 100:05d}\ntype: instruction\n"
            f"title: Instrukcja {i}\nowner: sekretarz\nstatus: active\nprocess: {process}",
            f"Instrukcja {i}",
        )
    return target


def commit_all(root: Path, **env: str) -> Path:
    """``git init`` and one commit of everything, as a real office has (``env``: more git
    variables, e.g. fixed dates). No background ``gc --auto`` after thousands of new objects:
    it would compete with the timings that follow."""
    identity = {
        "GIT_AUTHOR_NAME": "Benchmark",
        "GIT_AUTHOR_EMAIL": "benchmark@example.invalid",
        "GIT_COMMITTER_NAME": "Benchmark",
        "GIT_COMMITTER_EMAIL": "benchmark@example.invalid",
    }
    full_env = {**os.environ, **identity, **env}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Urząd"]):
        git = ["git", "-c", "gc.auto=0", "-c", "commit.gpgSign=false", *args]
        subprocess.run(git, cwd=root, env=full_env, check=True, capture_output=True)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("-n", type=int, default=4000)
    args = parser.parse_args()
    generate(args.target, args.n)


if __name__ == "__main__":
    main()
