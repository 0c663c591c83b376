"""Every attack of issue 3 as a builder on a copy of the approved base office, with the
findings ``qms check`` must report (path, code, text). Shared by the attack tests and the
differential test (in-process verifier against git on every commit of every case)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from qms_cli.io import signers_file
from qms_cli.io.roundtrip import dump_rt, load_rt
from tests.approval.conftest import P01, PJ, SIGNERS, TODAY, Keys, Office, add_person

Builder = Callable[[Office, Keys], None]
ANNA = ("Anna Sekretarz", "anna@testowo.invalid")


@dataclass(frozen=True)
class Scenario:
    build: Builder
    expect: tuple[tuple[str, str, str], ...]  # (path, code, fragment of the message)


SCENARIOS: dict[str, Scenario] = {}


def scenario(name: str, *expect: tuple[str, str, str]) -> Callable[[Builder], Builder]:
    def register(build: Builder) -> Builder:
        SCENARIOS[name] = Scenario(build, expect)
        return build

    return register


def edit_p01(office: Office, text: str = "\nNowy akapit procedury.\n", **kwargs: object) -> str:
    office.append(P01, text)
    return office.commit("P-01: zmiana treści", **kwargs)  # type: ignore[arg-type]


STALE_APPROVAL = (P01, "QMS202", "„Zatwierdził” (approval) — Anna Sekretarz")


@scenario("unsigned", (P01, "QMS203", "commit nie jest podpisany"), STALE_APPROVAL)
def unsigned(office: Office, keys: Keys) -> None:
    edit_p01(office)
    office.approval(P01, "P-01", "approval", None, author=ANNA)


@scenario(
    "unknown-key",
    (P01, "QMS205", "nie należy do nikogo w rejestrze podpisujących"),
    STALE_APPROVAL,
)
def unknown_key(office: Office, keys: Keys) -> None:
    edit_p01(office)
    office.approval(P01, "P-01", "approval", keys.attacker)


@scenario(
    "wrong-role",
    (P01, "QMS208", "Ewa Usc (kierownik-usc) nie może złożyć podpisu „Zatwierdził”"),
    STALE_APPROVAL,
)
def wrong_role(office: Office, keys: Keys) -> None:
    edit_p01(office)
    office.approval(P01, "P-01", "approval", keys.usc)


@scenario(
    "older-blob",
    (P01, "QMS210", "nie jest treścią documents/procedures/P-01.md w tym commicie"),
    STALE_APPROVAL,
)
def older_blob(office: Office, keys: Keys) -> None:
    old = office.blob(P01)
    edit_p01(office)
    office.approval(P01, "P-01", "approval", keys.sekretarz, blob=old)


@scenario("stale", STALE_APPROVAL, (P01, "QMS202", "„Sprawdził” (review)"))
def stale(office: Office, keys: Keys) -> None:
    edit_p01(office)


@scenario(
    "other-document",
    (PJ, "QMS211", "zmienia też inne pliki: documents/procedures/P-01.md"),
    STALE_APPROVAL,
)
def other_document(office: Office, keys: Keys) -> None:
    office.append(P01, "\nZmiana przemycona w zatwierdzeniu Polityki.\n")
    office.approval(PJ, "PJ", "approval", keys.wojt)


@scenario(
    "self-approval",
    (P01, "QMS209", "Anna Sekretarz (sekretarz) jest autorem tej treści"),
    STALE_APPROVAL,
)
def self_approval(office: Office, keys: Keys) -> None:
    edit_p01(office, key=keys.sekretarz)
    office.approval(P01, "P-01", "review", keys.sekretarz)
    office.approval(P01, "P-01", "approval", keys.sekretarz)


@scenario(
    "self-approval-by-email",
    (P01, "QMS209", "Anna Sekretarz (sekretarz) jest autorem tej treści"),
    STALE_APPROVAL,
)
def self_approval_by_email(office: Office, keys: Keys) -> None:
    edit_p01(office, author=ANNA)  # unsigned, but her registered e-mail
    office.approval(P01, "P-01", "approval", keys.sekretarz)


def add_attacker(office: Office, keys: Keys) -> None:
    add_person(
        office.root, "mallory", "Mallory Atakująca", "sekretarz", ("pelnomocnik",), keys.attacker
    )


def rotate_head_key(office: Office, keys: Keys) -> str:
    """The Wójt gets a new key (wojt2) and revokes the old one, in a change signed with it."""
    add_person(office.root, "jan-wojt", "Jan Wójt", "wojt", (), keys.wojt2)
    signers_file.revoke_key(office.root, keys.wojt.fingerprint, TODAY)
    return office.commit("Rejestr: nowy klucz Wójta, stary unieważniony", keys.wojt)


@scenario(
    "registry-self-added",
    (SIGNERS, "QMS212", "podpisano kluczem " + "{attacker} spoza rejestru"),
    (P01, "QMS205", "dopisano go w commicie"),
    STALE_APPROVAL,
)
def registry_self_added(office: Office, keys: Keys) -> None:
    add_attacker(office, keys)
    office.commit("Rejestr: nowa pełnomocniczka", keys.attacker)
    edit_p01(office)
    office.approval(P01, "P-01", "approval", keys.attacker)


@scenario(
    "registry-by-non-head",
    (SIGNERS, "QMS212", "podpis: Anna Sekretarz (sekretarz) — osoba bez roli kierownik-urzedu"),
    (P01, "QMS205", "dopisano go w commicie"),
    STALE_APPROVAL,
)
def registry_by_non_head(office: Office, keys: Keys) -> None:
    add_attacker(office, keys)
    office.commit("Rejestr: nowa pełnomocniczka", keys.sekretarz)
    edit_p01(office)
    office.approval(P01, "P-01", "approval", keys.attacker)


ENDED = TODAY - dt.timedelta(days=30)


def end_validity(office: Office, keys: Keys) -> None:
    """The Wójt ends the validity of Anna's key (a registry change signed today)."""
    data = load_rt(office.path(SIGNERS).read_text(encoding="utf-8"))
    anna = data["signers"][1]
    assert anna["id"] == "anna-sekretarz"
    anna["keys"][0]["valid_until"] = ENDED
    office.path(SIGNERS).write_text(dump_rt(data), encoding="utf-8")
    office.commit("Rejestr: koniec ważności klucza Anny", keys.wojt)


@scenario(
    "expired-key",
    (P01, "QMS207", f"klucz ważny do {ENDED.isoformat()}, a podpis złożono"),
    STALE_APPROVAL,
)
def expired_key(office: Office, keys: Keys) -> None:
    end_validity(office, keys)
    edit_p01(office)
    office.approval(P01, "P-01", "approval", keys.sekretarz)


@scenario(
    "expired-key-backdated",
    (P01, "QMS207", "jest nieprawdziwa"),
    STALE_APPROVAL,
)
def expired_key_backdated(office: Office, keys: Keys) -> None:
    end_validity(office, keys)
    edit_p01(office)
    before = (ENDED - dt.timedelta(days=2)).isoformat() + "T10:00:00+01:00"
    office.approval(P01, "P-01", "approval", keys.sekretarz, date=before)


@scenario("revoked-key", (P01, "QMS206", "został unieważniony w rejestrze"), STALE_APPROVAL)
def revoked_key(office: Office, keys: Keys) -> None:
    signers_file.revoke_key(office.root, keys.sekretarz.fingerprint, TODAY)
    office.commit("Rejestr: unieważnienie klucza Anny", keys.wojt)
    edit_p01(office)
    office.approval(P01, "P-01", "approval", keys.sekretarz, date="2025-06-01T10:00:00+02:00")


@scenario(
    "dropped-approval",
    (P01, "QMS204", "podpis commita jest nieprawidłowy"),
    (P01, "QMS202", "„Sprawdził” (review)"),
)
def dropped_approval(office: Office, keys: Keys) -> None:
    edited = edit_p01(office)
    review = office.approval(P01, "P-01", "review", keys.sekretarz)
    approval = office.approval(P01, "P-01", "approval", keys.sekretarz)
    raw = office.git("cat-file", "commit", approval)
    assert f"parent {review}\n" in raw
    rewritten = raw.replace(f"parent {review}\n", f"parent {edited}\n")
    new = office.git("hash-object", "-t", "commit", "-w", "--stdin", data=rewritten).strip()
    office.git("reset", "-q", "--hard", new)


@scenario(
    "forged-committer",
    (P01, "QMS208", "Ewa Usc (kierownik-usc) nie może złożyć podpisu"),
    STALE_APPROVAL,
)
def forged_committer(office: Office, keys: Keys) -> None:
    edit_p01(office)
    office.approval(P01, "P-01", "approval", keys.usc, author=ANNA)


def expected(name: str, keys: Keys) -> list[tuple[str, str, str]]:
    return [
        (path, code, text.replace("{attacker}", keys.attacker.fingerprint))
        for path, code, text in SCENARIOS[name].expect
    ]
