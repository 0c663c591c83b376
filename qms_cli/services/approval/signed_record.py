"""A record written by one person and committed in one signed commit (``qms review-doc``,
``qms ack record``).

As ``qms approve`` does (``vcs.signing``): the signer is known before anything is written
(the SSH key's fingerprint, or for OpenPGP a signed probe no branch points at), must hold a
key of the trusted registry valid on the day and pass the command's own test (``may_sign``);
then the file is written, the commit built, signed and verified, and only then HEAD moves.
Any refusal or failure leaves the branch and the file as they were.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.io.atomic import write_atomic
from qms_cli.model import approvals as A
from qms_cli.model.signers import Registry, Signer
from qms_cli.services.approval.evaluation import History, read_record
from qms_cli.services.workspace import Workspace
from qms_cli.vcs import signing


@dataclass(frozen=True)
class Committed:
    commit: str
    signer: Signer


def commit_record(
    ws: Workspace,
    rel: str,
    write: Callable[[Path, Signer], None],
    message: str,
    may_sign: Callable[[Signer], str | None],
    day: dt.date,
    trust_root: str | None = None,
) -> Committed:
    """``write(path, signer)`` changes the file ``rel``; ``may_sign(signer)`` is None or why
    that person may not (Polish)."""
    root = ws.root
    state = signing.file_state(root, rel)
    if state == "modified":
        raise QmsError(
            f"{rel} ma niezapisane zmiany — zapisz je (git commit) albo wycofaj (git restore), "
            "potem powtórz polecenie"
        )
    if (root / rel).exists() and state == "untracked":
        raise QmsError(f"{rel} nie jest zapisany w repozytorium (git add, git commit)")
    evaluation = ws.evaluation(trust_root)
    history, registry = evaluation.history, evaluation.report.registry
    if history is None or registry is None:
        raise QmsError(
            "nie można zapisać: zapis podpisuje osoba z rejestru podpisujących, a rejestru nie "
            "ustalono ("
            + (
                evaluation.report.reason
                or "brak zaufanej zmiany org/signers.yaml podpisanej kluczem trust_root"
            )
            + ")",
            hint="Zarejestruj klucze: qms signers add …, a zmianę podpisuje kierownik urzędu: "
            "qms signers commit (zob. docs/signers.md).",
        )
    setup = signing.signing_setup(root)
    fingerprint = setup.fingerprint or _probe(root, history)  # OpenPGP: known once signed
    person = _registered(fingerprint, registry, day)
    refusal = may_sign(person)
    if refusal is not None:
        raise QmsError(f"{refusal} — nic nie zapisano")
    path = root / rel
    before = path.read_bytes() if path.exists() else None
    try:
        write(path, person)
        tree = signing.tree_with(root, {rel: path.read_bytes()})
        new = signing.commit_signed(root, tree, history.head, message)
        check = read_record(root, new, history).signature
        if check.status != A.GOOD or registry.key(check.fingerprint) != registry.key(fingerprint):
            raise QmsError(
                f"commit nie ma poprawnego podpisu kluczem {fingerprint} — nic nie zapisano"
            )
        signing.advance_head(root, new, history.head, message.split("\n", 1)[0], (rel,))
    except BaseException:
        _restore(path, before)
        raise
    return Committed(new, person)


def _probe(root: Path, history: History) -> str:
    """The fingerprint of the key git signs with, from a signed commit object that no branch
    will ever point at (git removes it in its next clean-up)."""
    probe = signing.commit_signed(root, signing.head_tree(root), history.head, "qms: klucz\n")
    return read_record(root, probe, history).signature.fingerprint


def _registered(fingerprint: str, registry: Registry, day: dt.date) -> Signer:
    held = registry.key(fingerprint)
    if held is None:
        raise QmsError(
            f"klucz {fingerprint} nie należy do nikogo w rejestrze podpisujących — "
            "nic nie zapisano",
            hint="Klucz rejestruje się poleceniem qms signers add (podpisuje kierownik urzędu).",
        )
    person, grant = held
    too_early = grant.valid_from is not None and day < grant.valid_from
    too_late = grant.valid_until is not None and day > grant.valid_until
    if grant.revoked or too_early or too_late:
        raise QmsError(f"klucz {fingerprint} nie jest ważny {day} — nic nie zapisano")
    return person


def _restore(path: Path, before: bytes | None) -> None:
    if before is None:
        path.unlink(missing_ok=True)
    else:
        write_atomic(path, before)
