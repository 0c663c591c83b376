"""`qms preview` (issue 22): what a merge request changes, as CI artifacts — redlines and PDFs
of the changed public documents, the BIP site as a draft, and a Markdown summary naming the
signatures still missing. Invariant: nothing of an internal document but its id reaches the
preview unless --internal is given (a planted secret is looked for in every file, PDFs read
back)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from tests.approval.conftest import Office
from tests.render.pdfread import text as pdf_text

pytestmark = pytest.mark.slow  # renders PDFs and the BIP site

SECRET = "Tajny-Numer-Sprawy-4711"
P01 = "documents/procedures/P-01.md"
CARD = "documents/service-cards/KU-USC-01.md"


def changed(office: Office) -> str:
    base = office.head()
    office.append(P01, f"\nUzupełnienie dotyczące sprawy {SECRET}.\n")
    office.append(CARD, "\nKartę uzupełniono o godziny przyjęć w soboty.\n")
    office.commit("Zmiany w P-01 i KU-USC-01")
    return base


def everything(out: Path) -> str:
    texts = []
    for path in sorted(out.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            texts.append(pdf_text(data) if path.suffix == ".pdf" else data.decode("utf-8"))
    return "\n".join(texts)


def run(office: Office, base: str, out: Path, *extra: str) -> str:
    args = ["preview", "--base", base, "--out", str(out), "--path", str(office.root), *extra]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.output


def test_public_changes_only_and_the_summary(office: Office, tmp_path: Path) -> None:
    base = changed(office)
    out = tmp_path / "podglad"
    said = run(office, base, out)
    assert "dokumentów zmienionych 2, z zestawieniami 1" in said
    assert sorted(p.relative_to(out).as_posix() for p in (out / "zmiany").iterdir()) == [
        "zmiany/KU-USC-01.html",
        "zmiany/KU-USC-01.pdf",
    ]
    assert [p.name for p in (out / "pdf").iterdir()] == ["KU-USC-01.pdf"]
    assert (out / "bip" / "index.html").read_text(encoding="utf-8").count("PROJEKT") >= 1
    summary = (out / "podsumowanie.md").read_text(encoding="utf-8")
    assert f"# Podgląd zmian (qms) względem {base}" in summary
    assert "| P-01 | — | wewnętrzny | lokalnie: `qms diff P-01` |" in summary
    assert "`zmiany/KU-USC-01.html`, `zmiany/KU-USC-01.pdf` |" in summary
    waiting = summary.split("## Podpisy, których jeszcze brakuje", 1)[1].split("##", 1)[0]
    assert "- KU-USC-01: podpis „Zatwierdził” (approval)" in waiting
    assert "- P-01: podpis" in waiting  # named by id: which signature, not what changed
    assert "{+Kartę uzupełniono o godziny przyjęć w soboty.+}" in " ".join(
        pdf_text((out / "zmiany" / "KU-USC-01.pdf").read_bytes()).split()
    )
    assert SECRET not in everything(out)


def test_internal_redlines_on_request(office: Office, tmp_path: Path) -> None:
    base = changed(office)
    out = tmp_path / "podglad"
    run(office, base, out, "--internal")
    assert (out / "zmiany" / "P-01.html").exists()
    assert SECRET in (out / "zmiany" / "P-01.html").read_text(encoding="utf-8")


def test_an_unknown_base_is_exit_3(office: Office, tmp_path: Path) -> None:
    args = ["preview", "--base", "nie-ma-takiej", "--out", str(tmp_path / "p")]
    result = CliRunner().invoke(app, [*args, "--path", str(office.root)])
    assert result.exit_code == 3
    assert "nie ma takiej wersji w repozytorium: nie-ma-takiej" in result.output
    assert not (tmp_path / "p").exists()
