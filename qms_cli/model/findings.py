"""A finding is one problem that a check reports: data, never printed by the library."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path


class Severity(enum.IntEnum):
    """Ordered so that ``max()`` gives the worst one."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return {"INFO": "info", "WARNING": "warning", "ERROR": "error"}[self.name]

    @property
    def label_pl(self) -> str:
        return {"INFO": "informacja", "WARNING": "ostrzeżenie", "ERROR": "błąd"}[self.name]

    @classmethod
    def parse(cls, text: str) -> Severity | None:
        """``error|warning|info`` to a severity, ``off`` to None."""
        value = text.strip().lower()
        if value == "off":
            return None
        return {"error": cls.ERROR, "warning": cls.WARNING, "info": cls.INFO}[value]


Pointer = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: rule code, severity, Polish message and where it is.

    ``pointer`` is the path inside a YAML document (``("related", 1)``); the check service turns
    it into ``line`` when the rule did not know the line itself.
    """

    path: str
    line: int | None
    code: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    pointer: Pointer = field(default=(), compare=False)
    column: int | None = field(default=None, compare=False)

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line or 0, self.code)


@dataclass
class CheckReport:
    """What ``qms check`` found in the repository at ``root``, sorted; ``files``: how many."""

    root: Path
    findings: list[Finding] = field(default_factory=list)
    files: int = 0

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, strict: bool = False) -> bool:
        worst = Severity.WARNING if strict else Severity.ERROR
        return any(f.severity >= worst for f in self.findings)
