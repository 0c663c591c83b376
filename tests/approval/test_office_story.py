"""Issue 14's story, played with real keys: a starostwo from `qms init`, the office's Word
procedure imported, a service card from its skeleton, the pełnomocnik who ran init signing
template text, and the release refusing a placeholder until it is filled.

The whole release of a fresh office, every placeholder filled: test_fresh_office_release.py."""

from __future__ import annotations

import re
from pathlib import Path

import pypandoc
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.io import signers_file
from qms_cli.services.approval.approve import approve
from qms_cli.services.check import run_check
from qms_cli.services.documents.init import NamedOffice, init_office
from qms_cli.services.documents.new import NewRequest, new_document
from qms_cli.services.release.release import prepare
from tests.approval.conftest import TODAY, Keys, Office, add_person

EXAMPLE_FACTS = ("Przykładowo", "CRT/QMS/1187/2025", "Wójt Gminy")
PROCEDURE = """\
---
title: Obsługa skarg i wniosków
---

| Symbol | P-20 | Wydanie | 2 |
|---|---|---|---|
| Opracował | Anna Nowak | Zatwierdził | Jan Starosta |

# 1. Cel

Procedura określa sposób przyjmowania skarg i wniosków.
"""


def placeholders(root: Path, rel: str) -> list[str]:
    return [
        f"{f.line}: {f.message}"
        for f in run_check(root, use_cache=False).findings
        if f.path == rel and f.code == "QMS009" and f.severity.label == "error"
    ]


def started_office(tmp_path: Path, keys: Keys) -> Office:
    root = tmp_path / "sanok"
    init_office(root, NamedOffice("Starostwo Powiatowe w Sanoku"))
    office = Office(root)
    add_person(root, "jan-starosta", "Jan Starosta", "wojt", ("kierownik-urzedu",), keys.wojt)
    add_person(
        root,
        "anna-nowak",
        "Anna Nowak",
        "sekretarz",
        ("pelnomocnik",),
        keys.sekretarz,
        "test@example.invalid",  # she ran qms init (tests/conftest.py's git identity)
    )
    signers_file.set_trust_root(root, keys.wojt.fingerprint)
    office.commit("Rejestr osób podpisujących", keys.wojt)
    return office


def test_a_starostwo_from_init_to_a_release_that_waits_for_its_placeholders(
    tmp_path: Path, keys: Keys
) -> None:
    office = started_office(tmp_path, keys)
    root = office.root
    # the office's procedure from Word
    docx = tmp_path / "Procedura skarg.docx"
    pypandoc.convert_text(PROCEDURE, "docx", format="markdown", outputfile=str(docx))
    result = CliRunner().invoke(
        app,
        ["import", str(docx), "--type", "procedure", "--owner", "pelnomocnik",
         "--process", "PR-01", "--path", str(root)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    imported = root / "documents/procedures/P-20.md"
    assert "title: Obsługa skarg i wniosków" in imported.read_text(encoding="utf-8")
    # a service card from its skeleton, put in force too early
    card = new_document(root, NewRequest("service-card", title="Wydanie prawa jazdy", unit="OR"))
    text = card.path.read_text(encoding="utf-8").replace("status: draft", "status: active")
    card.path.write_text(text, encoding="utf-8")
    office.commit("Nowe dokumenty")
    rel = card.path.relative_to(root).as_posix()
    assert placeholders(root, rel), "an active card with placeholders must be an error"
    *_, reasons = prepare(root, TODAY)
    assert any("qms check zgłasza błędy" in r for r in reasons), reasons
    # the pełnomocnik who ran init reviews template text: nobody is its author
    office.use_key(keys.sekretarz)
    (signed,) = approve(root, ["P-01"], "review")
    assert signed.name == "Anna Nowak"
    # filling the card's placeholders takes it out of the refusal
    filled = re.sub(r"⟦do uzupełnienia:[^⟧]*⟧|Do uzupełnienia\.", "uzupełniono", text)
    card.path.write_text(filled, encoding="utf-8")
    office.commit("Karta usługi: uzupełnienie")
    assert placeholders(root, rel) == []
    # nothing of the example office anywhere in the repository
    for path in root.rglob("*"):
        if path.is_file() and ".git" not in path.parts and path.suffix in (".md", ".yaml"):
            body = path.read_text(encoding="utf-8")
            assert not [fact for fact in EXAMPLE_FACTS if fact in body], path
