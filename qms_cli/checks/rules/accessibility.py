"""The accessibility statement (ustawa z dnia 4 kwietnia 2019 r. o dostępności cyfrowej …)
as the law asks for it: its contact (a11y-osoba) is a person, not a post."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model import placeholders
from qms_cli.model.findings import Severity
from qms_cli.model.repository import Repository


def _titles(repo: Repository) -> set[str]:
    """Names of posts, roles and units of org/structure.yaml, compared case-insensitively."""
    names = set()
    for key, field in (("positions", "title"), ("roles", "name"), ("units", "name")):
        for _, _, item in repo.items("structure", key):
            value = item.get(field)
            if isinstance(value, str) and value.strip():
                names.add(value.strip().casefold())
    return names


@repo_rule(
    "QMS115",
    "accessibility-contact-person",
    Severity.WARNING,
    "Osoba kontaktowa deklaracji dostępności (a11y-osoba) to imię i nazwisko, nie stanowisko",
)
def accessibility_contact_person(ctx: CheckContext) -> Iterator[Hit]:
    statement = ctx.repo.config.get("accessibility")
    contact = statement.get("contact") if isinstance(statement, dict) else None
    name = contact.get("name") if isinstance(contact, dict) else None
    if not isinstance(name, str) or not name.strip() or placeholders.contains(name):
        return
    if name.strip().casefold() in _titles(ctx.repo):
        yield Hit(
            "qms.yaml",
            f"osoba kontaktowa deklaracji dostępności „{name.strip()}” to stanowisko — "
            "deklaracja podaje imię i nazwisko osoby kontaktowej (a11y-osoba); stanowisko "
            "można dopisać po przecinku",
            pointer=("accessibility", "contact", "name"),
        )
