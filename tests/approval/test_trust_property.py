"""Property test of the trust walk (issue 13): on random histories of registry changes,
revocations, branches, approvals and merges (unsigned, signed, octopus), the walk never
accepts a key or role that the signed *linear* history did not grant.

The oracle walks every linear path from the first commit to a commit (following parents),
applying the plain rule of a registry without branches: a commit whose ``org/signers.yaml``
grants other than the registry in force puts it in force when the trust root (while no head
of office holds a usable key) or a head-of-office key of the registry in force, not revoked,
signed the commit; revocations accumulate. A commit that does not touch the file may leave
the registry as it was or, signed by the head of office, put the file's registry in force
(the walk does the latter only for merges); both are linear histories.
Then, at HEAD:

1. every approval the walk accepts was signed with a key that some linear path to it
   granted, with the role the approval needs, not revoked on that path;
2. no approval the walk accepts uses a key that a registry change revoked on *every* linear
   path to that change, when that change is in HEAD's history and does not descend from
   the approval (a branch cut before a revocation loses the key once they meet);
3. every (key, role) of the registry the walk puts in force at HEAD was granted by some
   linear path to HEAD.

Histories come from seeded ``random`` (deterministic: the same cases on every run).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

import pytest

from qms_cli.model import approvals as A
from qms_cli.model.approvals import CommitRecord, SignatureCheck
from qms_cli.model.signers import HEAD_ROLE, SIGNERS_PATH, KeyGrant, Registry, Signer, registry_of
from qms_cli.model.trust.walk import DocInfo, Step, TrustWalk

ROLE = "pelnomocnik"
DOC = "documents/procedures/P-01.md"
TEXT = "b" * 40
WHEN = dt.datetime(2026, 1, 5, 10, 0, tzinfo=dt.UTC)
ROLE_SETS = [frozenset(), frozenset({ROLE}), frozenset({HEAD_ROLE}), frozenset({HEAD_ROLE, ROLE})]


def fpr(i: int) -> str:
    return "SHA256:" + "ABCDEFGH"[i] * 43


ROOT = fpr(0)
PEOPLE = 5


@dataclass
class History:
    records: dict[str, CommitRecord] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # commit -> blob of signers.yaml
    registries: dict[str, Registry] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)

    def add(self, parents: tuple[str, ...], signer: str | None, file: str, **kw: object) -> str:
        cid = f"{len(self.order) + 1:040x}"
        first = self.files.get(parents[0], "") if parents else ""
        changes = ((SIGNERS_PATH, file),) if file != first else ()
        others = {self.files.get(p, "") for p in parents}
        merged = ((SIGNERS_PATH, file),) if len(parents) > 1 and file not in others else ()
        if not parents:
            changes = ((DOC, TEXT),)
        sig = SignatureCheck(A.GOOD, "ssh", signer) if signer else SignatureCheck(A.UNSIGNED)
        self.records[cid] = CommitRecord(
            id=cid,
            parents=parents,
            author="T",
            author_email="t@example.invalid",
            committer_email="t@example.invalid",
            when=WHEN,
            summary=str(kw.get("summary", "")),
            trailers=kw.get("trailers", ()),  # type: ignore[arg-type]
            changes=changes,
            signature=sig,
            merged=merged,
        )
        self.files[cid] = file
        self.order.append(cid)
        return cid


def random_registry(rng: random.Random, history: History) -> str:
    signers = []
    for i in range(PEOPLE):
        if rng.random() < (0.9 if i == 0 else 0.6):
            head = i == 0 and rng.random() < 0.7
            roles = frozenset({HEAD_ROLE}) if head else rng.choice(ROLE_SETS)
            key = KeyGrant(fpr(i), "ssh", "", None, None, rng.random() < 0.2)
            signers.append(Signer(f"p{i}", f"Osoba {i}", "x", roles, None, (key,)))
    blob = f"{len(history.registries) + 1:040x}".replace("0", "r", 1)
    history.registries[blob] = registry_of(signers)
    return blob


def random_history(seed: int) -> tuple[History, str]:
    rng = random.Random(seed)
    h = History()
    tips = {"main": h.add((), None, "")}
    signer = lambda: rng.choice([None, *[fpr(i) for i in range(PEOPLE)]])  # noqa: E731
    for _ in range(rng.randint(4, 16)):
        branch = rng.choice(sorted(tips))
        tip = tips[branch]
        action = rng.choices(["registry", "branch", "merge", "approve"], [4, 2, 3, 3])[0]
        if action == "registry":
            tips[branch] = h.add((tip,), signer(), random_registry(rng, h))
        elif action == "branch":
            tips[f"b{len(tips)}"] = rng.choice(h.order)
        elif action == "approve":
            trailers = (
                (A.TRAILER_APPROVE, "P-01"),
                (A.TRAILER_MEANING, "approval"),
                (A.TRAILER_BLOB, TEXT),
            )
            tips[branch] = h.add((tip,), signer(), h.files[tip], trailers=trailers)
        else:
            others = [t for b, t in tips.items() if b != branch and t != tip]
            if not others:
                continue
            parents = (tip, *rng.sample(others, min(len(others), rng.choice([1, 1, 2]))))
            options = [h.files[p] for p in parents]
            file = rng.choice(options) if rng.random() < 0.85 else random_registry(rng, h)
            tips[branch] = h.add(parents, signer(), file)
    return h, tips["main"]


# --- the oracle: plain linear verification along every path ---------------------------------

Linear = tuple[str, frozenset[str]]  # (blob of the registry in force or "", revoked keys)


def linear_step(h: History, state: Linear, cid: str, pred: str | None) -> set[Linear]:
    """The states a commit may leave on a path through ``pred``: a commit that changes the
    file is judged; one that does not may ratify it (a merge signed by the head of office)."""
    accepted, revoked = state
    current = h.registries.get(accepted, Registry())
    new = h.registries.get(h.files[cid], Registry())
    if new == current:
        return {state}
    sig = h.records[cid].signature
    usable = {k.fingerprint for k in current.head_keys()} - revoked
    ok = sig.status == A.GOOD and (
        sig.fingerprint == ROOT if not usable else sig.fingerprint in usable
    )
    if not ok:
        return {state}
    gone = {k.fingerprint for s in new.signers for k in s.keys if k.revoked}
    taken = (h.files[cid], revoked | gone)
    touched = pred is None or h.files[cid] != h.files[pred]
    return {taken} if touched else {state, taken}


def linear_states(h: History) -> dict[str, set[Linear]]:
    """Every state some linear path leaves after each commit."""
    after: dict[str, set[Linear]] = {}
    for cid in h.order:
        parents = h.records[cid].parents
        if not parents:
            after[cid] = linear_step(h, ("", frozenset()), cid, None)
            continue
        after[cid] = {t for p in parents for s in after[p] for t in linear_step(h, s, cid, p)}
    return after


def grants(h: History, states: set[Linear]) -> set[tuple[str, str]]:
    found = set()
    for accepted, revoked in states:
        for signer in h.registries.get(accepted, Registry()).signers:
            for key in signer.keys:
                if not key.revoked and key.fingerprint not in revoked:
                    found.update((key.fingerprint, role) for role in signer.roles)
    return found


def ancestors(h: History, cid: str) -> set[str]:
    seen: set[str] = set()
    todo = [cid]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(h.records[current].parents)
    return seen


def run_walk(h: History, head: str) -> TrustWalk:
    history = ancestors(h, head)
    order = [c for c in h.order if c in history]
    docs = {"P-01": DocInfo("P-01", DOC, "procedure", None, "active", TEXT)}
    targets = {(c, DOC): TEXT for c in order}
    walk = TrustWalk(
        {c: h.records[c] for c in order},
        h.registries,
        targets,
        ROOT,
        docs,
        {"procedure": [Step("approval", ROLE)]},
    )
    return walk.run(order)


@pytest.mark.parametrize("first", range(0, 1500, 100))
def test_the_walk_grants_nothing_the_linear_history_did_not(first: int) -> None:
    """1,500 histories in batches of 100 (a failure names its seed)."""
    for seed in range(first, first + 100):
        check_history(seed)


def check_history(seed: int) -> None:
    h, head = random_history(seed)
    walk = run_walk(h, head)
    linear = linear_states(h)
    in_head = ancestors(h, head)
    for approval in walk.approvals.get("P-01", []):
        if not approval.valid:
            continue
        record = h.records[approval.commit]
        before = set().union(*(linear[p] for p in record.parents))
        assert (approval.fingerprint, ROLE) in grants(h, before), (seed, approval.commit)
        for revocation in in_head:
            certain = all(approval.fingerprint in r for _, r in linear[revocation])
            concurrent = approval.commit not in ancestors(h, revocation)
            assert not (certain and concurrent), (seed, approval.commit, "revoked in", revocation)
    state = walk.states[head]
    if state.registry is not None:
        possible = grants(h, linear[head])
        for signer in state.registry.signers:
            for key in signer.keys:
                if key.revoked or key.fingerprint in state.revoked:
                    continue
                for role in signer.roles:
                    assert (key.fingerprint, role) in possible, (seed, key.fingerprint, role)


def test_the_histories_exercise_merges_octopus_and_accepted_approvals() -> None:
    """The generator is not vacuous: across the seeds there are octopus and unsigned merges,
    trusted registry changes and approvals the walk accepts and rejects."""
    octopus = unsigned_merges = accepted = rejected = 0
    for seed in range(1500):
        h, head = random_history(seed)
        merges = [r for r in h.records.values() if r.is_merge]
        octopus += sum(len(r.parents) > 2 for r in merges)
        unsigned_merges += sum(r.signature.status == A.UNSIGNED for r in merges)
        walk = run_walk(h, head)
        approvals = walk.approvals.get("P-01", [])
        accepted += sum(a.valid for a in approvals)
        rejected += sum(not a.valid for a in approvals)
    assert min(octopus, unsigned_merges, accepted, rejected) >= 10, (
        octopus,
        unsigned_merges,
        accepted,
        rejected,
    )
