"""pandoc's HTML of many document bodies from a few pandoc runs instead of one run each.

Starting pandoc costs more than converting a service card (~40 ms against a few), and a
thousand starts were most of ``qms render bip``'s time, most of it system time. Here the
bodies go to pandoc as separate files of one run with ``--file-scope``, so each is parsed on
its own (an unclosed fence, a link reference, a title block or an example list stays in its
text); a file holding only a marker paragraph that no body contains goes between two bodies,
and the output is cut at those paragraphs.

What ``--file-scope`` adds is taken off again: pandoc prefixes every identifier and every
``#`` link of a body with its file's path (``tmp__qms-html-…__<name>.md__cel``); the prefix
is cut, so a body gets the ids it gets alone (``cel``, ``cel-1``), de-duplicated within
itself, never against another body. Footnotes are numbered and collected across the whole
run by pandoc's HTML writer, so a body that may have one (any ``^``: ``[^1]``, ``^[…]``) is
converted alone. The result is the same text as ``html.pandoc_html`` of each body alone
(``tests/bip/test_bip_batch.py`` compares them).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypandoc

from qms_cli.render.html import MARKDOWN_FORMAT, PANDOC_ARGS, pandoc_html
from qms_cli.render.pandoc import part_marker

FOOTNOTE_SIGN = "^"  # every footnote syntax of pandoc's Markdown has it
CHUNK = 64  # bodies a run: the first pages are finished while pandoc converts the next


def pandoc_html_many(
    sources: list[str], workers: int | None = None, chunk: int = CHUNK
) -> Iterator[str]:
    """``html.pandoc_html`` of every text, in order, as each run ends; runs go on every core
    (pandoc works while this process finishes the pages already converted)."""
    jobs: list[list[str]] = []
    for text in sources:
        if (
            FOOTNOTE_SIGN in text
            or not jobs
            or len(jobs[-1]) >= chunk
            or FOOTNOTE_SIGN in jobs[-1][0]
        ):
            jobs.append([text])
        else:
            jobs[-1].append(text)
    pool = ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1)
    try:
        for results in pool.map(_convert, jobs):
            yield from results
    finally:
        pool.shutdown(cancel_futures=True)


def _convert(texts: list[str]) -> list[str]:
    marker = part_marker(texts) if len(texts) > 1 else None
    if marker is None or any(marker.lower() in text.lower() for text in texts):  # ids: lower
        return [pandoc_html(text) for text in texts]
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True, prefix="qms-html-") as folder:
        between = Path(folder) / f"{marker}.md"
        between.write_text(f"{marker}\n", encoding="utf-8", newline="\n")
        paths: list[str] = []
        for index, text in enumerate(texts):
            path = Path(folder) / f"{marker}{index}.md"
            path.write_text(text, encoding="utf-8", newline="\n")
            paths.extend([str(between)] * bool(paths) + [str(path)])
        try:
            raw: str = pypandoc.convert_file(
                paths,
                "html5",
                format=MARKDOWN_FORMAT,
                extra_args=[*PANDOC_ARGS, "--file-scope"],
                verify_format=False,
                sort_files=False,
            )
        except (RuntimeError, OSError):  # one text pandoc refuses: each alone says which
            return [pandoc_html(text) for text in texts]
    parts = re.split(rf"^<p>{marker}</p>\n", raw, flags=re.MULTILINE)
    if len(parts) != len(texts):  # pragma: no cover - pandoc changed its output
        return [pandoc_html(text) for text in texts]
    # pandoc ends what it writes with a newline, also when a text alone gives nothing
    return [
        _unprefix(part, f"{marker}{index}.md") if part else "\n" for index, part in enumerate(parts)
    ]


def _unprefix(html: str, name: str) -> str:
    """Cut ``--file-scope``'s path prefix (``…__<name>__``; a bare ``#`` becomes ``#…__<name>``)
    from the ids and ``#`` links of one body."""
    pattern = rf'(id="|href="#)[^"<>]*?{re.escape(name)}(?:__|(?="))'
    return re.sub(pattern, r"\1", html, flags=re.IGNORECASE)
