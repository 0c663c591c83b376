"""File names that every file system keeps apart (issue 21): what Windows refuses or merges,
what macOS merges. Pure: the check rule QMS111 gives these the paths it found.

The path length assumes a clone at a plausible place on a Windows desktop, such as
``C:\\Users\\Katarzyna.Nowakowska\\Documents\\dokumentacja-szj\\`` (56 characters): Windows'
classic limit (MAX_PATH, 260 with the closing NUL) applies in Explorer, Word and many tools,
whatever ``core.longpaths`` lets git do.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

MAX_PATH = 260  # Windows' classic limit, the terminating NUL included
CLONE_PREFIX = 60  # room for the folder the repository is cloned into (see above)
MAX_RELATIVE = MAX_PATH - 1 - CLONE_PREFIX  # 199 characters of path inside the repository

_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³])", re.IGNORECASE)
_FORBIDDEN = re.compile(r'[<>:"|?*\\\x00-\x1f]')
# one search over the whole path finds every name worth a closer look (most have none)
_SUSPECT = re.compile(
    r'[<>:"|?*\\\x00-\x1f]|[. ](?:/|$)|(?:^|/)(?:CON|PRN|AUX|NUL|COM|LPT)', re.IGNORECASE
)


def name_problems(path: str) -> list[str]:
    """Why ``path`` (posix, relative to the repository) cannot be a file on Windows, in Polish;
    empty when it can."""
    problems: list[str] = []
    if len(path) <= MAX_RELATIVE and not _SUSPECT.search(path):
        return problems
    for part in path.split("/"):
        stem = part.split(".", 1)[0].rstrip(" ")
        if _RESERVED.fullmatch(stem):
            problems.append(
                f"nazwa „{part}” jest zastrzeżona w Windows ({stem.upper()} — także "
                "z rozszerzeniem): takiego pliku nie da się tam utworzyć"
            )
        bad = sorted(set(_FORBIDDEN.findall(part)))
        if bad:
            shown = " ".join(_shown(c) for c in bad)
            problems.append(
                f"nazwa „{_printable(part)}” zawiera znaki niedozwolone w Windows: {shown}"
            )
        if part.endswith((".", " ")) and part not in (".", ".."):
            problems.append(
                f"nazwa „{part}” kończy się kropką lub spacją — Windows je obcina i plik "
                "staje się innym plikiem"
            )
    if len(path) > MAX_RELATIVE:
        problems.append(
            f"ścieżka ma {len(path)} znaków, najwyżej {MAX_RELATIVE}: z folderem, do którego "
            f"urząd klonuje repozytorium (przyjęto do {CLONE_PREFIX} znaków, np. "
            "C:\\Users\\…\\Documents\\…), przekroczy 260 znaków, których nie obsłużą "
            "Eksplorator Windows ani Word — skróć nazwy folderów lub pliku"
        )
    return problems


_FORBIDDEN_SET = frozenset('<>:"|?*\\' + "".join(map(chr, range(32))))
_TRAILING = ("./", " /", ".\x00", " \x00")
_RESERVED_STARTS = ("/con", "/prn", "/aux", "/nul", "/com", "/lpt")


def all_problems(paths: list[str]) -> Iterator[tuple[str, str]]:
    """(path, problem) for every path of the repository. A few string searches over all the
    names at once clear a clean repository (a regular expression per name took 43 ms at
    16,000 files); only then is each name looked at."""
    joined = "\x00/".join(paths).lower() + "\x00"  # every name starts after a /
    suspect = (
        not _FORBIDDEN_SET.isdisjoint(joined.replace("\x00", ""))
        or any(end in joined for end in _TRAILING)
        or any(start in "/" + joined for start in _RESERVED_STARTS)
    )
    for path in paths if suspect else [p for p in paths if len(p) > MAX_RELATIVE]:
        for problem in name_problems(path):
            yield path, problem


def _shown(char: str) -> str:
    return f"U+{ord(char):04X}" if ord(char) < 32 else f"„{char}”"


def _printable(text: str) -> str:
    return "".join(f"U+{ord(c):04X}" if ord(c) < 32 else c for c in text)


def fold(name: str) -> str:
    """The name as Windows and macOS compare it: letter case and Unicode composition ignored
    (``Ó`` typed as one character or as O with a combining accent is the same file there)."""
    return unicodedata.normalize("NFC", name).casefold()


def case_clashes(paths: Iterable[str]) -> dict[str, list[str]]:
    """Each file or folder whose path differs from another's only in letter case (or Unicode
    composition) -> the other spellings, sorted. Folders are compared too: ``Procedury/`` and
    ``procedury/`` become one folder on Windows."""
    spellings: dict[str, set[str]] = {}
    folders: set[str] = set()
    for path in paths:
        spellings.setdefault(fold(path), set()).add(path)
        folders.add(path.rpartition("/")[0])
    for folder in folders:  # far fewer than files
        parts = folder.split("/")
        for end in range(1, len(parts) + 1):
            prefix = "/".join(parts[:end])
            spellings.setdefault(fold(prefix), set()).add(prefix)
    clashes: dict[str, list[str]] = {}
    for names in spellings.values():
        if len(names) < 2:
            continue
        for name in names:
            clashes[name] = sorted(names - {name})
    return {  # a folder that clashes is reported once, not again for every file inside it
        name: others
        for name, others in clashes.items()
        if not any(name.startswith(f"{folder}/") for folder in clashes)
    }
