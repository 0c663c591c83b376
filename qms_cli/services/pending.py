"""``qms pending``: for each person of the registry, what waits for their signature — from
the approval evaluation (the current texts' missing and stale signatures, the matrix) — and,
for the pełnomocnik, what stops the next release."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.model import approvals as A
from qms_cli.model.hints import unknown_value_hint
from qms_cli.model.pending import Person, Waiting, by_person, signers_for, unmet
from qms_cli.model.signers import Registry
from qms_cli.model.trust.walk import DocInfo, TrustWalk
from qms_cli.services.workspace import Workspace
from qms_cli.vcs import signing

QUALITY_ROLE = "pelnomocnik"  # the pełnomocnik ds. SZJ: runs the releases


@dataclass(frozen=True)
class Pending:
    people: list[Person]
    release_blockers: list[str] | None  # None: not asked (no pełnomocnik among the people)


def pending(
    target: Path | Workspace,
    trust_root: str | None = None,
    person: str | None = None,
    me: bool = False,
    day: dt.date | None = None,
) -> Pending:
    ws = Workspace.of(target)
    evaluation = ws.evaluation(trust_root)
    report, walk = evaluation.report, evaluation.walk
    if walk is None:
        raise QmsError(f"nie można ustalić, co czeka na podpis: {report.reason}")
    registry = report.registry
    if registry is None or not registry.signers:
        raise QmsError(
            "rejestr osób podpisujących jest pusty albo nie jest jeszcze uznany",
            hint="Osoby i klucze dopisuje się poleceniem qms signers add, a rejestr podpisuje "
            "kierownik urzędu: qms signers commit.",
        )
    people = by_person(registry, _waiting(ws, walk, report, registry))
    chosen = _me(ws.root, registry) if me else person
    if chosen is not None:
        if chosen not in {p.id for p in people}:
            raise QmsError(
                f"nie ma osoby {chosen} w rejestrze podpisujących"
                + unknown_value_hint(chosen, {p.id: p for p in people}),
            )
        people = [p for p in people if p.id == chosen]
    blockers = None
    if any(QUALITY_ROLE in p.roles for p in people):
        from qms_cli.services.release.release import prepare

        blockers = prepare(ws, day or clock.today(), trust_root)[3]
    return Pending(people, blockers)


def _waiting(
    ws: Workspace, walk: TrustWalk, report: A.ApprovalReport, registry: Registry
) -> dict[str, list[Waiting]]:
    wanted = {f.doc_id for f in report.doc_findings if f.code in (A.MISSING, A.STALE)}
    found: dict[str, list[Waiting]] = {}
    for doc_id in sorted(wanted & set(walk.docs)):
        doc = walk.docs[doc_id]
        for step, stale in unmet(
            walk.matrix.get(doc.type, []), doc, report.approvals.get(doc_id, [])
        ):
            authors = walk.text_authors(doc.path, doc.current_blob or "")
            item = _item(ws, walk, doc, step.meaning, stale, authors, registry)
            for signer in signers_for(step, doc, registry, authors):
                found.setdefault(signer.id, []).append(item)
    return found


def _item(
    ws: Workspace,
    walk: TrustWalk,
    doc: DocInfo,
    meaning: str,
    stale: bool,
    authors: set[str],
    registry: Registry,
) -> Waiting:
    known = ws.repo.docs_by_id.get(doc.id)
    title = known.title if known is not None else f"plik konfiguracji {doc.path}"
    record = walk.authored(doc.path, doc.current_blob or "")
    names = [s.name for s in registry.signers if s.id in authors]
    if names:
        changed_by = ", ".join(dict.fromkeys(names))
    elif record is not None:
        changed_by = f"{record.author} (wg git)"
    else:
        changed_by = "niezapisane zmiany" if doc.dirty else "nieznany"
    return Waiting(
        doc.id,
        title,
        doc.path,
        meaning,
        record.id if record is not None else "",
        record.when if record is not None else None,
        changed_by,
        stale,
    )


def _me(root: Path, registry: Registry) -> str:
    """The person whose key git is configured to sign with."""
    setup = signing.signing_setup(root)
    fingerprint = setup.fingerprint or setup.key  # OpenPGP: the key id git is given
    held = registry.key(fingerprint) if fingerprint else None
    if held is None:
        raise QmsError(
            f"klucz, którym podpisuje git (user.signingkey: {fingerprint or 'nieznany'}), "
            "nie należy do nikogo w rejestrze podpisujących",
            hint="Podaj osobę: qms pending --person ID (identyfikatory: qms signers list).",
        )
    return held[0].id
