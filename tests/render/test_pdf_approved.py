"""PDFs of an office with real signed approvals (the approval tests' office: throwaway SSH
keys, a trust root, every document approved with `qms approve`) and a register of documents
in force: the signatures printed are exactly those that hold for the text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from qms_cli.errors import QmsError
from qms_cli.model.register import Entry, Register, Release, to_data
from qms_cli.services.documents.render_pdf import render_pdf
from tests.approval.conftest import (  # noqa: F401
    P01,
    Keys,
    Office,
    add_person,
    base_office,
    keys,
)
from tests.render.pdfread import page_texts


@pytest.fixture
def approved(base_office: Path, tmp_path: Path) -> Office:  # noqa: F811
    root = tmp_path / "office"
    shutil.copytree(base_office, root, symlinks=True)
    return Office(root)


def first_page(office: Office, doc_id: str = "P-01") -> str:
    report = render_pdf(office.root, [doc_id], office.root / "out")
    assert report.failures == []
    return " ".join(page_texts(report.written[0].read_bytes())[0].split())


def approval_commit(office: Office, meaning: str) -> str:
    found = office.git("log", "--format=%H%x00%B%x1e", "--grep=QMS-Approve: P-01").split("\x1e")
    return next(c.split("\x00")[0].strip() for c in found if f"QMS-Meaning: {meaning}" in c)


def test_signatures_that_hold_are_printed(approved: Office, keys: Keys) -> None:  # noqa: F811
    page = first_page(approved)
    fingerprint = keys.sekretarz.fingerprint
    assert "Anna Sekretarz" in page
    assert "znaczenie: sprawdzenie" in page and "znaczenie: zatwierdzenie" in page
    assert f"klucz: {fingerprint[:26]}" in page
    for meaning in ("review", "approval"):
        assert f"commit: {approval_commit(approved, meaning)[:26]}" in page
    assert "brak sprawdzenia" not in page and "brak zatwierdzenia" not in page
    # the text was committed without a signature: its author as history names it, not red
    assert "zmiana zapisana bez podpisu elektronicznego" in page
    assert "trust_root" not in page  # anchored in the trust root


def test_a_later_change_voids_the_signatures(approved: Office) -> None:
    approved.append(P01, "\nZmiana po zatwierdzeniu.\n")
    approved.commit("Zmiana procedury P-01")
    page = first_page(approved)
    assert "brak sprawdzenia" in page and "brak zatwierdzenia" in page
    assert "Anna Sekretarz" not in page


def test_without_a_trust_root_signatures_carry_the_caveat(
    minimal: Path,
    keys: Keys,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An office whose history never named a trust root (and none given from outside)."""
    monkeypatch.delenv("QMS_TRUST_ROOT", raising=False)
    office = Office(minimal)
    add_person(minimal, "jan-wojt", "Jan Wójt", "wojt", ("kierownik-urzedu",), keys.wojt)
    add_person(
        minimal, "anna-sekretarz", "Anna Sekretarz", "sekretarz", ("pelnomocnik",), keys.sekretarz
    )
    office.commit("Rejestr", keys.wojt)
    for meaning in ("review", "approval"):
        office.approval(P01, "P-01", meaning, keys.sekretarz)
    page = first_page(office)
    assert "Anna Sekretarz" in page
    assert "brak klucza zaufanego kierownika urzędu (trust_root)" in page


def write_register(office: Office, blob: str) -> None:
    register = Register(
        releases=(Release("2026-04", "2026-04-01", "release/2026-04", office.head()),),
        documents=(Entry("P-01", "Nadzór", "procedure", P01, 3, "2026-04-01", blob, "2026-04"),),
    )
    office.path("register.yaml").write_text(
        yaml.safe_dump(to_data(register), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def test_edition_in_force_from_the_register(approved: Office) -> None:
    write_register(approved, approved.blob(P01))
    page = first_page(approved)
    assert "Wydanie: 3" in page and "Obowiązuje od: 1 kwietnia 2026 r." in page
    assert "PROJEKT" not in page


def test_a_change_after_the_release_is_marked_as_a_project(approved: Office) -> None:
    write_register(approved, approved.blob(P01))
    approved.append(P01, "\nZmiana po wydaniu.\n")
    approved.commit("Zmiana procedury P-01 po wydaniu")
    page = first_page(approved)
    assert "PROJEKT" in page and "Wydanie: —" in page
    assert "Projekt zmiany: obowiązuje wydanie 3 z 1 kwietnia 2026 r." in page


def test_a_broken_register_is_named(approved: Office) -> None:
    approved.path("register.yaml").write_text("documents: [{id: P-01}]\n", encoding="utf-8")
    with pytest.raises(QmsError, match="nie można odczytać rejestru dokumentów") as error:
        render_pdf(approved.root, ["P-01"], approved.root / "out")
    assert error.value.path == "register.yaml"
