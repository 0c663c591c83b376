"""What the trust walk knows at one commit, and how the states of a merge's parents combine.

Invariants (ARCHITECTURE.md, "The trust model"):

- ``chain`` holds the trusted changes of ``org/signers.yaml`` the state rests on; ``registry``
  is what the newest of them (or, for branches that diverged, all of them together) grants.
- A merge never brings back a registry state, a role or a key that a trusted change on another
  parent removed: when one parent's chain contains every other parent's chain, its registry is
  in force; when the chains diverged, only what every parent grants (``Registry.meet``).
- A trusted change made on a branch with a key that another parent revoked, in a change the
  branch did not descend from, is discarded at the merge together with the rest of that
  branch's own changes (``discarded``); approvals judged under them do not count.
- Revocations only accumulate; ``floor`` is the latest date a trusted signature vouched for
  in the ancestry, so a commit cannot claim to be older than what came before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from qms_cli.model.signers import Registry


@dataclass(frozen=True, slots=True)
class State:
    registry: Registry | None = None
    revoked: frozenset[str] = frozenset()
    clock: dt.datetime | None = None  # date of the latest trusted registry change
    clock_commit: str = ""
    pending: tuple[str, ...] = ()  # registry changes since then that do not count
    chain: frozenset[str] = frozenset()  # trusted registry changes this state rests on
    discarded: frozenset[str] = frozenset()  # trusted on a branch, discarded at a merge
    revocations: frozenset[tuple[str, str]] = frozenset()  # (fingerprint, registry commit)
    file_blob: str = ""  # org/signers.yaml in this commit's tree ("" when there is none)
    floor: dt.datetime | None = None  # latest date vouched for by a trusted signature


def with_floor(state: State, floor: dt.datetime | None) -> State:
    """``replace(state, floor=floor)``, without ``replace``'s introspection (once per commit)."""
    return State(
        state.registry,
        state.revoked,
        state.clock,
        state.clock_commit,
        state.pending,
        state.chain,
        state.discarded,
        state.revocations,
        state.file_blob,
        floor,
    )


def later(a: dt.datetime | None, b: dt.datetime | None) -> dt.datetime | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def merge(states: list[State], signed_with: Callable[[str], str]) -> State:
    """The state before a commit with these parents' states (first parent first);
    ``signed_with``: commit id -> fingerprint of the key that signed it."""
    if not states:
        return State()
    if len(states) == 1:
        return states[0]
    tainted = {i for i, s in enumerate(states) if _tainted(s, states, signed_with)}
    clean = [s for i, s in enumerate(states) if i not in tainted]
    if clean:
        kept = frozenset().union(*(s.chain for s in clean))
        base = _newest(clean, kept)
    else:  # they revoked each other's keys: only what they share and all grant
        kept = frozenset.intersection(*(s.chain for s in states))
        base = _meet(states)
        clean = states
    dropped = frozenset().union(*(s.chain for s in states)) - kept
    revocations = frozenset().union(*(s.revocations for s in states))
    clock_state = max(
        (s for s in clean if s.clock is not None),
        key=lambda s: s.clock or dt.datetime.min,
        default=clean[0],
    )
    floor = None
    for s in states:
        floor = later(floor, s.floor)
    return State(
        registry=base,
        revoked=frozenset().union(*(s.revoked for s in states)),
        clock=clock_state.clock,
        clock_commit=clock_state.clock_commit,
        pending=tuple(dict.fromkeys(c for s in states for c in s.pending)),
        chain=kept,
        discarded=frozenset().union(*(s.discarded for s in states)) | dropped,
        revocations=revocations,
        file_blob=states[0].file_blob,
        floor=floor,
    )


def _tainted(state: State, states: list[State], signed_with: Callable[[str], str]) -> bool:
    """A trusted change of this branch was signed with a key another parent revoked in a
    change this branch does not descend from."""
    own = state.chain
    for other in states:
        if other is state:
            continue
        revoked = {fpr for fpr, commit in other.revocations if commit not in own}
        if revoked and any(signed_with(c) in revoked for c in own - other.chain):
            return True
    return False


def _newest(clean: list[State], kept: frozenset[str]) -> Registry | None:
    """The registry of the parent whose chain holds all the others'; else what all grant."""
    for state in clean:
        if state.chain == kept:
            return state.registry
    return _meet(clean)


def _meet(states: list[State]) -> Registry | None:
    registries = [s.registry for s in states if s.registry is not None]
    if len(registries) < len(states):
        return None  # a parent with no trusted registry at all: nothing is granted
    result = registries[0]
    for registry in registries[1:]:
        result = result.meet(registry)
    return result
