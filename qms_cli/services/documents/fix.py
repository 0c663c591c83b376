"""``qms fix``: the safe, mechanical repairs (``model.textfix``) of the office's Markdown and
YAML files, each file written atomically; ``check_only`` reports without writing."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from qms_cli.io import layout, yamlfast
from qms_cli.io.atomic import write_atomic
from qms_cli.model.paths import given
from qms_cli.model.textfix import fix_file
from qms_cli.vcs.objects import blob_id, worktree_blobs

FOLDERS = ("documents", "records", "org")
TOP_FILES = ("qms.yaml", "jrwa.yaml", "register.yaml")
SUFFIXES = (".md", ".yaml", ".yml")


@dataclass(frozen=True)
class FileFix:
    path: str  # relative to the repository
    repairs: tuple[str, ...]
    diff: str


def candidates(root: Path, paths: list[str]) -> list[str]:
    """The files to look at: those given (relative to the repository), else every Markdown and
    YAML file of the office's folders and top-level files."""
    if paths:
        return sorted({given(p) for p in paths})
    found = [name for name in TOP_FILES if (root / name).is_file()]
    for folder in FOLDERS:
        base = root / folder
        if base.is_dir():
            found += [
                p.relative_to(root).as_posix()
                for p in base.rglob("*")
                if p.is_file() and not p.is_symlink() and p.suffix in SUFFIXES
            ]
    return sorted(found)


def fix_repository(path: Path, paths: list[str], check_only: bool = False) -> list[FileFix]:
    root = layout.find_root(path)
    raws = {}
    for rel in candidates(root, paths):
        file = root / rel
        if file.is_file():
            raws[rel] = file.read_bytes()
    crlf = {rel: raw for rel, raw in raws.items() if b"\r\n" in raw}
    raws.update(_line_ends_git_converts(root, crlf))
    out = []
    for rel, raw in raws.items():
        fixed = fix_file(rel, raw, yamlfast.load)
        if fixed.text.encode("utf-8") == raw:
            continue
        before = raw.decode("utf-8", errors="replace").replace("\r\n", "\n")
        diff = "".join(
            difflib.unified_diff(
                before.splitlines(keepends=True),
                fixed.text.splitlines(keepends=True),
                f"a/{rel}",
                f"b/{rel}",
            )
        )
        if not check_only:
            write_atomic(root / rel, fixed.text.encode("utf-8"))
        out.append(FileFix(rel, tuple(fixed.repairs), diff))
    return out


def _line_ends_git_converts(root: Path, crlf: dict[str, bytes]) -> dict[str, bytes]:
    """Files with CRLF that git stores with LF (``core.autocrlf``, ``eol`` in .gitattributes),
    as git stores them: their line ends are not a repair, a Windows checkout made them."""
    stored = worktree_blobs(root, list(crlf))
    converted = {}
    for rel, raw in crlf.items():
        blob = stored.get(rel)
        lf = raw.replace(b"\r\n", b"\n")
        if blob is not None and blob_id(lf, sha256=len(blob) == 64) == blob:
            converted[rel] = lf
    return converted
