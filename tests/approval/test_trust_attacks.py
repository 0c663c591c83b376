"""Issue 13: attacks by someone with push rights on the trust walk, with real keys.

The invariant under every test: the registry in force at a commit is the one the signed
history along the path to it granted. A merge, a backdated branch, a restored text or a
second registry entry never grants more than that history did (see ARCHITECTURE.md, "The
trust model")."""

from __future__ import annotations

import datetime as dt

import pytest

from qms_cli.io.roundtrip import dump_rt, load_rt
from qms_cli.services.release.release import prepare
from tests.approval.conftest import P01, PJ, SIGNERS, TODAY, Keys, Office, add_person
from tests.approval.scenarios import add_attacker, edit_p01, rotate_head_key

pytestmark = pytest.mark.any_day  # holds on any pinned day (tests/test_any_day.py)

ANNA_KEY_GONE = "nie należy do nikogo w rejestrze"


def remove_anna(office: Office, keys: Keys) -> str:
    """The Wójt takes Anna (the pełnomocnik) out of the registry: a signed change."""
    data = load_rt(office.path(SIGNERS).read_text(encoding="utf-8"))
    data["signers"] = [s for s in data["signers"] if s["id"] != "anna-sekretarz"]
    office.path(SIGNERS).write_text(dump_rt(data), encoding="utf-8")
    return office.commit("Rejestr: Anna odchodzi", keys.wojt)


def anna_approves_p01(office: Office, keys: Keys) -> None:
    edit_p01(office)
    office.approval(P01, "P-01", "review", keys.sekretarz)
    office.approval(P01, "P-01", "approval", keys.sekretarz)


def assert_anna_cannot_approve(office: Office) -> None:
    codes = office.codes(P01)
    assert "QMS205" in codes, office.messages("QMS205")
    assert "QMS202" in codes  # the current text stays unapproved


# --- item 1: a merge cannot bring back what a later signed change removed ------------------


def test_unsigned_merge_with_an_old_parent_does_not_restore_a_removed_person(
    office: Office, keys: Keys
) -> None:
    base = office.head()
    remove_anna(office, keys)
    office.git("checkout", "-q", "-b", "old", base)
    office.commit("Stary stan", empty=True)
    office.git("checkout", "-q", "main")
    office.git("merge", "-q", "--no-ff", "--no-commit", "old")
    office.git("checkout", "old", "--", SIGNERS)  # the merge takes the old registry
    office.commit("Merge branch 'old'")
    assert keys.sekretarz.fingerprint in office.path(SIGNERS).read_text(encoding="utf-8")
    anna_approves_p01(office, keys)
    assert_anna_cannot_approve(office)
    assert "QMS212" in office.codes(SIGNERS)


def test_merge_strategy_ours_from_an_old_branch_does_not_roll_back(
    office: Office, keys: Keys
) -> None:
    """The same rollback made the other way round: the old branch merges main with ``-s
    ours`` (its tree wins) and main fast-forwards to that merge."""
    base = office.head()
    remove_anna(office, keys)
    office.git("checkout", "-q", "-b", "old", base)
    office.git("merge", "-q", "-s", "ours", "--no-edit", "main")
    office.git("checkout", "-q", "main")
    office.git("merge", "-q", "--ff-only", "old")
    anna_approves_p01(office, keys)
    assert_anna_cannot_approve(office)


def test_octopus_merge_does_not_roll_back(office: Office, keys: Keys) -> None:
    base = office.head()
    remove_anna(office, keys)
    for name in ("x", "y"):
        office.git("checkout", "-q", "-b", name, base)
        office.commit(f"Gałąź {name}", empty=True)
    office.git("merge", "-q", "-s", "ours", "--no-edit", "main", "x")  # on y: three parents
    assert len(office.git("log", "-1", "--format=%P").split()) == 3
    office.git("checkout", "-q", "main")
    office.git("merge", "-q", "--ff-only", "y")
    anna_approves_p01(office, keys)
    assert_anna_cannot_approve(office)


def stolen_head_key_branch(office: Office, keys: Keys, signed_merge: bool) -> None:
    """The Wójt rotates his key (the old one is stolen). The thief cuts a branch before the
    rotation, signs with the stolen key a backdated registry change that makes the attacker
    head of office, and merges it with the attacker's registry."""
    base = office.head()
    rotate_head_key(office, keys)
    office.git("checkout", "-q", "-b", "theft", base)
    add_attacker(office, keys)
    office.edit(SIGNERS, "roles: [pelnomocnik]\n", "roles: [pelnomocnik, kierownik-urzedu]\n")
    office.commit("Rejestr: zastępca", keys.wojt, date="2025-03-01T10:00:00+01:00")
    office.git("checkout", "-q", "main")
    office.git("merge", "-q", "--no-ff", "--no-commit", "theft")
    office.git("checkout", "theft", "--", SIGNERS)
    office.commit("Merge branch 'theft'", keys.wojt if signed_merge else None)
    office.append(PJ, "\nNowe zobowiązanie.\n")
    office.commit("PJ: zmiana")
    office.approval(PJ, "PJ", "approval", keys.attacker)


@pytest.mark.parametrize("signed_merge", [False, True], ids=["unsigned-merge", "signed-merge"])
def test_stolen_revoked_head_key_on_a_backdated_branch_installs_nobody(
    office: Office, keys: Keys, signed_merge: bool
) -> None:
    stolen_head_key_branch(office, keys, signed_merge)
    assert "mallory" in office.path(SIGNERS).read_text(encoding="utf-8")
    codes = office.codes(PJ)
    assert "QMS205" in codes and "QMS202" in codes, office.messages("QMS205")
    assert "QMS212" in office.codes(SIGNERS)
    # The new key of the Wójt still works: the registry in force is the rotated one.
    office.approval(PJ, "PJ", "approval", keys.wojt2)
    assert "QMS202" not in office.codes(PJ)


# --- item 6: four eyes ------------------------------------------------------------------------


def test_author_cannot_sign_in_the_commit_that_changes_the_text(office: Office, keys: Keys) -> None:
    office.append(P01, "\nZmiana i podpis naraz.\n")
    office.git("add", "-A")
    blob = office.git("hash-object", P01).strip()
    message = f"P-01: review\n\nQMS-Approve: P-01\nQMS-Meaning: review\nQMS-Blob: {blob}\n"
    office.commit(message, keys.sekretarz)
    assert any("w tym samym commicie" in m for m in office.messages("QMS209"))


def test_unsigned_merge_by_someone_else_does_not_hide_the_author(
    office: Office, keys: Keys
) -> None:
    office.git("checkout", "-q", "-b", "edit")
    edit_p01(office, key=keys.sekretarz)
    office.git("checkout", "-q", "main")
    office.commit("Inna praca", empty=True)
    office.git("merge", "-q", "--no-ff", "--no-edit", "edit")  # by Test User, unsigned
    office.approval(P01, "P-01", "approval", keys.sekretarz)
    assert any("jest autorem tej treści" in m for m in office.messages("QMS209"))


def test_merge_that_writes_the_text_is_an_author_too(office: Office, keys: Keys) -> None:
    """A conflict resolved in a signed merge: the merge's signer wrote that text."""
    office.git("checkout", "-q", "-b", "edit")
    edit_p01(office, text="\nWersja z gałęzi.\n")
    office.git("checkout", "-q", "main")
    edit_p01(office, text="\nWersja z main.\n")
    office.git("merge", "-q", "--no-ff", "--no-commit", "-s", "ours", "edit")
    office.append(P01, "\nPołączenie obu wersji.\n")
    office.commit("Merge branch 'edit'", keys.sekretarz)
    office.approval(P01, "P-01", "approval", keys.sekretarz)
    assert any("jest autorem tej treści" in m for m in office.messages("QMS209"))


def test_unsigned_change_under_another_e_mail_needs_a_second_person(
    office: Office, keys: Keys
) -> None:
    """Issue 13 item 6c: Anna commits unsigned as someone else, then signs alone. Who wrote
    an unsigned text is not proved, so one person's signatures are not four eyes."""
    edit_p01(office, key=None, author=("Jan Nowak", "nowak@example.invalid"))
    office.approval(P01, "P-01", "review", keys.sekretarz)
    office.approval(P01, "P-01", "approval", keys.sekretarz)
    (message,) = office.messages("QMS209")
    assert "co najmniej dwie różne osoby" in message and "Anna Sekretarz" in message


def test_a_signed_change_proves_its_author(office: Office, keys: Keys) -> None:
    edit_p01(office, key=keys.kor)  # Olek Or wrote it, and signed it
    office.approval(P01, "P-01", "review", keys.sekretarz)
    office.approval(P01, "P-01", "approval", keys.sekretarz)
    assert office.findings() == []


def test_same_person_registered_twice_is_one_person(office: Office, keys: Keys) -> None:
    """Anna registered a second time, under another id, with the attacker's key: the text
    she wrote with one key cannot be signed with the other."""
    add_person(
        office.root, "a-sekretarz", "Anna  Sekretarz", "sekretarz", ("pelnomocnik",), keys.attacker
    )
    office.commit("Rejestr: drugi klucz", keys.wojt)
    edit_p01(office, key=keys.sekretarz)
    office.approval(P01, "P-01", "approval", keys.attacker)
    assert any("jest autorem tej treści" in m for m in office.messages("QMS209"))


def test_same_e_mail_under_two_entries_is_one_person(office: Office, keys: Keys) -> None:
    add_person(
        office.root,
        "inna-osoba",
        "Ktoś Inny",
        "sekretarz",
        ("pelnomocnik",),
        keys.attacker,
        "anna@testowo.invalid",
    )
    office.commit("Rejestr: druga osoba", keys.wojt)
    edit_p01(office, key=keys.sekretarz)
    office.approval(P01, "P-01", "approval", keys.attacker)
    assert "QMS209" in office.codes(P01)


# --- item 7: an approval is for one edition --------------------------------------------------


def test_restoring_an_approved_text_needs_new_signatures(office: Office, keys: Keys) -> None:
    old = office.head()
    anna_approves_p01(office, keys)
    office.approval(P01, "P-01", "review", keys.sekretarz)
    assert office.findings() == []
    office.git("checkout", old, "--", P01)  # the first edition, unsigned
    office.commit("P-01: przywrócenie")
    assert office.blob(P01) == office.blob(P01, old)
    assert "QMS202" in office.codes(P01)
    assert any("przywrócona treść" in m for m in office.messages("QMS202"))


def test_revert_brings_back_a_text_that_needs_new_signatures(office: Office, keys: Keys) -> None:
    edited = edit_p01(office)
    office.git("revert", "--no-edit", edited)
    assert "QMS202" in office.codes(P01)


# --- item 8: backdating ----------------------------------------------------------------------


def test_backdated_approval_before_its_own_parent_is_judged_on_the_parent_date(
    office: Office, keys: Keys
) -> None:
    """Anna's key ends at ENDED; the Wójt signs an edit today; Anna's approval claims a date
    before ENDED (and before its parent): the key was no longer valid when it was made."""
    ended = TODAY - dt.timedelta(days=30)
    data = load_rt(office.path(SIGNERS).read_text(encoding="utf-8"))
    data["signers"][1]["keys"][0]["valid_until"] = ended
    office.path(SIGNERS).write_text(dump_rt(data), encoding="utf-8")
    office.commit("Rejestr: koniec ważności klucza Anny", keys.wojt, date="2025-06-01T10:00:00Z")
    edit_p01(office, key=keys.wojt)
    before = (ended - dt.timedelta(days=2)).isoformat() + "T10:00:00+01:00"
    office.approval(P01, "P-01", "approval", keys.sekretarz, date=before)
    assert any("jest nieprawdziwa" in m for m in office.messages("QMS207"))


# --- items 4 and 5: configuration, templates and assets are signed -----------------------------


def test_unsigned_change_of_the_approval_matrix_is_an_error(office: Office, keys: Keys) -> None:
    office.edit("qms.yaml", "    - {meaning: approval, by: pelnomocnik}\n", "")
    office.commit("Konfiguracja: prostsza macierz")
    assert "QMS202" in office.codes("qms.yaml")
    office.approval("qms.yaml", "qms.yaml", "approval", keys.sekretarz)  # not the head
    assert "QMS208" in office.codes("qms.yaml")
    office.approval("qms.yaml", "qms.yaml", "approval", keys.wojt)
    assert office.codes("qms.yaml") == {"QMS208"}  # the head approved; the attempt stays shown


@pytest.mark.parametrize("how", ["rules", "suppress"])
def test_an_unapproved_edit_cannot_switch_off_the_rules_that_report_it(
    office: Office, keys: Keys, how: str
) -> None:
    if how == "rules":
        office.edit("qms.yaml", "rules: {}", "rules: {QMS202: off, QMS201: off}")
    else:
        office.edit(P01, "id: P-01\n", "id: P-01\nsuppress:\n  - {rule: QMS202, reason: x}\n")
    office.commit("Wyjątki")
    assert "QMS202" in office.codes()


@pytest.mark.parametrize(
    "path",
    ["templates/typst/document.typ", "assets/herb.png", "documents/procedures/schemat.png"],
)
def test_unsigned_template_or_asset_is_an_error_until_approved(
    office: Office, keys: Keys, path: str
) -> None:
    office.path(path).parent.mkdir(parents=True, exist_ok=True)
    office.path(path).write_bytes(
        b"\x89PNG\r\n\x1a\n" if path.endswith(".png") else "opłata 999 zł".encode()
    )
    assert "QMS201" in office.codes(path)  # even before it is committed
    office.commit("Szablon")
    found = [f for f in office.findings() if f.path == path]
    assert [f.code for f in found] == ["QMS201"]
    assert f"qms approve {path}" in found[0].message
    office.approval(path, path, "approval", keys.wojt)
    assert not office.codes(path)
    office.append(path, "x")
    office.commit("Szablon: zmiana")
    assert "QMS202" in office.codes(path)


def test_release_refuses_an_unsigned_template(office: Office, keys: Keys, today: dt.date) -> None:
    """Issue 13 item 5: an unsigned template would change a released service card."""
    template = "templates/typst/document.typ"
    office.path(template).parent.mkdir(parents=True)
    office.path(template).write_text("// opłata 999 zł\n", encoding="utf-8")
    office.commit("Szablon")
    *_, reasons = prepare(office.root, today)
    assert any(template in r and "QMS201" in r for r in reasons), reasons


def test_an_edition_is_never_in_force_before_its_approval(office: Office, keys: Keys) -> None:
    """Issue 15: `qms release --date` earlier than the last approval of an edition it puts in
    force is refused, naming the approval; the day of the approval is accepted."""
    edit_p01(office)
    office.approval(P01, "P-01", "review", keys.sekretarz)
    office.approval(P01, "P-01", "approval", keys.sekretarz)
    *_, reasons = prepare(office.root, TODAY - dt.timedelta(days=3))
    (early,) = [r for r in reasons if r.startswith("P-01: ") and "wcześniejsza niż" in r]
    assert f"Anna Sekretarz, {TODAY.isoformat()}" in early
    assert f"--date {TODAY.isoformat()}" in early
    *_, reasons = prepare(office.root, TODAY)
    assert not [r for r in reasons if "wcześniejsza niż zatwierdzenie" in r]
