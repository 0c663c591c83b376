"""The refusal for document ids a command cannot find, naming the file that would be the
document when it exists but cannot be read (a syntax error, an alias, a file over its cap)."""

from __future__ import annotations

from qms_cli.errors import QmsError
from qms_cli.model.hints import unknown_value_hint
from qms_cli.model.paths import given
from qms_cli.model.record_approvals import record_infos
from qms_cli.model.repository import Repository

RECORDS = "records/"


def document_id(repo: Repository, text: str) -> str:
    """What a command was given, as an id: a document's file or the file of a record approved
    like one (``documents\\procedures\\P-01.md`` or with ``/``, as a shell completes it;
    ``records/reviews/PZ-2026.md``, ``records/capa/DK-2026-001.yaml``) is its id; a
    configuration file is its path with ``/``; an id stays as it is."""
    path = given(text)
    if path.startswith(RECORDS):
        for record in record_infos(repo):
            if record.path == path:
                return record.id
    if not path.endswith(".md"):
        return path
    for doc in repo.documents:
        if doc.path == path:
            return doc.id
    return text


def no_such_documents(repo: Repository, ids: list[str], hint: str | None = None) -> QmsError:
    """``nie ma dokumentu: …``, or, for one unreadable file, its first problem and line."""
    for doc_id in ids:
        if doc_id not in repo.broken_document_ids:
            continue
        for source in repo.by_kind.get("document", []):
            if source.path.rsplit("/", 1)[-1] == f"{doc_id}.md" and source.problems:
                _, message, line = source.problems[0]
                return QmsError(
                    f"dokumentu {doc_id} nie można wczytać: {message}",
                    hint="Popraw plik; „qms check” pokaże wszystkie problemy.",
                    path=source.path,
                    line=line,
                )
    found = ", ".join(ids) + (unknown_value_hint(ids[0], repo.docs_by_id) if len(ids) == 1 else "")
    return QmsError("nie ma dokumentu: " + found, hint=hint)


# files every command but ``qms check`` needs readable: without them it would work on a wrong
# picture of the office (no roles, no approval matrix, no editions) and say nothing
ESSENTIAL_KINDS = ("config", "structure", "register")


def refuse_unreadable(repo: Repository, kinds: tuple[str, ...] = ESSENTIAL_KINDS) -> None:
    """Raise ``QmsError`` (file, line, the problem) when a file of ``kinds`` cannot be read."""
    for kind in kinds:
        for source in repo.by_kind.get(kind, []):
            if not source.ok and source.problems:
                _, message, line = source.problems[0]
                raise QmsError(
                    f"nie można wczytać pliku: {message}",
                    hint="Popraw plik; „qms check” pokaże wszystkie problemy.",
                    path=source.path,
                    line=line,
                )
