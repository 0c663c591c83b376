"""Times the redline (issue 22) of a 20-page procedure: the pure diff (``model/redline.py``:
blocks aligned, words within changed blocks, moves) and both renderings.

The procedure is generated: 20 pages of about 500 words (sections with paragraphs, numbered
lists and a table of records). The new text changes ~5 % of the paragraphs (a few words
each), deletes and inserts a few, rewrites some list items, moves one section to the end and
changes cells of the table. Timed: the median of a few runs of ``redline`` + ``as_text`` +
``as_html``. Target: under 1 s.

Run: ``.venv/bin/python benchmarks/redline_speed.py [--pages 20] [--runs 5]``. Prints a
Markdown table. Not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qms_cli.model.redline import redline
from qms_cli.render.redline import Header, as_html, as_text
from qms_cli.render.redline_pdf import as_pdf

WHEN = dt.datetime(2026, 11, 21, 9, tzinfo=dt.UTC)

VOCABULARY = (
    "dokument urząd kierownik procedura zapis nadzór wniosek sprawa termin opłata komórka "
    "przegląd audit działanie korygujące ryzyko cel jakość klient pracownik rejestr wydanie "
    "zatwierdzenie treść zmiana odpowiedzialność archiwum kategoria przechowywanie"
)
WORDS = VOCABULARY.split()


def sentence(rng: random.Random, n: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def procedure(rng: random.Random, pages: int) -> list[str]:
    """Blocks of a procedure: about 500 words a page."""
    blocks: list[str] = []
    for section in range(1, pages * 2 + 1):
        blocks.append(f"## {section}. Sekcja {section}")
        for _ in range(3):
            blocks.append(" ".join(sentence(rng) for _ in range(4)))
        blocks.append("\n".join(f"{i}. {sentence(rng, 10)}" for i in range(1, 5)))
    rows = [f"| Zapis {i} | Repozytorium SZJ | trwale, 0143 (A) |" for i in range(40)]
    blocks.append("| Zapis | Miejsce | Okres |\n| --- | --- | --- |\n" + "\n".join(rows))
    return blocks


def edited(rng: random.Random, blocks: list[str]) -> list[str]:
    out = list(blocks)
    for n in rng.sample(range(len(out) - 1), len(out) // 20):
        words = out[n].split(" ")
        for _ in range(3):
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        out[n] = " ".join(words)
    for n in sorted(rng.sample(range(len(out) - 1), 5), reverse=True):
        del out[n]
    for n in rng.sample(range(len(out) - 1), 5):
        out.insert(n, " ".join(sentence(rng) for _ in range(3)))
    start = next(n for n, b in enumerate(out) if b.startswith("## 3."))
    moved, out[start : start + 5] = out[start : start + 5], []
    out[-1:-1] = moved
    out[-1] = out[-1].replace(
        "| Zapis 7 | Repozytorium SZJ | trwale", "| Zapis 7 | Sekretariat | 10 lat"
    )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(22)
    old_blocks = procedure(rng, args.pages)
    old = "\n\n".join(old_blocks) + "\n"
    new = "\n\n".join(edited(rng, old_blocks)) + "\n"
    head = Header(
        "P-99", "Procedura testowa", "documents/procedures/P-99.md", "wydanie 1", "bieżąca"
    )
    times, pdf_times = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        red = redline(old, new)
        as_text(head, red)
        as_html(head, red)
        times.append(time.perf_counter() - start)
        start = time.perf_counter()
        as_pdf(head, red, "Urząd Gminy Przykładowo", WHEN)
        pdf_times.append(time.perf_counter() - start)
    words = len(old.split())
    print("| procedure | words | changed blocks | diff + text + HTML | PDF (Typst) | target |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    median, pdf = statistics.median(times), statistics.median(pdf_times)
    print(
        f"| {args.pages} pages | {words} | {len(red.changed)} | {median:.2f} s | {pdf:.2f} s "
        "| < 1 s |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
