"""``qms release``: approved changes become a numbered, signed release.

1. Refuse, listing every reason at once (uncommitted changes, ``qms check`` errors, changed
   documents without every approval, no signing key of the pełnomocnik).
2. Plan: next editions, dates in force, superseded and withdrawn documents.
3. Work beside the repository (``.git/qms-tmp``): a signed commit of ``register.yaml``, every
   PDF and the BIP site rendered from that commit, the manifest, a signed tag.
4. Publish: branch and tag in one atomic ref transaction, ``register.yaml`` into the working
   tree, outputs renamed into ``dist/<release>/``. Interrupted before that, the repository is
   exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import signal
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.io import layout
from qms_cli.io.outputs import prepare_output
from qms_cli.io.roundtrip import dump_rt
from qms_cli.model import approvals as A
from qms_cli.model import governed
from qms_cli.model import register as R
from qms_cli.model.findings import Severity
from qms_cli.model.history import DocumentHistory
from qms_cli.model.signers import Signer
from qms_cli.model.typography import format_date_pl, polish_time
from qms_cli.services.approval.evaluation import Evaluation
from qms_cli.services.approval.history import document_histories
from qms_cli.services.check import run_check
from qms_cli.services.loading import REGISTER, read_register
from qms_cli.services.release.outputs import MANIFEST, Outputs, Progress, build_outputs
from qms_cli.services.workspace import Workspace
from qms_cli.vcs import release as vcs
from qms_cli.vcs.signing import commit_signed, signing_setup, tree_with

PELNOMOCNIK = "pelnomocnik"
REGISTER_HEADER = (
    "# Wykaz dokumentów obowiązujących i rejestr zmian.\n"
    "# Zapisuje go wyłącznie „qms release” — nie edytuj ręcznie.\n"
)


class ReleaseRefused(QmsError):
    """Every reason a release cannot happen now; nothing was changed."""

    def __init__(self, reasons: list[str]) -> None:
        listing = "\n".join(f"  - {r}" for r in reasons)
        super().__init__(
            f"wydanie nie jest możliwe ({len(reasons)}), niczego nie zmieniono:\n{listing}"
        )
        self.reasons = reasons


@dataclass(frozen=True)
class ReleaseResult:
    plan: R.Plan
    dist: Path | None = None  # dist/<release> (None for a dry run or nothing to release)
    outputs: Outputs | None = None
    commit: str | None = None
    tag: str | None = None


def _checkpoint(step: str) -> None:
    """Test hooks: ``QMS_TEST_KILL_AT=<step>`` kills the process (as kill -9 would) and
    ``QMS_TEST_FAIL_AT=<step>`` fails a write (as a full disk would) at that step."""
    if os.environ.get("QMS_TEST_KILL_AT") == step:
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))  # Windows: no SIGKILL
    if os.environ.get("QMS_TEST_FAIL_AT") == step:
        raise OSError(28, "No space left on device (simulated)")


def prepare(
    target: Path | Workspace, date: dt.date, trust_root: str | None = None
) -> tuple[Workspace, Evaluation, R.Plan, list[str]]:
    """The plan of a release on ``date`` and every reason it cannot happen (steps 1–2)."""
    ws = Workspace.of(target)
    root = ws.root
    reasons = [f"niezapisane zmiany: {line.strip()}" for line in vcs.uncommitted(root)[:10]]
    # missing and stale approvals of documents are listed per document below, not twice;
    # those of configuration files (templates, assets, qms.yaml) stop the release here
    errors = [
        f
        for f in run_check(ws, trust_root=trust_root).findings
        if f.severity == Severity.ERROR
        and (f.code not in (A.MISSING, A.STALE) or governed.is_governed(f.path))
    ]
    if errors:
        first = "; ".join(f"{f.path}: {f.code} {f.message}" for f in errors[:3])
        reasons.append(f"qms check zgłasza błędy ({len(errors)}), np.: {first}")
    evaluation = ws.evaluation(trust_root)  # judged once: run_check asked for it already
    report = evaluation.report
    if not report.verified:
        reasons.append(
            "zatwierdzeń nie da się zweryfikować: "
            + (report.reason or "brak trust_root w qms.yaml (--trust-root)")
        )
    register = read_register(ws.loaded)
    signer, problems = _release_signer(root, report)
    released_by = _person(ws, signer) if signer is not None else ""
    candidates = _candidates(ws, evaluation, register)
    plan = R.plan_release(register, candidates, date, vcs.head(root), released_by)
    reasons += _unapproved(plan, report)
    reasons += in_force_before_approval(plan, date)
    reasons += problems
    return ws, evaluation, plan, reasons


def _person(ws: Workspace, signer: Signer) -> str:
    """ "Anna Kowalczyk, Sekretarz Gminy": who entered the information (the BIP metryczka)."""
    titles = {
        str(i.get("id")): str(i.get("title", ""))
        for _, _, i in ws.repo.items("structure", "positions")
    }
    title = titles.get(signer.position or "", "") or signer.position or ""
    return f"{signer.name}, {title}" if title else signer.name


def _candidates(ws: Workspace, evaluation: Evaluation, register: R.Register) -> list[R.Candidate]:
    repo = ws.repo
    docs = [d for d in repo.documents if repo.docs_by_id.get(d.id) is d]
    histories = document_histories(ws, [d.id for d in docs])
    titles = {
        str(i.get("id")): str(i.get("title", ""))
        for _, _, i in repo.items("structure", "positions")
    }
    out = []
    for doc in docs:
        history = histories[doc.id]
        blob = history.current_blob or ""
        approvals = tuple(
            R.SignatureRef(
                a.meaning,
                a.name or "",
                titles.get(a.position or "", a.position or ""),
                a.fingerprint,
                a.commit,
                a.when.isoformat(),
            )
            for a in evaluation.report.approvals.get(doc.id, [])
            if a.valid and a.targets(blob)
        )
        entry = register.entry(doc.id)
        out.append(
            R.Candidate(
                doc.id,
                doc.title,
                doc.type,
                doc.path,
                doc.status,
                blob,
                doc.meta.get("public") is True,
                approvals,
                _summary(history, entry.blob if entry else None),
            )
        )
    return out


def _summary(history: DocumentHistory, released_blob: str | None) -> str:
    """What changed since the released text: subjects of the later commits, most recent last."""
    changes = history.changes
    start = 0
    for index, change in enumerate(changes):
        if change.blob == released_blob:
            start = index + 1
    subjects = list(dict.fromkeys(c.summary for c in changes[start:]))
    return "; ".join(subjects[-3:])


def _unapproved(plan: R.Plan, report: A.ApprovalReport) -> list[str]:
    wanted = {i.id for i in plan.items if i.change != R.WITHDRAWN}
    return [
        f"{f.doc_id}: {f.message}"
        for f in report.doc_findings
        if f.doc_id in wanted and f.code in (A.MISSING, A.STALE)
    ]


def in_force_before_approval(plan: R.Plan, date: dt.date) -> list[str]:
    """An edition cannot be in force before it was approved: the date of the release is never
    earlier than the last approval of an edition it puts in force (in Polish time)."""
    found = []
    for item in plan.items:
        dates = [
            (polish_time(dt.datetime.fromisoformat(a.when)).date(), a)
            for a in item.approvals
            if a.when
        ]
        if not dates:
            continue
        last, approval = max(dates, key=lambda pair: pair[0])
        if date < last:
            found.append(
                f"{item.id}: data wejścia w życie {date.isoformat()} jest wcześniejsza niż "
                f"zatwierdzenie tego wydania ({approval.name}, {last.isoformat()}, commit "
                f"{approval.commit[:10]}) — podaj --date {last.isoformat()} lub późniejszą"
            )
    return found


def _release_signer(root: Path, report: A.ApprovalReport) -> tuple[Signer | None, list[str]]:
    """The release is signed by the pełnomocnik: git must have a key, registered to them.
    Returns that person, or why the release cannot be signed."""
    try:
        setup = signing_setup(root)
    except QmsError as exc:
        return None, [f"brak klucza do podpisu wydania: {exc.message}"]
    registry = report.registry
    key = setup.fingerprint or setup.key or ""
    found = registry.key(key) if registry is not None and key else None
    if found is None:
        return None, [
            f"klucz do podpisu ({key or 'nieznany'}) nie jest w rejestrze org/signers.yaml"
        ]
    signer, grant = found
    if PELNOMOCNIK not in signer.roles or grant.revoked:
        return None, [
            f"wydanie podpisuje Pełnomocnik ds. SZJ, a skonfigurowany klucz należy do "
            f"{signer.name} ({signer.position})"
        ]
    return signer, []


def register_text(register: R.Register) -> str:
    return REGISTER_HEADER + dump_rt(R.to_data(register))


def tag_message(plan: R.Plan, outputs: Outputs) -> str:
    release = plan.release
    counts = {
        c: sum(1 for i in plan.items if i.change == c) for c in (R.NEW, R.CHANGED, R.WITHDRAWN)
    }
    lines = [
        f"Wydanie {release.id} dokumentacji SZJ, obowiązuje od {format_date_pl(release.date)}",
        "",
        f"Dokumenty nowe: {counts[R.NEW]}, zmienione: {counts[R.CHANGED]}, "
        f"wycofane: {counts[R.WITHDRAWN]}.",
    ]
    for item in plan.items:
        edition = f"wydanie {item.new_edition}" if item.new_edition else "wycofany"
        lines.append(f"- {item.id} {item.title}: {edition}")
    lines += ["", f"Manifest: sha256:{outputs.manifest_hash}", f"QMS-Release: {release.id}"]
    return "\n".join(lines) + "\n"


def finish_interrupted(path: Path) -> str | None:
    """A release killed after its branch and tag moved (so it happened) but before
    ``register.yaml`` reached the working tree or the outputs reached ``dist/``: finish it.
    Returns the release id when something was finished."""
    root = layout.find_root(path)
    rid = vcs.release_of_head(root)
    if rid is None:
        return None
    finished = None
    behind = vcs.worktree_blob(root, REGISTER) == vcs.blob_at(root, "HEAD~1", REGISTER)
    if vcs.out_of_sync(root, REGISTER) and behind:
        vcs.restore(root, REGISTER)
        finished = rid
    dist = root / "dist" / rid
    signed = re.search(
        r"^Manifest: sha256:([0-9a-f]{64})$", vcs.tag_message(root, f"release/{rid}"), re.MULTILINE
    )
    if not dist.exists() and signed:
        for manifest in sorted(vcs.scratch_dir(root).glob(f"release-{rid}-*/out/{MANIFEST}")):
            if hashlib.sha256(manifest.read_bytes()).hexdigest() == signed.group(1):
                vcs.move_into_place(
                    manifest.parent, prepare_output(root / "dist", ignored=True) / rid
                )
                vcs.remove(manifest.parent.parent)  # the scratch folder of that release
                finished = rid
                break
    return finished


def release(
    target: Path | Workspace,
    date: dt.date,
    *,
    dry_run: bool = False,
    trust_root: str | None = None,
    progress: Progress | None = None,
    confirm: Callable[[R.Plan], None] | None = None,
) -> ReleaseResult:
    given = target.root if isinstance(target, Workspace) else target
    if finish_interrupted(given) is not None and isinstance(target, Workspace):
        target = Workspace.open(target.root, early_git=False)  # what it finished: read again
    ws, _, plan, reasons = prepare(target, date, trust_root)
    if reasons:
        raise ReleaseRefused(reasons)
    if plan.empty:
        return ReleaseResult(plan)
    if confirm is not None:
        confirm(plan)
    root = ws.root
    if (root / "dist" / plan.release.id).exists():
        raise QmsError(f"dist/{plan.release.id} już istnieje — usuń go albo przenieś")
    if dry_run:
        with tempfile.TemporaryDirectory(ignore_cleanup_errors=True, prefix="qms-dry-run-") as tmp:
            checkout = vcs.shared_checkout(root, vcs.head(root), Path(tmp) / "src")
            when = dt.datetime.fromisoformat(vcs.commit_time(root, "HEAD"))
            # the working tree is clean (or prepare refused): the checkout of HEAD holds what
            # was read and judged already, unless git ignores a file qms reads
            source = ws.moved_to(checkout) if ws.same_files(checkout) else checkout
            outputs = build_outputs(
                source, Path(tmp) / "out", plan.register, plan.release, when, progress, reuse=True
            )
            return ReleaseResult(plan, outputs=Outputs(Path(), outputs.hashes, outputs.manifest))
    return _execute(root, plan, progress)


def _execute(root: Path, plan: R.Plan, progress: Progress | None) -> ReleaseResult:
    old = vcs.head(root)
    scratch = vcs.scratch_dir(root)
    for stale in scratch.glob("release-*"):  # left by a release that was killed
        vcs.remove(stale)
    work = Path(tempfile.mkdtemp(dir=scratch, prefix=f"release-{plan.release.id}-"))
    try:
        _checkpoint("commit")
        tree = tree_with(root, {REGISTER: register_text(plan.register).encode()})
        message = (
            f"Wydanie {plan.release.id}: wykaz dokumentów obowiązujących\n\n"
            f"QMS-Release: {plan.release.id}\n"
        )
        commit = commit_signed(root, tree, old, message)
        checkout = vcs.shared_checkout(root, commit, work / "src")
        _checkpoint("render")
        when = dt.datetime.fromisoformat(vcs.commit_time(root, commit))
        outputs = build_outputs(
            checkout, work / "out", plan.register, plan.release, when, progress, reuse=True
        )
        _checkpoint("tag")
        tag_object = vcs.signed_tag(root, commit, plan.release.tag, tag_message(plan, outputs))
        _checkpoint("publish")
        vcs.publish(root, old, commit, plan.release.tag, tag_object, [REGISTER])
        _checkpoint("published")
        dist = prepare_output(root / "dist", ignored=True) / plan.release.id
        vcs.move_into_place(work / "out", dist)
        return ReleaseResult(
            plan, dist, Outputs(dist, outputs.hashes, outputs.manifest), commit, plan.release.tag
        )
    except OSError as exc:  # a full disk, a read-only folder: something the user can fix
        raise QmsError(
            f"zapis nie powiódł się ({exc.strerror}) — wydania nie utworzono, "
            "repozytorium jest bez zmian"
        ) from exc
    finally:
        vcs.remove(work)
