"""Reading the repository: every file through the cache, parsed, with its file-level findings.

``load_repository`` is what every command starts from (``services.workspace`` calls it once per
command); ``qms check`` adds the repository rules (``services.check``)."""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qms_cli import __version__
from qms_cli.checks.registry import RULES, Hit, iter_file_rules, load_all_rules
from qms_cli.errors import QmsError
from qms_cli.io import layout, yamlfast
from qms_cli.io.cache import FileCache
from qms_cli.io.limits import (
    MAX_DOCUMENT_BYTES,
    MAX_FRONT_MATTER_CHARS,
    MAX_YAML_BYTES,
    MAX_YAML_DEPTH,
)
from qms_cli.io.schemas import schemas_fingerprint
from qms_cli.model import register as R
from qms_cli.model.documents import SourceFile
from qms_cli.model.repository import Repository
from qms_cli.services.lookup import refuse_unreadable
from qms_cli.services.validation import schema_hits

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

CodedHit = tuple[str, Hit]
Packed = tuple[Any, ...]  # a parsed file and its findings as plain data (see _pack)
Miss = tuple[str, os.stat_result, layout.Kind]  # a file the cache could not answer


@dataclass(frozen=True)
class LoadedRepository:
    root: Path
    repo: Repository
    file_hits: list[CodedHit]
    links: tuple[str, ...] = ()  # symbolic links among the files (never read as files)
    paths: tuple[str, ...] = ()  # every file found, read or not (the names rule QMS111)
    # a digest of all the repository rules see: every file as parsed (bodies left out of the
    # cache excepted), the links and the paths; equal digests, equal findings (services.check)
    rules_input: str = ""


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
    cache = FileCache(root, cache_key()) if use_cache else None
    packed: dict[str, Packed] = {}
    misses: list[Miss] = []
    links: list[str] = []
    paths: list[str] = []
    for rel, stat in layout.iter_files(root, links):
        paths.append(rel)
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
    seen = hashlib.blake2b(digest_size=16)
    for rel in sorted(packed):
        seen.update(f"{rel}\x00{packed[rel][2]}\n".encode())
        source, source_hits = _unpack(packed[rel])
        if bodies and not source.body_loaded:
            _read_body(root, source)
        sources.append(source)
        hits.extend(source_hits)
    repo = Repository.build(sources)
    if strict:
        refuse_unreadable(repo)
    paths.extend(layout.other_names(root))
    seen.update("\x00".join(links + paths).encode())
    return LoadedRepository(root, repo, hits, tuple(links), tuple(paths + links), seen.hexdigest())


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
    method = _helper_method(len(misses))
    if method is None:
        return _parse_chunk(root, misses, known)
    import multiprocessing  # here: most runs are answered by the cache and never start one

    load_all_rules()
    mine, theirs = misses[::2], misses[1::2]
    context = (
        multiprocessing.get_context("fork")
        if method == "fork"
        else multiprocessing.get_context("spawn")
    )
    receive, send = context.Pipe(duplex=False)
    helper = context.Process(target=_parse_into, args=(root, theirs, known, send), daemon=True)
    try:
        helper.start()
    except OSError:  # no process could be started (limits, a locked-down desktop): one process
        receive.close()
        send.close()
        return _parse_chunk(root, misses, known)
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


# A spawned helper imports qms afresh (0.19-0.21 s on the benchmark machine) before it parses
# anything; at ~55 us a file (benchmarks/README.md) half the files must take longer than that.
SPAWN_FROM = 8000


def start_method(platform: str | None = None, available: list[str] | None = None) -> str | None:
    """How the parse helper starts: ``fork`` where it exists and is safe (Linux, the BSDs),
    ``spawn`` on Windows (no fork) and macOS (forking a process that has loaded system
    frameworks can crash it, Python's default there is spawn), ``None``: one process."""
    import multiprocessing

    platform = sys.platform if platform is None else platform
    methods = multiprocessing.get_all_start_methods() if available is None else available
    if "fork" in methods and platform != "darwin":
        return "fork"
    return "spawn" if "spawn" in methods else None


def _helper_method(files: int) -> str | None:
    """The start method of a helper worth starting for ``files`` files, or ``None``."""
    if files < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return None
    method = start_method()
    if method == "fork" and "typst" in sys.modules:  # a fork after Typst has run hangs
        return None
    if method == "spawn" and files < max(SPAWN_FROM, PARALLEL_FROM):
        return None
    return method


def _parse_into(root: Path, items: list[Miss], known: dict[str, Packed], send: Connection) -> None:
    """The helper process: its results go back as marshal data (several times faster than
    pickle); on any failure it sends nothing and the parent parses its share."""
    with send, contextlib.suppress(BaseException):  # the parent redoes it and reports errors
        load_all_rules()  # a spawned helper starts without them
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


def _pack(source: SourceFile, hits: list[CodedHit]) -> Packed:
    """Plain tuples for the cache (marshal): not the full text, and documents' bodies only
    where a check rule reads them (``None`` means: read from the file when needed); last, the
    digest of what the repository rules see of the file (a document's body they do not)."""
    kept = _keeps_body(source)
    parsed = (
        source.path,
        source.kind,
        source.digest,
        source.data,
        source.body if kept else None,
        source.body_line,
        source.yaml_line,
        [list(p) for p in source.problems],
    )
    seen = source.digest if kept else layout.digest(repr(parsed[3:]).encode())
    return (
        parsed,
        [(code, h.path, h.message, h.line, list(h.pointer)) for code, h in hits],
        seen,
    )


def _unpack(packed: Packed) -> tuple[SourceFile, list[CodedHit]]:
    (path, kind, digest, data, body, body_line, yaml_line, problems), hits, _ = packed
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


# bump when the messages of file-level findings change (cached findings carry their text)
MESSAGES_REVISION = 2  # 2: invisible characters named, qms fix suggested


def cache_key() -> str:
    """Cached results hold only while qms, its schemas, its input limits and its set of rules
    are the same (a file parsed before a cap existed must be looked at again)."""
    load_all_rules()  # the key must name every rule, whether or not one has run yet
    caps = f"{MAX_DOCUMENT_BYTES},{MAX_FRONT_MATTER_CHARS},{MAX_YAML_BYTES},{MAX_YAML_DEPTH}"
    rules = ",".join(sorted(RULES))
    return f"{__version__}:{MESSAGES_REVISION}:{schemas_fingerprint()}:{caps}:{rules}"


def _file_hits(source: SourceFile, kind: layout.Kind) -> Iterator[CodedHit]:
    for code, message, line in source.problems:
        yield code, Hit(source.path, message, line)
    if source.data is None:
        return
    if kind.schema is not None:
        for hit in schema_hits(source, kind.schema):
            yield "QMS001", located(source, hit)
    for rule in iter_file_rules(kind.name):
        for hit in rule.func(source):
            yield rule.code, located(source, hit)


def located(source: SourceFile, hit: Hit, root: Path | None = None) -> Hit:
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


REGISTER = "register.yaml"


def read_register(loaded: LoadedRepository) -> R.Register:
    """The register of documents in force (``register.yaml``), written by ``qms release``."""
    return register_of(loaded.repo)


def register_of(repo: Repository) -> R.Register:
    try:
        return R.from_data(repo.data("register"))
    except ValueError as exc:
        raise QmsError(str(exc), path=REGISTER) from None
