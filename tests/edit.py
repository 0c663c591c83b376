"""Small helpers to change files of a fixture repository in tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from qms_cli.io.layout import split_front_matter
from qms_cli.io.roundtrip import dump_rt, load_rt


def edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    """Load a YAML file (or a Markdown file's front matter) round-trip, change it, write back."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        split = split_front_matter(text)
        assert split is not None, path
        data = load_rt(split[0])
        change(data)
        path.write_text("---\n" + dump_rt(data) + "---\n" + split[1], encoding="utf-8")
        return
    data = load_rt(text)
    change(data)
    path.write_text(dump_rt(data), encoding="utf-8")


def set_value(path: Path, *keys: Any, value: Any) -> None:
    """Set the value at ``keys`` (mapping keys and list indices) of a YAML file or front matter."""

    def change(data: Any) -> None:
        _parent(data, keys)[keys[-1]] = value

    edit_yaml(path, change)


def delete_value(path: Path, *keys: Any) -> None:
    """Remove the value at ``keys`` of a YAML file or front matter."""

    def change(data: Any) -> None:
        del _parent(data, keys)[keys[-1]]

    edit_yaml(path, change)


def _parent(data: Any, keys: tuple[Any, ...]) -> Any:
    for key in keys[:-1]:
        data = data[key]
    return data


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)
