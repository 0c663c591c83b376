"""The audit checklist (lista pytań kontrolnych): one question per requirement of the audited
process — its ISO clauses, the numbered steps of its procedures and instructions, its service
cards and its KPIs — with room for evidence and result."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from qms_cli.model.audits import clause_key
from qms_cli.model.clauses import Edition
from qms_cli.model.documents import Document
from qms_cli.model.process_card import build_process_card

_HEADING = re.compile(r"^#{2,4}\s+(?:(?P<num>\d+(?:\.\d+)*)\.?\s+)?(?P<title>.+?)\s*#*\s*$")
_ITEM = re.compile(r"^(?P<n>\d+)\.\s+(?P<text>\S.*)$")
_CONTINUATION = re.compile(r"^\s{2,}\S")
_MARKUP = re.compile(r"\*\*|__|`")
# sections of a document that hold no requirements to audit
SKIPPED_SECTIONS = ("cel", "zakres", "odpowiedzialność", "definicje", "zapisy", "załączniki")
PROCEDURE_SECTION = "opis postępowania"
DOCUMENT_ORDER = {"procedure": 0, "instruction": 1, "service-card": 2}


def requirements(doc: Document) -> list[tuple[str, str]]:
    """(reference, text) of every numbered requirement in the document's body.

    Procedures: the items of "Opis postępowania"; other documents: items of every section but
    the purpose, scope, responsibility, definitions, records and attachments.
    """
    out: list[tuple[str, str]] = []
    number: str | None = None
    top_title = ""
    active = False
    for line in doc.body.splitlines():
        heading = _HEADING.match(line)
        if heading:
            number = heading["num"]
            title = heading["title"].strip().lower()
            if line.startswith("## "):
                top_title = title
            active = _wanted(doc.type, top_title)
            continue
        if not active:
            continue
        item = _ITEM.match(line)
        if item:
            ref = f"pkt {number}.{item['n']}" if number else f"pkt {item['n']}"
            out.append((ref, _clean(item["text"])))
        elif out and _CONTINUATION.match(line) and not _ITEM.match(line.strip()):
            ref, text = out[-1]
            out[-1] = (ref, f"{text} {_clean(line.strip())}")
    return out


def _wanted(doc_type: str, top_title: str) -> bool:
    if doc_type == "procedure":
        return PROCEDURE_SECTION in top_title
    return bool(top_title) and not top_title.startswith(SKIPPED_SECTIONS)


def _clean(text: str) -> str:
    return _MARKUP.sub("", text).strip()


def checklist(
    process: Document, documents: Sequence[Document], clauses: Sequence[str], edition: Edition
) -> list[dict[str, Any]]:
    """The questions for an audit of ``process``; ``documents`` are its procedures,
    instructions and service cards; the clauses' questions come from the office's edition."""
    ordered = sorted(documents, key=lambda d: (DOCUMENT_ORDER.get(d.type, 9), d.id))
    items = _questions(process, ordered, clauses, edition)
    return [{"no": number, **item} for number, item in enumerate(items, start=1)]


def _questions(
    process: Document, documents: Sequence[Document], clauses: Sequence[str], edition: Edition
) -> Iterator[dict[str, Any]]:
    for clause in sorted(dict.fromkeys(clauses), key=clause_key):
        yield _item(clause, None, edition.question_for(clause))
    for doc in documents:
        if doc.type in ("procedure", "instruction"):
            found = requirements(doc)
            for ref, text in found:
                yield _item(doc.id, ref, text)
            if not found:
                question = f"Czy postępuje się zgodnie z dokumentem {doc.id} „{doc.title}”?"
                yield _item(doc.id, None, question)
    for doc in documents:
        if doc.type == "service-card":
            yield _item(
                doc.id,
                None,
                f"Czy sprawy są załatwiane zgodnie z kartą usługi {doc.id} „{doc.title}” "
                "(wymagane dokumenty, opłaty, termin, tryb odwoławczy) i czy karta "
                "jest aktualna?",
            )
    for kpi in build_process_card(process).kpis:
        if kpi.name:
            yield _item(
                process.id,
                None,
                f"Czy miernik „{kpi.name}” jest mierzony, a wynik porównywany z wartością "
                f"docelową ({kpi.target_text}) i analizowany?",
            )


def _item(criterion: str, ref: str | None, requirement: str) -> dict[str, Any]:
    item: dict[str, Any] = {"criterion": criterion}
    if ref is not None:
        item["ref"] = ref
    item["requirement"] = requirement
    item["evidence"] = ""
    item["result"] = None
    return item
