"""What a repository rule sees."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from qms_cli.model.approvals import ApprovalReport
from qms_cli.model.repository import Repository


@dataclass(frozen=True)
class CheckContext:
    root: Path
    repo: Repository
    today: dt.date
    approvals: ApprovalReport | None = None  # verified approvals (services.approvals)
    # (path, why) for symbolic links and files qms would copy into a PDF or BIP but may not
    refused_files: tuple[tuple[str, str], ...] = ()
    paths: tuple[str, ...] = ()  # every file found in the repository's folders, read or not

    def days_ago(self, days: int) -> str:
        """The ISO date ``days`` before today, to compare with ISO date strings of records."""
        return (self.today - dt.timedelta(days=days)).isoformat()
