"""The trust walk: one pass over history, parents before children. Pure (no git, no files).

For every commit it knows the registry of signers in force *before* that commit: the last
change of ``org/signers.yaml`` that was itself signed by a key holding the head-of-office role
in the registry before it (the first one: by the trust root). Keys revoked by a registry change
stay revoked for every commit that descends from it, whatever dates commits claim. Each
approval commit is judged against that registry: signature, key, validity, role, four eyes,
binding to the exact text (``QMS-Blob``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from qms_cli.model import approvals as A
from qms_cli.model.approvals import Approval, Authorship, CommitRecord, Problem
from qms_cli.model.signers import (
    AUDITEE,
    HEAD_ROLE,
    MEANING_LABELS,
    MEANINGS,
    NO_PARTIES,
    OWNER,
    SIGNERS_PATH,
    Registry,
    holds,
)
from qms_cli.model.trust.settle import ancestors, settle_approval, superseded
from qms_cli.model.trust.state import State, later, merge, with_floor
from qms_cli.model.trust.time import time_problem, vouched


@dataclass(frozen=True)
class DocInfo:
    id: str
    path: str
    type: str
    owner: str | None
    status: str
    current_blob: str | None  # of the file as it is now (working tree)
    dirty: bool = False  # the working tree differs from HEAD
    # a record's parties other than its owner (``auditee`` -> positions), model.record_approvals
    parties: Mapping[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    """One signature the approval matrix asks for: its meaning and who may give it (``by``, or
    any of ``alternatives``: "zatwierdza pełnomocnik albo kierownik urzędu")."""

    meaning: str
    by: str
    alternatives: tuple[str, ...] = ()

    @property
    def bys(self) -> tuple[str, ...]:
        return (self.by, *self.alternatives)

    def held(
        self,
        roles: frozenset[str],
        position: str | None,
        owner: str | None,
        parties: Mapping[str, frozenset[str]] = NO_PARTIES,
    ) -> bool:
        return any(holds(roles, position, by, owner, parties) for by in self.bys)


def signer_label(name: str | None, position: str | None) -> str:
    return f"{name} ({position})" if position else str(name)


PARTY_LABELS = {AUDITEE: "auditowany"}


def describe_by(
    by: str, owner: str | None, parties: Mapping[str, frozenset[str]] = NO_PARTIES
) -> str:
    if by == OWNER:
        return f"właściciel dokumentu ({owner})"
    if by in parties:
        return f"{PARTY_LABELS.get(by, by)} ({', '.join(sorted(parties[by])) or 'brak'})"
    return f"rola {by}"


def describe_step(
    step: Step, owner: str | None, parties: Mapping[str, frozenset[str]] = NO_PARTIES
) -> str:
    return " albo ".join(describe_by(by, owner, parties) for by in step.bys)


@dataclass
class TrustWalk:
    records: dict[str, CommitRecord]
    registries: dict[str, Registry]  # blob of org/signers.yaml -> its content
    target_blobs: dict[tuple[str, str], str | None]  # (commit, path) -> blob
    trust_root: str | None
    docs: dict[str, DocInfo]
    matrix: dict[str, list[Step]]
    states: dict[str, State] = field(default_factory=dict)
    approvals: dict[str, list[Approval]] = field(default_factory=dict)
    authorship: dict[str, list[Authorship]] = field(default_factory=dict)
    untrusted: dict[str, str] = field(default_factory=dict)  # registry commit -> why not
    revoked_in: dict[str, str] = field(default_factory=dict)  # fingerprint -> registry commit
    _authored: dict[tuple[str, str], CommitRecord] = field(default_factory=dict)
    _authors: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    unproven: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # unsigned writers
    roots: set[str] = field(default_factory=set)  # registry changes that started trust
    _under: dict[str, State] = field(default_factory=dict)  # approval -> state it was judged in
    _paths: dict[str, str] = field(default_factory=dict)
    # document types whose meanings one person may give alone (qms.yaml four_eyes)
    one_person_may: frozenset[str] = frozenset()
    # record types whose author signs them (the lead auditor their report): no four eyes
    author_signs: frozenset[str] = frozenset()
    _last: str = ""

    def run(self, order: Iterable[str]) -> TrustWalk:
        self._paths = {doc.path: doc.id for doc in self.docs.values()}
        last = ""
        for cid in order:
            self.step(self.records[cid])
            last = cid
        if last:
            self.settle(last)
        self._last = last
        return self

    def settle(self, head: str) -> None:
        """Judge again, as seen from ``head``, approvals made on branches: one that rests on a
        registry change discarded at a merge, or that was signed with a key revoked in a
        change it does not descend from, does not count (``trust_settle``)."""
        state = self.states[head]
        reached: dict[str, set[str]] = {}

        def reach(commit: str) -> set[str]:
            if commit not in reached:
                reached[commit] = ancestors({commit}, self.records)
            return reached[commit]

        for doc_id, approvals in self.approvals.items():
            self.approvals[doc_id] = [
                settle_approval(a, self._under.get(a.commit), state, reach) for a in approvals
            ]

    def final_registry(self) -> Registry:
        return (self.states[self._last].registry if self._last else None) or Registry()

    def before_trust(self) -> set[str]:
        """Commits the office's first trusted registry changes descend from (the import)."""
        return ancestors(self.roots, self.records) - self.roots

    def state_before(self, record: CommitRecord) -> State:
        parents = [self.states[p] for p in record.parents if p in self.states]
        return merge(parents, self._signed_with)

    def _signed_with(self, commit: str) -> str:
        record = self.records.get(commit)
        return record.signature.fingerprint if record is not None else ""

    def step(self, record: CommitRecord) -> None:
        before = self.state_before(record)
        if record.is_approval:
            approval = self.judge(record, before)
            self.approvals.setdefault(approval.doc_id, []).append(approval)
            self._under[record.id] = before
        after = self._registry_step(record, before)
        for path, blob in record.introduced:
            if path in self._paths and blob:
                self._introduce(record, path, blob, before)
        floor = later(after.floor, vouched(record, before))
        self.states[record.id] = after if floor == after.floor else with_floor(after, floor)

    def _introduce(self, record: CommitRecord, path: str, blob: str, before: State) -> None:
        """A commit wrote this text: its author is one of the text's authors, and approvals
        given to the same text before (an earlier edition restored) no longer count."""
        doc_id = self._paths[path]
        self._authored[(path, blob)] = record
        self._authors.setdefault((path, blob), set()).update(self.authors(record, before.registry))
        if not self._proven(record, before):  # who wrote it is claimed, not proved
            self.unproven.setdefault((path, blob), []).append(record.id)
        self.authorship.setdefault(doc_id, []).append(self._authorship(record, blob, before))
        self.approvals[doc_id] = [
            superseded(a, record) if a.targets(blob) else a for a in self.approvals.get(doc_id, [])
        ]

    def _proven(self, record: CommitRecord, before: State) -> bool:
        """Signed with a key of the registry in force, or by the trust root itself."""
        sig = record.signature
        root = sig.status == A.GOOD and sig.fingerprint == self.trust_root
        return root or vouched(record, before) is not None

    # --- the registry --------------------------------------------------------------------

    def _registry_step(self, record: CommitRecord, before: State) -> State:
        changed = dict(record.changes).get(SIGNERS_PATH)
        blob = before.file_blob if changed is None else changed
        if changed is None and not (
            record.is_merge and self._file_registry(blob) != before.registry
        ):
            return before if before.file_blob == blob else replace(before, file_blob=blob)
        return replace(self._registry_change(record, before, blob), file_blob=blob)

    def _file_registry(self, blob: str) -> Registry | None:
        return self.registries.get(blob, Registry()) if blob else None

    def _registry_change(self, record: CommitRecord, before: State, blob: str) -> State:
        new = self._file_registry(blob) or Registry()
        if new == (before.registry or Registry()):
            return before  # the same grants (comments, layout, a merge that took them)
        why = self.registry_problem(record, before, new)
        if why is None:
            revoked = {k.fingerprint for s in new.signers for k in s.keys if k.revoked}
            for fpr in revoked - before.revoked:
                self.revoked_in.setdefault(fpr, record.id)
            if not before.chain:
                self.roots.add(record.id)
            return replace(
                before,
                registry=new,
                revoked=before.revoked | revoked,
                clock=record.when,
                clock_commit=record.id,
                pending=(),
                chain=before.chain | {record.id},
                revocations=before.revocations | {(f, record.id) for f in revoked},
            )
        self.untrusted[record.id] = why
        return replace(before, pending=(*before.pending, record.id))

    def registry_problem(self, record: CommitRecord, before: State, new: Registry) -> str | None:
        """Why this change of the registry does not count (None: it does)."""
        sig = record.signature
        if sig.status != A.GOOD:
            return sig.problem().message
        fpr = sig.fingerprint
        usable = [
            k
            for k in (before.registry.head_keys() if before.registry else [])
            if k.fingerprint not in before.revoked
        ]
        if not usable:
            if self.trust_root is not None:
                if fpr == self.trust_root:
                    return None
                return f"pierwszą zmianę rejestru musi podpisać klucz korzenia zaufania {self.trust_root}, a podpisał {fpr}"  # noqa: E501
            held = new.key(fpr)
            if held is not None and HEAD_ROLE in held[0].roles:
                return None  # no trust root: trust on first use (reported as unverified)
            return f"klucz {fpr} nie należy do kierownika urzędu"
        found = before.registry.key(fpr) if before.registry else None
        if found is None:
            return (
                f"podpisano kluczem {fpr} spoza rejestru, a wymagany jest podpis kierownika urzędu"
            )
        signer, key = found
        if HEAD_ROLE not in signer.roles:
            return (
                f"podpis: {signer_label(signer.name, signer.position)} — osoba bez roli "
                f"{HEAD_ROLE}, a zmiany rejestru zatwierdza kierownik urzędu"
            )
        if key.revoked or fpr in before.revoked:
            return f"klucz {fpr} kierownika urzędu był już unieważniony"
        return time_problem(record, before, key)

    # --- approvals -----------------------------------------------------------------------

    def judge(self, record: CommitRecord, before: State) -> Approval:
        """Evaluate one approval commit against the registry in force before it."""
        problems: list[Problem] = []
        doc_id, meaning, blob = self._trailers(record, problems)
        doc = self.docs.get(doc_id)
        tree_blob = self.target_blobs.get((record.id, doc.path)) if doc else None
        if doc is not None and A.is_object_id(blob) and tree_blob != blob:
            problems.append(
                Problem(
                    A.BAD_TRAILERS,
                    (
                        f"QMS-Blob {blob[:10]} nie jest treścią {doc.path} w tym commicie "
                        f"({(tree_blob or 'brak pliku')[:10]}) — podpis nie dotyczy "
                        "zapisanej treści"
                    ),
                )
            )
        others = [p for p in record.changed_paths if doc is None or p != doc.path]
        if others:
            problems.append(
                Problem(
                    A.OTHER_CHANGES,
                    (
                        f"commit zatwierdzający {doc_id} zmienia też inne pliki: "
                        f"{', '.join(others[:5])}"
                        " — zatwierdzenie nie może wprowadzać zmian w innych dokumentach"
                    ),
                )
            )
        sig = record.signature
        fpr = sig.fingerprint if sig.status == A.GOOD else ""
        held = before.registry.key(fpr) if (fpr and before.registry) else None
        if sig.status != A.GOOD:
            problems.append(sig.problem())
        elif held is None:
            problems.append(Problem(A.UNKNOWN_KEY, self._unknown_key(fpr, before, record)))
        else:
            problems.extend(self._key_problems(record, before, doc, meaning, blob, tree_blob))
        signer = held[0] if held else None
        return Approval(
            commit=record.id,
            doc_id=doc_id,
            meaning=meaning,
            blob=blob,
            tree_blob=tree_blob,
            when=record.when,
            fingerprint=fpr,
            signer_id=signer.id if signer else None,
            name=signer.name if signer else None,
            position=signer.position if signer else None,
            roles=signer.roles if signer else frozenset(),
            problems=tuple(problems),
        )

    def _trailers(self, record: CommitRecord, problems: list[Problem]) -> tuple[str, str, str]:
        ids = record.trailer_values(A.TRAILER_APPROVE)
        meanings = record.trailer_values(A.TRAILER_MEANING)
        blobs = record.trailer_values(A.TRAILER_BLOB)
        bad = []
        if len(ids) != 1:
            bad.append(f"{len(ids)} trailery QMS-Approve (dozwolony jeden)")
        if len(meanings) != 1 or meanings[0] not in MEANINGS:
            bad.append("QMS-Meaning musi mieć wartość review, approval albo acknowledgement")
        if len(blobs) != 1 or not A.is_object_id(blobs[0]):
            bad.append("brak albo niepoprawny QMS-Blob")
        if bad:
            problems.append(Problem(A.BAD_TRAILERS, "niepoprawne trailery: " + "; ".join(bad)))
        return (ids[0] if ids else "?"), _single(meanings), _single(blobs)

    def _unknown_key(self, fpr: str, before: State, record: CommitRecord) -> str:
        text = (
            f"klucz {fpr} nie należy do nikogo w rejestrze podpisujących obowiązującym przed "
            "tym commitem"
        )
        own = [record.id] if any(p == SIGNERS_PATH for p in record.changed_paths) else []
        for commit in [*before.pending, *own]:
            blob = next((b for p, b in self.records[commit].changes if p == SIGNERS_PATH), "")
            if blob and self.registries.get(blob, Registry()).key(fpr) is not None:
                return text + (
                    f" (dopisano go w commicie {commit[:10]}, ale tej zmiany rejestru nie "
                    "zatwierdził kierownik urzędu)"
                )
        return text

    def _key_problems(
        self,
        record: CommitRecord,
        before: State,
        doc: DocInfo | None,
        meaning: str,
        blob: str,
        tree_blob: str | None,
    ) -> list[Problem]:
        assert before.registry is not None
        signer, key = before.registry.key(record.signature.fingerprint) or (None, None)
        assert signer is not None and key is not None
        who = signer_label(signer.name, signer.position)
        found: list[Problem] = []
        if key.revoked or key.fingerprint in before.revoked:
            where = self.revoked_in.get(key.fingerprint, "")
            found.append(
                Problem(
                    A.REVOKED_KEY,
                    (
                        f"klucz {key.fingerprint} ({who}) został unieważniony w rejestrze"
                        + (f" (commit {where[:10]})" if where else "")
                        + " przed tym zatwierdzeniem"
                    ),
                )
            )
        late = time_problem(record, before, key)
        if late is not None:
            found.append(Problem(A.KEY_EXPIRED, f"{late} ({who})"))
        if doc is not None and meaning in MEANINGS:
            role = self._role_problem(signer.roles, signer.position, who, doc, meaning)
            if role is not None:
                found.append(Problem(A.WRONG_ROLE, role))
            own = self._self_approval(record, before.registry, signer.id, doc, tree_blob or blob)
            if own is not None:
                found.append(Problem(A.SELF_APPROVAL, f"{who} {own} (zasada czterech oczu)"))
        return found

    def _self_approval(
        self, record: CommitRecord, registry: Registry, signer_id: str, doc: DocInfo, blob: str
    ) -> str | None:
        """Why the signer is an author of the text they sign (None: they are not, or the
        record is one its author signs)."""
        if doc.type in self.author_signs:
            return None
        if doc.path in record.changed_paths:
            return "zmienia treść dokumentu w tym samym commicie, w którym ją podpisuje"
        person = registry.same_person(signer_id)
        if person & self._authors.get((doc.path, blob), set()):
            author = self._authored[(doc.path, blob)]
            return f"jest autorem tej treści (commit {author.id[:10]}) i nie może jej podpisać"
        return None

    def _role_problem(
        self, roles: frozenset[str], position: str, who: str, doc: DocInfo, meaning: str
    ) -> str | None:
        steps = [s for s in self.matrix.get(doc.type, []) if s.meaning == meaning]
        label = f"„{MEANING_LABELS[meaning]}” ({meaning})"
        if not steps:
            return (
                f"macierz zatwierdzeń nie przewiduje podpisu {label} dla dokumentów typu {doc.type}"
            )
        if any(s.held(roles, position, doc.owner, doc.parties) for s in steps):
            return None
        wanted = " albo ".join(describe_step(s, doc.owner, doc.parties) for s in steps)
        return f"{who} nie może złożyć podpisu {label} pod {doc.id}; podpisuje: {wanted}"

    @staticmethod
    def authors(change: CommitRecord, registry: Registry | None) -> set[str]:
        """Who wrote a change: the holder of the key that signed it, and signers whose
        registered e-mail is the author's or committer's (never names)."""
        if registry is None:
            return set()
        found = set()
        if change.signature.status == A.GOOD:
            held = registry.key(change.signature.fingerprint)
            if held is not None:
                found.add(held[0].id)
        for email in {change.author_email, change.committer_email} - {""}:
            found.update(s.id for s in registry.by_email(email))
        return found

    def _authorship(self, record: CommitRecord, blob: str, before: State) -> Authorship:
        ids = self.authors(record, before.registry)
        held = None
        if record.signature.status == A.GOOD and before.registry is not None:
            held = before.registry.key(record.signature.fingerprint)
        return Authorship(
            commit=record.id,
            blob=blob,
            when=record.when,
            signer_ids=frozenset(ids),
            fingerprint=record.signature.fingerprint if held else "",
            name=held[0].name if held else None,
            position=held[0].position if held else None,
        )

    def text_authors(self, path: str, blob: str) -> set[str]:
        """Signer ids of the authors of this text of this file (four eyes)."""
        return set(self._authors.get((path, blob), set()))

    def authored(self, path: str, blob: str) -> CommitRecord | None:
        """The commit that produced this text of this file (the latest one in history)."""
        return self._authored.get((path, blob))


def _single(values: list[str]) -> str:
    return values[0] if len(values) == 1 else ""
