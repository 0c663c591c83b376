"""``qms review``: draft the management review from the repository, and track its decisions.

``new_review`` writes ``records/reviews/PZ-<year>.md`` for the previous calendar year (P-05:
the review in the first quarter covers the year before). Every input of 9.3.2 a)–f) and
c) 1)–7) is a section that names the files its numbers come from; the outputs section
(9.3.3) is left for people, with the format of decisions explained in a comment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io import iso as iso_data
from qms_cli.io.records import (
    comment_after,
    create_file,
    load_yaml_rt,
    markdown_text,
    new_map,
    new_seq,
    save_yaml_rt,
)
from qms_cli.model.clauses import EDITION_2015
from qms_cli.model.review import (
    INPUTS,
    OUTPUTS,
    Action,
    Progress,
    action_state,
    all_actions,
)
from qms_cli.model.typography import format_date_pl
from qms_cli.render.markdown import sources as sources_line
from qms_cli.services.loading import load_repository
from qms_cli.services.review import performance as perf
from qms_cli.services.review import sections as sec
from qms_cli.services.review.context import (
    ACTIONS_FILE,
    ReviewContext,
    Section,
    all_reviews,
    progress,
    review_path,
)

Compiler = Callable[[ReviewContext], Section]
COMPILERS: dict[str, Compiler] = {
    "a": sec.previous_actions,
    "b": sec.context_changes,
    "c1": perf.satisfaction,
    "c2": perf.objectives,
    "c3": perf.processes,
    "c4": perf.corrective,
    "c5": perf.monitoring,
    "c6": perf.audits,
    "c7": perf.suppliers,
    "d": sec.resources,
    "e": sec.risk_actions,
    "f": sec.improvement,
}
NUMBERS = {"a": "1", "b": "2", "d": "4", "e": "5", "f": "6"}
OUTPUTS_TEXT = """\
<!--
Ocena przydatności, adekwatności i skuteczności SZJ oraz aktualności Polityki Jakości (P-05 pkt
5.3.3) – wpisz poniżej. Każdy punkt listy w tej sekcji to jedno ustalenie, które qms śledzi do
następnego przeglądu jako PZ-{year}/1, PZ-{year}/2 … w kolejności punktów (numeruj kolejno w
całej sekcji). Punkt podaje osobę odpowiedzialną (id stanowiska lub roli) i termin, np.:

1. Wdrożyć formularze elektroniczne dla 10 najczęstszych spraw. Odpowiada: kierownik-or.
   Termin: {year}-06-30.

Wykonanie zapisuje się poleceniem: qms review done PZ-{year}/1 --note "…"
-->

### 7.1. Decyzje dotyczące możliwości doskonalenia [9.3.3 a)]

### 7.2. Potrzeby zmian w Systemie Zarządzania Jakością [9.3.3 b)]

### 7.3. Potrzeby w zakresie zasobów [9.3.3 c)]
"""


@dataclass(frozen=True)
class Draft:
    id: str
    path: str
    start: dt.date
    end: dt.date
    previous: str | None
    sources: list[str]


def _heading(key: str, number: str) -> str:
    item = next(i for i in INPUTS if i.key == key)
    level = "###" if key.startswith("c") else "##"
    return f"{level} {number}. {item.title} [{item.clause}]\n"


def _standard(ctx: ReviewContext) -> str:
    """How the draft names the standard: an office on a new edition sees which one."""
    edition = iso_data.edition(ctx.repo)
    return "ISO 9001" if edition.name == EDITION_2015 else edition.standard


def _context(path: Path, year: int, today: dt.date) -> ReviewContext:
    loaded = load_repository(path)
    reviews = all_reviews(loaded.repo)
    earlier = [r for r in reviews if r.year < year and r.held is not None]
    return ReviewContext(
        root=loaded.root,
        repo=loaded.repo,
        review_id=f"PZ-{year}",
        start=dt.date(year - 1, 1, 1),
        end=dt.date(year - 1, 12, 31),
        today=today,
        reviews=reviews,
        previous=earlier[-1] if earlier else None,
        progress=progress(loaded.repo),
    )


def _front_matter(ctx: ReviewContext) -> Any:
    repo = ctx.repo
    head = sorted(repo.positions_of_role("kierownik-urzedu"))
    participants: list[str] = []
    for role in ("kierownik-urzedu", "pelnomocnik", "wlasciciel-procesu"):
        participants += [p for p in sorted(repo.positions_of_role(role)) if p not in participants]
    meta = new_map()
    meta["id"] = ctx.review_id
    meta["title"] = f"Przegląd zarządzania {ctx.review_id[3:]}"
    meta["period"] = new_map([("from", ctx.start), ("to", ctx.end)], flow=True)
    meta["date"] = None
    comment_after(meta, "date", "dzień posiedzenia – wpisz po przeglądzie")
    if head:
        meta["chair"] = head[0]
    meta["participants"] = new_seq(participants, flow=True)
    meta["previous"] = ctx.previous.id if ctx.previous else None
    meta["drafted"] = ctx.today
    meta["public"] = False
    return meta


def new_review(path: Path, year: int, today: dt.date | None = None) -> Draft:
    today = today or clock.today()
    if not 2000 <= year <= 2100:
        raise QmsError(f"rok {year} spoza zakresu 2000–2100")
    ctx = _context(path, year, today)
    rel = review_path(ctx.review_id)
    if rel in ctx.repo.files or (ctx.root / rel).exists():
        raise QmsError(
            f"przegląd {ctx.review_id} już istnieje ({rel}) — niczego nie nadpisano",
            hint="Uzupełnij istniejący plik albo usuń go, aby przygotować projekt od nowa.",
        )
    office = str((ctx.repo.config.get("office") or {}).get("name", "Urzędu"))
    parts = [
        f"\n# Przegląd zarządzania {year}\n",
        f"Raport z przeglądu Systemu Zarządzania Jakością – {office} – za okres od "
        f"{format_date_pl(ctx.start)} do {format_date_pl(ctx.end)} ({_standard(ctx)} pkt 9.3, "
        f"procedura P-05). Projekt przygotowało polecenie `qms review new {year}` dnia "
        f"{format_date_pl(today)}; liczby w sekcjach 1–6 pochodzą wyłącznie z plików "
        "wymienionych pod każdą sekcją.\n",
    ]
    used: list[str] = []
    for key, compile_section in COMPILERS.items():
        if key == "c1":
            parts.append("## 3. Informacje o efektach działania i skuteczności SZJ [9.3.2 c)]\n")
        number = NUMBERS.get(key) or f"3.{key[1]}"
        section = compile_section(ctx)
        used += section.sources
        parts += [_heading(key, number), section.markdown, sources_line(section.sources)]
    parts += [f"## 7. {OUTPUTS.title} [{OUTPUTS.clause}]\n", OUTPUTS_TEXT.format(year=year)]
    create_file(ctx.root / rel, markdown_text(_front_matter(ctx), "\n".join(parts)))
    return Draft(
        ctx.review_id,
        rel,
        ctx.start,
        ctx.end,
        ctx.previous.id if ctx.previous else None,
        sorted(set(used)),
    )


@dataclass(frozen=True)
class TrackedAction:
    action: Action
    state: str  # done | cancelled | open | overdue
    date: dt.date | None
    note: str


def review_actions(path: Path, today: dt.date | None = None) -> list[TrackedAction]:
    """Every decision of every held review, with its state today."""
    today = today or clock.today()
    repo = load_repository(path).repo
    known = progress(repo)
    out = []
    for action in all_actions(all_reviews(repo)):
        entry = known.get(action.id)
        out.append(
            TrackedAction(
                action,
                action_state(action, known, today),
                entry.date if entry else None,
                entry.note if entry else "",
            )
        )
    return out


ACTIONS_HEADER = (
    "# yaml-language-server: $schema=../../.qms/schemas/review-actions.schema.json\n"
    "# Realizacja ustaleń z przeglądów zarządzania (P-05 pkt 5.4). Ustalenia to punkty listy\n"
    "# w sekcji „Wyniki przeglądu [9.3.3]” raportów PZ-<rok>.md; brak wpisu = w toku.\n"
    "# Wpisy dodaje „qms review done”; status: open | done | cancelled.\n"
)


def mark_action(
    path: Path,
    action_id: str,
    *,
    status: str = "done",
    day: dt.date | None = None,
    note: str | None = None,
    today: dt.date | None = None,
) -> TrackedAction:
    """Record progress of one action in records/reviews/actions.yaml (comments kept)."""
    today = today or clock.today()
    if status not in ("open", "done", "cancelled"):
        raise QmsError(f"nieznany stan „{status}”", hint="Dozwolone: open, done, cancelled.")
    day = day or today
    if day > today:
        raise QmsError(f"data {day} jest w przyszłości")
    tracked = {t.action.id: t for t in review_actions(path, today)}
    if action_id not in tracked:
        raise QmsError(
            f"nie ma ustalenia {action_id} w przeprowadzonych przeglądach",
            hint="Ustalenia: " + (", ".join(tracked) or "brak") + " (qms review actions).",
        )
    root = load_repository(path).root
    data: Any = load_yaml_rt(root / ACTIONS_FILE, ACTIONS_FILE)
    header = ""
    if data is None:
        data, header = new_map(), ACTIONS_HEADER
    if not isinstance(data.get("actions"), list):
        data["actions"] = new_seq()
    entry = next(
        (e for e in data["actions"] if isinstance(e, dict) and e.get("id") == action_id), None
    )
    if entry is None:
        entry = new_map([("id", action_id)])
        data["actions"].append(entry)
    entry["status"] = status
    entry["date"] = day
    if note:
        entry["note"] = note
    save_yaml_rt(root / ACTIONS_FILE, data, header=header)
    action = tracked[action_id].action
    text = note or str(entry.get("note", ""))
    state = action_state(action, {action_id: Progress(action_id, status, day, text)}, today)
    return TrackedAction(action, state, day, text)
