"""Approvals of the whole repository: read history once, verify, evaluate (``TrustWalk``).

Used by ``qms check`` (findings), ``qms history`` and the PDF/BIP signature blocks
(``services.history``), ``qms approve`` and ``qms signers``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import yamlfast
from qms_cli.io.commitcache import CommitCache
from qms_cli.model import approvals as A
from qms_cli.model import governed
from qms_cli.model.approvals import ApprovalReport, CommitRecord, RegistryFinding
from qms_cli.model.record_approvals import record_infos
from qms_cli.model.repository import Repository
from qms_cli.model.signers import (
    SIGNERS_PATH,
    Registry,
    is_fingerprint,
    normalize_fingerprint,
    registry_from_data,
)
from qms_cli.model.trust.requirements import doc_findings
from qms_cli.model.trust.state import State
from qms_cli.model.trust.walk import DocInfo, Step, TrustWalk
from qms_cli.services.approval.trust_input import check_external
from qms_cli.services.approval.trust_pin import first_trust_root
from qms_cli.services.loading import LoadedRepository
from qms_cli.vcs import commits, gitverify, objects
from qms_cli.vcs.background import STATE_ARGS, BackgroundGit, RepoState, parse_state

TRUST_ENV = "QMS_TRUST_ROOT"


def resolve_trust_root(
    config: dict[str, Any], explicit: str | None = None
) -> tuple[str | None, str]:
    """(fingerprint, where it came from): ``--trust-root``, then $QMS_TRUST_ROOT, then qms.yaml.
    The first two come from outside the repository and override what it says."""
    check_external(explicit, "--trust-root")  # set but empty is an error, not a fallback
    check_external(os.environ.get(TRUST_ENV), f"zmienna {TRUST_ENV}")
    for value, source in (
        (explicit, "--trust-root"),
        (os.environ.get(TRUST_ENV), TRUST_ENV),
        (config.get("trust_root"), "qms.yaml"),
    ):
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if not isinstance(value, str) or not is_fingerprint(value):
            raise QmsError(
                f"{source}: „{value}” nie jest odciskiem klucza",
                hint="Odcisk klucza SSH: SHA256:… (ssh-keygen -lf klucz.pub); "
                "OpenPGP: 40 znaków szesnastkowych.",
            )
        return normalize_fingerprint(value), source
    return None, ""


def step_signers(value: Any) -> list[str]:
    """``by`` of a step of the matrix: one role (or ``owner``), or a list of alternatives."""
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def one_person_types(config: dict[str, Any]) -> frozenset[str]:
    """Document types whose meanings one person may give alone (``four_eyes`` in qms.yaml)."""
    section = config.get("four_eyes")
    allowed = section.get("same_person_allowed") if isinstance(section, dict) else None
    return (
        frozenset(t for t in allowed if isinstance(t, str))
        if isinstance(allowed, list)
        else frozenset()
    )


def approval_matrix(config: dict[str, Any]) -> dict[str, list[Step]]:
    """Who signs what, per document type; configuration files (``model.governed``) too:
    ``qms.yaml`` always by the head of office, the others as ``approvals.configuration`` says
    (the head of office by default)."""
    matrix = config.get("approvals")
    result: dict[str, list[Step]] = {}
    for doc_type, steps in matrix.items() if isinstance(matrix, dict) else []:
        result[str(doc_type)] = [
            Step(str(s["meaning"]), by[0], tuple(by[1:]))
            for s in (steps if isinstance(steps, list) else [])
            if isinstance(s, dict)
            and isinstance(s.get("meaning"), str)
            and (by := step_signers(s.get("by")))
        ]
    if not result.get(governed.CONFIGURATION_TYPE):
        result[governed.CONFIGURATION_TYPE] = [Step("approval", governed.DEFAULT_APPROVER)]
    result[governed.CONFIG_FILE_TYPE] = [Step("approval", governed.DEFAULT_APPROVER)]
    return result


@dataclass
class History:
    """Commits of HEAD, read and verified (through the cache)."""

    head: str
    order: list[str]
    records: dict[str, CommitRecord]
    registries: dict[str, Registry]
    blobs: dict[tuple[str, str], str | None]
    algo: str = "sha1"
    dirty: set[str] = field(default_factory=set)
    head_tree: dict[str, str] = field(default_factory=dict)


@dataclass
class Evaluation:
    report: ApprovalReport
    walk: TrustWalk | None = None
    history: History | None = None
    scope: frozenset[str] | None = None  # the documents judged (ids, paths); None: every one

    def state_at_head(self) -> State:
        if self.walk is None or self.history is None:
            return State()
        return self.walk.states.get(self.history.head, State())


GIT_PREFIXES = ["documents", SIGNERS_PATH, *governed.GIT_PREFIXES, *governed.RECORD_PREFIXES]


def start_git_reads(root: Path) -> BackgroundGit:
    """The git commands ``evaluate`` reads, started now: they do not depend on the files, so
    they can run while the files are read."""
    return BackgroundGit(
        root,
        [
            STATE_ARGS,
            commits.topo_order_args(),
            commits.tree_args("HEAD", GIT_PREFIXES),
            commits.status_args(GIT_PREFIXES),
        ],
    )


def _unavailable(root: Path, state: RepoState) -> str | None:
    if state.toplevel is None:
        return "folder nie jest repozytorium git"
    if state.toplevel.resolve() != root.resolve():
        return (
            f"repozytorium dokumentacji musi być głównym folderem repozytorium git "
            f"({state.toplevel})"
        )
    if state.head is None:
        return "repozytorium nie ma jeszcze żadnego commita"
    if state.shallow:
        return (
            "płytka kopia repozytorium (shallow clone) nie zawiera całej historii — "
            "w CI pobierz pełną historię (np. actions/checkout z fetch-depth: 0)"
        )
    return None


def read_history(
    root: Path,
    doc_paths: dict[str, str],
    state: RepoState,
    order: list[tuple[str, tuple[str, ...]]],
    use_cache: bool = True,
) -> History:
    """Every commit of HEAD (``order``: ``rev-list`` read by ``commits.parse_topo_order``) as a
    record, its signature verified; ``doc_paths``: id -> path."""
    head, algo = state.head, state.algo
    assert head is not None
    cache = CommitCache(root) if use_cache else None
    records = dict(cache.records) if cache else {}
    missing = [c for c, _ in order if c not in records]
    new = {
        oid: commits.parse_commit(oid, raw, algo)
        for oid, raw in commits.read_objects(root, missing)
    }
    for oid, changed in commits.changes(root, missing).items():
        new[oid] = replace(new[oid], changes=changed)
    merges = [oid for oid in missing if new[oid].is_merge]
    for oid, changed in commits.merged_changes(root, merges).items():
        new[oid] = replace(new[oid], merged=changed)
    records.update(new)
    ids = [c for c, _ in order]
    registries = dict(cache.registries) if cache else {}
    wanted = {b for c in ids for p, b in records[c].changes if p == SIGNERS_PATH and b}
    registries.update(_read_registries(root, sorted(wanted - set(registries))))
    _verify_with_git(
        root, [c for c in ids if records[c].signature.status == A.UNCHECKED], records, registries
    )
    blobs = dict(cache.blobs) if cache else {}
    specs = []
    for c in ids:
        if records[c].is_approval:
            for doc_id in records[c].trailer_values(A.TRAILER_APPROVE):
                path = doc_paths.get(doc_id)
                if path is not None and (c, path) not in blobs:
                    specs.append((c, path))
    by_tree = {(records[c].tree or c, path) for c, path in specs}
    found = commits.blobs_at(root, sorted(by_tree))  # approvals share few trees
    blobs.update({(c, path): found[(records[c].tree or c, path)] for c, path in specs})
    if cache is not None and (new or specs or len(cache.records) != len(ids)):
        keep = set(ids)
        cache.records = {c: records[c] for c in ids}
        cache.blobs = {k: v for k, v in blobs.items() if k[0] in keep}
        cache.registries = registries
        cache.changed = True
        cache.save()
    return History(head, ids, records, registries, blobs, algo)


def read_record(root: Path, oid: str, history: History) -> CommitRecord:
    """One new commit (made by qms approve / signers commit), verified like the others."""
    ((_, raw),) = commits.read_objects(root, [oid])
    record = commits.parse_commit(oid, raw, history.algo)
    records = {oid: record}
    if record.signature.status == A.UNCHECKED:
        _verify_with_git(root, [oid], records, history.registries)
    return records[oid]


def _read_registries(root: Path, blobs: list[str]) -> dict[str, Registry]:
    result = {}
    for blob, raw in commits.read_objects(root, blobs):
        try:
            data = yamlfast.load(raw.decode("utf-8"))
        except (yamlfast.YamlProblem, UnicodeDecodeError):
            data = None
        result[blob] = registry_from_data(data)
    return result


def _verify_with_git(
    root: Path, ids: list[str], records: dict[str, CommitRecord], registries: dict[str, Registry]
) -> None:
    """OpenPGP and unusual SSH keys: ask git, with every key the history's registries name."""
    if not ids:
        return
    keys = {
        k.public_key
        for r in registries.values()
        for s in r.signers
        for k in s.keys
        if k.kind == "openpgp"
    }
    found = gitverify.signature_status(root, ids, "", sorted(keys))
    for oid in ids:
        result = found.get(oid)
        if result is not None:
            kind = records[oid].signature.kind
            records[oid] = replace(records[oid], signature=result.as_check(kind))


def _history(
    loaded: LoadedRepository,
    reads: BackgroundGit,
    use_cache: bool,
    scope: frozenset[str] | None = None,
) -> History:
    """The history of HEAD with its tree and uncommitted paths; QmsError: why there is none.
    The texts approvals name are read for the documents in ``scope`` (None: all)."""
    returncode, out, _ = reads.result("rev-parse")
    state = parse_state(returncode, out)
    reason = _unavailable(loaded.root, state)
    if reason is not None:
        raise QmsError(reason)
    head_tree = commits.parse_tree(reads.output("ls-tree"))
    dirty = commits.parse_status(reads.output("status"))
    doc_paths = {d.id: d.path for d in loaded.repo.documents}
    doc_paths.update((p, p) for p in governed.governed([*head_tree, *dirty]))
    doc_paths.update((r.id, r.path) for r in record_infos(loaded.repo))
    if scope is not None:
        doc_paths = {k: v for k, v in doc_paths.items() if k in scope}
    order = commits.parse_topo_order(reads.output("rev-list"))
    history = read_history(loaded.root, doc_paths, state, order, use_cache)
    history.head_tree, history.dirty = head_tree, dirty
    return history


def doc_infos(
    root: Path, repo: Repository, history: History, scope: frozenset[str] | None = None
) -> dict[str, DocInfo]:
    """What the walk judges: every document, every configuration file (its path is its id) in
    HEAD or in the working tree, and every record approved like a document
    (``model.record_approvals``); only those in ``scope`` when it is given."""
    docs = [d for d in repo.documents if scope is None or d.id in scope]
    configs = [
        p
        for p in governed.governed([*history.head_tree, *history.dirty])
        if scope is None or p in scope
    ]
    records = [r for r in record_infos(repo) if scope is None or r.id in scope]
    changed = [
        p
        for p in [*(d.path for d in docs), *configs, *(r.path for r in records)]
        if p in history.dirty
    ]
    now = objects.worktree_blobs(root, changed, sha256=history.algo == "sha256")
    infos: dict[str, DocInfo] = {}
    for doc in docs:
        blob, dirty = _current_blob(doc.path, history, now)
        infos.setdefault(
            doc.id, DocInfo(doc.id, doc.path, doc.type, doc.owner, doc.status, blob, dirty)
        )
    for path in configs:
        blob, dirty = _current_blob(path, history, now)
        if blob is not None:
            kind = governed.governed_type(path)
            infos.setdefault(path, DocInfo(path, path, kind, None, "active", blob, dirty))
    for record in records:
        blob, dirty = _current_blob(record.path, history, now)
        if blob is not None:
            infos.setdefault(
                record.id,
                DocInfo(
                    record.id,
                    record.path,
                    record.type,
                    record.owner,
                    record.status,
                    blob,
                    dirty,
                    record.parties,
                ),
            )
    return infos


def _current_blob(path: str, history: History, now: dict[str, str]) -> tuple[str | None, bool]:
    """The blob of the file as it is now (working tree, as git would store it: line endings
    converted as .gitattributes and core.autocrlf say), and whether it differs from HEAD."""
    if path not in history.dirty:
        return history.head_tree.get(path), False
    return now.get(path), True


def evaluate(
    loaded: LoadedRepository,
    trust_root: str | None = None,
    use_cache: bool = True,
    reads: BackgroundGit | None = None,
    docs: frozenset[str] | None = None,
) -> Evaluation:
    """Read and judge every approval of the repository (``reads``: ``start_git_reads``, if
    the caller started them early). ``docs``: judge only these documents (ids, or paths of
    configuration files) — the walk still visits every commit, since the registry in force at
    each depends on the whole history, but approvals of other documents are neither read nor
    judged, and the report lists none of them."""
    root, repo = loaded.root, loaded.repo
    if reads is None:
        with start_git_reads(root) as started:
            return evaluate(loaded, trust_root, use_cache, started, docs)
    fpr, source = resolve_trust_root(repo.config, trust_root)
    report = ApprovalReport(fpr, source)
    report.in_use = bool(registry_from_data(repo.data("signers")).signers)
    try:
        history = _history(loaded, reads, use_cache, docs)
        infos = doc_infos(root, repo, history, docs)
    except (QmsError, OSError) as exc:  # no history to read: one finding, not a stop
        report.available, report.reason = False, getattr(exc, "message", str(exc))
        return Evaluation(report, scope=docs)
    if source in ("qms.yaml", ""):
        fpr = _pin_root(report, root, history)
    walk = TrustWalk(
        history.records, history.registries, history.blobs, fpr, infos, approval_matrix(repo.config)
    )
    walk.one_person_may = one_person_types(repo.config)
    walk.author_signs = governed.AUTHOR_SIGNS
    walk.run(history.order)
    _fill(report, walk, history)
    if docs is not None:  # the walk steps through every approval; the report keeps these
        report.approvals = {k: v for k, v in report.approvals.items() if k in docs}
    return Evaluation(report, walk, history, docs)


def _pin_root(report: ApprovalReport, root: Path, history: History) -> str | None:
    """Without a root from outside: the first one qms.yaml named in history (``trust_pin``)."""
    pinned = first_trust_root(root, history.order, history.records)
    if pinned is None:
        return report.trust_root
    if pinned.fingerprint != report.trust_root:
        now = report.trust_root or "null"
        report.root_moved = (
            f"trust_root w qms.yaml ({now}) różni się od pierwszego zapisanego w historii "
            f"({pinned.fingerprint}, commit {pinned.commit[:10]}) — obowiązuje pierwszy; "
            "korzeń zaufania zmienia się tylko z zewnątrz (QMS_TRUST_ROOT albo --trust-root)"
        )
    report.trust_root = pinned.fingerprint
    report.trust_source = f"qms.yaml, commit {pinned.commit[:10]}"
    return pinned.fingerprint


def _fill(report: ApprovalReport, walk: TrustWalk, history: History) -> None:
    state = walk.states.get(history.head, State())
    report.approvals, report.authorship = walk.approvals, walk.authorship
    report.in_use = report.in_use or any(walk.approvals.values())
    report.registry = state.registry
    report.reviews = A.signed_reviews(history.records.values(), state.registry)
    head_blob = history.head_tree.get(SIGNERS_PATH)
    report.head_registry = history.registries.get(head_blob or "") if head_blob else None
    if SIGNERS_PATH in history.dirty:
        report.registry_findings.append(
            RegistryFinding(
                A.UNCOMMITTED_REGISTRY,
                "zmiany w org/signers.yaml nie są zapisane w commicie — nie obowiązują, dopóki "
                "kierownik urzędu ich nie podpisze (qms signers commit)",
            )
        )
    if report.trust_root is None:
        return
    report.doc_findings = doc_findings(walk)
    if state.pending and report.head_registry != (state.registry or Registry()):
        new_key = _first_new_key(report.head_registry, state.registry)
        for commit in state.pending:
            record = history.records[commit]
            report.registry_findings.append(
                RegistryFinding(
                    A.UNTRUSTED_REGISTRY,
                    (
                        f"zmiana rejestru w commicie {commit[:10]} ({record.when.date()}, "
                        f"„{record.summary}”) nie obowiązuje: {walk.untrusted.get(commit, '')}"
                    ),
                    new_key,
                )
            )


def _first_new_key(head: Registry | None, trusted: Registry | None) -> str | None:
    known = set(trusted.keys) if trusted else set()
    for fpr in head.keys if head else {}:
        if fpr not in known:
            return fpr
    return None
