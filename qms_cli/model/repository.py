"""An index of everything in an office repository, built from parsed files. Pure: no I/O."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from qms_cli.model.documents import Document, SourceFile
from qms_cli.model.process_card import ProcessCard, build_process_card
from qms_cli.model.service_card import ServiceCard, build_service_card

T = TypeVar("T")


@dataclass
class Repository:
    files: dict[str, SourceFile]
    by_kind: dict[str, list[SourceFile]] = field(default_factory=dict)
    documents: list[Document] = field(default_factory=list)
    # typed views of single documents, keyed by the view and the document object itself (an
    # earlier edition shares the path, not the text); an entry holds its document, so the
    # id() is never reused while cached
    _doc_views: dict[tuple[str, int], tuple[Document, Any]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # typed views of records built on first use (model/audit_records.py, ...): the files do
    # not change once the repository is built, so neither do the views
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    docs_by_id: dict[str, Document] = field(default_factory=dict)
    # kinds with a file that could not be parsed: rules that look things up there stay silent
    # rather than report a cascade of false "does not exist" findings
    broken: set[str] = field(default_factory=set)
    # ids (file stems) of documents that could not be parsed
    broken_document_ids: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, files: Iterable[SourceFile]) -> Repository:
        ordered = {f.path: f for f in files}
        by_kind: dict[str, list[SourceFile]] = defaultdict(list)
        for source in ordered.values():
            by_kind[source.kind].append(source)
        repo = cls(files=ordered, by_kind=dict(by_kind))
        repo.broken = {f.kind for f in ordered.values() if not f.ok and f.kind != "asset"}
        repo.broken_document_ids = {
            f.path.rsplit("/", 1)[-1].removesuffix(".md")
            for f in by_kind.get("document", [])
            if not f.ok
        }
        for source in repo.of_kind("document"):
            doc = _document(source)
            if doc is not None:
                repo.documents.append(doc)
                repo.docs_by_id.setdefault(doc.id, doc)
        return repo

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """The view ``key`` of this repository, built by ``build`` the first time."""
        if key not in self._memo:
            self._memo[key] = build()
        return cast(T, self._memo[key])

    def of_kind(self, kind: str) -> list[SourceFile]:
        return [f for f in self.by_kind.get(kind, []) if f.ok]

    def single(self, kind: str) -> SourceFile | None:
        found = self.of_kind(kind)
        return found[0] if found else None

    def data(self, kind: str) -> dict[str, Any]:
        source = self.single(kind)
        return source.data if source is not None else {}

    # --- configuration and organisation -------------------------------------------------------

    @property
    def config(self) -> dict[str, Any]:
        return self.data("config")

    def items(self, kind: str, key: str) -> Iterator[tuple[SourceFile, int, dict[str, Any]]]:
        """(file, index, item) for every mapping in the list ``key`` of every file of ``kind``."""
        for source in self.of_kind(kind):
            value = source.data.get(key)
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, dict):
                        yield source, index, item

    def ids(self, kind: str, key: str) -> set[str]:
        return {str(item["id"]) for _, _, item in self.items(kind, key) if "id" in item}

    @property
    def unit_ids(self) -> set[str]:
        return self.ids("structure", "units")

    @property
    def position_ids(self) -> set[str]:
        return self.ids("structure", "positions")

    @property
    def role_ids(self) -> set[str]:
        return self.ids("structure", "roles")

    @property
    def external_ids(self) -> set[str]:
        return self.ids("external", "documents")

    @property
    def jrwa_symbols(self) -> set[str]:
        return {str(c["symbol"]) for _, _, c in self.items("jrwa", "classes") if "symbol" in c}

    def unit_names(self) -> dict[str, str]:
        """Unit id -> name; the id where the name is missing, blank or not a scalar."""
        names = {}
        for _, _, item in self.items("structure", "units"):
            if "id" in item:
                name = item.get("name")
                scalar = not isinstance(name, bool | dict | list) and name is not None
                names[str(item["id"])] = (str(name).strip() if scalar else "") or str(item["id"])
        return names

    def positions_of_role(self, role: str) -> set[str]:
        for _, _, item in self.items("structure", "roles"):
            if item.get("id") == role:
                return {p for p in item.get("positions") or [] if isinstance(p, str)}
        return set()

    def unit_of_position(self, position: str) -> str | None:
        for _, _, item in self.items("structure", "positions"):
            if item.get("id") == position:
                unit = item.get("unit")
                return str(unit) if unit is not None else None
        return None

    def _doc_view(self, name: str, doc: Document, build: Callable[[Document], T]) -> T:
        key = (name, id(doc))
        cached = self._doc_views.get(key)
        if cached is None or cached[0] is not doc:
            cached = self._doc_views[key] = (doc, build(doc))
        return cast(T, cached[1])

    def service_card(self, doc: Document) -> ServiceCard:
        """The typed view of a service card, built once (rules, PDF and BIP read the same)."""
        return self._doc_view("service-card", doc, build_service_card)

    def process_card(self, doc: Document) -> ProcessCard:
        """The typed view of a process card, built once (rules, PDF, audits and the review)."""
        return self._doc_view("process-card", doc, build_process_card)

    def documents_of_type(self, doc_type: str) -> list[Document]:
        return [d for d in self.documents if d.type == doc_type]


def document_of(source: SourceFile) -> Document | None:
    """The document a parsed file holds (None: not a document, or not readable as one)."""
    return _document(source)


def _document(source: SourceFile) -> Document | None:
    data = source.data
    if not isinstance(data, dict):
        return None
    doc_id, doc_type = data.get("id"), data.get("type")
    if not isinstance(doc_id, str) or not isinstance(doc_type, str):
        return None
    title = data.get("title")
    return Document(
        id=doc_id,
        type=doc_type,
        title=title if isinstance(title, str) else "",
        path=source.path,
        meta=data,
        body=source.body,
        body_line=source.body_line,
    )
