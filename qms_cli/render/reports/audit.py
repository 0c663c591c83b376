"""The internal audit report (ISO 19011 6.5.1) as Markdown; pure, no I/O.

``REPORT_SECTIONS`` and ``REPORT_FIELDS`` are the elements a report must contain: the report
command writes them and ``qms check`` (QMS503) looks for them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from qms_cli.model.audit_evidence import Coverage
from qms_cli.model.audit_timing import COVERAGE
from qms_cli.model.audits import CHECK_RESULTS, FINDING_TYPES, AuditFinding
from qms_cli.model.typography import format_date_pl

SAMPLING = (
    "Audit przeprowadzono metodą próbkowania (wybrane sprawy, dokumenty, zapisy i rozmowy "
    "z pracownikami); ustalenia nie wykluczają niezgodności w sprawach i obszarach, "
    "których nie badano."
)
NO_DISAGREEMENTS = "Brak."


@dataclass(frozen=True)
class ReportFacts:
    """Everything the report says, resolved to names (the service reads the repository)."""

    audit_id: str
    office: str
    client: str
    date: dt.date | None
    place: str
    objectives: Sequence[str]
    processes: Sequence[str]  # "PR-02 Obsługa klienta …"
    units: Sequence[str]  # "OR Referat Organizacyjny"
    clauses: Sequence[str]
    criteria: Sequence[str]  # "P-06 Badanie satysfakcji klienta", the standard …
    team: Sequence[tuple[str, str]]  # (role, "AUD-03 Magdalena Lewandowska")
    auditees: Sequence[str]
    findings: Sequence[AuditFinding]
    results: Counter[str] = field(default_factory=Counter)  # checklist result -> count
    questions: int = 0
    conclusions: str = ""
    conformity: str = ""
    disagreements: str = NO_DISAGREEMENTS
    sampling: str = SAMPLING


def finding_counts(findings: Sequence[AuditFinding]) -> dict[str, int]:
    counts = Counter(f.type for f in findings)
    return {t: counts[t] for t in FINDING_TYPES}


# the openings of the conclusions and conformity qms drafts (and drafted before issue 16): a
# report made again (--force) recomputes these, and keeps what a person wrote instead
_DRAFTED = re.compile(
    r"^(?:Audit jest niepełny: |Sprawdzono \d+ z \d+ pytań listy kontrolnej|Nie sprawdzono "
    r"żadnego z \d+ pytań|Stwierdzono niezgodności \(\d+\), w tym duże|Proces jest wdrożony"
    r"(?:, utrzymywany i skuteczny; nie stwierdzono| i utrzymywany; stwierdzone niezgodności)"
    r"|Ustalenia — niezgodność duża: )"
)


def drafted(text: str) -> bool:
    """Whether a conclusion or conformity text is one qms drafted, not a person's."""
    return bool(_DRAFTED.match(text.strip()))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def incomplete(covered: Coverage, threshold: int) -> str:
    return (
        f"Audit jest niepełny: {covered.text}, poniżej progu {threshold} %. Na tej podstawie "
        "nie można sformułować wniosku o zgodności ani o skuteczności procesu; badanie trzeba "
        "dokończyć albo zaplanować audit uzupełniający."
    )


def default_conclusions(
    findings: Sequence[AuditFinding], covered: Coverage, threshold: int = COVERAGE
) -> str:
    """Conclusions the evidence supports: none about conformity below the threshold."""
    counts = finding_counts(findings)
    nc = counts["nc-major"] + counts["nc-minor"]
    if not covered.enough(threshold):
        return incomplete(covered, threshold)
    if counts["nc-major"]:
        return (
            f"Stwierdzono niezgodności ({nc}), w tym duże ({counts['nc-major']}): skuteczność "
            "auditowanego procesu jest zagrożona. Konieczne są niezwłoczne korekcje i działania "
            "korygujące oraz sprawdzenie ich skuteczności."
        )
    if nc:
        return (
            f"{_sentence(covered.text)}. W zbadanym zakresie proces jest wdrożony i utrzymywany; "
            f"stwierdzone niezgodności małe ({nc}) wymagają korekcji i działań korygujących, "
            "które nie podważają skuteczności procesu."
        )
    return (
        f"{_sentence(covered.text)}. W zbadanym zakresie proces jest wdrożony, utrzymywany "
        "i skuteczny; nie stwierdzono niezgodności z kryteriami auditu."
    )


def default_conformity(
    findings: Sequence[AuditFinding],
    results: Counter[str],
    questions: int,
    threshold: int = COVERAGE,
) -> str:
    counts = finding_counts(findings)
    covered = Coverage(sum(n for r, n in results.items() if r != "not-checked"), questions)
    parts = []
    if covered.checked:
        share = round(100 * results["conforming"] / covered.checked)
        parts.append(
            f"Sprawdzono {covered.checked} z {questions} pytań listy kontrolnej; zgodnych: "
            f"{results['conforming']} ({share} %)."
        )
    else:
        parts.append(f"Nie sprawdzono żadnego z {questions} pytań listy kontrolnej.")
    summary = ", ".join(f"{FINDING_TYPES[t]}: {n}" for t, n in counts.items())
    parts.append(f"Ustalenia — {summary}.")
    if not covered.enough(threshold):
        parts.append(
            f"Stopnia spełnienia kryteriów nie można ocenić: audit jest niepełny (pokrycie "
            f"listy pytań {covered.percent} %, próg {threshold} %)."
        )
    elif counts["nc-major"]:
        parts.append("Kryteria auditu spełniono częściowo.")
    elif counts["nc-minor"]:
        parts.append("Kryteria auditu spełniono z wyjątkiem wskazanych niezgodności.")
    else:
        parts.append("Kryteria auditu spełniono.")
    return " ".join(parts)


def report_markdown(facts: ReportFacts) -> str:
    """The body of report.md (front matter is added by the service)."""
    date = format_date_pl(facts.date) if facts.date else "—"
    out = [
        f"# Raport z auditu wewnętrznego {facts.audit_id}",
        "",
        f"{facts.office}. Raport sporządzono zgodnie z PN-EN ISO 19011:2018, pkt 6.5.1.",
        "",
        "## 1. Cele auditu",
        "",
        *[f"- {o}" for o in facts.objectives],
        "",
        "## 2. Zakres auditu",
        "",
        f"- Procesy: {'; '.join(facts.processes) or '—'}.",
        f"- Komórki organizacyjne: {'; '.join(facts.units) or '—'}.",
        f"- Punkty normy: {', '.join(facts.clauses) or '—'}.",
        "",
        "## 3. Kryteria auditu",
        "",
        *[f"- {c}" for c in facts.criteria],
        "",
        "## 4. Zleceniodawca, zespół auditowy i uczestnicy",
        "",
        f"- Zleceniodawca: {facts.client}.",
        *[f"- {role.capitalize()}: {who}." for role, who in facts.team],
        f"- Osoby auditowane: {'; '.join(facts.auditees) or '—'}.",
        "",
        "## 5. Termin i miejsce",
        "",
        f"Audit przeprowadzono {date}; miejsce: {facts.place}.",
        "",
        "## 6. Ustalenia i dowody",
        "",
        *_findings_table(facts.findings),
        *_checklist_summary(facts.results, facts.questions),
        "## 7. Wnioski z auditu",
        "",
        facts.conclusions,
        "",
        "## 8. Stopień spełnienia kryteriów auditu",
        "",
        facts.conformity,
        "",
        "## 9. Nierozstrzygnięte rozbieżności",
        "",
        facts.disagreements,
        "",
        "## 10. Zastrzeżenia i próbkowanie",
        "",
        facts.sampling,
        "",
        "## 11. Działania następcze",
        "",
        *_follow_up(facts.audit_id, facts.findings),
    ]
    return "\n".join(out).rstrip("\n") + "\n"


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.split()).replace("|", "\\|") or "—"


def _findings_table(findings: Sequence[AuditFinding]) -> list[str]:
    if not findings:
        return ["Nie stwierdzono ustaleń.", ""]
    rows = [
        "| Lp. | Rodzaj | Opis | Kryterium | Dowód | Karta DK |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for f in findings:
        criterion = _cell(f.criterion)
        if f.clause and f.clause != f.criterion:
            criterion += f" (pkt {_cell(f.clause)})"
        kind = FINDING_TYPES.get(f.type, _cell(f.type))
        rows.append(
            f"| {_cell(f.no)} | {kind} | {_cell(f.description)} | {criterion}"
            f" | {_cell(f.evidence)} | {_cell(f.capa)} |"
        )
    return [*rows, ""]


def _checklist_summary(results: Counter[str], questions: int) -> list[str]:
    if not questions:
        return []
    parts = [f"{CHECK_RESULTS[r]}: {results[r]}" for r in CHECK_RESULTS if results[r]]
    unanswered = questions - sum(results.values())
    if unanswered:
        parts.append(f"bez wpisu: {unanswered}")
    return [f"Lista pytań kontrolnych ({questions} pytań) — {', '.join(parts)}.", ""]


def _follow_up(audit_id: str, findings: Sequence[AuditFinding]) -> list[str]:
    ncs = [f for f in findings if f.nonconformity]
    if not ncs:
        return ["Audit nie wymaga działań korygujących."]
    lines = []
    for f in ncs:
        ref = f"{audit_id}/{f.no}"
        action = f"karta {f.capa}" if f.capa else f"karta do otwarcia (`qms capa new --from {ref}`)"
        lines.append(f"- Ustalenie {f.no}: {action}.")
    return lines
