"""Round-trip YAML (ruamel.yaml): edit people's files keeping comments, order and quotes."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML


def _represent_none(representer: Any, _: None) -> Any:
    """Write ``null`` (ruamel's default is an empty value, which people misread)."""
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.representer.add_representer(type(None), _represent_none)
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


def load_rt(text: str) -> Any:
    return _yaml().load(text)


def dump_rt(data: Any) -> str:
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    return buffer.getvalue()
