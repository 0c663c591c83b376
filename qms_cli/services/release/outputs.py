"""What a release publishes: every PDF and the BIP site rendered from one commit, and the
manifest that lets anyone prove the published files came from the approved text.

Used both to make a release and to verify one (rebuild and compare), so both go through the
same code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from qms_cli import __version__
from qms_cli.errors import QmsError
from qms_cli.io import layout
from qms_cli.model.register import Entry, Register, Release
from qms_cli.model.repository import document_of
from qms_cli.render.bip_context import Archived
from qms_cli.render.bip_metadata import EarlierEdition
from qms_cli.render.bip_metadata import Release as BipRelease
from qms_cli.render.pdf_context import Edition
from qms_cli.services.documents.render_bip import render_bip
from qms_cli.services.documents.render_pdf import render_pdf
from qms_cli.services.workspace import Workspace
from qms_cli.vcs import objects

MANIFEST = "manifest.json"
Progress = Callable[[str, int, int], None]  # step (pdf | bip | manifest), done, total


@dataclass(frozen=True)
class Outputs:
    folder: Path
    hashes: dict[str, str]  # relative path -> sha256
    manifest: bytes

    @property
    def manifest_hash(self) -> str:
        return hashlib.sha256(self.manifest).hexdigest()


def archived_editions(ws: Workspace, entries: Iterable[Entry]) -> dict[str, tuple[Archived, ...]]:
    """The earlier editions of the documents in force, their texts read from git by the
    blobs the register keeps: each stays published on the BIP as an archived page."""
    out: dict[str, tuple[Archived, ...]] = {}
    for entry in entries:
        kind = layout.kind_of(entry.path)
        if not entry.superseded or kind is None:
            continue
        editions = []
        for old in entry.superseded:
            raw = objects.blob_bytes(ws.root, old.blob)
            if raw is None:
                continue
            document = document_of(layout.read_source(entry.path, raw, kind))
            if document is not None and document.id == entry.id:
                editions.append(Archived(str(old.edition), old.in_force, old.until, document))
        if editions:
            out[entry.id] = tuple(editions)
    return out


def bip_release(
    entry: Entry, register: Register, current: Release, released_at: dt.datetime
) -> BipRelease:
    """What the BIP page says of an edition in force: published when and by whom its release
    was (this release: its commit time; an earlier one: its day), and the earlier editions."""
    by_id = {r.id: r for r in (*register.releases, current)}
    made = by_id.get(entry.release)
    if entry.release == current.id or made is None:
        published: dt.datetime | dt.date = released_at
    else:
        published = dt.date.fromisoformat(made.date)
    earlier = tuple(
        EarlierEdition(
            str(s.edition),
            s.in_force,
            s.until,
            by_id[s.release].released_by if s.release in by_id else "",
        )
        for s in entry.superseded
    )
    return BipRelease(
        str(entry.edition),
        entry.in_force,
        published,
        released_by=made.released_by if made is not None else "",
        earlier=earlier,
    )


def build_outputs(
    checkout: Path | Workspace,
    out: Path,
    register: Register,
    release: Release,
    released_at: dt.datetime,
    progress: Progress | None = None,
    *,
    reuse: bool = False,
) -> Outputs:
    """Render PDFs (``out/pdf``) and the BIP site (``out/bip``) of ``checkout``, the editions
    and dates in force taken from ``register``; then write ``out/manifest.json``. The
    checkout is read once for both. ``reuse``: PDFs whose key matches one rendered before are
    taken from qms's cache (a release); verification leaves it False and renders all."""
    source = Workspace.of(checkout)
    note = progress or (lambda step, done, total: None)
    in_force = {e.id: e for e in register.documents}
    editions = {
        e.id: Edition(str(e.edition), dt.date.fromisoformat(e.in_force), texts=e.texts())
        for e in in_force.values()
    }
    report = render_pdf(
        source,
        None,
        out / "pdf",
        editions=editions,
        progress=lambda done, total: note("pdf", done, total),
        reuse=reuse,
    )
    if report.failures:
        names = ", ".join(f.name for f in report.failures)
        raise QmsError(f"nie udało się wygenerować PDF: {names} — wydania nie utworzono")
    note("bip", 0, 1)
    releases = {e.id: bip_release(e, register, release, released_at) for e in in_force.values()}
    archived = archived_editions(source, in_force.values())
    render_bip(source, out / "bip", out / "pdf", releases=releases, archived=archived)
    note("bip", 1, 1)
    hashes = {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }
    manifest = manifest_bytes(register, release, hashes)
    (out / MANIFEST).write_bytes(manifest)
    return Outputs(out, hashes, manifest)


def manifest_bytes(register: Register, release: Release, hashes: dict[str, str]) -> bytes:
    """The manifest as canonical JSON (sorted keys): same inputs, same bytes."""
    documents = {
        e.id: {
            "path": e.path,
            "blob": e.blob,
            "edition": e.edition,
            "in_force": e.in_force,
            "approvals": [a.commit for a in e.approvals],
        }
        for e in register.documents
    }
    data = {
        "release": release.id,
        "date": release.date,
        "tag": release.tag,
        "sources": release.commit_of_sources,
        "qms_version": __version__,
        "documents": documents,
        "outputs": hashes,
    }
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
