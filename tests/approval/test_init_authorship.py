"""Issue 14, four-eyes by person: the text ``qms init`` brings is authored by the tool, so the
pełnomocnik who ran init — registered with the same e-mail — can review template documents;
and authorship, once recorded, does not go away when an e-mail in the registry changes."""

from __future__ import annotations

from pathlib import Path

from qms_cli.io import signers_file
from qms_cli.io.roundtrip import load_rt
from qms_cli.services.approval.approve import approve
from qms_cli.services.documents.init import NamedOffice, init_office
from qms_cli.vcs.git import TOOL_AUTHOR
from tests.approval.conftest import Keys, Office, add_person

P01 = "documents/procedures/P-01.md"  # owner: pelnomocnik (review by owner, approval too)


def registered_office(tmp_path: Path, keys: Keys) -> Office:
    init_office(tmp_path / "sanok", NamedOffice("Starostwo Powiatowe w Sanoku", kind="powiat"))
    office = Office(tmp_path / "sanok")
    add_person(
        office.root, "jan-starosta", "Jan Starosta", "wojt", ("kierownik-urzedu",), keys.wojt
    )
    add_person(
        office.root,
        "anna-pelnomocnik",
        "Anna Pełnomocnik",
        "sekretarz",
        ("pelnomocnik",),
        keys.sekretarz,
        "test@example.invalid",  # the identity that ran qms init (tests/conftest.py)
    )
    signers_file.set_trust_root(office.root, keys.wojt.fingerprint)
    office.commit("Rejestr", keys.wojt)
    return office


def test_init_is_authored_by_the_tool(tmp_path: Path, keys: Keys) -> None:
    office = registered_office(tmp_path, keys)
    first = office.git("rev-list", "--max-parents=0", "HEAD").strip()
    assert office.git("log", "-1", "--format=%an <%ae>", first).strip() == TOOL_AUTHOR
    assert office.git("log", "-1", "--format=%ce", first).strip() == "test@example.invalid"


def test_the_person_who_ran_init_can_review_template_text(tmp_path: Path, keys: Keys) -> None:
    office = registered_office(tmp_path, keys)
    office.use_key(keys.sekretarz)
    (signed,) = approve(office.root, ["P-01"], "review")
    assert signed.name == "Anna Pełnomocnik"
    assert "QMS209" not in office.codes(P01)


def test_changing_an_e_mail_does_not_clear_authorship(tmp_path: Path, keys: Keys) -> None:
    office = registered_office(tmp_path, keys)
    office.append(P01, "\nZmiana Anny.\n")
    office.commit("P-01: zmiana", author=("Anna", "test@example.invalid"))  # unsigned, her e-mail
    data = load_rt(office.path("org/signers.yaml").read_text(encoding="utf-8"))
    data["signers"][1]["email"] = "inny@example.invalid"
    office.path("org/signers.yaml").write_text(signers_file.dump_rt(data), encoding="utf-8")
    office.commit("Rejestr: nowy e-mail Anny", keys.wojt)
    office.approval(P01, "P-01", "review", keys.sekretarz)
    assert any("jest autorem tej treści" in m for m in office.messages("QMS209"))
