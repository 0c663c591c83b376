"""What an audit's evidence supports (issue 16 C). Pure.

A report concludes only from what was examined: below the coverage threshold (share of
checklist questions with a result other than ``not-checked``, ``audits.coverage`` in qms.yaml)
the audit is incomplete and no conformity conclusion can be drawn. Every finding states what
was found (description), against what (criterion) and on what evidence; a final report needs
all of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from qms_cli.model.audits import AuditFinding

FINDING_PARTS = {"description": "opisu", "criterion": "kryterium", "evidence": "dowodu"}


@dataclass(frozen=True)
class Coverage:
    checked: int  # questions with a result other than not-checked
    questions: int

    @property
    def percent(self) -> int:
        return round(100 * self.checked / self.questions) if self.questions else 0

    def enough(self, threshold: int) -> bool:
        return self.questions > 0 and 100 * self.checked >= threshold * self.questions

    @property
    def text(self) -> str:
        share = f"{self.percent} %"
        return f"sprawdzono {self.checked} z {self.questions} pytań listy kontrolnej ({share})"


def coverage(results: Counter[str], questions: int) -> Coverage:
    return Coverage(sum(n for r, n in results.items() if r != "not-checked"), questions)


def missing_parts(finding: AuditFinding) -> list[str]:
    """The keys among description, criterion and evidence that the finding leaves empty."""
    return [key for key in FINDING_PARTS if getattr(finding, key) is None]


def final_problems(
    findings: Sequence[AuditFinding], covered: Coverage, threshold: int
) -> list[str]:
    """Why a report cannot be final yet (Polish, one line each); empty when it can."""
    problems = []
    if not covered.enough(threshold):
        problems.append(f"{covered.text}, a próg to {threshold} % (audits.coverage w qms.yaml)")
    for finding in findings:
        missing = missing_parts(finding)
        if missing:
            names = ", ".join(FINDING_PARTS[k] for k in missing)
            problems.append(f"ustalenie {finding.no}: brak {names}")
    return problems
