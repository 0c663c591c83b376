"""What each document in force lacks: the approval matrix applied to the current text, and
the problems of approvals that claim the current text. Pure; reads a finished ``TrustWalk``."""

from __future__ import annotations

import itertools

from qms_cli.model import approvals as A
from qms_cli.model.approvals import Approval, DocFinding
from qms_cli.model.signers import MEANING_LABELS
from qms_cli.model.trust.walk import DocInfo, TrustWalk, describe_step, signer_label


def doc_findings(walk: TrustWalk) -> list[DocFinding]:
    found: list[DocFinding] = []
    before_trust = walk.before_trust()
    for doc in walk.docs.values():
        approvals = walk.approvals.get(doc.id, [])
        for approval in approvals:
            if approval.targets(doc.current_blob) and not approval.valid:
                head = _approval_label(approval)
                found.extend(
                    DocFinding(doc.id, p.code, f"{head}: {p.message}") for p in approval.problems
                )
        if doc.status == "active":
            found.extend(_requirements(walk, doc, approvals))
            found.extend(_unproven_author(walk, doc, approvals, before_trust))
            found.extend(_one_person_many_meanings(walk, doc, approvals))
    return found


def _unproven_author(
    walk: TrustWalk, doc: DocInfo, approvals: list[Approval], before_trust: set[str]
) -> list[DocFinding]:
    """Four eyes when the author is not proved: a text written in a commit not signed with a
    key of the registry (its author and e-mail are whatever the committer typed) counts as
    approved only when two different people signed it — one of them is not its author. Texts
    written before the office started its registry (the import) are exempt."""
    writers = [
        c
        for c in walk.unproven.get((doc.path, doc.current_blob or ""), [])
        if c not in before_trust
    ]
    signed = [a for a in approvals if a.valid and a.targets(doc.current_blob) and a.signer_id]
    if not writers or not signed:
        return []
    registry = walk.final_registry()
    people = {frozenset(registry.same_person(a.signer_id or "")) for a in signed}
    if len(people) >= 2:
        return []
    names = ", ".join(sorted({signer_label(a.name, a.position) for a in signed}))
    return [
        DocFinding(
            doc.id,
            A.SELF_APPROVAL,
            f"treść zapisano w commicie {writers[-1][:10]} bez podpisu kluczem z rejestru — "
            f"autora nie da się potwierdzić, więc bieżącą treść muszą podpisać co najmniej dwie "
            f"różne osoby; podpisał(a) tylko: {names} (zasada czterech oczu; podpisuj zmiany "
            "treści: git commit -S)",
        )
    ]


def _one_person_many_meanings(
    walk: TrustWalk, doc: DocInfo, approvals: list[Approval]
) -> list[DocFinding]:
    """Four eyes across meanings: the steps of the matrix for the current text are given by
    different people — there is a way to pick, for each step, one of its valid signatures so
    that no person gives two (a rotated key or a second registry entry of the same person is
    the same person). Only where every step is signed; ``four_eyes.same_person_allowed``
    in qms.yaml lifts it for a document type."""
    steps = walk.matrix.get(doc.type, [])
    if doc.type in walk.one_person_may or len(steps) < 2:
        return []
    registry = walk.final_registry()
    people: list[set[frozenset[str]]] = []
    names: dict[frozenset[str], str] = {}
    for step in steps:
        holding = [
            a
            for a in approvals
            if a.valid
            and a.meaning == step.meaning
            and a.blob == doc.current_blob
            and step.held(a.roles, a.position, doc.owner, doc.parties)
        ]
        persons = {frozenset(registry.same_person(a.signer_id or a.fingerprint)) for a in holding}
        names.update(
            (
                frozenset(registry.same_person(a.signer_id or a.fingerprint)),
                signer_label(a.name, a.position),
            )
            for a in holding
        )
        if not persons:
            return []  # a missing signature is QMS201's finding
        people.append(persons)
    if any(len(set(pick)) == len(pick) for pick in itertools.product(*people)):
        return []
    who = ", ".join(sorted({names[p] for persons in people for p in persons}))
    meanings = ", ".join(
        f"„{MEANING_LABELS.get(m, m)}”" for m in dict.fromkeys(s.meaning for s in steps)
    )
    return [
        DocFinding(
            doc.id,
            A.SAME_PERSON,
            f"podpisy {meanings} pod bieżącą treścią złożyła ta sama osoba: {who} — każdy "
            "podpis musi złożyć inna osoba (zasada czterech oczu); jeśli urząd świadomie na to "
            f"pozwala, wpisz typ {doc.type} w qms.yaml: four_eyes: same_person_allowed",
        )
    ]


def _requirements(walk: TrustWalk, doc: DocInfo, approvals: list[Approval]) -> list[DocFinding]:
    found = []
    for step in walk.matrix.get(doc.type, []):
        fits = [
            a
            for a in approvals
            if a.valid
            and a.meaning == step.meaning
            and step.held(a.roles, a.position, doc.owner, doc.parties)
        ]
        if any(a.blob == doc.current_blob for a in fits):
            continue
        label = f"„{MEANING_LABELS.get(step.meaning, step.meaning)}” ({step.meaning})"
        note = " — plik ma niezapisane zmiany" if doc.dirty else ""
        if fits:
            last = fits[-1]
            change = walk.authored(doc.path, doc.current_blob or "")
            later = f"; treść zmieniono później (commit {change.id[:10]})" if change else ""
            message = (
                f"podpis {label} — {signer_label(last.name, last.position)}, "
                f"{last.when.date()}, commit {last.commit[:10]} — dotyczy wcześniejszej treści"
                f"{later}; bieżąca treść wymaga ponownego podpisu{note}"
            )
            found.append(DocFinding(doc.id, A.STALE, message))
        else:
            message = (
                f"brak podpisu {label} pod bieżącą treścią; podpisuje: "
                f"{describe_step(step, doc.owner, doc.parties)}{note}"
            )
            found.append(DocFinding(doc.id, A.MISSING, message))
    return found


def _approval_label(approval: Approval) -> str:
    label = MEANING_LABELS.get(approval.meaning, approval.meaning or "?")
    return f"podpis „{label}” z commita {approval.commit[:10]} ({approval.when.date()})"
