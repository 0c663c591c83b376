"""The accessibility statement names a contact person (a11y-osoba), not a post (issue 15)."""

from __future__ import annotations

from pathlib import Path

from qms_cli.services.check import run_check
from tests.edit import edit_yaml


def contact_findings(root: Path) -> list[str]:
    return [
        f"{f.path}:{f.line}: {f.message}"
        for f in run_check(root, use_cache=False).findings
        if f.code == "QMS115"
    ]


def set_contact(root: Path, name: str) -> None:
    def edit(data: dict) -> None:  # type: ignore[type-arg]
        data.setdefault("accessibility", {}).setdefault("contact", {})["name"] = name

    edit_yaml(root / "qms.yaml", edit)


def test_a_post_is_not_a_contact_person(minimal: Path) -> None:
    set_contact(minimal, "Sekretarz Gminy")
    (found,) = contact_findings(minimal)
    assert found.endswith(
        "osoba kontaktowa deklaracji dostępności „Sekretarz Gminy” to stanowisko — deklaracja "
        "podaje imię i nazwisko osoby kontaktowej (a11y-osoba); stanowisko można dopisać po "
        "przecinku"
    )
    assert found.startswith("qms.yaml:")


def test_a_person_with_a_post_passes(minimal: Path) -> None:
    set_contact(minimal, "Anna Kowalczyk, Sekretarz Gminy")
    assert contact_findings(minimal) == []
