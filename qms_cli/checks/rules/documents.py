"""Ids, file names and the basic shape of the document set."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, file_rule, repo_rule
from qms_cli.model.doctypes import DOC_TYPES
from qms_cli.model.documents import ASSET_SUFFIXES, SourceFile
from qms_cli.model.findings import Severity
from qms_cli.model.ids import is_valid_id, next_id, pattern_regex

# lists whose items carry ids that must be unique within the repository
ID_LISTS = (
    ("structure", "units"),
    ("structure", "positions"),
    ("structure", "roles"),
    ("auditors", "auditors"),
    ("signers", "signers"),
    ("external", "documents"),
    ("risks", "risks"),
    ("objectives", "objectives"),
    ("suppliers", "suppliers"),
    ("audit-programme", "audits"),
)


@file_rule(
    "QMS005",
    "invalid-id",
    Severity.ERROR,
    "Id dokumentu: wielkie litery, cyfry i myślniki (np. P-03), nigdy ścieżka",
    kinds=("document",),
)
def invalid_id(source: SourceFile) -> Iterator[Hit]:
    doc_id = source.data.get("id")
    if doc_id is not None and not is_valid_id(doc_id):
        yield Hit(
            source.path,
            f"niedozwolone id {doc_id!r}: dozwolone są wielkie litery, cyfry "
            "i myślniki, np. „P-03”",
            pointer=("id",),
        )


@file_rule(
    "QMS007",
    "file-name",
    Severity.WARNING,
    "Plik dokumentu nazywa się <id>.md i leży w folderze swojego typu",
    kinds=("document",),
)
def file_name(source: SourceFile) -> Iterator[Hit]:
    doc_id, doc_type = source.data.get("id"), source.data.get("type")
    folder_path, _, name = source.path.rpartition("/")
    if isinstance(doc_id, str) and is_valid_id(doc_id) and name != f"{doc_id}.md":
        yield Hit(
            source.path,
            f"plik dokumentu {doc_id} powinien nazywać się {doc_id}.md",
            pointer=("id",),
        )
    if isinstance(doc_type, str) and doc_type in DOC_TYPES:
        folder = DOC_TYPES[doc_type].folder
        if folder_path.rpartition("/")[2] != folder:
            yield Hit(
                source.path,
                f"dokument typu {doc_type} powinien leżeć w documents/{folder}/",
                pointer=("type",),
            )


@repo_rule("QMS004", "duplicate-id", Severity.ERROR, "Id są unikalne w całym repozytorium")
def duplicate_ids(ctx: CheckContext) -> Iterator[Hit]:
    seen: dict[str, str] = {}
    for doc in ctx.repo.documents:
        if doc.id in seen:
            pattern = _pattern(ctx, doc.type)
            taken = {d.id for d in ctx.repo.documents}
            suggestion = (
                next_id(pattern, taken) if "{n" in pattern and "{unit}" not in pattern else None
            )
            hint = f"; nadaj nowe id, np. {suggestion}" if suggestion else "; nadaj nowe id"
            yield Hit(
                doc.path,
                f"id {doc.id} ma już {seen[doc.id]} (np. po scaleniu gałęzi)"
                f"{hint} i zmień nazwę pliku",
                pointer=("id",),
            )
        else:
            seen[doc.id] = doc.path
    for kind, key in ID_LISTS:
        listed: dict[str, str] = {}
        for source, index, item in ctx.repo.items(kind, key):
            item_id = item.get("id")
            if not isinstance(item_id, str):
                continue
            if item_id in listed:
                yield Hit(
                    source.path,
                    f"id {item_id} powtórzone (jest już w {listed[item_id]})",
                    pointer=(key, index, "id"),
                )
            else:
                listed[item_id] = source.path


def _pattern(ctx: CheckContext, doc_type: str) -> str:
    numbering = ctx.repo.config.get("numbering")
    if isinstance(numbering, dict) and isinstance(numbering.get(doc_type), str):
        return str(numbering[doc_type])
    return DOC_TYPES[doc_type].numbering if doc_type in DOC_TYPES else "{n}"


@repo_rule(
    "QMS006", "id-pattern", Severity.WARNING, "Id dokumentu zgodne ze wzorem numeracji z qms.yaml"
)
def id_pattern(ctx: CheckContext) -> Iterator[Hit]:
    for doc in ctx.repo.documents:
        if doc.type not in DOC_TYPES or not is_valid_id(doc.id):
            continue
        pattern = _pattern(ctx, doc.type)
        if not pattern_regex(pattern).fullmatch(doc.id):
            yield Hit(
                doc.path,
                f"id {doc.id} nie pasuje do wzoru numeracji „{pattern}” dla typu {doc.type}",
                pointer=("id",),
            )


@repo_rule(
    "QMS093",
    "policy-and-manual",
    Severity.ERROR,
    "Jest dokładnie jedna obowiązująca Polityka Jakości i jedna Księga Jakości",
)
def policy_and_manual(ctx: CheckContext) -> Iterator[Hit]:
    for doc_type, name in (("policy", "Polityki Jakości"), ("manual", "Księgi Jakości")):
        active = [d for d in ctx.repo.documents_of_type(doc_type) if d.status != "withdrawn"]
        if not active:
            yield Hit("documents/", f"brak {name} (dokument typu {doc_type})")
        for extra in active[1:]:
            yield Hit(
                extra.path,
                f"więcej niż jeden dokument typu {doc_type}: {active[0].id} i {extra.id}",
                pointer=("id",),
            )


@repo_rule(
    "QMS101",
    "unsupported-file",
    Severity.ERROR,
    "W documents/ tylko dokumenty Markdown (.md), external.yaml i obrazy",
)
def unsupported_file(ctx: CheckContext) -> Iterator[Hit]:
    for source in ctx.repo.by_kind.get("asset", []):
        if PurePosixPath(source.path).suffix.lower() not in ASSET_SUFFIXES:
            yield Hit(
                source.path,
                "plik nieobsługiwany w documents/: dokumenty nadzorowane "
                "zapisuje się w Markdown (.md); obrazy: png, jpg, svg",
            )
