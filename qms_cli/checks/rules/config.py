"""qms.yaml itself: rule overrides, suppressions, the approval matrix and numbering."""

from __future__ import annotations

import re
from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, all_codes, repo_rule
from qms_cli.model import governed
from qms_cli.model.doctypes import DOC_TYPES
from qms_cli.model.findings import Severity
from qms_cli.model.ids import pattern_fields
from qms_cli.model.signers import AUDITEE, OWNER


@repo_rule(
    "QMS104",
    "config-rules",
    Severity.WARNING,
    "Sekcja „rules” w qms.yaml zmienia tylko istniejące reguły",
)
def config_rules(ctx: CheckContext) -> Iterator[Hit]:
    rules = ctx.repo.config.get("rules")
    codes = all_codes()
    for code in rules if isinstance(rules, dict) else {}:
        if code not in codes:
            yield Hit(
                "qms.yaml", f"nieznana reguła {code} w sekcji „rules”", pointer=("rules", code)
            )


@repo_rule(
    "QMS105",
    "suppression-reason",
    Severity.ERROR,
    "Wyłączenie reguły w dokumencie wskazuje istniejącą regułę i ma pisemne uzasadnienie",
)
def suppression_reason(ctx: CheckContext) -> Iterator[Hit]:
    codes = all_codes()
    for doc in ctx.repo.documents:
        entries = doc.meta.get("suppress")
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if not isinstance(entry, dict):
                continue
            rule, reason = entry.get("rule"), entry.get("reason")
            if rule not in codes:
                yield Hit(
                    doc.path,
                    f"wyłączenie nieznanej reguły {rule}",
                    pointer=("suppress", index, "rule"),
                )
            if not (isinstance(reason, str) and reason.strip()):
                yield Hit(
                    doc.path,
                    f"wyłączenie reguły {rule} bez uzasadnienia (reason) — reguła nadal obowiązuje",
                    pointer=("suppress", index),
                )


@repo_rule(
    "QMS106",
    "approval-matrix",
    Severity.ERROR,
    "Macierz zatwierdzeń w qms.yaml wskazuje istniejące role dla znanych typów dokumentów",
)
def approval_matrix(ctx: CheckContext) -> Iterator[Hit]:
    matrix = ctx.repo.config.get("approvals")
    roles = ctx.repo.role_ids
    known = {*DOC_TYPES, governed.CONFIGURATION_TYPE, *governed.RECORD_LABELS}
    for doc_type, steps in matrix.items() if isinstance(matrix, dict) else []:
        if doc_type not in known:
            yield Hit(
                "qms.yaml",
                f"macierz zatwierdzeń: nieznany typ dokumentu „{doc_type}”",
                pointer=("approvals", doc_type),
            )
        for index, step in enumerate(steps if isinstance(steps, list) else []):
            by = step.get("by") if isinstance(step, dict) else None
            for who in [by] if isinstance(by, str) else by if isinstance(by, list) else []:
                if who == AUDITEE and doc_type == "audit-report":
                    continue
                if not isinstance(who, str) or who == OWNER or who in roles:
                    continue
                yield Hit(
                    "qms.yaml",
                    f"macierz zatwierdzeń ({doc_type}): rola „{who}” nie "
                    "istnieje w org/structure.yaml",
                    pointer=("approvals", doc_type, index),
                )
    for doc_type in sorted({d.type for d in ctx.repo.documents} & set(DOC_TYPES)):
        if not isinstance(matrix, dict) or not matrix.get(doc_type):
            yield Hit(
                "qms.yaml",
                f"macierz zatwierdzeń nie określa, kto zatwierdza dokumenty typu {doc_type}",
                pointer=("approvals",),
            )


@repo_rule(
    "QMS107",
    "numbering-pattern",
    Severity.ERROR,
    "Wzory numeracji w qms.yaml dotyczą znanych typów i używają {n}, {unit}, {year}",
)
def numbering_pattern(ctx: CheckContext) -> Iterator[Hit]:
    numbering = ctx.repo.config.get("numbering")
    for doc_type, pattern in numbering.items() if isinstance(numbering, dict) else []:
        if doc_type not in DOC_TYPES and doc_type != governed.CONFIGURATION_TYPE:
            yield Hit(
                "qms.yaml",
                f"numeracja: nieznany typ dokumentu „{doc_type}”",
                pointer=("numbering", doc_type),
            )
        elif isinstance(pattern, str) and _bad_pattern(doc_type, pattern):
            yield Hit(
                "qms.yaml",
                f"numeracja {doc_type}: wzór „{pattern}” musi zawierać {{n}} "
                "(i może {unit}, {year})",
                pointer=("numbering", doc_type),
            )


def _bad_pattern(doc_type: str, pattern: str) -> bool:
    """Unknown ``{…}`` fields, or no ``{n}`` where documents of the type are numbered."""
    leftover = re.sub(r"\{(n(:0?\d+)?|unit|year)\}", "", pattern)
    numbered = doc_type not in ("policy", "manual")
    return "{" in leftover or "}" in leftover or (numbered and "n" not in pattern_fields(pattern))
