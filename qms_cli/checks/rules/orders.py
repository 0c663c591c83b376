"""Orders of the head of office (zarządzenia): numbered N/YYYY, unique and gapless per year."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.documents import Document
from qms_cli.model.findings import Severity

NUMBER_RE = re.compile(r"^(\d+)/(\d{4})$")


@repo_rule(
    "QMS080",
    "order-number",
    Severity.ERROR,
    "Numery zarządzeń (N/RRRR) są unikalne i bez luk w roku, a rok zgadza się z datą",
)
def order_numbers(ctx: CheckContext) -> Iterator[Hit]:
    by_year: dict[int, dict[int, Document]] = defaultdict(dict)
    for order in ctx.repo.documents_of_type("order"):
        number = str(order.meta.get("number", ""))
        match = NUMBER_RE.match(number)
        if not match:
            yield Hit(
                order.path,
                f"{order.id}: numer „{number}” nie ma postaci N/RRRR (np. 12/2026)",
                pointer=("number",),
            )
            continue
        n, year = int(match.group(1)), int(match.group(2))
        date = str(order.meta.get("date", ""))
        if date[:4].isdigit() and int(date[:4]) != year:
            yield Hit(
                order.path,
                f"{order.id}: numer {number} z innego roku niż data {date}",
                pointer=("number",),
            )
        if n in by_year[year]:
            yield Hit(
                order.path,
                f"{order.id}: numer {number} ma już {by_year[year][n].id}",
                pointer=("number",),
            )
        by_year[year].setdefault(n, order)
    for year, numbers in by_year.items():
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if missing:
            last = numbers[max(numbers)]
            yield Hit(
                last.path,
                f"luka w numeracji zarządzeń {year} r.: brak numerów "
                + ", ".join(f"{m}/{year}" for m in missing),
                pointer=("number",),
            )


@repo_rule(
    "QMS081", "order-signed-by-head", Severity.WARNING, "Zarządzenie wydaje kierownik urzędu"
)
def order_signed_by_head(ctx: CheckContext) -> Iterator[Hit]:
    heads = ctx.repo.positions_of_role("kierownik-urzedu")
    for order in ctx.repo.documents_of_type("order"):
        signed_by = order.meta.get("signed_by")
        if heads and isinstance(signed_by, str) and signed_by not in heads:
            yield Hit(
                order.path,
                f"{order.id}: zarządzenie podpisuje „{signed_by}”, a nie kierownik urzędu",
                pointer=("signed_by",),
            )
