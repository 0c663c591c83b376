"""The document types: every fact about a type that qms's Python code reads, in one place.

A type is one ``DocType`` in ``DOC_TYPES`` (the order is the order of the BIP list and of
``qms new``'s help). What is not Python — the JSON Schemas (``schemas/document.schema.json``,
``schemas/qms.schema.json``), the skeletons (``templates/scaffold/``) and the Typst layouts
(``templates/typst/layouts.typ``) — is held to this registry by ``tests/model/test_doctypes.py``;
ARCHITECTURE.md, "Adding a document type", lists the steps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

# what ``qms new`` writes where the author still has to write something
TODO = "do uzupełnienia"


@dataclass(frozen=True)
class Derived:
    """A front-matter value ``qms new`` works out from the repository and the request;
    ``name`` is a key of ``services.new.DERIVED``."""

    name: str


@dataclass(frozen=True)
class DocType:
    """One document type.

    ``name``: the Polish name of one document (the PDF header, the BIP metryczka, ``qms new``'s
    default title); ``group``: the Polish heading of the type's list on the BIP. ``numbering``:
    the id pattern when ``qms.yaml`` sets none (``model.ids``). ``process_bound``: the document
    must name its process (``process`` key, QMS rules and ``qms new``). ``public``: what
    ``qms new`` writes as ``public``. ``facts``: the name of the facts table the PDF shows under
    the title (``render.pdf_facts.FACTS``). ``layout``: the function of qms's
    ``templates/typst/layouts.typ`` that lays the type out (the Typst side dispatches by type
    id, so an office's own ``layouts.typ`` may give any type its own layout). ``fields``: the
    type's own front-matter keys as ``qms new`` writes them, in order; a value is written as
    given (a copy) or, when it is a ``Derived``, worked out. The skeleton of the body is
    ``templates/scaffold/<id>.md``.
    """

    id: str
    folder: str
    name: str
    group: str
    numbering: str
    process_bound: bool = False
    public: bool = False
    facts: str = "common"
    layout: str = "standard"
    fields: tuple[tuple[str, Any], ...] = ()

    @property
    def scaffold(self) -> str:
        """The skeleton's file name under ``templates/scaffold/``."""
        return f"{self.id}.md"

    @property
    def title_name(self) -> str:
        """``name`` with a capital first letter (``Karta usługi``)."""
        return self.name[:1].upper() + self.name[1:]


_TYPES = (
    DocType("policy", "policy", "Polityka Jakości", "Polityka Jakości", "PJ"),
    DocType("manual", "manual", "Księga Jakości", "Księga Jakości", "KJ"),
    DocType(
        "process",
        "processes",
        "karta procesu",
        "Karty procesów",
        "PR-{n:02}",
        facts="process",
        fields=(
            ("kind", "main"),
            ("inputs", [TODO]),
            ("outputs", [TODO]),
            ("kpis", [{"name": TODO, "target": TODO, "unit": "%"}]),
        ),
    ),
    DocType(
        "procedure",
        "procedures",
        "procedura",
        "Procedury",
        "P-{n:02}",
        process_bound=True,
        facts="procedure",
        fields=(("clauses", []), ("related", []), ("forms", [])),
    ),
    DocType(
        "instruction",
        "instructions",
        "instrukcja",
        "Instrukcje",
        "I-{n:02}",
        process_bound=True,
        facts="procedure",
    ),
    DocType(
        "form",
        "forms",
        "formularz",
        "Formularze",
        "F-{n:02}",
        process_bound=True,
        facts="form",
        layout="form",
    ),
    DocType(
        "service-card",
        "service-cards",
        "karta usługi",
        "Karty usług",
        "KU-{unit}-{n:02}",
        process_bound=True,
        public=True,
        facts="service-card",
        layout="service-card",
        fields=(
            ("unit", Derived("requested-unit")),
            ("legal_basis", Derived("first-act")),
            ("required_documents", [TODO]),
            ("documents_to_show", []),
            ("fees", []),
            ("place", Derived("office-place")),
            ("channels", Derived("office-channels")),
            ("deadline", Derived("card-deadline")),
            ("appeal", Derived("card-appeal")),
            ("forms", []),
        ),
    ),
    DocType(
        "job-description",
        "job-descriptions",
        "karta opisu stanowiska",
        "Karty opisu stanowisk",
        "KS-{n:02}",
        facts="job-description",
        fields=(
            ("unit", Derived("unit")),
            ("position", Derived("position-in-unit")),
            ("supervisor", Derived("position-in-unit")),
        ),
    ),
    DocType(
        "order",
        "orders",
        "zarządzenie",
        "Zarządzenia",
        "Z-{year}-{n:02}",
        facts="order",
        layout="order",
        fields=(
            ("number", Derived("order-number")),
            ("date", Derived("today")),
            ("subject", Derived("title-or-todo")),
            ("signed_by", Derived("head-of-office")),
        ),
    ),
)

DOC_TYPES: Mapping[str, DocType] = MappingProxyType({t.id: t for t in _TYPES})

# document types that must belong to a process
PROCESS_BOUND_TYPES = frozenset(t.id for t in _TYPES if t.process_bound)


def type_name(doc_type: str) -> str:
    """The capitalised Polish name of a type; an unknown type's id as it is."""
    known = DOC_TYPES.get(doc_type)
    return known.title_name if known is not None else doc_type[:1].upper() + doc_type[1:]
