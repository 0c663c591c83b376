"""Round-trip YAML (ruamel.yaml): edit people's files keeping comments, order and quotes."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from qms_cli.io import yamlfast
from qms_cli.io.limits import MAX_FRONT_MATTER_CHARS
from qms_cli.io.yamlfast import YamlProblem


def _represent_none(representer: Any, _: None) -> Any:
    """Write ``null`` (ruamel's default is an empty value, which people misread)."""
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.representer.add_representer(type(None), _represent_none)
    # one object written twice (a date used for two keys) stays two plain values, never an
    # anchor and an alias: qms refuses anchors on collections and people misread them anyway
    yaml.representer.ignore_aliases = lambda _data: True
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


def load_rt(text: str, front_matter: bool = False) -> Any:
    """Load for editing. Raises ``YamlProblem`` (Polish message, line in ``text``) for anything
    the text does wrong: over its size cap (a YAML file's, or with ``front_matter`` a Markdown
    header's), anchors on collections or a too deep nesting (``yamlfast.guard``: checked before
    ruamel builds anything), or a syntax error."""
    if front_matter:
        yamlfast.guard(text, MAX_FRONT_MATTER_CHARS, "nagłówek YAML", thorough=True)
    else:
        yamlfast.guard(text, thorough=True)
    try:
        return _yaml().load(text)
    except Exception as exc:  # ruamel's errors on malformed input are many and not all YAMLError
        raise _problem(text, exc) from None


def _problem(text: str, exc: Exception) -> YamlProblem:
    """The fast reader's Polish words for what ruamel refused; ruamel's line when the fast
    reader accepts the text (the two parsers differ in a few corners)."""
    try:
        yamlfast.load(text)
    except YamlProblem as problem:
        return problem
    mark = exc.problem_mark if isinstance(exc, MarkedYAMLError) else None
    line = mark.line + 1 if mark is not None else None
    return YamlProblem(f"błąd składni YAML ({type(exc).__name__})", line)


def dump_rt(data: Any) -> str:
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    return buffer.getvalue()
