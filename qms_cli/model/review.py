"""The management review (ISO 9001, 9.3; procedure P-05) as a Markdown record. Pure.

``records/reviews/PZ-<year>.md`` has one section per input of 9.3.2, each marked in its heading
with the clause in square brackets, and an outputs section marked ``[9.3.3]``::

    ## 1. Status działań z poprzednich przeglądów [9.3.2 a)]
    ### 3.1. Zadowolenie klientów … [9.3.2 c) 1)]
    ## 7. Wyniki przeglądu [9.3.3]

Every list item in the outputs section (outside HTML comments) is one decision and becomes a
tracked action ``PZ-<year>/<n>``, numbered 1, 2, 3 … in the order of the section. An item
names who is responsible and the due date::

    1. Wdrożyć formularze elektroniczne dla 10 najczęstszych spraw. Odpowiada: kierownik-or.
       Termin: 2027-06-30.

Progress is recorded in ``records/reviews/actions.yaml`` (``qms review done``), never in the
approved review itself; the next review reports the status of every action (input a).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from qms_cli.model.calendar import parse_date
from qms_cli.model.values import mapping


@dataclass(frozen=True)
class Input:
    key: str
    clause: str
    title: str


INPUTS = (
    Input("a", "9.3.2 a)", "Status działań z poprzednich przeglądów zarządzania"),
    Input("b", "9.3.2 b)", "Zmiany czynników zewnętrznych i wewnętrznych istotnych dla SZJ"),
    Input(
        "c1", "9.3.2 c) 1)", "Zadowolenie klientów i informacje zwrotne od stron zainteresowanych"
    ),
    Input("c2", "9.3.2 c) 2)", "Stopień realizacji celów jakości"),
    Input("c3", "9.3.2 c) 3)", "Efekty działania procesów i zgodność usług"),
    Input("c4", "9.3.2 c) 4)", "Niezgodności i działania korygujące"),
    Input("c5", "9.3.2 c) 5)", "Wyniki monitorowania i pomiarów"),
    Input("c6", "9.3.2 c) 6)", "Wyniki auditów"),
    Input("c7", "9.3.2 c) 7)", "Efekty działania dostawców zewnętrznych"),
    Input("d", "9.3.2 d)", "Adekwatność zasobów"),
    Input("e", "9.3.2 e)", "Skuteczność działań podjętych wobec ryzyk i szans"),
    Input("f", "9.3.2 f)", "Możliwości doskonalenia"),
)
OUTPUTS = Input("out", "9.3.3", "Wyniki przeglądu: decyzje i działania")

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_MARKER = re.compile(r"\[9\.3\.(2 ([a-f])\)(?: ?(\d)\))?|3)\]\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_ITEM = re.compile(r"^(?:(\d+)[.)]|[-*+])[ \t]+(.*)$")
_OWNER = re.compile(r"Odpowiada(?:ją)?\s*:\s*\**\s*([a-z0-9][a-z0-9-]*)", re.IGNORECASE)
_DUE = re.compile(r"Termin\s*:\s*\**\s*(\d{4}-\d{2}-\d{2})", re.IGNORECASE)
REVIEW_ID = re.compile(r"PZ-(\d{4})")


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    level: int
    line: int  # of the heading, in the file
    content: str  # up to the next heading (HTML comments removed)

    @property
    def filled(self) -> bool:
        """Has text of its own: sub-headings alone (as in a fresh draft) do not count."""
        return any(line.strip() and not _HEADING.match(line) for line in self.content.split("\n"))


def _blank_comments(body: str) -> str:
    """Remove HTML comments but keep their line breaks, so line numbers stay right."""
    return _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), body)


def _headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(index, level, text) of every heading outside fenced code."""
    found, fenced = [], False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if match:
            found.append((index, len(match.group(1)), match.group(2)))
    return found


def _key(text: str) -> str | None:
    match = _MARKER.search(text)
    if match is None:
        return None
    if match.group(1) == "3":
        return "out"
    return match.group(2) + (match.group(3) or "")


def sections(body: str, body_line: int = 1) -> dict[str, Section]:
    """The marked sections of a review body. An input section ends at the next heading; the
    outputs section ends at the next heading of its level or higher."""
    lines = _blank_comments(body).split("\n")
    heads = _headings(lines)
    out: dict[str, Section] = {}
    for n, (index, level, text) in enumerate(heads):
        key = _key(text)
        if key is None or key in out:
            continue
        end = len(lines)
        for later_index, later_level, _ in heads[n + 1 :]:
            if key != "out" or later_level <= level:
                end = later_index
                break
        content = "\n".join(lines[index + 1 : end])
        out[key] = Section(key, text, level, body_line + index, content)
    return out


def missing_inputs(body: str) -> list[Input]:
    """Inputs of 9.3.2 (and the 9.3.3 outputs) without a section or with an empty one."""
    found = sections(body)
    return [i for i in (*INPUTS, OUTPUTS) if i.key not in found or not found[i.key].filled]


@dataclass(frozen=True)
class Action:
    id: str  # PZ-2027/3
    review: str  # PZ-2027
    number: int
    written: int | None  # the number written in a numbered list, if any
    text: str
    owner: str | None
    due: dt.date | None
    line: int
    group: str  # the sub-heading the item is under (improvement, changes, resources)


def _clean(text: str) -> str:
    text = _OWNER.sub("", _DUE.sub("", text))
    text = re.sub(r"[\s.;,]+$", "", re.sub(r"\s+", " ", text.replace("**", "")).strip())
    return text + "." if text else text


def actions(review_id: str, body: str, body_line: int = 1) -> list[Action]:
    """The decisions of the outputs section as tracked actions."""
    section = sections(body, body_line).get("out")
    if section is None:
        return []
    items: list[tuple[int, int | None, list[str], str]] = []
    group = ""
    for offset, line in enumerate(section.content.split("\n"), start=1):
        heading = _HEADING.match(line)
        if heading:
            group = heading.group(2).strip()
            continue
        match = _ITEM.match(line)
        if match:
            written = int(match.group(1)) if match.group(1) else None
            items.append((section.line + offset, written, [match.group(2)], group))
        elif items and line.strip() and line[:1] in " \t":
            items[-1][2].append(line.strip())
        elif not line.strip() and items:
            items[-1][2].append("")
    out: list[Action] = []
    for number, (at, written, parts, item_group) in enumerate(items, start=1):
        text = " ".join(p for p in parts if p)
        owner, due = _OWNER.search(text), _DUE.search(text)
        out.append(
            Action(
                id=f"{review_id}/{number}",
                review=review_id,
                number=number,
                written=written,
                text=_clean(text),
                owner=owner.group(1) if owner else None,
                due=parse_date(due.group(1)) if due else None,
                line=at,
                group=item_group,
            )
        )
    return out


@dataclass(frozen=True)
class Review:
    id: str
    year: int
    path: str
    held: dt.date | None  # the date of the meeting; None while it is a draft
    period_from: dt.date | None
    period_to: dt.date | None
    body: str
    body_line: int
    meta: Mapping[str, Any]

    def actions(self) -> list[Action]:
        return actions(self.id, self.body, self.body_line)


def parse_review(meta: Any, body: str, body_line: int, path: str) -> Review | None:
    if not isinstance(meta, dict):
        return None
    match = REVIEW_ID.fullmatch(str(meta.get("id", "")))
    if match is None:
        return None
    period = mapping(meta.get("period"))
    return Review(
        id=match.group(0),
        year=int(match.group(1)),
        path=path,
        held=parse_date(meta.get("date")),
        period_from=parse_date(period.get("from")),
        period_to=parse_date(period.get("to")),
        body=body,
        body_line=body_line,
        meta=meta,
    )


@dataclass(frozen=True)
class Progress:
    """An entry of records/reviews/actions.yaml."""

    id: str
    status: str  # open | done | cancelled
    date: dt.date | None
    note: str


def parse_progress(data: Any) -> dict[str, Progress]:
    out: dict[str, Progress] = {}
    entries = data.get("actions") if isinstance(data, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            out[entry["id"]] = Progress(
                entry["id"],
                str(entry.get("status", "open")),
                parse_date(entry.get("date")),
                str(entry.get("note") or ""),
            )
    return out


STATE_PL = {"done": "wykonane", "cancelled": "odwołane", "open": "w toku", "overdue": "po terminie"}


def action_state(action: Action, progress: Mapping[str, Progress], today: dt.date) -> str:
    """done | cancelled | open | overdue."""
    entry = progress.get(action.id)
    if entry is not None and entry.status in ("done", "cancelled"):
        return entry.status
    return "overdue" if action.due is not None and action.due < today else "open"


def all_actions(reviews: Iterable[Review]) -> list[Action]:
    """Actions of reviews that were held (a draft decides nothing yet), oldest first."""
    out: list[Action] = []
    for review in sorted(reviews, key=lambda r: r.year):
        if review.held is not None:
            out.extend(review.actions())
    return out
