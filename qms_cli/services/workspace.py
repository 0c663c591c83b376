"""One workspace per command: the repository read once, and what is derived from it
computed at most once.

The CLI opens a ``Workspace`` (``with Workspace.open(path) as ws``) and passes it down; a
service that is given one reads nothing again. What it memoises:

- ``loaded``: the parsed repository (``services.loading.load_repository``), read once;
- ``evaluation(trust_root, docs)``: the trust walk over the history of HEAD, once per trust
  root; with ``docs`` it judges and collects only those documents (the walk still visits every
  commit: the registry in force at each one depends on the whole history), and any evaluation
  already made that covers them is reused;
- ``histories``: the history of each document (``services.history.document_histories``);
- ``reports``: the ``qms check`` report (``services.check.run_check``).

Services accept ``Path | Workspace`` where tests or other services still call them with a
folder; ``Workspace.of`` turns a folder into a workspace of its own.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType

from qms_cli.io import layout
from qms_cli.model.findings import CheckReport
from qms_cli.model.history import DocumentHistory
from qms_cli.model.repository import Repository
from qms_cli.services.approval.evaluation import TRUST_ENV, Evaluation, evaluate, start_git_reads
from qms_cli.services.loading import LoadedRepository, load_repository
from qms_cli.vcs.background import BackgroundGit


@dataclass(eq=False)
class Workspace:
    loaded: LoadedRepository
    use_cache: bool = True
    reads: BackgroundGit | None = None  # started with the load, used by the first evaluation
    evaluations: dict[str | None, list[Evaluation]] = field(default_factory=dict)
    histories: dict[tuple[str | None, str], DocumentHistory] = field(default_factory=dict)
    reports: dict[tuple[dt.date | None, str | None], CheckReport] = field(default_factory=dict)

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        use_cache: bool = True,
        bodies: bool = True,
        strict: bool = True,
        early_git: bool = True,
    ) -> Workspace:
        """Read the repository at or above ``path``. With ``early_git`` the git commands the
        approvals need start first and run while the files are read; leave the workspace (it
        is a context manager) or ``close`` it to stop what was not used."""
        root = layout.find_root(path)
        reads = start_git_reads(root) if early_git else None
        try:
            loaded = load_repository(root, use_cache, bodies=bodies, strict=strict)
        except BaseException:
            if reads is not None:
                reads.__exit__(None, None, None)
            raise
        return cls(loaded, use_cache, reads)

    @classmethod
    def of(cls, target: Path | Workspace) -> Workspace:
        """The workspace given, or one read from the folder given (for callers with a path)."""
        if isinstance(target, Workspace):
            return target
        return cls.open(target, early_git=False)

    @property
    def root(self) -> Path:
        return self.loaded.root

    @property
    def repo(self) -> Repository:
        return self.loaded.repo

    def evaluation(
        self, trust_root: str | None = None, docs: Collection[str] | None = None
    ) -> Evaluation:
        """The approvals judged from the trust root (``--trust-root``, else as
        ``resolve_trust_root`` finds it); ``docs``: only these documents (ids, or paths of
        configuration files) need to be judged; None: every one."""
        scope = None if docs is None else frozenset(docs)
        known = self._known(trust_root, scope)
        if known is not None:
            return known
        # the root given as --trust-root and the same one in $QMS_TRUST_ROOT (typer passes the
        # variable as the option): the same walk; only the report's label of the source differs
        env = os.environ.get(TRUST_ENV) or None
        twin = env if trust_root is None else (None if trust_root == env else trust_root)
        known = self._known(twin, scope) if twin != trust_root else None
        if known is not None:
            label = "--trust-root" if trust_root is not None else TRUST_ENV
            relabelled = replace(known, report=replace(known.report, trust_source=label))
            self.evaluations.setdefault(trust_root, []).append(relabelled)
            return relabelled
        reads, self.reads = self.reads, None
        try:
            found = evaluate(self.loaded, trust_root, self.use_cache, reads, docs=scope)
        finally:
            if reads is not None:
                reads.__exit__(None, None, None)
        self.evaluations.setdefault(trust_root, []).append(found)
        return found

    def _known(self, trust_root: str | None, scope: frozenset[str] | None) -> Evaluation | None:
        for done in self.evaluations.get(trust_root, []):
            if done.scope is None or (scope is not None and scope <= done.scope):
                return done
        return None

    def same_files(self, root: Path) -> bool:
        """Whether ``root`` (a checkout of HEAD) holds the files this workspace read: the same
        paths qms reads; their content is HEAD's when the working tree is clean."""
        links: list[str] = []
        found = {rel for rel, _ in layout.iter_files(root, links) if layout.kind_of(rel)}
        return found == set(self.repo.files) and tuple(links) == self.loaded.links

    def moved_to(self, root: Path) -> Workspace:
        """This workspace for a checkout of the same commit in ``root`` (``same_files``, a
        clean working tree): the repository, approvals and histories are shared, not read
        again; the check report, which names its folder, is not."""
        return Workspace(
            replace(self.loaded, root=root),
            self.use_cache,
            evaluations=self.evaluations,
            histories=self.histories,
        )

    def close(self) -> None:
        if self.reads is not None:
            self.reads.__exit__(None, None, None)
            self.reads = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
