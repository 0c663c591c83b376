"""Documents of external origin (7.5.3.2): cited, and checked for changes within 12 months."""

from __future__ import annotations

import re
from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.findings import Severity

CITATION_RE = re.compile(r"^Dz\.\s?U\.\s+(z\s+)?\d{4}(\s+r\.)?,?(\s+[Nn]r\s+\d+,?)?\s+poz\.\s*\d+")
LEGAL_ACTS = ("ustawa", "rozporządzenie")
CHECK_INTERVAL_DAYS = 365


@repo_rule(
    "QMS060",
    "external-checked",
    Severity.WARNING,
    "Dokument zewnętrzny sprawdzony pod kątem zmian w ostatnich 12 miesiącach",
)
def external_checked(ctx: CheckContext) -> Iterator[Hit]:
    limit = ctx.days_ago(CHECK_INTERVAL_DAYS)
    for source, index, item in ctx.repo.items("external", "documents"):
        checked = item.get("last_checked")
        if isinstance(checked, str) and checked < limit:
            yield Hit(
                source.path,
                f"{item.get('id')}: aktualność sprawdzono {checked}, ponad "
                "12 miesięcy temu — sprawdź w ISAP i zaktualizuj last_checked",
                pointer=("documents", index, "last_checked"),
            )


@repo_rule(
    "QMS061",
    "external-citation",
    Severity.ERROR,
    "Akt prawny ma publikator w postaci „Dz.U. 2024 poz. 572”",
)
def external_citation(ctx: CheckContext) -> Iterator[Hit]:
    for source, index, item in ctx.repo.items("external", "documents"):
        if item.get("kind") not in LEGAL_ACTS:
            continue
        citation = item.get("citation")
        if not isinstance(citation, str) or not CITATION_RE.match(citation):
            yield Hit(
                source.path,
                f"{item.get('id')}: brak poprawnego publikatora (np. „Dz.U. 2024 poz. 572”)",
                pointer=("documents", index),
            )
