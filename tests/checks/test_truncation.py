"""A property of every reader: a YAML file of the office cut off anywhere (a save interrupted, a
paste gone wrong) is a finding for ``qms check`` and a refusal (exit 3) for other commands,
never a crash (exit 4). The slow test tries every prefix length; the fast one the cut points
where parsers slip most: at and around line ends and right after YAML's indicators."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest

from qms_cli.errors import QmsError
from qms_cli.io.roundtrip import load_rt
from qms_cli.io.yamlfast import YamlProblem
from qms_cli.services.check import run_check
from qms_cli.services.loading import load_repository

SMALL_FILES = [
    "qms.yaml",
    "org/structure.yaml",
    "org/auditors.yaml",
    "org/signers.yaml",
    "jrwa.yaml",
    "records/context.yaml",
    "records/risks.yaml",
]


def interesting_cuts(text: str) -> list[int]:
    cuts = {0, len(text)}
    for index, char in enumerate(text):
        if char == "\n":
            cuts.update((index - 1, index, index + 1))
        elif char in ":[{,\"'":
            cuts.update((index, index + 1))
    return sorted(c for c in cuts if 0 <= c <= len(text))


def assert_never_crashes(root: Path, rel: str, cuts: list[int], today: dt.date) -> None:
    path = root / rel
    full = path.read_text(encoding="utf-8")
    for cut in cuts:
        text = full[:cut]
        path.write_text(text, encoding="utf-8")
        try:
            run_check(root, today=today)
            load_repository(root)
        except QmsError:
            pass
        except Exception as exc:  # exit 4 in the CLI
            pytest.fail(f"{rel} cut at {cut} ({text[-20:]!r}): {type(exc).__name__}: {exc}")
        with contextlib.suppress(YamlProblem):
            load_rt(text)
    path.write_text(full, encoding="utf-8")


def test_a_cut_off_file_is_never_a_crash(minimal: Path, today: dt.date) -> None:
    rel = "org/structure.yaml"  # the file of issue 13 (``units: [`` was an IndexError)
    text = (minimal / rel).read_text(encoding="utf-8")
    assert_never_crashes(minimal, rel, interesting_cuts(text), today)


@pytest.mark.slow
@pytest.mark.parametrize("rel", SMALL_FILES)
def test_every_prefix_of_a_file_is_never_a_crash(minimal: Path, rel: str, today: dt.date) -> None:
    length = len((minimal / rel).read_text(encoding="utf-8"))
    assert_never_crashes(minimal, rel, list(range(length + 1)), today)
