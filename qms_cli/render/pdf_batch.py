"""Rendering many PDFs: in this process for a few, on a pool of worker processes for many.

Workers are started with ``spawn``: a process forked after Typst has compiled once can hang.
Each worker keeps one sandbox and one Typst compiler for all its jobs.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from qms_cli.io.pdfstore import PdfStore
from qms_cli.render.assets import Assets
from qms_cli.render.pdf_reuse import assets_digest, job_key
from qms_cli.render.typst_pdf import JobResult, PdfJob, Renderer

# Below this many jobs starting worker processes (~0.5 s each) costs more than it saves.
MIN_JOBS_FOR_POOL = 8
# Documents whose Markdown one pandoc run parses (starting pandoc costs ~20 ms).
BATCH = 40

Batch = list[tuple[int, PdfJob]]

_worker: Renderer | None = None  # the renderer of a worker process (one per process)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def render_jobs(
    assets: Assets,
    jobs: Sequence[PdfJob],
    workers: int | None = None,
    on_batch: Callable[[int], None] | None = None,
    store: PdfStore | None = None,
) -> list[JobResult]:
    """Render every job; results in the order of ``jobs`` (see ``iter_results``)."""
    results: list[JobResult | None] = [None] * len(jobs)
    for index, result in iter_results(assets, jobs, workers, on_batch, store):
        results[index] = result
    return [r for r in results if r is not None]


def iter_results(
    assets: Assets,
    jobs: Sequence[PdfJob],
    workers: int | None = None,
    on_batch: Callable[[int], None] | None = None,
    store: PdfStore | None = None,
) -> Iterator[tuple[int, JobResult]]:
    """Each job's position and result as soon as it is done, so that a caller can write and
    drop each PDF instead of holding them all. ``on_batch(n)`` is told each time ``n`` more
    jobs are done (for a progress bar). With ``store`` a PDF stored under the job's key
    (``pdf_reuse``) is taken from there, and each one rendered is stored."""
    told = on_batch or (lambda _: None)
    keys: list[str | None] = [None] * len(jobs)
    if store is not None and jobs:
        digest = assets_digest(assets)
        keys = [job_key(job, digest) for job in jobs]
    todo = []
    for index, (job, key) in enumerate(zip(jobs, keys, strict=True)):
        pdf = store.get(key) if store is not None and key is not None else None
        if pdf is None:
            todo.append(index)
        else:
            told(1)
            yield index, JobResult(job.name, job.label, pdf)
    for position, result in _rendered(assets, [jobs[i] for i in todo], workers, told):
        index = todo[position]
        key = keys[index]
        if store is not None and key is not None and result.pdf is not None:
            store.put(key, result.pdf)
        yield index, result


def _rendered(
    assets: Assets, jobs: Sequence[PdfJob], workers: int | None, told: Callable[[int], None]
) -> Iterator[tuple[int, JobResult]]:
    if not jobs:
        return
    count = min(workers or default_workers(), len(jobs))
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True, prefix="qms-pdf-") as parent:
        if count <= 1 or len(jobs) < MIN_JOBS_FOR_POOL:
            renderer = Renderer(assets, Path(parent) / "main")
            for batch in batches(jobs, BATCH):
                finished = _render_batch(renderer, batch)
                told(len(finished))
                yield from finished
        else:
            size = max(1, min(BATCH, -(-len(jobs) // (count * 3))))
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(
                count, mp_context=context, initializer=_start_worker, initargs=(assets, parent)
            ) as pool:
                for finished in pool.map(_render_in_worker, batches(jobs, size)):
                    told(len(finished))
                    yield from finished


def batches(jobs: Sequence[PdfJob], size: int) -> list[Batch]:
    """Jobs in groups of ``size`` (with their positions); a job of many parts (the Quality
    Book) is a group of its own, first, since it takes longest."""
    single: Batch = [(i, job) for i, job in enumerate(jobs) if len(job.bodies) > 1]
    out: list[Batch] = [[item] for item in single]
    rest = [(i, job) for i, job in enumerate(jobs) if len(job.bodies) <= 1]
    out += [rest[start : start + size] for start in range(0, len(rest), size)]
    return out


def _render_batch(renderer: Renderer, batch: Batch) -> list[tuple[int, JobResult]]:
    results = renderer.render_many([job for _, job in batch])
    return [(index, result) for (index, _), result in zip(batch, results, strict=True)]


def _start_worker(assets: Assets, parent: str) -> None:
    global _worker  # noqa: PLW0603 - per-process state of a pool worker
    _worker = Renderer(assets, Path(tempfile.mkdtemp(prefix="worker-", dir=parent)))


def _render_in_worker(batch: Batch) -> list[tuple[int, JobResult]]:
    if _worker is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("PDF worker not initialised")
    return _render_batch(_worker, batch)
