"""Errors a user can cause. The CLI turns them into a Polish message and exit code 3."""

from __future__ import annotations


class QmsError(Exception):
    """The command could not proceed. ``message`` is shown to the user, ``hint`` below it."""

    exit_code = 3

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        path: str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = path
        self.line = line

    def location(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path


class NotAnOfficeRepository(QmsError):
    """The folder has no qms.yaml."""
