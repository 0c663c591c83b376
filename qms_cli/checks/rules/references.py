"""References between documents resolve, and nothing in force points at a withdrawn document."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.documents import Document
from qms_cli.model.findings import Pointer, Severity
from qms_cli.model.hints import unknown_value_hint

# front-matter keys that hold document ids, and the type they must point at (None: any)
DOCUMENT_REFS: tuple[tuple[str, str | None], ...] = (
    ("related", None),
    ("forms", "form"),
    ("procedure", "procedure"),
)


def document_refs(doc: Document) -> Iterator[tuple[Pointer, str, str | None]]:
    """(pointer, referenced id, required type) for every document reference of ``doc``."""
    for key, required in DOCUMENT_REFS:
        value = doc.meta.get(key)
        if isinstance(value, str):
            yield (key,), value, required
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    yield (key, index), item, required


def act_refs(doc: Document) -> Iterator[tuple[Pointer, str]]:
    """(pointer, external id) for every act a document cites: its legal basis and, in a service
    card, the act setting its deadline and those exempting from a fee."""
    meta = doc.meta
    basis = meta.get("legal_basis")
    for index, item in enumerate(basis if isinstance(basis, list) else []):
        if isinstance(item, dict) and isinstance(item.get("act"), str):
            yield ("legal_basis", index, "act"), item["act"]
    deadline = meta.get("deadline")
    statute = deadline.get("statute") if isinstance(deadline, dict) else None
    if isinstance(statute, dict) and isinstance(statute.get("act"), str):
        yield ("deadline", "statute", "act"), statute["act"]
    fees = meta.get("fees")
    for index, fee in enumerate(fees if isinstance(fees, list) else []):
        fee_basis = fee.get("legal_basis") if isinstance(fee, dict) else None
        if isinstance(fee_basis, dict) and isinstance(fee_basis.get("act"), str):
            yield ("fees", index, "legal_basis", "act"), fee_basis["act"]


@repo_rule(
    "QMS010",
    "reference-unresolved",
    Severity.ERROR,
    "Dokumenty związane, formularze i akty prawne, do których odwołuje się dokument, istnieją",
)
def unresolved_references(ctx: CheckContext) -> Iterator[Hit]:
    docs, external = ctx.repo.docs_by_id, ctx.repo.external_ids
    unreadable = ctx.repo.broken_document_ids
    for doc in ctx.repo.documents:
        for pointer, ref, required in document_refs(doc):
            target = docs.get(ref)
            if target is None:
                if ref in unreadable:
                    continue
                yield Hit(
                    doc.path,
                    f"odwołanie do nieistniejącego dokumentu {ref}"
                    + unknown_value_hint(ref, [*docs, *external]),
                    pointer=pointer,
                )
            elif required is not None and target.type != required:
                yield Hit(
                    doc.path,
                    f"{ref} jest dokumentem typu {target.type}, a tu oczekiwano typu {required}",
                    pointer=pointer,
                )
        for pointer, act in act_refs(doc):
            if act not in external and "external" not in ctx.repo.broken:
                yield Hit(
                    doc.path,
                    f"podstawa prawna {act} nie występuje w documents/external.yaml"
                    + unknown_value_hint(act, external),
                    pointer=pointer,
                )


@repo_rule(
    "QMS017",
    "withdrawn-referenced",
    Severity.ERROR,
    "Dokument obowiązujący nie odwołuje się do dokumentu wycofanego",
)
def withdrawn_referenced(ctx: CheckContext) -> Iterator[Hit]:
    docs = ctx.repo.docs_by_id
    for doc in ctx.repo.documents:
        if doc.status == "withdrawn":
            continue
        for pointer, ref, _ in (*document_refs(doc), (("process",), doc.meta.get("process"), None)):
            target = docs.get(ref) if isinstance(ref, str) else None
            if target is not None and target.status == "withdrawn":
                yield Hit(
                    doc.path,
                    f"odwołanie do wycofanego dokumentu {ref}: usuń je albo "
                    "wskaż dokument obowiązujący",
                    pointer=pointer,
                )


@repo_rule("QMS050", "jrwa-class", Severity.ERROR, "Symbol JRWA dokumentu istnieje w jrwa.yaml")
def jrwa_class(ctx: CheckContext) -> Iterator[Hit]:
    if "jrwa" in ctx.repo.broken:
        return
    symbols = ctx.repo.jrwa_symbols
    for doc in ctx.repo.documents:
        symbol = doc.meta.get("jrwa")
        if symbol is not None and str(symbol) not in symbols:
            yield Hit(doc.path, f"klasa JRWA {symbol} nie występuje w jrwa.yaml", pointer=("jrwa",))


@repo_rule(
    "QMS051",
    "jrwa-missing",
    Severity.WARNING,
    "Obowiązujące procedury i karty usług mają klasę JRWA (okres przechowywania zapisów)",
)
def jrwa_missing(ctx: CheckContext) -> Iterator[Hit]:
    for doc in ctx.repo.documents:
        in_force = doc.status == "active"
        if in_force and doc.type in ("procedure", "service-card") and doc.meta.get("jrwa") is None:
            yield Hit(doc.path, f"{doc.id}: brak klasy JRWA (pole „jrwa”)", pointer=("id",))
