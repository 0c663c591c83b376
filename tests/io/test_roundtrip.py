"""Round trip: people's YAML keeps its bytes, comments and order; null stays null."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_cli.io.roundtrip import dump_rt, load_rt
from qms_cli.resources import data_path

TEMPLATE = data_path("docs-repo-template")
YAML_FILES = sorted(
    p for p in TEMPLATE.rglob("*.yaml") if ".github" not in p.parts and p.name != ".gitlab-ci.yml"
)


@pytest.mark.parametrize("path", YAML_FILES, ids=[str(p.relative_to(TEMPLATE)) for p in YAML_FILES])
def test_example_office_yaml_round_trips_byte_for_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert dump_rt(load_rt(text)) == text


def test_null_is_written_as_null() -> None:
    data = load_rt("a: 1  # komentarz\nb: x\n")
    data["b"] = None
    assert dump_rt(data) == "a: 1  # komentarz\nb: null\n"
