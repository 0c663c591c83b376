"""``qms render bip``: the static BIP site of everything public, from the repository and its
git history, written to ``dist/bip/`` (or ``--out``) as a whole or not at all."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.io import repofiles
from qms_cli.io.outdir import read_optional, replace_folder
from qms_cli.model.history import DocumentHistory
from qms_cli.model.register import Register
from qms_cli.render.bip_context import (
    CONFIG_SOURCES,
    HOME,
    SERVICE_SOURCES,
    Archived,
    SiteInput,
    build_site,
    published_documents,
)
from qms_cli.render.bip_metadata import Release
from qms_cli.render.bip_site import render_site
from qms_cli.services.approval.history import document_histories
from qms_cli.services.loading import read_register
from qms_cli.services.workspace import Workspace
from qms_cli.vcs.log import file_changes

DEFAULT_OUT = Path("dist") / "bip"
DEFAULT_PDF = Path("dist") / "pdf"


@dataclass(frozen=True)
class BipResult:
    out: Path
    index: Path
    pages: int
    files: int
    pdfs: int
    warnings: tuple[str, ...]


def render_bip(
    target: Path | Workspace,
    out: Path | None = None,
    pdf_dir: Path | None = None,
    releases: Mapping[str, Release] | None = None,
    *,
    draft: bool = False,
    archived: Mapping[str, tuple[Archived, ...]] | None = None,
) -> BipResult:
    """Render the BIP site. ``releases`` (edition, date in force) come from ``qms release``;
    PDFs named ``<id>.pdf`` in ``pdf_dir`` (default ``dist/pdf``) are published alongside.

    Drafts never look released: outside a release, a public document whose text is not the
    text of its edition in force (changed since, or never released) stops the rendering,
    unless ``draft``, and then every page says it is a draft (``PROJEKT``, not indexed)."""
    ws = Workspace.of(target)
    root, repo = ws.root, ws.repo
    docs, _ = published_documents(repo)
    ids = [d.id for d in docs]
    histories = document_histories(ws, ids) if ids else {}
    if releases is None and not draft:
        _refuse_unreleased(read_register(ws.loaded), histories)
    sources = sorted({*CONFIG_SOURCES, *SERVICE_SOURCES})
    changes = file_changes(root, sources)
    pdf_folder = _absolute(root, pdf_dir or DEFAULT_PDF)
    pdfs = {i: data for i in ids if (data := read_optional(pdf_folder / f"{i}.pdf")) is not None}
    site = build_site(
        SiteInput(
            repo=repo,
            histories=histories,
            file_changes=changes,
            releases=releases or {},
            pdfs={i: len(data) for i, data in pdfs.items()},
            archived=archived or {},
        )
    )
    if draft:
        site = replace(site, draft=True)
    files = render_site(site, lambda rel: read_published(root, rel))
    files.update({f"{i}.pdf": data for i, data in pdfs.items()})
    target = _absolute(root, out or DEFAULT_OUT)
    replace_folder(target, dict(sorted(files.items())), "qms render bip\n")
    return BipResult(
        out=target,
        index=target / HOME,
        pages=len(site.pages),
        files=len(files),
        pdfs=len(pdfs),
        warnings=site.warnings,
    )


def read_published(root: Path, rel: str) -> bytes | None:
    """An image a public document shows: a file in ``documents/`` that is what its name says
    (``repofiles.resolve``); anything else stops the render. None when there is no such file."""
    path, problem = repofiles.resolve(root, rel, within="documents")
    if problem is not None:
        raise QmsError(
            problem,
            hint="Obrazy dokumentów publicznych umieść w documents/ jako pliki obrazów; "
            "qms check pokazuje dowiązania symboliczne (QMS109) i złe ścieżki (QMS110).",
        )
    return path.read_bytes() if path is not None else None


def _refuse_unreleased(register: Register, histories: Mapping[str, DocumentHistory]) -> None:
    """The pages would show texts that are not in force: say which, and how to preview."""
    unreleased = []
    for doc_id, history in histories.items():
        entry = register.entry(doc_id)
        if entry is None:
            unreleased.append(f"{doc_id} (nie wydano)")
        elif entry.blob != history.current_blob:
            unreleased.append(f"{doc_id} (zmieniony po wydaniu {entry.edition})")
    if unreleased:
        raise QmsError(
            "strony BIP pokazałyby treść, która nie jest wydana: " + ", ".join(unreleased),
            hint="Publikację przygotowuje „qms release”. Podgląd projektu, oznaczony na każdej "
            "stronie jako PROJEKT: qms render bip --draft",
        )


def _absolute(root: Path, folder: Path) -> Path:
    return folder if folder.is_absolute() else root / folder
