"""The loaded form of a source file and of a document (the types: ``model.doctypes``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# files under documents/ that are attachments, not documents
ASSET_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp"})


@dataclass
class SourceFile:
    """A file of the office repository as read and parsed.

    ``kind`` says what the file is (``config``, ``document``, ``structure`` …; see
    ``io.layout``). ``data`` is the parsed YAML (the front matter for Markdown), ``None`` when
    it could not be parsed. ``yaml_line`` is the file line where the YAML starts (2 for front
    matter after the opening ``---``). ``body`` is the Markdown after the front matter.
    """

    path: str
    kind: str
    digest: str
    data: Any = None
    body: str = ""
    body_line: int = 1
    yaml_line: int = 1
    text: str = ""
    problems: list[Any] = field(default_factory=list)
    body_loaded: bool = True  # False: left out of the check cache (services.check)

    @property
    def ok(self) -> bool:
        return self.data is not None


@dataclass(frozen=True)
class Document:
    """A controlled document (Markdown with front matter)."""

    id: str
    type: str
    title: str
    path: str
    meta: dict[str, Any]
    body: str
    body_line: int

    @property
    def status(self) -> str:
        return str(self.meta.get("status", "active"))

    @property
    def owner(self) -> str | None:
        owner = self.meta.get("owner")
        return str(owner) if owner is not None else None

    def refs(self, key: str) -> list[str]:
        """The ids listed under ``key`` (a list of strings), ignoring wrong types."""
        value = self.meta.get(key)
        if isinstance(value, list):
            return [v for v in value if isinstance(v, str)]
        return [value] if isinstance(value, str) else []
