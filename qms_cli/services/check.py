"""``qms check``: read every file, validate, run every rule, return all findings at once."""

from __future__ import annotations

import contextlib
import datetime as dt
import marshal
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qms_cli import __version__
from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import (
    BUILTIN,
    RULES,
    Hit,
    iter_file_rules,
    iter_repo_rules,
    load_all_rules,
)
from qms_cli.io import clock, layout, repofiles, yamlfast
from qms_cli.io.cache import FileCache
from qms_cli.io.limits import (
    MAX_DOCUMENT_BYTES,
    MAX_FRONT_MATTER_CHARS,
    MAX_YAML_BYTES,
    MAX_YAML_DEPTH,
)
from qms_cli.io.schemas import schemas_fingerprint
from qms_cli.model.documents import SourceFile
from qms_cli.model.findings import Finding, Pointer, Severity
from qms_cli.model.repository import Repository
from qms_cli.services.lookup import refuse_unreadable
from qms_cli.services.validation import schema_hits

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

CodedHit = tuple[str, Hit]
Packed = tuple[Any, ...]  # a parsed file and its findings as plain data (see _pack)
Miss = tuple[str, os.stat_result, layout.Kind]  # a file the cache could not answer


@dataclass
class CheckReport:
    root: Path
    findings: list[Finding] = field(default_factory=list)
    files: int = 0

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, strict: bool = False) -> bool:
        worst = Severity.WARNING if strict else Severity.ERROR
        return any(f.severity >= worst for f in self.findings)


@dataclass(frozen=True)
class LoadedRepository:
    root: Path
    repo: Repository
    file_hits: list[CodedHit]
    links: tuple[str, ...] = ()  # symbolic links among the files (never read as files)


PARALLEL_FROM = 800  # files to parse before a second process pays for itself


def load_repository(
    path: Path, use_cache: bool = True, bodies: bool = True, strict: bool = True
) -> LoadedRepository:
    """Read and parse every file (through the cache); file-level findings come along.

    Document bodies are not kept in the cache (they are most of its size, and ``qms check``
    needs only the Quality Policy's): with ``bodies`` they are read from the files. With
    ``strict`` (every command but ``qms check``, which reports it as a finding) an unreadable
    qms.yaml, org/structure.yaml or register.yaml is a ``QmsError``."""
    root = layout.find_root(path)
    cache = FileCache(root, _cache_key()) if use_cache else None
    packed: dict[str, Packed] = {}
    misses: list[Miss] = []
    links: list[str] = []
    for rel, stat in layout.iter_files(root, links):
        hit = cache.lookup(rel, stat) if cache else None  # the cache holds only files qms reads
        if hit is not None:
            packed[rel] = hit
        elif (kind := layout.kind_of(rel)) is not None:
            misses.append((rel, stat, kind))
    stats = {rel: stat for rel, stat, _ in misses}
    for rel, digest, value in _parse_all(root, misses, cache):
        packed[rel] = value
        if cache:
            cache.store(rel, stats[rel], digest, value)
    if cache:
        cache.save()
    sources: list[SourceFile] = []
    hits: list[CodedHit] = []
    for rel in sorted(packed):
        source, source_hits = _unpack(packed[rel])
        if bodies and not source.body_loaded:
            _read_body(root, source)
        sources.append(source)
        hits.extend(source_hits)
    repo = Repository.build(sources)
    if strict:
        refuse_unreadable(repo)
    return LoadedRepository(root, repo, hits, tuple(links))


def _read_body(root: Path, source: SourceFile) -> None:
    path = root / source.path
    try:
        if path.stat().st_size > MAX_DOCUMENT_BYTES:  # reported by the check, never read
            return
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return
    split = layout.split_front_matter(text.replace("\r\n", "\n"))
    if split is not None:
        source.body, source.body_line = split[1], split[2]
    source.body_loaded = True


def _keeps_body(source: SourceFile) -> bool:
    """Bodies a check rule reads: records in Markdown and the Quality Policy."""
    if source.kind != "document":
        return True
    return isinstance(source.data, dict) and source.data.get("type") == "policy"


ParsedItem = tuple[str, str, Packed]  # path, content hash, parsed file with its findings


def _parse_all(root: Path, misses: list[Miss], cache: FileCache | None) -> list[ParsedItem]:
    """Parse the files the cache could not answer by stat; on two processes when many."""
    known = cache.by_digest if cache else {}
    # fork is cheap and safe here (no threads yet); never after Typst has run (it hangs)
    if len(misses) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or "typst" in sys.modules:
        return _parse_chunk(root, misses, known)
    import multiprocessing  # here: most runs are answered by the cache and never fork

    load_all_rules()
    mine, theirs = misses[::2], misses[1::2]
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    helper = context.Process(target=_parse_into, args=(root, theirs, known, send), daemon=True)
    helper.start()
    send.close()
    try:
        done = _parse_chunk(root, mine, known)  # this process parses its half meanwhile
        try:
            done.extend(marshal.loads(receive.recv_bytes()))
        except (EOFError, OSError, ValueError):  # the helper died: its half is parsed here
            done.extend(_parse_chunk(root, theirs, known))
    finally:
        receive.close()
        if helper.is_alive():
            helper.terminate()
        helper.join()
    return done


def _parse_into(root: Path, items: list[Miss], known: dict[str, Packed], send: Connection) -> None:
    """The helper process: its results go back as marshal data (several times faster than
    pickle); on any failure it sends nothing and the parent parses its share."""
    with send, contextlib.suppress(BaseException):  # the parent redoes it and reports errors
        send.send_bytes(marshal.dumps(_parse_chunk(root, items, known)))


def _parse_chunk(root: Path, items: list[Miss], known: dict[str, Packed]) -> list[ParsedItem]:
    """Read, parse and check files; content seen before (same hash) is taken from ``known``."""
    out: list[ParsedItem] = []
    folder = str(root)
    for rel, stat, kind in items:
        if stat.st_size > layout.size_limit(kind) and kind.name != "asset":
            out.append(_oversized(rel, stat, kind))  # never read: its size is the finding
            continue
        raw = layout.read_bytes(folder, rel)
        digest = layout.digest(raw)
        packed = known.get(digest)
        if packed is None or packed[0][0] != rel:
            source = layout.read_source(rel, raw, kind, digest)
            packed = _pack(source, list(_file_hits(source, kind)))
        out.append((rel, digest, packed))
    return out


def _oversized(rel: str, stat: os.stat_result, kind: layout.Kind) -> ParsedItem:
    digest = f"oversized:{stat.st_size}:{stat.st_mtime_ns}"
    source = layout.oversized(rel, kind, stat.st_size, digest)
    return rel, digest, _pack(source, list(_file_hits(source, kind)))


def run_check(
    path: Path, today: dt.date | None = None, use_cache: bool = True, trust_root: str | None = None
) -> CheckReport:
    from qms_cli.services.approvals import evaluate, start_git_reads

    root = layout.find_root(path)
    with start_git_reads(root) as reads:  # git reads the history while Python reads the files
        loaded = load_repository(root, use_cache, bodies=False, strict=False)
        approvals = evaluate(loaded, trust_root, use_cache, reads).report
    refused = repofiles.refused(loaded.root, loaded.links, loaded.repo.config)
    ctx = CheckContext(loaded.root, loaded.repo, today or clock.today(), approvals, refused)
    coded = list(loaded.file_hits)
    for rule in iter_repo_rules():
        coded.extend((rule.code, hit) for hit in rule.func(ctx))
    report = CheckReport(loaded.root, files=len(loaded.repo.files))
    report.findings = sorted(one_per_fact(list(_findings(loaded, coded))), key=Finding.sort_key)
    return report


SCHEMA = "QMS001"


def one_per_fact(findings: list[Finding]) -> list[Finding]:
    """One problem, one finding: where the schema already says what is wrong with an item or a
    field (objective 2 lacks its measure, say), the rules do not say it again about that item
    or anything in it. The approval rules always speak."""
    schema = {(f.path, f.pointer) for f in findings if f.code == SCHEMA and len(f.pointer) >= 2}
    if not schema:
        return findings
    return [
        f for f in findings if f.code == SCHEMA or is_locked(f.code) or not _overlaps(f, schema)
    ]


def _overlaps(finding: Finding, schema: set[tuple[str, Pointer]]) -> bool:
    mine = finding.pointer
    if len(mine) < 2:
        return False
    return any(path == finding.path and mine[: len(p)] == p for path, p in schema)


def _pack(source: SourceFile, hits: list[CodedHit]) -> Packed:
    """Plain tuples for the cache (marshal): not the full text, and documents' bodies only
    where a check rule reads them (``None`` means: read from the file when needed)."""
    return (
        (
            source.path,
            source.kind,
            source.digest,
            source.data,
            source.body if _keeps_body(source) else None,
            source.body_line,
            source.yaml_line,
            [list(p) for p in source.problems],
        ),
        [(code, h.path, h.message, h.line, list(h.pointer)) for code, h in hits],
    )


def _unpack(packed: Packed) -> tuple[SourceFile, list[CodedHit]]:
    (path, kind, digest, data, body, body_line, yaml_line, problems), hits = packed
    source = SourceFile(
        path,
        kind,
        digest,
        data,
        body or "",
        body_line,
        yaml_line,
        problems=[tuple(p) for p in problems],
        body_loaded=body is not None,
    )
    return source, [(c, Hit(p, m, line, tuple(ptr))) for c, p, m, line, ptr in hits]


def _cache_key() -> str:
    """Cached results hold only while qms, its schemas, its input limits and its set of rules
    are the same (a file parsed before a cap existed must be looked at again)."""
    load_all_rules()  # the key must name every rule, whether or not one has run yet
    caps = f"{MAX_DOCUMENT_BYTES},{MAX_FRONT_MATTER_CHARS},{MAX_YAML_BYTES},{MAX_YAML_DEPTH}"
    return f"{__version__}:{schemas_fingerprint()}:{caps}:{','.join(sorted(RULES))}"


def _file_hits(source: SourceFile, kind: layout.Kind) -> Iterator[CodedHit]:
    for code, message, line in source.problems:
        yield code, Hit(source.path, message, line)
    if source.data is None:
        return
    if kind.schema is not None:
        for hit in schema_hits(source, kind.schema):
            yield "QMS001", _located(source, hit)
    for rule in iter_file_rules(kind.name):
        for hit in rule.func(source):
            yield rule.code, _located(source, hit)


def _located(source: SourceFile, hit: Hit, root: Path | None = None) -> Hit:
    """Fill in the line of a hit that only knows its place in the YAML."""
    if hit.line is not None or source.path != hit.path:
        return hit
    text = source.text
    if not text and root is not None:
        try:
            text = (root / source.path).read_text(encoding="utf-8").replace("\r\n", "\n")
        except (OSError, UnicodeDecodeError):
            return hit
    yaml_text = text
    if source.yaml_line > 1:
        split = layout.split_front_matter(text)
        yaml_text = split[0] if split else ""
    line = yamlfast.locate(yaml_text, hit.pointer)
    if line is None:
        return hit
    return Hit(hit.path, hit.message, line + source.yaml_line - 1, hit.pointer)


def _severity_overrides(repo: Repository) -> dict[str, Severity | None]:
    rules = repo.config.get("rules")
    overrides: dict[str, Severity | None] = {}
    if isinstance(rules, dict):
        for code, value in rules.items():
            if isinstance(value, str) and value.lower() in ("error", "warning", "info", "off"):
                overrides[str(code)] = Severity.parse(value)
    return overrides


def suppressions(source: SourceFile | None) -> set[str]:
    """Rule codes a document switches off for itself, each with a written reason."""
    if source is None or not isinstance(source.data, dict):
        return set()
    entries = source.data.get("suppress")
    if not isinstance(entries, list):
        return set()
    return {
        str(e["rule"])
        for e in entries
        if isinstance(e, dict) and isinstance(e.get("reason"), str) and e["reason"].strip()
    }


def _findings(loaded: LoadedRepository, coded: Iterable[CodedHit]) -> Iterator[Finding]:
    repo = loaded.repo
    overrides = _severity_overrides(repo)
    suppressed: dict[str, set[str]] = {}
    for code, hit in coded:
        if hit.path not in suppressed:
            suppressed[hit.path] = suppressions(repo.files.get(hit.path))
        locked = is_locked(code)
        if code in suppressed[hit.path] and not locked:
            continue
        severity = (
            _default_severity(code) if locked else overrides.get(code, _default_severity(code))
        )
        if severity is None:
            continue
        located = hit
        if hit.line is None and hit.pointer and hit.path in repo.files:
            located = _located(repo.files[hit.path], hit, loaded.root)
        yield Finding(hit.path, located.line, code, severity, hit.message, hit.pointer)


LOCKED = ("QMS200", "QMS249")  # approvals: the trust rules, never switched off or lowered


def is_locked(code: str) -> bool:
    """Whether a rule's severity is fixed: ``rules:`` in qms.yaml and a document's
    ``suppress`` do not apply to it (an unapproved edit must not be able to hide itself)."""
    return LOCKED[0] <= code <= LOCKED[1]


def _default_severity(code: str) -> Severity:
    if code in RULES:
        return RULES[code].severity
    return BUILTIN[code][1]
