"""The office's records that qms writes and people edit: new files and folders completely or
not at all, and edits of existing YAML and Markdown front matter that keep people's comments,
key order and quotes (ruamel round-trip). Text is read the way ``qms check`` reads it (a
UTF-8 BOM dropped, CRLF as LF). The services build new YAML nodes here (``new_map``,
``new_seq``), never with ruamel themselves."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from qms_cli.errors import QmsError
from qms_cli.io import yamlfast
from qms_cli.io.atomic import write_atomic
from qms_cli.io.layout import split_front_matter
from qms_cli.io.roundtrip import dump_rt, load_rt

T = TypeVar("T")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FLOW_WIDTH = 80  # lists and small mappings of scalars up to this width are written [a, b]
FLOW_KEYS = 3


def styled(value: Any) -> Any:
    """Plain data as ruamel nodes in the office's style: dates unquoted, short lists and small
    mappings of words in flow style, empty strings and strings that start with a digit ("9.2",
    "2027-03") or that YAML would read as something else in double quotes."""
    if isinstance(value, Mapping):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = styled(item)
        if 0 < len(value) <= FLOW_KEYS and _fits([*map(str, value), *value.values()]):
            node.fa.set_flow_style()
        return node
    if isinstance(value, list | tuple):
        seq = CommentedSeq([styled(v) for v in value])
        if _fits(value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str):
        return _string(value)
    return value


def _fits(values: Sequence[Any]) -> bool:
    """Short words and numbers only: prose always gets a line of its own."""
    words = all(not isinstance(v, Mapping | list | tuple) and " " not in str(v) for v in values)
    return words and sum(len(str(v)) + 4 for v in values) <= FLOW_WIDTH


def _string(text: str) -> Any:
    if "\n" in text:
        return LiteralScalarString(text if text.endswith("\n") else text + "\n")
    if _DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return DoubleQuotedScalarString(text)
    if not text:
        return DoubleQuotedScalarString(text)
    try:
        parsed = yamlfast.load(text)
    except yamlfast.YamlProblem:
        parsed = None
    plain = isinstance(parsed, str) and parsed == text and not text[:1].isdigit()
    return text if plain else DoubleQuotedScalarString(text)


def yaml_text(
    data: Mapping[str, Any],
    header: Sequence[str] = (),
    notes: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """A new YAML file: comment lines, a blank line, then the data. ``notes[key][i]`` is a
    comment written above item ``i`` of the top-level list ``key``."""
    node = styled(data)
    for key, lines in (notes or {}).items():
        for index, line in enumerate(lines):
            node[key].yaml_set_comment_before_after_key(index, before=line, indent=2)
    comments = "".join(f"# {line}".rstrip() + "\n" for line in header)
    return comments + ("\n" if comments else "") + dump_rt(node)


def new_map(items: Iterable[tuple[str, Any]] = (), *, flow: bool = False) -> CommentedMap:
    """A mapping written in the order given; ``flow``: on one line, ``{a: 1, b: 2}``."""
    node = CommentedMap(items)
    if flow:
        node.fa.set_flow_style()
    return node


def new_seq(items: Iterable[Any] = (), *, flow: bool = False) -> CommentedSeq:
    """A list; ``flow``: on one line, ``[a, b]``."""
    node = CommentedSeq(items)
    if flow:
        node.fa.set_flow_style()
    return node


def comment_after(node: CommentedMap, key: str, comment: str) -> None:
    """A ``# comment`` at the end of ``key``'s line."""
    node.yaml_add_eol_comment(comment, key)


def markdown_text(meta: Any, body: str) -> str:
    """A Markdown file: ``meta`` (round-trip data, see ``styled``) as front matter, then
    ``body`` right after the closing ``---`` line."""
    return "---\n" + dump_rt(meta) + "---\n" + body


def read_optional(path: Path, rel: str | None = None) -> str | None:
    """The text of ``path`` (named ``rel`` in messages), None when there is no such file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise QmsError(f"{rel or path}: nie można odczytać pliku ({exc})") from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def read_text(path: Path, rel: str | None = None) -> str:
    text = read_optional(path, rel)
    if text is None:
        raise QmsError(f"nie ma pliku {rel or path}")
    return text


def _load(text: str, rel: str, front_matter: bool = False) -> Any:
    try:
        return load_rt(text, front_matter)
    except yamlfast.YamlProblem as exc:
        line = exc.line + 1 if front_matter and exc.line is not None else exc.line
        what = "nagłówek YAML: " if front_matter else ""
        raise QmsError(
            f"{what}{exc.message} — niczego nie zmieniono",
            hint="Uruchom „qms check”, popraw plik i spróbuj ponownie.",
            path=rel,
            line=line,
        ) from None


def edit_yaml(path: Path, change: Callable[[Any], T]) -> T:
    """Load ``path`` round-trip, let ``change`` edit the data, write it back atomically."""
    data = _load(read_text(path), str(path))
    if not isinstance(data, CommentedMap):
        raise QmsError(f"plik {path} nie zawiera mapowania „klucz: wartość”")
    result = change(data)
    write_atomic(path, dump_rt(data))
    return result


def load_yaml_rt(path: Path, rel: str) -> Any:
    """A YAML record for editing (None when the file does not exist)."""
    text = read_optional(path, rel)
    return None if text is None else _load(text, rel)


def save_yaml_rt(path: Path, data: Any, *, header: str = "", exclusive: bool = False) -> None:
    """Write a YAML record (``header``: comment lines for a new file)."""
    if exclusive:
        create_file(path, header + dump_rt(data))
    else:
        write_atomic(path, header + dump_rt(data))


def read_markdown(path: Path, rel: str) -> tuple[Any, str] | None:
    """(front matter for editing, body) of a Markdown record, None when there is no file."""
    text = read_optional(path, rel)
    if text is None:
        return None
    split = split_front_matter(text)
    if split is None:
        raise QmsError(f"{rel}: brak nagłówka YAML między liniami „---”")
    return _load(split[0], rel, front_matter=True), split[1]


def create_file(path: Path, text: str) -> None:
    """Write a new file; an existing one is never replaced."""
    try:
        write_atomic(path, text, exclusive=True)
    except FileExistsError:
        raise QmsError(f"plik {path} już istnieje — niczego nie nadpisano") from None


def create_folder(folder: Path, files: Mapping[str, str]) -> None:
    """Create ``folder`` with ``files`` all at once: written into a hidden staging folder next
    to it, then renamed into place. An existing folder is never touched."""
    if folder.exists():
        raise QmsError(f"folder {folder.as_posix()} już istnieje — niczego nie nadpisano")
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".tmp"))
    try:
        for name, text in files.items():
            write_atomic(staging / name, text)
        try:
            staging.rename(folder)  # fails when folder appeared meanwhile and is not empty
        except OSError:
            taken = f"folder {folder.as_posix()} już istnieje — niczego nie nadpisano"
            raise QmsError(taken) from None
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)


def rename_folder(old: Path, new: Path) -> None:
    if new.exists():
        raise QmsError(f"folder {new.as_posix()} już istnieje — niczego nie zmieniono")
    try:
        old.rename(new)
    except OSError as exc:  # Windows: a file inside is held open by another program
        raise QmsError(
            f"nie można zmienić nazwy folderu {old.as_posix()}: {exc.strerror} — niczego nie "
            "zmieniono",
            hint="Zamknij pliki z tego folderu otwarte w innych programach i ponów polecenie.",
        ) from None


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9._-]*|\d{4}-\d{2}-\d{2}|[1-9]\d{0,8}")
_WORDS = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n"})


def flow_item(values: Mapping[str, str | int | dt.date]) -> str:
    """One list item on one line, ``  - {person: P-0042, edition: 2, date: 2027-01-12}``;
    a string that YAML would read as something else is quoted."""

    def scalar(value: str | int | dt.date) -> str:
        if isinstance(value, int | dt.date):
            return str(value)
        plain = _PLAIN.fullmatch(value) and not value[0].isdigit() and value.lower() not in _WORDS
        return value if plain else json.dumps(value, ensure_ascii=False)

    return "  - {" + ", ".join(f"{k}: {scalar(v)}" for k, v in values.items()) + "}\n"


def append_to_last_list(path: Path, rel: str, key: str, lines: Sequence[str]) -> bool:
    """Append ``lines`` (``flow_item``s) to the block list ``key`` when it is the last
    top-level key of the file: the bytes before stay as they are and no parser rewrites the
    file (fast for long lists). False when the file is laid out otherwise: the caller edits
    it round trip."""
    text = read_optional(path, rel)
    if text is None:
        return False
    tops = [line for line in text.split("\n") if line[:1].isalpha()]
    if not tops or tops[-1].rstrip() != f"{key}:":
        return False
    write_atomic(path, text.rstrip("\n") + "\n" + "".join(lines))
    return True
