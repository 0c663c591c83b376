"""The layout of an office repository: which file is what, and reading it into ``SourceFile``."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from qms_cli.errors import NotAnOfficeRepository
from qms_cli.io import yamlfast
from qms_cli.io.limits import (
    MAX_DOCUMENT_BYTES,
    MAX_FRONT_MATTER_CHARS,
    MAX_YAML_BYTES,
    too_big,
)
from qms_cli.model import filekinds
from qms_cli.model.documents import SourceFile

CONFIG_FILE = "qms.yaml"
SCANNED_ROOTS = ("qms.yaml", "jrwa.yaml", "register.yaml", "org", "documents", "records")
IGNORED_NAMES = frozenset({"README.md", ".gitkeep", ".gitignore"})


@dataclass(frozen=True)
class Kind:
    """What a file is: ``name``, the JSON Schema it must satisfy, and whether it is Markdown."""

    name: str
    pattern: re.Pattern[str]
    schema: str | None
    markdown: bool = False


_AUDIT = r"records/audits/(?!external/)[^/]+/"  # one internal audit's folder

# First match wins; later issues add record kinds (audits, capa, surveys …) here.
KINDS: list[Kind] = [
    Kind("config", re.compile(r"qms\.yaml"), "qms"),
    Kind("structure", re.compile(r"org/structure\.yaml"), "structure"),
    Kind("signers", re.compile(r"org/signers\.yaml"), "signers"),
    Kind("auditors", re.compile(r"org/auditors\.yaml"), "auditors"),
    Kind("people", re.compile(r"org/people\.yaml"), "people"),
    Kind("iso-data", re.compile(r"org/iso/iso9001-\d{4}\.yaml"), "iso-edition"),
    Kind("iso-data", re.compile(r"org/iso/map-\d{4}-\d{4}\.yaml"), None),
    Kind("jrwa", re.compile(r"jrwa\.yaml"), "jrwa"),
    Kind("register", re.compile(r"register\.yaml"), None),
    Kind("external", re.compile(r"documents/external\.yaml"), "external"),
    Kind("document", re.compile(r"documents/.+\.md"), "document", markdown=True),
    Kind("context", re.compile(r"records/context\.yaml"), "context"),
    Kind("risks", re.compile(r"records/risks\.yaml"), "risks"),
    Kind("suppliers", re.compile(r"records/suppliers\.yaml"), "suppliers"),
    Kind(
        "supplier-evaluation",
        re.compile(r"records/suppliers/[^/]+-\d{4}\.yaml"),
        "supplier-evaluation",
    ),
    Kind("objectives", re.compile(r"records/objectives/\d{4}\.yaml"), "objectives"),
    Kind("audit-programme", re.compile(r"records/audits/programme-\d{4}\.yaml"), "audit-programme"),
    Kind("audit-plan", re.compile(_AUDIT + r"plan\.yaml"), "audit-plan"),
    Kind("audit-checklist", re.compile(_AUDIT + r"checklist\.yaml"), "audit-checklist"),
    Kind("audit-findings", re.compile(_AUDIT + r"findings\.yaml"), "audit-findings"),
    Kind("audit-report", re.compile(_AUDIT + r"report\.md"), "audit-report", markdown=True),
    Kind("external-audit", re.compile(r"records/audits/external/[^/]+\.yaml"), "external-audit"),
    Kind("capa", re.compile(r"records/capa/[^/]+\.yaml"), "capa"),
    Kind("survey-imports", re.compile(r"records/surveys/\d{4}/imports\.yaml"), "survey-imports"),
    Kind(
        "survey-report",
        re.compile(r"records/surveys/\d{4}/raport-\d{4}\.md"),
        "survey-report",
        markdown=True,
    ),
    Kind("complaint", re.compile(r"records/complaints/SK-\d{4}-\d{3,}\.yaml"), "complaint"),
    Kind("nc", re.compile(r"records/nc/NZ-\d{4}-\d{3,}\.yaml"), "nc"),
    Kind("training", re.compile(r"records/trainings/SZ-\d{4}-\d{3,}\.yaml"), "training"),
    Kind("review", re.compile(r"records/reviews/PZ-\d{4}\.md"), "review", markdown=True),
    Kind("review-actions", re.compile(r"records/reviews/actions\.yaml"), "review-actions"),
    Kind("acks", re.compile(r"records/acks/[^/]+\.yaml"), "acks"),
    Kind("doc-reviews", re.compile(r"records/doc-reviews\.yaml"), "doc-reviews"),
    Kind(
        "transition-plan",
        re.compile(r"records/transition/plan-iso9001-\d{4}\.yaml"),
        "transition-plan",
    ),
    Kind("record", re.compile(r"records/.+\.ya?ml"), None),
    Kind("asset", re.compile(r"documents/.+"), None),
]


def kind_of(rel: str) -> Kind | None:
    for kind in KINDS:
        if kind.pattern.fullmatch(rel):
            return kind
    return None


def find_root(start: Path) -> Path:
    """The office repository containing ``start`` (the nearest folder with qms.yaml)."""
    start = start.resolve()
    if not start.exists():
        raise NotAnOfficeRepository(f"folder {start} nie istnieje")
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise NotAnOfficeRepository(
        f"{start} nie jest repozytorium dokumentacji SZJ: brak pliku {CONFIG_FILE}",
        hint="Utwórz repozytorium poleceniem „qms init FOLDER” albo wskaż właściwy folder.",
    )


def iter_files(root: Path, links: list[str] | None = None) -> Iterator[tuple[str, os.stat_result]]:
    """Every file qms reads, as (posix path relative to root, stat), in a stable order.
    Symbolic links inside the folders are not read; their paths go to ``links``."""
    for name in SCANNED_ROOTS:
        top = root / name
        if links is not None and top.is_symlink():
            links.append(name)
        if top.is_file():
            yield name, top.stat()
        elif top.is_dir():
            yield from _walk(top, name, links)


NAMED_ONLY = ("templates", "assets")  # files qms does not parse but copies into PDFs and BIP


def other_names(root: Path) -> list[str]:
    """Paths of the files under ``NAMED_ONLY``: their names must work everywhere too."""
    names: list[str] = []
    links: list[str] = []
    for top in NAMED_ONLY:
        if (root / top).is_dir() and not (root / top).is_symlink():
            names.extend(rel for rel, _ in _walk(root / top, top, links))
    return names + links


def _walk(
    folder: Path, rel: str, links: list[str] | None = None
) -> Iterator[tuple[str, os.stat_result]]:
    with os.scandir(folder) as entries:
        ordered = sorted(entries, key=lambda e: e.name)
    for entry in ordered:
        if entry.name.startswith(".") or entry.name in IGNORED_NAMES:
            continue
        child = f"{rel}/{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path), child, links)
        elif entry.is_file(follow_symlinks=False):
            yield child, entry.stat(follow_symlinks=False)
        elif links is not None and entry.is_symlink():
            links.append(child)


def size_limit(kind: Kind) -> int:
    """The largest file of this kind that qms reads (``io/limits.py``)."""
    return MAX_DOCUMENT_BYTES if kind.markdown else MAX_YAML_BYTES


def oversized(rel: str, kind: Kind, size: int, content_hash: str) -> SourceFile:
    """A file over its cap, left unread: its one problem says so."""
    source = SourceFile(path=rel, kind=kind.name, digest=content_hash)
    source.problems.append(("QMS002", too_big("plik", size, size_limit(kind)), None))
    return source


def read_bytes(root: str, rel: str) -> bytes:
    """The bytes of ``root/rel``; unbuffered and without ``Path``: ~4 µs a file less, which
    counts when a check reads thousands."""
    with open(f"{root}/{rel}", "rb", buffering=0) as handle:  # noqa: PTH123 - see above
        return handle.readall()


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def read_source(rel: str, raw: bytes, kind: Kind, content_hash: str | None = None) -> SourceFile:
    """Decode and parse one file. Problems (encoding, syntax) go to ``problems``, never raise."""
    source = SourceFile(path=rel, kind=kind.name, digest=content_hash or digest(raw))
    if kind.name == "asset":
        problem = filekinds.content_problem(rel, raw[: filekinds.SNIFF_BYTES])
        if problem is not None:
            source.problems.append(("QMS008", f"{problem}, choć tak mówi nazwa pliku", None))
        return source
    if len(raw) > size_limit(kind):
        return oversized(rel, kind, len(raw), source.digest)
    if b"\x00" in raw:
        source.problems.append(("QMS003", "plik binarny — oczekiwano tekstu UTF-8", None))
        return source
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        source.problems.append(
            (
                "QMS003",
                f"niepoprawne kodowanie: bajt 0x{raw[exc.start]:02x} nie jest UTF-8 "
                "(zapisz plik jako UTF-8; plik z Windows-1250 zamieni „qms fix”)",
                line,
            )
        )
        return source
    text = text.removeprefix("\ufeff")
    if b"\r" in raw:  # a byte search is ~20x cheaper than replace() over the whole text
        text = text.replace("\r\n", "\n")
    source.text = text
    yaml_text, limit, what = text, MAX_YAML_BYTES, "plik YAML"
    if kind.markdown:
        limit, what = MAX_FRONT_MATTER_CHARS, "nagłówek YAML"
        split = split_front_matter(text)
        if split is None:
            source.problems.append(
                (
                    "QMS002",
                    "brak nagłówka YAML: dokument musi zaczynać się od linii „---”, "
                    "a nagłówek kończyć linią „---”",
                    1,
                )
            )
            return source
        yaml_text, source.body, source.body_line = split
        source.yaml_line = 2
    try:
        data = yamlfast.load(yaml_text, limit, what)
    except yamlfast.YamlProblem as exc:
        where = exc.line + source.yaml_line - 1 if exc.line is not None else None
        source.problems.append(("QMS002", exc.message, where))
        return source
    if data is None:
        data = {}
    if not isinstance(data, dict):
        source.problems.append(
            ("QMS002", "plik musi zawierać mapowanie „klucz: wartość”", source.yaml_line)
        )
        return source
    source.data = data
    return source


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter YAML, body, 1-based line where the body starts) or None."""
    if not text.startswith("---\n"):
        return None
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.MULTILINE)
    if end is None:
        return None
    yaml_text = text[4 : 4 + end.start()]
    rest = text[4 + end.end() :]
    body = rest[1:] if rest.startswith("\n") else rest
    body_line = yaml_text.count("\n") + 3
    return yaml_text, body, body_line
