"""The context analysis (ISO 9001 4.1–4.3) and the register of risks and opportunities (6.1)
as typed views. Pure.

The rules (QMS090–QMS092) and the management review read :class:`Context` and :class:`Risk`,
never the YAML; the review also reads an earlier commit's file through the same parsers, so
"new since the last review" compares like with like. Values of the wrong type are left out
(the schema reports them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from qms_cli.model.dates import as_date
from qms_cli.model.documents import SourceFile
from qms_cli.model.repository import Repository

CONTEXT_FILE = "records/context.yaml"
RISKS_FILE = "records/risks.yaml"
ISSUE_GROUPS = {"external": "zewnętrzny", "internal": "wewnętrzny"}


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list[dict[str, Any]]:
    return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []


def _filled(value: Any) -> str | None:
    text = str(value or "").strip()
    return text or None


@dataclass(frozen=True)
class Issue:
    group: str  # external | internal
    text: str
    impact: str


@dataclass(frozen=True)
class Exclusion:
    index: int  # its place in ``scope.exclusions``
    clause: str
    justification: str | None


@dataclass(frozen=True)
class ClimateDecision:
    """Whether climate change is a relevant issue (ISO 9001 Amd 1:2024)."""

    relevant: bool | None  # None: not decided (not a yes or no)
    justification: str | None
    decided: str | None


@dataclass(frozen=True)
class Context:
    path: str
    issues: tuple[Issue, ...]
    climate: ClimateDecision | None  # None: no decision recorded at all
    exclusions: tuple[Exclusion, ...]
    interested_parties: int

    def issue_texts(self) -> set[str]:
        return {i.text for i in self.issues}


def parse_context(path: str, data: Any) -> Context:
    meta = _mapping(data)
    groups = _mapping(meta.get("issues"))
    issues = tuple(
        Issue(group, str(i.get("text", "")), str(i.get("impact", "")))
        for group in ISSUE_GROUPS
        for i in _items(groups.get(group))
    )
    climate = meta.get("climate_change")
    decision = None
    if isinstance(climate, dict):
        relevant = climate.get("relevant")
        decided = climate.get("decided")
        decision = ClimateDecision(
            relevant if isinstance(relevant, bool) else None,
            _filled(climate.get("justification")),
            str(decided) if decided is not None else None,
        )
    listed = _mapping(meta.get("scope")).get("exclusions")
    exclusions = tuple(
        Exclusion(index, str(item.get("clause", "")), _filled(item.get("justification")))
        for index, item in enumerate(listed if isinstance(listed, list) else [])
        if isinstance(item, dict)
    )
    parties = meta.get("interested_parties")
    return Context(
        path, issues, decision, exclusions, len(parties) if isinstance(parties, list) else 0
    )


def context_of(repo: Repository) -> Context | None:
    """The office's context analysis; None when there is none."""
    source = repo.single("context")
    if source is None:
        return None
    return repo.memo("context", lambda: parse_context(source.path, source.data))


@dataclass(frozen=True)
class RiskAction:
    owner: str | None
    due: dt.date | None
    due_written: bool  # a due date is written (maybe not a date)
    done: bool


@dataclass(frozen=True)
class Risk:
    path: str
    index: int  # its place in ``risks``
    id: str | None
    name: str  # the id, or "#<place>" when it has none
    process: str | None
    type: str  # risk | opportunity
    description: str
    likelihood: int | None
    impact: int | None
    actions: tuple[RiskAction, ...]
    reviewed: str | None

    @property
    def score(self) -> int | None:
        if self.likelihood is None or self.impact is None:
            return None
        return self.likelihood * self.impact

    @property
    def opportunity(self) -> bool:
        return self.type == "opportunity"


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse_risks(source: SourceFile | None, data: Any = None) -> list[Risk]:
    """The risks of the register (``data`` instead of the file's: an earlier commit's)."""
    meta = _mapping(data if data is not None else (source.data if source else None))
    path = source.path if source is not None else RISKS_FILE
    listed = meta.get("risks")
    out = []
    for index, risk in enumerate(listed if isinstance(listed, list) else []):
        if not isinstance(risk, dict):
            continue
        ident, process, reviewed = risk.get("id"), risk.get("process"), risk.get("reviewed")
        actions = tuple(
            RiskAction(
                _filled(a.get("owner")),
                as_date(a.get("due")),
                bool(a.get("due")),
                a.get("status") == "done",
            )
            for a in _items(risk.get("actions"))
        )
        out.append(
            Risk(
                path=path,
                index=index,
                id=str(ident) if ident is not None else None,
                name=str(risk.get("id", f"#{index + 1}")),
                process=process if isinstance(process, str) else None,
                type=str(risk.get("type", "risk")),
                description=str(risk.get("description", "")),
                likelihood=_whole(risk.get("likelihood")),
                impact=_whole(risk.get("impact")),
                actions=actions,
                reviewed=str(reviewed) if reviewed is not None else None,
            )
        )
    return out


def risks_of(repo: Repository) -> list[Risk]:
    """Every risk and opportunity of the office's registers."""
    return repo.memo("risks", lambda: [r for s in repo.of_kind("risks") for r in parse_risks(s)])
