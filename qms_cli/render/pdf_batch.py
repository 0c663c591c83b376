"""Rendering many PDFs: in this process for a few, on a pool of worker processes for many.

Workers are started with ``spawn``: a process forked after Typst has compiled once can hang.
Each worker keeps one sandbox and one Typst compiler for all its jobs.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from qms_cli.render.assets import Assets
from qms_cli.render.typst_pdf import JobResult, PdfJob, Renderer

# Below this many jobs starting worker processes (~0.5 s each) costs more than it saves.
MIN_JOBS_FOR_POOL = 8

_worker: Renderer | None = None  # the renderer of a worker process (one per process)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def render_jobs(
    assets: Assets, jobs: Sequence[PdfJob], workers: int | None = None
) -> list[JobResult]:
    """Render every job; results in the order of ``jobs``."""
    if not jobs:
        return []
    count = min(workers or default_workers(), len(jobs))
    with tempfile.TemporaryDirectory(prefix="qms-pdf-") as parent:
        if count <= 1 or len(jobs) < MIN_JOBS_FOR_POOL:
            renderer = Renderer(assets, Path(parent) / "main")
            return [renderer.render(job) for job in jobs]
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            count, mp_context=context, initializer=_start_worker, initargs=(assets, parent)
        ) as pool:
            chunk = max(1, len(jobs) // (count * 8))
            return list(pool.map(_render_in_worker, jobs, chunksize=chunk))


def _start_worker(assets: Assets, parent: str) -> None:
    global _worker  # noqa: PLW0603 - per-process state of a pool worker
    _worker = Renderer(assets, Path(tempfile.mkdtemp(prefix="worker-", dir=parent)))


def _render_in_worker(job: PdfJob) -> JobResult:
    if _worker is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("PDF worker not initialised")
    return _worker.render(job)
