"""``qms review-doc``: a periodic review kept as a signed commit restarts the document's review
period in ``qms due``; approvals start it too. Real keys and real git (``Office``)."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.model.dates import add_months
from qms_cli.services.due import due_list
from tests.approval.conftest import TODAY, Keys, Office
from tests.conftest import pin_clock

runner = CliRunner()
APPROVED = ["F-01", "KJ", "KS-01", "KU-USC-01", "P-01", "PJ", "PR-01", "Z-2026-01"]
REVIEWS = "records/doc-reviews.yaml"


def reviews_due(office: Office, day: dt.date, days: int = 0) -> dict[str, dt.date]:
    items = due_list(office.root, days, day).items
    return {i.key: i.due for i in items if i.kind == "document-review"}


def review_doc(office: Office, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["review-doc", *args, "--path", str(office.root)])
    return result.exit_code, result.output


def qms610(office: Office) -> list[str]:
    from qms_cli.services.check import run_check

    found = run_check(office.root, use_cache=False).findings
    assert not [f for f in found if f.path == REVIEWS]  # the record is valid
    return sorted(f.path.rsplit("/", 1)[-1] for f in found if f.code == "QMS610")


def test_approvals_start_the_review_period(office: Office) -> None:
    assert reviews_due(office, TODAY, 400) == dict.fromkeys(APPROVED, add_months(TODAY, 12))


def test_review_doc_restarts_the_period(
    office: Office, keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = add_months(TODAY, 13)
    pin_clock(monkeypatch, later)
    assert qms610(office) == sorted(f"{d}.md" for d in APPROVED)
    head = office.head()
    office.use_key(keys.sekretarz)  # Anna Sekretarz, pełnomocnik
    code, output = review_doc(office, "P-01", "--note", "Zgodna z  aktualnym KPA.")
    assert code == 0, output
    assert f"Zapisano przegląd P-01 z {later.isoformat()} (bez zmian): Anna Sekretarz" in output
    assert office.git("rev-parse", "HEAD~1").strip() == head
    changed = office.git("show", "--name-only", "--format=", "HEAD").split()
    assert changed == [REVIEWS]
    assert "-----BEGIN SSH SIGNATURE-----" in office.git("cat-file", "commit", "HEAD")
    assert office.git("status", "--porcelain").strip() == ""  # working tree and index agree
    text = office.path(REVIEWS).read_text(encoding="utf-8")
    assert f"document: P-01\n    date: {later.isoformat()}\n    by: anna-sekretarz\n" in text
    assert "note: Zgodna z aktualnym KPA." in text
    assert reviews_due(office, later, 400)["P-01"] == add_months(later, 12)
    assert "P-01.md" not in qms610(office)
    assert len(qms610(office)) == len(APPROVED) - 1
    # the owner reviews too (Olek Or holds kierownik-or, the owner of PR-01); entries append
    office.use_key(keys.kor)
    assert review_doc(office, "PR-01")[0] == 0
    text = office.path(REVIEWS).read_text(encoding="utf-8")
    assert "document: PR-01" in text and "by: olek-or" in text
    assert qms610(office) == [
        "F-01.md",
        "KJ.md",
        "KS-01.md",
        "KU-USC-01.md",
        "PJ.md",
        "Z-2026-01.md",
    ]
    assert "Okresowe przeglądy dokumentów" in text  # the header comment is kept


def test_only_the_owner_or_the_quality_manager_reviews(
    office: Office, keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    pin_clock(monkeypatch, add_months(TODAY, 13))
    head = office.head()
    office.use_key(keys.usc)  # Ewa Usc, kierownik-usc: not the owner of PJ
    code, output = review_doc(office, "PJ")
    assert code == 3
    assert "Ewa Usc nie jest właścicielem PJ" in output and "nic nie zapisano" in output
    office.use_key(keys.attacker)
    code, output = review_doc(office, "P-01")
    assert code == 3
    assert "nie należy do nikogo w rejestrze podpisujących" in output
    assert office.head() == head
    assert not office.path(REVIEWS).exists()


def test_unknown_document_and_unsaved_record(office: Office, keys: Keys) -> None:
    office.use_key(keys.sekretarz)
    code, output = review_doc(office, "P-99")
    assert code == 3 and "P-99" in output
    office.path(REVIEWS).write_text("reviews: []\n", encoding="utf-8")
    code, output = review_doc(office, "P-01")
    assert code == 3 and "nie jest zapisany w repozytorium" in output


def test_only_a_signed_review_counts(office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    later = add_months(TODAY, 13)
    pin_clock(monkeypatch, later)
    office.path(REVIEWS).write_text(
        f"reviews:\n  - {{document: P-01, date: {later.isoformat()}, by: anna-sekretarz, "
        "result: unchanged}\n",
        encoding="utf-8",
    )
    # written by hand, committed unsigned with the trailer qms review-doc writes
    office.commit("P-01: przegląd\n\nQMS-Reviewed: P-01\n", key=None)
    assert "P-01.md" in qms610(office)
    assert reviews_due(office, later)["P-01"] == add_months(TODAY, 12)  # still overdue
