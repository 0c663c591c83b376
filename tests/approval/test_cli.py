"""``qms approve``, ``qms history`` and ``qms signers`` as a user runs them: exit codes and
the exact messages; a refusal never makes a commit."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.services.approval.history import document_histories
from tests.approval.conftest import P01, SIGNERS, Keys, Office
from tests.approval.scenarios import edit_p01

pytestmark = pytest.mark.any_day  # holds on any pinned day (tests/test_any_day.py)

runner = CliRunner()


def qms(office: Office, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--path", str(office.root)])
    return result.exit_code, result.output


@pytest.mark.posix_only("an empty allowed-signers file as /dev/null")
def test_approve_makes_a_signed_commit_bound_to_the_blob(office: Office, keys: Keys) -> None:
    edit_p01(office)
    office.use_key(keys.sekretarz)
    approved = office.git("log", "-1", "--format=%H", "--grep=QMS-Approve: P-01").strip()
    code, out = qms(office, "approve", "P-01", "--meaning", "review", "--yes")
    assert code == 0, out
    assert out.startswith(
        f"P-01: zmiany względem: ostatnia zatwierdzona treść (commit {approved[:10]}, "
        "Anna Sekretarz)\n"
        "  sekcje: 1. Cel\n"
        "  słowa: dodano 3, usunięto 0\n"
        "  pełne zestawienie: qms diff P-01 --to HEAD\n"
        "Podpisano P-01 — „Sprawdził” (review): Anna Sekretarz (sekretarz), "
    )
    assert keys.sekretarz.fingerprint in out
    message = office.git("log", "-1", "--format=%B")
    assert f"QMS-Approve: P-01\nQMS-Meaning: review\nQMS-Blob: {office.blob(P01)}\n" in message
    assert office.git("show", "--stat", "--format=", "HEAD").strip() == ""  # empty commit
    signed = office.git("-c", "gpg.ssh.allowedSignersFile=/dev/null", "log", "-1", "--format=%G?")
    assert signed.strip() == "U"  # signed (git knows no principal without the registry)
    code, out = qms(office, "approve", "P-01", "--yes")
    assert code == 0, out
    assert office.findings() == []


def _refused(office: Office, args: list[str], text: str) -> str:
    head = office.head()
    code, out = qms(office, *args)
    assert code == 3, out
    assert text in out, out
    assert office.head() == head
    return out


def test_nothing_to_approve(office: Office, keys: Keys) -> None:
    office.use_key(keys.sekretarz)
    _refused(
        office,
        ["approve", "P-01", "--yes"],
        "qms: błąd: nic do zatwierdzenia: bieżąca treść P-01 ma już podpis „Zatwierdził” "
        "(approval) (Anna Sekretarz (sekretarz)",
    )


def test_dirty_file_is_refused(office: Office, keys: Keys) -> None:
    office.use_key(keys.sekretarz)
    office.append(P01, "\nNiezapisana zmiana.\n")
    _refused(
        office,
        ["approve", "P-01", "--yes"],
        "qms: błąd: documents/procedures/P-01.md ma niezapisane zmiany — zatwierdza się tylko "
        "treść zapisaną w commicie",
    )


def test_key_git_cannot_use(office: Office, keys: Keys) -> None:
    edit_p01(office)
    office.git("config", "gpg.format", "ssh")
    office.git("config", "user.signingkey", str(office.root / "brak-klucza.pub"))
    _refused(
        office,
        ["approve", "P-01", "--yes"],
        "qms: błąd: git nie może podpisać commita skonfigurowanym kluczem",
    )


def test_no_signing_key_configured(office: Office) -> None:
    edit_p01(office)
    office.git("config", "gpg.format", "ssh")
    _refused(
        office, ["approve", "P-01", "--yes"], "git nie ma klucza do podpisu (brak user.signingkey)"
    )


def test_role_that_may_not_approve(office: Office, keys: Keys) -> None:
    edit_p01(office)
    office.use_key(keys.usc)
    _refused(
        office,
        ["approve", "P-01", "--yes"],
        "nie można złożyć podpisu „Zatwierdził” (approval) pod P-01: Ewa Usc (kierownik-usc) nie "
        "może złożyć podpisu „Zatwierdził” (approval) pod P-01; podpisuje: rola pelnomocnik "
        "— nic nie zapisano",
    )


def test_unregistered_key(office: Office, keys: Keys) -> None:
    edit_p01(office)
    office.use_key(keys.attacker)
    out = _refused(
        office, ["approve", "P-01", "--yes"], f"klucz {keys.attacker.fingerprint} nie należy"
    )
    assert "wskazówka: Klucz rejestruje się poleceniem qms signers add" in out


def test_self_approval_is_refused(office: Office, keys: Keys) -> None:
    edit_p01(office, key=keys.sekretarz)
    office.use_key(keys.sekretarz)
    _refused(office, ["approve", "P-01", "--yes"], "zasada czterech oczu")


def test_unknown_document(office: Office, keys: Keys) -> None:
    office.use_key(keys.sekretarz)
    _refused(office, ["approve", "P-99", "--yes"], "qms: błąd: nie ma dokumentu: P-99")


def test_history_table_and_json(office: Office, keys: Keys) -> None:
    edit_p01(office, author=("Olek Or", "olek@testowo.invalid"), key=None)
    code, out = qms(office, "history", "P-01")
    assert code == 0, out
    for text in ("Historia P-01", "Anna Sekretarz", "Sprawdził", "Zatwierdził", "nieaktualny"):
        assert text in out, out
    code, out = qms(office, "history", "P-01", "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert data["id"] == "P-01" and data["current_blob"] == office.blob(P01)
    assert [c["author"] for c in data["changes"]][-1] == "Olek Or"
    meanings = [(s["meaning"], s["name"], s["status"]) for s in data["signatures"]]
    assert meanings == [
        ("review", "Anna Sekretarz", "stale"),
        ("approval", "Anna Sekretarz", "stale"),
    ]
    first = data["signatures"][0]
    assert first["fingerprint"] == keys.sekretarz.fingerprint
    assert first["position"] == "Sekretarz Gminy"
    assert first["when"][-6:] in ("+01:00", "+02:00", "+00:00")
    assert len(first["commit"]) == 40


def test_histories_for_the_signature_block(office: Office, keys: Keys) -> None:
    """What the PDF prints: Opracował / Sprawdził / Zatwierdził of the current text."""
    edit_p01(office, key=keys.usc)  # a change signed by a registered key: authorship
    office.use_key(keys.sekretarz)
    runner.invoke(app, ["approve", "P-01", "-m", "review", "--yes", "--path", str(office.root)])
    runner.invoke(app, ["approve", "P-01", "--yes", "--path", str(office.root)])
    history = document_histories(office.root, ["P-01"])["P-01"]
    current = [(s.meaning, s.name, s.status) for s in history.current_signatures()]
    assert current == [
        ("authorship", "Ewa Usc", "verified"),
        ("review", "Anna Sekretarz", "verified"),
        ("approval", "Anna Sekretarz", "verified"),
    ]
    assert all(s.when.tzinfo is not None for s in history.signatures)


def test_signers_list(office: Office, keys: Keys) -> None:
    code, out = qms(office, "signers")
    assert code == 0, out
    for text in ("Jan Wójt", "Anna Sekretarz", keys.usc.fingerprint[:20], "ważny", "Zatwierdził"):
        assert text in out, out
    assert f"Korzeń zaufania: {keys.wojt.fingerprint} (qms.yaml, commit " in out


def test_signers_add_keeps_comments_and_refuses_a_private_key(office: Office, keys: Keys) -> None:
    before = office.path(SIGNERS).read_text(encoding="utf-8")
    office.path(SIGNERS).write_text("# komentarz urzędu\n" + before, encoding="utf-8")
    code, out = qms(
        office,
        "signers",
        "add",
        "--id",
        "piotr-po",
        "--name",
        "Piotr Po",
        "--position",
        "sekretarz",
        "--role",
        "wlasciciel-procesu",
        "--key",
        str(keys.rsa.pub),
    )
    assert code == 0, out
    text = office.path(SIGNERS).read_text(encoding="utf-8")
    assert text.startswith("# komentarz urzędu\n" + before)
    assert keys.rsa.fingerprint in text and "valid_until: null" in text
    code, out = qms(
        office,
        "signers",
        "add",
        "--id",
        "x-y",
        "--name",
        "X",
        "--position",
        "sekretarz",
        "--key",
        str(keys.attacker.private),
    )
    assert code == 3 and "to jest klucz PRYWATNY" in out
    code, out = qms(
        office,
        "signers",
        "add",
        "--id",
        "x-y",
        "--name",
        "X",
        "--position",
        "sekretarz",
        "--key",
        keys.rsa.line,
    )
    assert code == 3 and "jest już w rejestrze (osoba piotr-po)" in out


def test_registry_change_needs_the_head_of_office(office: Office, keys: Keys) -> None:
    code, out = qms(office, "signers", "revoke", keys.usc.fingerprint)
    assert code == 0 and "Unieważniono klucz" in out
    office.use_key(keys.sekretarz)
    _refused(
        office,
        ["signers", "commit", "-m", "Unieważnienie klucza"],
        "zmiana rejestru nie byłaby uznana: podpis: Anna Sekretarz (sekretarz) — osoba bez roli",
    )
    office.use_key(keys.wojt)
    code, out = qms(office, "signers", "commit", "-m", "Unieważnienie klucza")
    assert code == 0, out
    assert "podpisał Jan Wójt (wojt)" in out
    assert office.git("status", "--porcelain").strip() == ""
    assert office.findings() == []
    assert "unieważniony" in qms(office, "signers")[1]


def test_allowed_signers_lets_git_verify(office: Office, keys: Keys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out = qms(office, "signers", "allowed-signers")
    assert code == 0
    assert out.count('namespaces="git"') == 4
    allowed = tmp_path / "allowed"
    allowed.write_text(out, encoding="utf-8")
    verified = office.git("-c", f"gpg.ssh.allowedSignersFile={allowed}", "verify-commit", "HEAD")
    assert verified == ""


def test_documents_given_by_their_files_with_windows_backslashes(
    office: Office, keys: Keys
) -> None:
    edit_p01(office)
    office.use_key(keys.sekretarz)
    file = "documents\\procedures\\P-01.md"
    code, out = qms(office, "approve", file, "--meaning", "review", "--yes")
    assert code == 0, out
    assert out.splitlines()[-1].startswith("Podpisano P-01 — „Sprawdził” (review): Anna Sekretarz")
    code, out = qms(office, "history", ".\\documents\\procedures\\P-01.md", "--format", "json")
    assert code == 0, out
    assert json.loads(out)["id"] == "P-01"
    code, out = qms(office, "history", "documents\\procedures\\P-99.md")
    assert code == 3 and "documents\\procedures\\P-99.md" in out


def test_approve_asks_before_it_signs(office: Office, keys: Keys) -> None:
    """Without a terminal and without --yes: a usage error, nothing signed; in a terminal it
    shows the change and asks (``nie`` signs nothing, ``tak`` signs)."""
    edit_p01(office)
    office.use_key(keys.sekretarz)
    head = office.head()
    code, out = qms(office, "approve", "P-01", "--meaning", "review")
    assert code == 2
    assert out == (
        "qms: błąd: qms approve pyta o potwierdzenie podpisu, a nie działa w terminalu — "
        "przeczytaj zmiany (qms diff) i uruchom polecenie z --yes\n"
    )
    assert office.head() == head
    asked = ["approve", "P-01", "-m", "review", "--interactive", "--path", str(office.root)]
    result = runner.invoke(app, asked, input="nie\n")
    assert result.exit_code == 0, result.output
    assert result.output.endswith(
        "  pełne zestawienie: qms diff P-01 --to HEAD\n"
        "Złożyć podpis „Sprawdził” (review)? [tak/nie]: nie\n"
        "Nic nie podpisano.\n"
    )
    assert office.head() == head
    result = runner.invoke(app, asked, input="tak\n")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("Podpisano P-01 — „Sprawdził” (review)")
    assert office.head() != head


def test_approve_says_when_nothing_changed_since_the_last_approval(
    office: Office, keys: Keys
) -> None:
    office.use_key(keys.wojt)
    approved = office.git("log", "-1", "--format=%H", "--grep=QMS-Approve: qms.yaml").strip()
    _, out = qms(office, "approve", "qms.yaml", "-m", "review", "--yes")
    assert out.splitlines()[0] == (
        f"qms.yaml: treść taka sama jak ostatnia zatwierdzona treść (commit {approved[:10]}, "
        "Jan Wójt) — nikt jej od tamtej pory nie zmienił."
    )
