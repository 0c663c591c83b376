"""The process card (ISO 9001 4.4) as one typed view. Pure.

The rules (QMS014/QMS015), the PDF facts table, the internal-audit checklist, the audit
programme and the management review read :class:`ProcessCard`, built once per document
(``Repository.process_card``), never the front matter. Values of the wrong type are left out
(the schema reports them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qms_cli.model.documents import Document

PROCESS_KINDS = {"management": "zarządczy", "main": "główny", "support": "pomocniczy"}


def _scalar(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value)


def _scalars(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v) for v in value if v is not None and not isinstance(v, dict | list))
    text = _scalar(value)
    return (text,) if text else ()


@dataclass(frozen=True)
class Kpi:
    """A measure of the process: what is measured, the target and its unit."""

    name: str
    target: str
    unit: str

    @property
    def target_text(self) -> str:
        """„95 %”: the target with its unit."""
        return " ".join(t for t in (self.target, self.unit) if t)


@dataclass(frozen=True)
class ProcessCard:
    id: str
    kind: str  # management | main | support ("" when missing)
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    kpis: tuple[Kpi, ...]
    units: tuple[str, ...]  # unit ids
    interactions: tuple[str, ...]  # process ids
    clauses: tuple[str, ...]

    @property
    def kind_pl(self) -> str:
        return PROCESS_KINDS.get(self.kind, self.kind)


def build_process_card(doc: Document) -> ProcessCard:
    meta = doc.meta
    listed = meta.get("kpis")
    kpis = tuple(
        Kpi(_scalar(k.get("name")), _scalar(k.get("target")), _scalar(k.get("unit")))
        for k in (listed if isinstance(listed, list) else [])
        if isinstance(k, dict)
    )
    return ProcessCard(
        id=doc.id,
        kind=_scalar(meta.get("kind")),
        inputs=_scalars(meta.get("inputs")) if isinstance(meta.get("inputs"), list) else (),
        outputs=_scalars(meta.get("outputs")) if isinstance(meta.get("outputs"), list) else (),
        kpis=kpis,
        units=_scalars(meta.get("units")),
        interactions=_scalars(meta.get("interactions")),
        clauses=_scalars(meta.get("clauses")),
    )
