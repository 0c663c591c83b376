"""Times ``qms render pdf``: one procedure, the whole example office, and an office with 500
generated documents, sequentially and on both cores. Prints Markdown tables.

Run: ``.venv/bin/python benchmarks/pdf_speed.py [--generated 500]``.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader

from benchmarks.generate import commit_all, generate
from qms_cli.render.pandoc import markdown_body
from qms_cli.render.typst_pdf import Renderer
from qms_cli.resources import data_path
from qms_cli.services.documents.render_pdf import plan_pdf, render_pdf
from qms_cli.services.loading import load_repository

DATED = {  # the same commit times on every run: the PDFs show them
    "GIT_AUTHOR_DATE": "2026-03-12T10:00:00+01:00",
    "GIT_COMMITTER_DATE": "2026-03-12T10:00:00+01:00",
}


SHORT = """# {title}

## 1. Cel

Określenie sposobu przyjmowania wniosku nr {n} w Biurze Obsługi Klienta.

## 2. Zakres

Procedura dotyczy wniosków składanych osobiście, pocztą i przez ePUAP.

## 3. Odpowiedzialność

Za stosowanie procedury odpowiada Kierownik Referatu Organizacyjnego.

## 4. Definicje

Wniosek – pismo klienta wszczynające sprawę.

## 5. Opis postępowania

1. Pracownik przyjmuje wniosek i nadaje mu numer w EZD.
2. Kierownik dekretuje sprawę w dniu wpływu.

## 6. Zapisy

Rejestr spraw w EZD.

## 7. Załączniki

Brak.
"""


def add_short_procedures(root: Path, count: int) -> list[str]:
    """``count`` distinct one-page procedures (P-90000 …) in the office, not yet committed."""
    ids = []
    for n in range(count):
        doc_id = f"P-{90000 + n}"
        title = f"Przyjmowanie wniosków, wariant {n}"
        meta = (
            f"id: {doc_id}\ntype: procedure\ntitle: {title}\nowner: sekretarz\n"
            "status: active\nprocess: PR-01\nclauses: ['8.2']\njrwa: '0143'"
        )
        body = SHORT.format(title=title, n=n)
        path = root / "documents" / "procedures" / f"{doc_id}.md"
        path.write_text(f"---\n{meta}\n---\n{body}", encoding="utf-8")
        ids.append(doc_id)
    return ids


def one_page(root: Path, ids: list[str]) -> dict[str, float]:
    """A warm process (compiler ready, pandoc run once) renders distinct one-page procedures
    one at a time, each for the first time: the median of pandoc alone and of the whole
    render; then the ``qms render pdf ID`` command end to end (process start included)."""
    plan = plan_pdf(root, ids)
    docs = load_repository(root).repo.docs_by_id
    pandoc, full, pages = [], [], set()
    with tempfile.TemporaryDirectory() as folder:
        renderer = Renderer(plan.assets, Path(folder) / "sandbox")
        renderer.render(plan.jobs[0])  # warm up
        for job in plan.jobs[1:]:
            doc = docs[job.label]
            start = time.perf_counter()
            markdown_body(doc.body + " ", (doc.title,))  # a text pandoc has not seen
            pandoc.append(time.perf_counter() - start)
            start = time.perf_counter()
            result = renderer.render(job)
            full.append(time.perf_counter() - start)
            assert result.pdf is not None, result.error
            pages.add(len(PdfReader(io.BytesIO(result.pdf)).pages))
    cli = []
    for doc_id in ids[:5]:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "qms_cli", "render", "pdf", doc_id, "--path", str(root)],
            capture_output=True,
            check=True,
        )
        cli.append(time.perf_counter() - start)
    return {
        "pages": float(max(pages)),
        "pandoc": statistics.median(pandoc),
        "render": statistics.median(full),
        "cli": statistics.median(cli),
    }


def whole(root: Path, workers: int) -> tuple[float, int]:
    start = time.perf_counter()
    report = render_pdf(root, out=Path(tempfile.mkdtemp()), workers=workers)
    elapsed = time.perf_counter() - start
    assert not report.failures, report.failures[0].error
    return elapsed, len(report.written)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--generated", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("QMS_CACHE_DIR", str(Path(tmp) / "cache"))
        example = Path(tmp) / "example"
        shutil.copytree(data_path("docs-repo-template"), example)
        short = add_short_procedures(example, 21)
        commit_all(example, **DATED)
        big = commit_all(generate(Path(tmp) / "generated", args.generated), **DATED)

        f = one_page(example, short)
        print("| one-page procedure | pages | pandoc (warm) | pandoc + Typst (warm) | CLI |")
        print("| --- | ---: | ---: | ---: | ---: |")
        print(
            f"| P-90000 … P-90020 | {f['pages']:.0f} | {f['pandoc'] * 1000:.0f} ms "
            f"| {f['render'] * 1000:.0f} ms | {f['cli']:.2f} s |"
        )
        print()
        print("| office | PDFs | 1 process | 2 processes |")
        print("| --- | ---: | ---: | ---: |")
        offices = (("example office + 21 short", example), (f"{args.generated} generated", big))
        for name, root in offices:
            one, count = whole(root, 1)
            two, _ = whole(root, 2)
            documents = len(load_repository(root).repo.docs_by_id)
            print(f"| {name} ({documents} documents) | {count} | {one:.1f} s | {two:.1f} s |")


if __name__ == "__main__":
    main()
