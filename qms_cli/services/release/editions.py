"""Superseded editions stay retrievable: ``qms render pdf P-03 --edition 2`` renders the text
of edition 2 from the release that published it, marked NIEAKTUALNY."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.render.pdf_context import Edition
from qms_cli.services.documents.render_pdf import PdfReport, render_pdf
from qms_cli.services.loading import load_repository, read_register
from qms_cli.vcs import release as vcs


def render_edition(path: Path, doc_id: str, edition: int, out: Path | None = None) -> PdfReport:
    loaded = load_repository(path)
    register = read_register(loaded)
    entry = register.entry(doc_id)
    withdrawn = [w for w in register.withdrawn if w.id == doc_id and w.edition == edition]
    if entry is not None and entry.edition == edition:
        published, in_force, superseded = entry.release, entry.in_force, False
    elif entry is not None and (old := [s for s in entry.superseded if s.edition == edition]):
        published, in_force, superseded = old[0].release, old[0].in_force, True
    elif withdrawn:
        published, in_force, superseded = withdrawn[0].release, withdrawn[0].in_force, True
    else:
        known = sorted({s.edition for s in entry.superseded} | {entry.edition}) if entry else []
        raise QmsError(
            f"dokument {doc_id} nie ma wydania {edition} w wykazie dokumentów (register.yaml)",
            hint=("Wydania: " + ", ".join(map(str, known))) if known else "Dokumentu nie wydano.",
        )
    release = next((r for r in register.releases if r.id == published), None)
    if release is None:
        raise QmsError(f"register.yaml nie zna wydania {published}", path="register.yaml")
    commit = vcs.tag_commit(loaded.root, release.tag)
    target = out or loaded.root / "dist" / "archiwum" / doc_id / f"wydanie-{edition}"
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True, prefix="qms-edition-") as tmp:
        checkout = vcs.shared_checkout(loaded.root, commit, Path(tmp) / "src")
        texts = entry.texts() if entry is not None else ()
        marks = {
            doc_id: Edition(str(edition), dt.date.fromisoformat(in_force), superseded, texts=texts)
        }
        return render_pdf(checkout, [doc_id], target, editions=marks)
