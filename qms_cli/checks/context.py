"""What a repository rule sees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from qms_cli.model.approvals import ApprovalReport
from qms_cli.model.repository import Repository

T = TypeVar("T")


@dataclass(frozen=True)
class CheckContext:
    root: Path
    repo: Repository
    today: dt.date
    approvals: ApprovalReport | None = None  # verified approvals (services.approvals)
    # (path, why) for symbolic links and files qms would copy into a PDF or BIP but may not
    refused_files: tuple[tuple[str, str], ...] = ()
    paths: tuple[str, ...] = ()  # every file found in the repository's folders, read or not

    def parsed(self, kind: str, parse: Callable[[Any, str], T | None]) -> Iterator[T]:
        """Every readable file of ``kind`` as ``parse(data, path)`` types it (the unreadable
        and the unparsable are other rules' findings), parsed once per repository."""

        def build() -> list[T]:
            found = (parse(source.data, source.path) for source in self.repo.of_kind(kind))
            return [view for view in found if view is not None]

        key = f"parsed:{kind}:{parse.__module__}.{parse.__qualname__}"
        return iter(self.repo.memo(key, build))

    def days_ago(self, days: int) -> str:
        """The ISO date ``days`` before today, to compare with ISO date strings of records."""
        return (self.today - dt.timedelta(days=days)).isoformat()
