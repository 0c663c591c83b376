"""``qms review-doc ID``: a document was reviewed and stays in force unchanged (ISO 9001
7.5.2). The review is an entry of ``records/doc-reviews.yaml`` committed in one signed commit;
it starts the document's review period (``review_every``, ``qms due``) again.

The commit is made like an approval (``vcs.signing``: built, signed and verified before the
branch moves): it is refused unless it is signed with a key the trusted registry grants to
someone who holds the document's owner (position or role) or the ``pelnomocnik`` role, valid
on the day of the review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io.records import load_yaml_rt, new_map, new_seq, save_yaml_rt
from qms_cli.model import approvals as A
from qms_cli.model.signers import OWNER, Registry, Signer, holds
from qms_cli.services.approval.evaluation import read_record
from qms_cli.services.lookup import no_such_documents
from qms_cli.services.workspace import Workspace
from qms_cli.vcs import signing

REVIEWS_FILE = "records/doc-reviews.yaml"
QUALITY_ROLE = "pelnomocnik"
HEADER = (
    "# yaml-language-server: $schema=../.qms/schemas/doc-reviews.schema.json\n"
    "# Okresowe przeglądy dokumentów, po których dokument pozostaje bez zmian (ISO 9001,\n"
    "# pkt 7.5.2). Wpisy dodaje „qms review-doc” w podpisanym commicie; przegląd zaczyna od\n"
    "# nowa okres z review_every w qms.yaml (qms due).\n"
)


@dataclass(frozen=True)
class Reviewed:
    doc_id: str
    date: dt.date
    commit: str
    signer: str  # the registry's name of the person whose key signed


def review_document(
    target: Path | Workspace,
    doc_id: str,
    note: str | None = None,
    trust_root: str | None = None,
    today: dt.date | None = None,
) -> Reviewed:
    ws = Workspace.of(target)
    root, repo = ws.root, ws.repo
    doc = repo.docs_by_id.get(doc_id)
    if doc is None:
        raise no_such_documents(repo, [doc_id])
    if doc.meta.get("status") != "active":
        raise QmsError(
            f"{doc_id} nie jest dokumentem obowiązującym (status: {doc.meta.get('status')}) — "
            "przegląd okresowy dotyczy dokumentów obowiązujących",
            path=doc.path,
        )
    day = today or clock.today()
    state = signing.file_state(root, REVIEWS_FILE)
    if state == "modified":
        raise QmsError(
            f"{REVIEWS_FILE} ma niezapisane zmiany — zapisz je (git commit) albo wycofaj "
            "(git restore), potem powtórz przegląd"
        )
    if (root / REVIEWS_FILE).exists() and state == "untracked":
        raise QmsError(f"{REVIEWS_FILE} nie jest zapisany w repozytorium (git add, git commit)")
    evaluation = ws.evaluation(trust_root)
    history, registry = evaluation.history, evaluation.report.registry
    if history is None or registry is None:
        raise QmsError(
            "nie można zapisać przeglądu: przegląd podpisuje osoba z rejestru podpisujących, a "
            "rejestru nie ustalono ("
            + (
                evaluation.report.reason
                or "brak zaufanej zmiany org/signers.yaml podpisanej kluczem trust_root"
            )
            + ")",
            hint="Zarejestruj klucze: qms signers add …, a zmianę podpisuje kierownik urzędu: "
            "qms signers commit (zob. docs/signers.md).",
        )
    owner = doc.meta.get("owner")
    setup = signing.signing_setup(root)
    fingerprint = setup.fingerprint or _probe(root, history)  # OpenPGP: known once signed
    person = _reviewer(
        fingerprint, registry, owner if isinstance(owner, str) else None, day, doc_id
    )
    path = root / REVIEWS_FILE
    before = path.read_bytes() if path.exists() else None
    _append(path, doc_id, day, person.id, note)
    try:
        message = (
            f"{doc_id}: przegląd okresowy, bez zmian\n\n"
            f"Dokument „{doc.title}” przejrzano {day.isoformat()}; pozostaje aktualny.\n\n"
            f"QMS-Review-Doc: {doc_id}\n"
        )
        tree = signing.tree_with(root, {REVIEWS_FILE: path.read_bytes()})
        new = signing.commit_signed(root, tree, history.head, message)
        check = read_record(root, new, history).signature
        if check.status != A.GOOD or registry.key(check.fingerprint) != registry.key(fingerprint):
            raise QmsError(
                f"commit przeglądu {doc_id} nie ma poprawnego podpisu kluczem {fingerprint} — "
                "nic nie zapisano"
            )
        signing.advance_head(root, new, history.head, f"qms review-doc {doc_id}", (REVIEWS_FILE,))
    except BaseException:
        _restore(path, before)
        raise
    signer = str(person.name)
    return Reviewed(doc_id, day, new, signer)


def _append(path: Path, doc_id: str, day: dt.date, by: str, note: str | None) -> None:
    data: Any = load_yaml_rt(path, REVIEWS_FILE)
    header = ""
    if data is None:
        data, header = new_map(), HEADER
    if not isinstance(data.get("reviews"), list):
        data["reviews"] = new_seq()
    entry = new_map([("document", doc_id), ("date", day), ("by", by), ("result", "unchanged")])
    if note and note.strip():
        entry["note"] = " ".join(note.split())
    data["reviews"].append(entry)
    save_yaml_rt(path, data, header=header)


def _probe(root: Path, history: Any) -> str:
    """The fingerprint of the key git signs with, from a signed commit object that no branch
    will ever point at (git removes it in its next clean-up)."""
    probe = signing.commit_signed(root, signing.head_tree(root), history.head, "qms: klucz\n")
    return read_record(root, probe, history).signature.fingerprint


def _reviewer(
    fingerprint: str, registry: Registry, owner: str | None, day: dt.date, doc_id: str
) -> Signer:
    """The person whose key signs, if that person may review the document on ``day``."""
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
    if not (holds(person.roles, person.position, OWNER, owner) or QUALITY_ROLE in person.roles):
        raise QmsError(
            f"{person.name} nie jest właścicielem {doc_id} ({owner or 'brak'}) ani "
            "pełnomocnikiem — przegląd zapisuje właściciel dokumentu albo pełnomocnik; "
            "nic nie zapisano"
        )
    return person


def _restore(path: Path, before: bytes | None) -> None:
    from qms_cli.io.atomic import write_atomic

    if before is None:
        path.unlink(missing_ok=True)
    else:
        write_atomic(path, before)
