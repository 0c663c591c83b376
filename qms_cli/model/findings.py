"""A finding is one problem that a check reports: data, never printed by the library."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


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
