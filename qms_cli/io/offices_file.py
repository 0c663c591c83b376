"""The regional coordinator's list of offices (``offices.yaml`` for ``qms compare``): read and
parsed here, the only place that parses YAML; its meaning is ``model.metrics.parse_offices``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import yamlfast
from qms_cli.io.records import read_text


def load_offices(path: Path) -> Any:
    """The parsed YAML of the list; a syntax error is a QmsError with the line."""
    text = read_text(path, str(path))
    try:
        return yamlfast.load(text, what="lista urzędów")
    except yamlfast.YamlProblem as exc:
        raise QmsError(f"lista urzędów: {exc.message}", path=str(path), line=exc.line) from None
