"""Approvals judged on a branch, judged again from the commit being checked (``HEAD``).

While walking, an approval is judged against the registry in force on its own branch. Once the
whole history is known, two things can take that registry away:

- the registry change it rested on was discarded at a merge (signed with a key another branch
  had revoked; ``trust_state.merge``);
- its key was revoked by a trusted change that the approval does not descend from and that
  does not descend from the approval: a branch cut before a revocation cannot use the revoked
  key once the revocation and the branch meet. A key revoked *after* an approval (the
  revocation descends from it) leaves the approval standing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from qms_cli.model import approvals as A
from qms_cli.model.approvals import Approval, CommitRecord, Problem
from qms_cli.model.trust.state import State


def settle_approval(
    approval: Approval, under: State | None, head: State, reach: Callable[[str], set[str]]
) -> Approval:
    """``reach``: commit -> the commits it descends from (memoised by the caller: many
    approvals meet the same revocation)."""
    if under is None or not approval.valid:
        return approval
    lost = sorted(under.chain & head.discarded)
    if lost:
        return _with(
            approval,
            A.UNKNOWN_KEY,
            f"podpis opiera się na zmianie rejestru z commita {lost[0][:10]}, której nie "
            "uznano po scaleniu gałęzi (podpisano ją kluczem unieważnionym na innej gałęzi)",
        )
    for fpr, revocation in sorted(head.revocations):
        if fpr != approval.fingerprint or revocation in under.chain:
            continue
        if approval.commit not in reach(revocation):
            return _with(
                approval,
                A.REVOKED_KEY,
                f"klucz {fpr} unieważniono w commicie {revocation[:10]}, a podpis złożono na "
                "gałęzi, która tego unieważnienia nie zawierała — po scaleniu nie obowiązuje",
            )
    return approval


def superseded(approval: Approval, change: CommitRecord) -> Approval:
    """An approval given to a text before the text was written again (an older edition
    restored): an approval is for one edition, the restored text needs new signatures."""
    problem = Problem(
        A.STALE,
        (
            f"podpis dotyczy tej samej treści we wcześniejszym wydaniu; treść zapisano ponownie "
            f"w commicie {change.id[:10]} ({change.when.date()}) — przywrócona treść wymaga "
            "ponownego podpisu"
        ),
    )
    return replace(approval, problems=(*approval.problems, problem))


def _with(approval: Approval, code: str, message: str) -> Approval:
    return replace(approval, problems=(*approval.problems, Problem(code, message)))


def ancestors(heads: set[str], records: dict[str, CommitRecord]) -> set[str]:
    """The commits ``heads`` descend from, and themselves."""
    seen: set[str] = set()
    todo = list(heads)
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        record = records.get(current)
        if record is not None:
            todo.extend(record.parents)
    return seen
