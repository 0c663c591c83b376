"""``qms review-doc ID``: a document was reviewed and stays in force unchanged (ISO 9001
7.5.2). The review is an entry of ``records/doc-reviews.yaml`` committed in one signed commit;
it starts the document's review period (``review_every``, ``qms due``) again.

The commit is made like an approval (``signed_record``: built, signed and verified before the
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
from qms_cli.model.signers import OWNER, Signer, holds
from qms_cli.services.approval.signed_record import commit_record
from qms_cli.services.lookup import no_such_documents
from qms_cli.services.workspace import Workspace

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
    repo = ws.repo
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
    owner = doc.meta.get("owner")
    owner = owner if isinstance(owner, str) else None

    def may_sign(person: Signer) -> str | None:
        if holds(person.roles, person.position, OWNER, owner) or QUALITY_ROLE in person.roles:
            return None
        return (
            f"{person.name} nie jest właścicielem {doc_id} ({owner or 'brak'}) ani "
            "pełnomocnikiem — przegląd zapisuje właściciel dokumentu albo pełnomocnik"
        )

    message = (
        f"{doc_id}: przegląd okresowy, bez zmian\n\n"
        f"Dokument „{doc.title}” przejrzano {day.isoformat()}; pozostaje aktualny.\n\n"
        f"QMS-Reviewed: {doc_id}\n"
    )
    done = commit_record(
        ws,
        REVIEWS_FILE,
        lambda path, person: _append(path, doc_id, day, person.id, note),
        message,
        may_sign,
        day,
        trust_root,
    )
    return Reviewed(doc_id, day, done.commit, str(done.signer.name))


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
