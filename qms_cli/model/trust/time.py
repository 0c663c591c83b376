"""Dates in the trust walk: a commit's date is what its author claims, so it decides nothing
that history order can decide, and it never moves back behind what its ancestry vouched for.

Every state of the walk carries a *floor*: the latest date of a commit signed by a key the
registry knew (and had not revoked), or of a trusted registry change, among the ancestors. A
commit dated before that floor was backdated; its key's validity is judged on the claimed date
and on the floor, and both must hold (``qms approve`` refuses such a commit; a hand-made one
is caught here).
"""

from __future__ import annotations

import datetime as dt

from qms_cli.model import approvals as A
from qms_cli.model.approvals import CommitRecord
from qms_cli.model.signers import KeyGrant
from qms_cli.model.trust.state import State, later


def vouched(record: CommitRecord, before: State) -> dt.datetime | None:
    """The commit's date when a key the registry knows (and did not revoke) signed it."""
    sig = record.signature
    if sig.status != A.GOOD or before.registry is None or sig.fingerprint in before.revoked:
        return None
    return record.when if before.registry.key(sig.fingerprint) is not None else None


def effective_time(record: CommitRecord, before: State) -> dt.datetime:
    """A commit is never older than what its ancestry vouched for (backdating)."""
    return later(record.when, later(before.floor, before.clock)) or record.when


def time_problem(record: CommitRecord, before: State, key: KeyGrant) -> str | None:
    """The key's validity at the commit's date, and at the latest date its ancestry vouched
    for: a commit dated before its parents, or before a registry change it descends from,
    does not move back into the key's validity."""
    claimed = key.time_problem(record.when.date())
    if claimed is not None:
        return claimed
    at = effective_time(record, before)
    if key.time_problem(at.date()) is None:
        return None
    return (
        f"klucz ważny do {key.valid_until}, a podpis nie mógł powstać przed {at.date()} "
        f"(tak datowany jest podpisany commit lub zmiana rejestru, od których pochodzi); "
        f"data commita {record.when.date()} jest nieprawdziwa"
    )
