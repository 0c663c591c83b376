"""Files qms reads from the office repository for a PDF or the BIP site (images a document
shows, the logo, templates, fonts), and the symbolic links among its files.

A file may be used only when the path written in the repository stays inside it, the file it
finally is (symbolic links followed) lies inside the repository — for the BIP site inside
``documents/`` — and is of the kind its written name promises, images also by their first
bytes. A symbolic link ``schemat.png`` to a non-public document's ``.md`` is refused, so is
``../../etc/passwd``. Reasons are Polish sentences; callers add what and where.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from qms_cli.model import filekinds, governed

Finding = tuple[str, str]  # (repository path, why it is refused)
OUTSIDE = "wskazuje poza repozytorium dokumentacji"


def resolve(root: Path, rel: str, within: str = "") -> tuple[Path | None, str | None]:
    """(the file, None) or (None, why it may not be used) for the repository path ``rel``
    (posix, relative to ``root``, as written: ``..`` allowed while it stays inside). A path
    that does not exist is (None, None). ``within``: a folder the file must lie in."""
    written = posixpath.normpath(rel)
    if written == ".." or written.startswith(("../", "/")):
        return None, OUTSIDE
    repo = root.resolve()
    target = (repo / written).resolve()
    if not target.is_relative_to(repo):
        return None, f"{OUTSIDE} (dowiązanie symboliczne)"
    shown = target.relative_to(repo).as_posix()
    if within and not target.is_relative_to((repo / within).resolve()):
        return None, f"prowadzi poza folder {within}/ (do {shown})"
    if not target.is_file():
        return None, None
    if filekinds.kind_of(target.name) != filekinds.kind_of(written):  # a symbolic link
        return None, (
            f"to dowiązanie symboliczne do pliku innego rodzaju: {shown} "
            f"({filekinds.kind_of(target.name)}, a nie {filekinds.kind_of(written)})"
        )
    problem = filekinds.content_problem(written, head(target))
    return (None, problem) if problem else (target, None)


def head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(filekinds.SNIFF_BYTES)


def link_problem(root: Path, rel: str) -> str | None:
    """Why the symbolic link ``rel`` (relative to ``root``) is not allowed, or None: it must
    lead to an existing file or folder inside the repository, of the kind its name promises;
    one under ``documents/`` (published in BIP) must stay in ``documents/``."""
    repo = root.resolve()
    link = root / rel
    target = link.resolve()
    if not target.is_relative_to(repo):
        return f"dowiązanie symboliczne {OUTSIDE} ({link.readlink()})"
    shown = target.relative_to(repo).as_posix()
    if not target.exists():
        return f"dowiązanie symboliczne do nieistniejącego pliku {shown}"
    top = rel.split("/", 1)[0]
    if top == "documents" and not target.is_relative_to(repo / top):
        return (
            f"dowiązanie symboliczne z documents/ do {shown}: to, co publikuje się w BIP, "
            "musi leżeć w documents/"
        )
    if target.is_file() and filekinds.kind_of(target.name) != filekinds.kind_of(rel):
        return (
            f"dowiązanie symboliczne do pliku innego rodzaju: {shown} "
            f"({filekinds.kind_of(target.name)}, a nie {filekinds.kind_of(rel)})"
        )
    if target.is_file():
        return filekinds.content_problem(rel, head(target))
    return None


def symlinks(root: Path, folder: str) -> list[str]:
    """Every symbolic link under ``root/folder`` (links to folders are not followed)."""
    found: list[str] = []
    top = root / folder
    if top.is_symlink():
        return [folder]
    for current, dirs, files in os.walk(top):
        base = Path(current)
        for name in sorted((*dirs, *files)):
            if (base / name).is_symlink():
                found.append((base / name).relative_to(root).as_posix())
    return sorted(found)


LINKED_FOLDERS = ("templates",)
UNGOVERNED_LOGO = (
    "leży poza assets/ i templates/ — logo jest plikiem pod podpisem (qms approve), przenieś je "
    "do assets/"
)  # read by the PDF renderer, not by qms check's file walk


def refused(root: Path, links: Iterable[str], config: Mapping[str, Any]) -> tuple[Finding, ...]:
    """(path, why) for every symbolic link that is not allowed (``links`` and those under
    ``templates/``) and for a logo (``pdf.logo`` in qms.yaml) the PDF renderer would refuse."""
    found: list[Finding] = []
    everywhere = [*links, *(rel for top in LINKED_FOLDERS for rel in symlinks(root, top))]
    for rel in sorted(set(everywhere)):
        problem = link_problem(root, rel)
        if problem is not None:
            found.append((rel, problem))
    pdf = config.get("pdf")
    logo = pdf.get("logo") if isinstance(pdf, Mapping) else None
    if isinstance(logo, str) and logo and "://" not in logo:
        _, problem = resolve(root, logo.lstrip("/"))
        if problem is None and not governed.is_governed(logo.lstrip("/")):
            problem = UNGOVERNED_LOGO
        if problem is not None:
            found.append(("qms.yaml", f"logo „{logo}” (pdf.logo) {problem}"))
    return tuple(found)
