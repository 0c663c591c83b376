"""Records that qms writes and people may edit: round-trip YAML (comments and order kept),
Markdown with front matter, written atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io.atomic import write_atomic
from qms_cli.io.layout import split_front_matter
from qms_cli.io.roundtrip import dump_rt, load_rt
from qms_cli.io.yamlfast import YamlProblem


def load_yaml_rt(path: Path, rel: str) -> Any:
    """A YAML record for editing (None when the file does not exist)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise QmsError(f"{rel}: nie można odczytać pliku ({exc})") from None
    try:
        return load_rt(text)
    except YamlProblem as exc:
        raise QmsError(
            f"{exc.message} — niczego nie zmieniono",
            hint="Uruchom „qms check”, popraw plik i spróbuj ponownie.",
            path=rel,
            line=exc.line,
        ) from None


def save_yaml_rt(path: Path, data: Any, *, header: str = "", exclusive: bool = False) -> None:
    """Write a YAML record (``header``: comment lines for a new file)."""
    try:
        write_atomic(path, header + dump_rt(data), exclusive=exclusive)
    except FileExistsError:
        raise QmsError(f"plik {path} już istnieje — niczego nie nadpisano") from None


def write_new(path: Path, text: str) -> None:
    """Create a file that must not exist yet."""
    try:
        write_atomic(path, text, exclusive=True)
    except FileExistsError:
        raise QmsError(f"plik {path} już istnieje — niczego nie nadpisano") from None


def read_markdown(path: Path, rel: str) -> tuple[Any, str] | None:
    """(front matter for editing, body) of a Markdown record, None when there is no file."""
    try:
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise QmsError(f"{rel}: nie można odczytać pliku ({exc})") from None
    split = split_front_matter(text)
    if split is None:
        raise QmsError(f"{rel}: brak nagłówka YAML między liniami „---”")
    try:
        meta = load_rt(split[0], front_matter=True)
    except YamlProblem as exc:
        raise QmsError(
            f"nagłówek YAML: {exc.message} — niczego nie zmieniono",
            path=rel,
            line=exc.line + 1 if exc.line is not None else None,
        ) from None
    return meta, split[1]


def markdown_text(meta: Any, body: str) -> str:
    return "---\n" + dump_rt(meta) + "---\n" + body


def write_text(path: Path, text: str) -> None:
    write_atomic(path, text)
