"""``qms render pdf``: the official PDF of each document, and the Quality Book as one PDF.

Dates come from git: the PDF date is the commit time of the document's text (of HEAD for a
file not yet committed). Records (zapisy: the management review ``PZ-<year>``, an audit report
through ``render_record_pdf``) use the office's layout without edition, mark or approvals,
dated by the commit time of HEAD. Edition and date in force come from a release (``editions``, from
``register.yaml`` once ``qms release`` writes it); until then a document shows as a project.
A document that fails to render is named in the report and leaves no file behind; the others
are written, each completely or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io.layout import kind_of
from qms_cli.io.outputs import prepare_output, write_output
from qms_cli.io.pdfstore import PdfStore
from qms_cli.model.doctypes import type_name
from qms_cli.model.documents import Document, SourceFile
from qms_cli.model.ids import is_valid_id
from qms_cli.model.record_approvals import RecordInfo, records_by_id
from qms_cli.model.register import from_data
from qms_cli.model.repository import Repository
from qms_cli.model.review import parse_review
from qms_cli.render.assets import Assets, office_assets
from qms_cli.render.pdf_batch import iter_results, render_jobs
from qms_cli.render.pdf_context import (
    DocState,
    Edition,
    approvals,
    book_documents,
    book_header,
    document_context,
    last_change_time,
    page_context,
    pdf_title,
)
from qms_cli.render.pdf_record import record_context
from qms_cli.render.typst_pdf import BodySource, JobResult, PdfJob
from qms_cli.services.approval.history import document_histories
from qms_cli.services.loading import load_repository
from qms_cli.services.lookup import document_id, no_such_documents
from qms_cli.services.workspace import Workspace
from qms_cli.vcs.objects import head_time, worktree_blobs

DEFAULT_OUT = Path("dist") / "pdf"
BOOK_FILE = "ksiega-jakosci.pdf"
BOOK_LABEL = "Księga Jakości (komplet)"


@dataclass
class PdfReport:
    out_dir: Path
    written: list[Path] = field(default_factory=list)
    failures: list[JobResult] = field(default_factory=list)


@dataclass(frozen=True)
class PdfPlan:
    """What a render will make: the office's checked assets and one job per PDF."""

    root: Path
    assets: Assets
    jobs: list[PdfJob]


def plan_pdf(
    target: Path | Workspace,
    ids: list[str] | None = None,
    *,
    editions: Mapping[str, Edition] | None = None,
) -> PdfPlan:
    """The PDFs for the documents ``ids`` (all when None or empty), and the Quality Book with
    a full render or when the manual is asked for. ``editions``: what a release being made
    says; by default the editions in force from ``register.yaml``. Problems with the office's
    setup (unknown id, logo, templates, font, register, no git history) are a ``QmsError``
    before anything renders. Approvals are judged for the documents shown only."""
    ws = Workspace.of(target)
    root, repo = ws.root, ws.repo
    ids = [document_id(repo, i) for i in ids] if ids else ids
    records = _records(repo, ids or [])
    records_of_office = records_by_id(repo) if records else {}
    doc_ids = [i for i in ids or [] if i not in records]
    docs = [] if records and not doc_ids else _selected(repo, doc_ids if records else ids)
    book = book_documents(repo) if _wants_book(docs, ids) else []
    assets = office_assets(root, repo.config)
    wanted = list(dict.fromkeys(d.id for d in [*book, *docs]))
    histories = document_histories(ws, wanted)
    paths = {doc_id: repo.docs_by_id[doc_id].path for doc_id in wanted}
    now = worktree_blobs(root, list(paths.values()))  # git's view: CRLF checkouts are clean
    blobs = {doc_id: now.get(path) for doc_id, path in paths.items()}
    if editions is None:
        editions = editions_in_force(repo, blobs)
    states = {
        doc_id: DocState(
            histories[doc_id],
            editions.get(doc_id),
            dirty=not _same(blobs[doc_id], histories[doc_id].current_blob),
        )
        for doc_id in wanted
    }
    # HEAD's time dates documents that git does not know yet
    head = head_time(root) if any(last_change_time(s) is None for s in states.values()) else None
    jobs = [_book_job(repo, assets, book, states, head)] if book else []
    jobs += [_document_job(repo, assets, doc, states[doc.id], head) for doc in docs]
    if records:
        jobs += [
            _review_job(ws, assets, source, _head(root), records_of_office.get(i))
            for i, source in records.items()
        ]
    return PdfPlan(root, assets, jobs)


def render_pdf(
    target: Path | Workspace,
    ids: list[str] | None = None,
    out: Path | None = None,
    *,
    workers: int | None = None,
    editions: Mapping[str, Edition] | None = None,
    progress: Callable[[int, int], None] | None = None,
    reuse: bool = False,
) -> PdfReport:
    """Render (see ``plan_pdf``) into ``out`` (``dist/pdf`` of the repository by default),
    each PDF written as soon as it is made. ``reuse``: take a PDF rendered before from qms's
    cache when everything it depends on is the same (``render.pdf_reuse``), and keep there
    each one rendered now."""
    plan = plan_pdf(target, ids, editions=editions)
    total, done = len(plan.jobs), [0]

    def advance(count: int) -> None:
        done[0] += count
        if progress is not None:
            progress(done[0], total)

    default = out is None
    folder = prepare_output(plan.root / DEFAULT_OUT if out is None else out, ignored=default)
    report = PdfReport(folder)
    store = PdfStore() if reuse else None
    written: dict[int, Path] = {}
    failed: dict[int, JobResult] = {}
    for index, result in iter_results(plan.assets, plan.jobs, workers, advance, store):
        if result.pdf is None:
            failed[index] = result
        else:
            written[index] = write_output(folder, result.name, result.pdf)
    report.written = [written[i] for i in sorted(written)]
    report.failures = [failed[i] for i in sorted(failed)]
    return report


def _selected(repo: Repository, ids: list[str] | None) -> list[Document]:
    if not ids:
        return [d for d in repo.docs_by_id.values() if is_valid_id(d.id)]
    unknown = [i for i in ids if i not in repo.docs_by_id]
    if unknown:
        raise no_such_documents(
            repo,
            unknown,
            hint="Identyfikatory dokumentów są w polu id nagłówka, np. P-01, KJ, PR-02; "
            "przegląd zarządzania: PZ-<rok>, np. PZ-2026.",
        )
    bad = [i for i in ids if not is_valid_id(i)]
    if bad:
        raise QmsError("niepoprawny identyfikator dokumentu: " + ", ".join(bad))
    return [repo.docs_by_id[i] for i in dict.fromkeys(ids)]


def _wants_book(docs: list[Document], ids: list[str] | None) -> bool:
    """The Quality Book comes with every full render and whenever the manual is asked for."""
    return not ids or any(d.type == "manual" for d in docs)


def _same(now: str | None, blob: str | None) -> bool:
    return now is not None and now == blob


def editions_in_force(repo: Repository, blobs: Mapping[str, str | None]) -> dict[str, Edition]:
    """Editions from ``register.yaml``; ``current`` when the file is still that edition's text
    (``blobs``: each document's file as git would store it now)."""
    try:
        register = from_data(repo.data("register"))
        return {
            entry.id: Edition(
                str(entry.edition),
                dt.date.fromisoformat(str(entry.in_force)),
                current=_same(blobs.get(entry.id), entry.blob),
                texts=entry.texts(),
            )
            for entry in register.documents
        }
    except ValueError as exc:
        raise QmsError(
            f"nie można odczytać rejestru dokumentów: {exc}",
            hint="register.yaml zapisuje tylko qms release; przywróć go z historii git.",
            path="register.yaml",
        ) from None


def _timestamp(states: list[DocState], head: dt.datetime | None) -> dt.datetime:
    times = [t for t in (last_change_time(s) for s in states) if t is not None]
    if times:
        return max(times)
    if head is not None:
        return head
    raise QmsError(
        "repozytorium nie ma jeszcze historii git, z której wzięłyby się daty dokumentów",
        hint='Zapisz zmiany: git add -A && git commit -m "…", potem ponów polecenie.',
    )


def _body(doc: Document, context: dict[str, Any]) -> BodySource:
    """The body to render; leading headings repeating what the layout prints are dropped."""
    folder = doc.path.rsplit("/", 1)[0] if "/" in doc.path else ""
    order = context.get("order") or {}
    shown = (doc.title, order.get("title", ""), order.get("subject", ""))
    return BodySource(doc.body, tuple(s for s in shown if s), folder, doc.id)


def _document_job(
    repo: Repository, assets: Assets, doc: Document, state: DocState, head: dt.datetime | None
) -> PdfJob:
    keywords = [doc.id, type_name(doc.type), "System Zarządzania Jakością", "ISO 9001"]
    context = page_context(repo, pdf_title(doc, repo), keywords, font=assets.font)
    context["doc"] = document_context(doc, repo, state)
    return PdfJob(
        name=f"{doc.id}.pdf",
        label=doc.id,
        template="document",
        context=context,
        bodies=(_body(doc, context["doc"]),),
        timestamp=_timestamp([state], head),
    )


def _book_job(
    repo: Repository,
    assets: Assets,
    parts: list[Document],
    states: dict[str, DocState],
    head: dt.datetime | None,
) -> PdfJob:
    manual = next(d for d in parts if d.type == "manual")
    office = (repo.config.get("office") or {}).get("name")
    title = "Księga Jakości" + (f" – {office}" if office else "")
    keywords = [manual.id, "Księga Jakości", "System Zarządzania Jakością", "ISO 9001"]
    context = page_context(repo, title, keywords, font=assets.font)
    contexts = [document_context(d, repo, states[d.id]) for d in parts]
    context["book"] = book_header(contexts[parts.index(manual)]["header"])
    context["parts"] = contexts
    return PdfJob(
        name=BOOK_FILE,
        label=BOOK_LABEL,
        template="book",
        context=context,
        bodies=tuple(_body(d, c) for d, c in zip(parts, contexts, strict=True)),
        timestamp=_timestamp([states[d.id] for d in parts], head),
    )


@dataclass(frozen=True)
class RecordSource:
    """A record to render: its id, title, Markdown body, date, file kind (``io.layout``) and
    path in the repository (images are looked up from its folder)."""

    id: str
    title: str
    markdown: str
    date: dt.date | None = None
    kind: str | None = None
    path: str | None = None


def render_record_pdf(
    root: Path,
    markdown: str,
    *,
    title: str,
    out: Path,
    record_id: str | None = None,
    date: dt.date | None = None,
    source: str | None = None,
) -> Path:
    """The PDF of a record's Markdown ``markdown`` in the office's layout (``record_pdf``),
    written atomically to ``out``; ``record_id`` is the file name of ``out`` by default."""
    pdf = record_pdf(
        root, markdown, title=title, record_id=record_id or out.stem, date=date, source=source
    )
    default = out.parent.resolve() == (root / DEFAULT_OUT).resolve()
    return write_output(prepare_output(out.parent, ignored=default), out.name, pdf)


def record_pdf(
    root: Path,
    markdown: str,
    *,
    title: str,
    record_id: str,
    date: dt.date | None = None,
    source: str | None = None,
) -> bytes:
    """The PDF of a record's Markdown ``markdown`` in the office's layout: ``record_id`` in the
    header, ``source`` the record's path in the repository (its kind, its images' folder);
    dated by the commit time of HEAD, so the same repository gives the same bytes. A render
    that fails is a ``QmsError``."""
    loaded = load_repository(root)
    assets = office_assets(loaded.root, loaded.repo.config)
    found = kind_of(source) if source else None
    record = RecordSource(
        record_id, title, markdown, date, kind=found.name if found else None, path=source
    )
    job = _record_job(loaded.repo, assets, record, _head(loaded.root))
    [result] = render_jobs(assets, [job], 1)
    if result.pdf is None:
        raise QmsError(result.error or result.label, hint=result.hint)
    return result.pdf


def _records(repo: Repository, ids: list[str]) -> dict[str, SourceFile]:
    """The management reviews among ``ids`` (records are not documents: their own lookup)."""
    reviews = {s.path.rsplit("/", 1)[-1].removesuffix(".md"): s for s in repo.of_kind("review")}
    return {i: reviews[i] for i in dict.fromkeys(ids) if i in reviews and i not in repo.docs_by_id}


def _head(root: Path) -> dt.datetime:
    return _timestamp([], head_time(root))


def _review_job(
    ws: Workspace,
    assets: Assets,
    source: SourceFile,
    head: dt.datetime,
    info: RecordInfo | None,
) -> PdfJob:
    repo = ws.repo
    review = parse_review(source.data, source.body, source.body_line, source.path)
    name = source.path.rsplit("/", 1)[-1].removesuffix(".md")
    title = str(source.data.get("title") or f"Przegląd zarządzania {name[3:]}")
    record = RecordSource(
        review.id if review else name,
        title,
        source.body,
        review.held if review else None,
        kind=source.kind,
        path=source.path,
    )
    return _record_job(repo, assets, record, head, record_signatures(ws, info))


def record_signatures(ws: Workspace, info: RecordInfo | None) -> list[dict[str, Any]]:
    """The signature block of a record approved like a document, when the approval matrix
    names its type: the signatures that hold for its current text and those still missing."""
    matrix = ws.repo.config.get("approvals")
    if info is None or not isinstance(matrix, dict) or info.type not in matrix:
        return []
    history = document_histories(ws, [info.id])[info.id]
    blob = worktree_blobs(ws.root, [info.path]).get(info.path)
    as_doc = Document(info.id, info.type, info.title, info.path, {"owner": info.owner}, "", 1)
    return approvals(as_doc, ws.repo, DocState(history, None, blob != history.current_blob))


def _record_job(
    repo: Repository,
    assets: Assets,
    record: RecordSource,
    head: dt.datetime,
    signatures: list[dict[str, Any]] | None = None,
) -> PdfJob:
    keywords = [record.id, "Zapis SZJ", "System Zarządzania Jakością", "ISO 9001"]
    office = (repo.config.get("office") or {}).get("name")
    title = f"{record.id} {record.title}" + (f" – {office}" if office else "")
    context = page_context(repo, title, keywords, font=assets.font)
    context["doc"] = record_context(
        record.id,
        record.title,
        kind=record.kind,
        date=record.date,
        source=record.path,
        approvals=signatures,
    )
    folder = record.path.rsplit("/", 1)[0] if record.path and "/" in record.path else ""
    return PdfJob(
        name=f"{record.id}.pdf",
        label=record.id,
        template="record",
        context=context,
        bodies=(BodySource(record.markdown, (record.title,), folder, record.id),),
        timestamp=head,
    )
