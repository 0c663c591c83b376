"""Paths as people type them and as qms prints them, the same on every system (issue 21).

qms prints paths with ``/`` (``documents/procedures/P-01.md``, also ``C:/SZJ/dist/pdf`` on
Windows); a path given to a command may use Windows' ``\\`` — a backslash is never part of
a name in an office repository (QMS111 reports one)."""

from __future__ import annotations

import posixpath
from pathlib import PurePath


def given(text: str) -> str:
    """A path inside the repository as the user typed it, in the form qms uses everywhere:
    ``documents\\procedures\\P-01.md`` and ``./documents//procedures/P-01.md`` are both
    ``documents/procedures/P-01.md``; an id (``P-01``) is left as it is."""
    if "/" not in text and "\\" not in text:
        return text
    path = posixpath.normpath(text.replace("\\", "/"))
    return path.removeprefix("./")


def shown(path: PurePath | str) -> str:
    """A path as qms prints it: with ``/`` on every system."""
    return (path if isinstance(path, PurePath) else PurePath(path)).as_posix()
