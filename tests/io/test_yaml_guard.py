"""Every YAML text qms reads passes one guard: a size cap, no anchors on lists or mappings (the
stuff of alias bombs), and every parser error as a ``YamlProblem`` with a Polish message."""

from __future__ import annotations

import datetime as dt
import tracemalloc

import pytest

from qms_cli.io import limits, yamlfast
from qms_cli.io.roundtrip import dump_rt, load_rt
from qms_cli.io.yamlfast import YamlProblem

LOADERS = [yamlfast.load, load_rt]
LOADER_IDS = ["fast", "roundtrip"]


def alias_bomb(levels: int = 9, width: int = 10, indent: str = "") -> str:
    """ "Billion laughs": ``width ** levels`` strings once expanded (10**9 by default)."""
    lines = [f"{indent}a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"{indent}a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("load", LOADERS, ids=LOADER_IDS)
def test_alias_bomb_is_refused_before_anything_is_built(load: object) -> None:
    assert callable(load)
    tracemalloc.start()
    try:
        with pytest.raises(YamlProblem) as refused:
            load("title: x\n" + alias_bomb())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.value.message == yamlfast.ALIASES_REFUSED
    assert (refused.value.line, refused.value.column) == (2, 5)
    assert peak < 1_000_000  # bytes: the bomb's events, never its expansion


@pytest.mark.parametrize("load", LOADERS, ids=LOADER_IDS)
@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: &x [1, 2]\nb: *x\n", 1),
        ("base: &x\n  k: 1\nother:\n  <<: *x\n", 1),
        ("items:\n  - &x\n    k: 1\n  - *x\n", 2),
        ("a: !!seq &x [1]\n", 1),
        ("a: &x {k: 1}\n", 1),
    ],
)
def test_anchor_on_a_list_or_mapping_is_refused_with_its_line(
    load: object, text: str, line: int
) -> None:
    assert callable(load)
    with pytest.raises(YamlProblem) as refused:
        load(text)
    assert refused.value.line == line
    assert "kotwica (&nazwa) na liście lub mapowaniu jest niedozwolona" in refused.value.message


@pytest.mark.parametrize("load", LOADERS, ids=LOADER_IDS)
def test_anchor_on_one_value_is_read(load: object) -> None:
    """Earlier qms wrote ``&id001`` for a date used twice; such files stay readable."""
    assert callable(load)
    data = load("closed:\n  date: &id001 2026-11-21\n  notified: *id001\n")
    assert data["closed"]["notified"] == data["closed"]["date"]


@pytest.mark.parametrize("load", LOADERS, ids=LOADER_IDS)
def test_ampersand_and_asterisk_in_values_are_text(load: object) -> None:
    assert callable(load)
    assert load('a: R&D *ważne*\nb: "&x"\nc: "*y"\n') == {"a": "R&D *ważne*", "b": "&x", "c": "*y"}


def test_the_writer_never_writes_anchors() -> None:
    day = dt.date(2026, 11, 21)
    shared = ["a", "b"]
    text = dump_rt({"date": day, "notified": day, "x": shared, "y": shared})
    assert "&" not in text and "*" not in text
    assert load_rt(text)["y"] == ["a", "b"]


@pytest.mark.parametrize("load", LOADERS, ids=LOADER_IDS)
@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("units: [", 1, "niepełna wartość"),  # no newline: the IndexError of issue 13
        ("units: [\n", 2, "niepełna wartość"),
        ("a: {", 1, "niepełna wartość"),
        ("a: 1\nb: [x,", 2, "niepełna wartość"),
        ('a: "x', 1, "nieoczekiwany koniec pliku"),
        ("a: *nope\n", 1, "nieznany alias"),
        ("[" * 5000, None, "zbyt głębokie zagnieżdżenie"),
    ],
)
def test_syntax_errors_are_yaml_problems(
    load: object, text: str, line: int | None, message: str
) -> None:
    assert callable(load)
    with pytest.raises(YamlProblem) as refused:
        load(text)
    assert message in refused.value.message
    if line is not None:
        assert refused.value.line == line


@pytest.mark.parametrize("load", LOADERS, ids=LOADER_IDS)
def test_a_deep_nesting_is_an_error_not_a_crash(load: object) -> None:
    assert callable(load)
    with pytest.raises(YamlProblem):
        load("a: " + "[" * 5000 + "]" * 5000 + "\n")


def test_the_editing_reader_refuses_a_nesting_over_the_cap() -> None:
    deep = limits.MAX_YAML_DEPTH + 1
    with pytest.raises(YamlProblem, match="zagnieżdżenie głębsze niż 64 poziomów"):
        load_rt("a: " + "[" * deep + "]" * deep + "\n")
    assert load_rt("a: [[1]]\n") == {"a": [[1]]}


@pytest.mark.parametrize("load", LOADERS, ids=LOADER_IDS)
def test_text_over_the_cap_is_not_parsed(load: object) -> None:
    assert callable(load)
    text = "a: " + "x" * limits.MAX_YAML_BYTES + "\n"
    with pytest.raises(YamlProblem) as refused:
        load(text)
    assert refused.value.message.startswith("plik YAML jest za duży (5 MB; limit 5 MB)")
    assert refused.value.line is None


def test_front_matter_has_its_own_cap() -> None:
    text = "a: " + "x" * limits.MAX_FRONT_MATTER_CHARS + "\n"
    with pytest.raises(YamlProblem, match=r"nagłówek YAML jest za duży \(256 KB; limit 256 KB\)"):
        yamlfast.load(text, limits.MAX_FRONT_MATTER_CHARS, "nagłówek YAML")


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (5 * limits.MIB, "5 MB"),
        (1_363_149, "1,3 MB"),
        (256 * limits.KIB, "256 KB"),
        (900, "0,9 KB"),
    ],
)
def test_sizes_in_messages(size: int, text: str) -> None:
    assert limits.size_pl(size) == text


def test_the_rule_text_names_the_caps() -> None:
    from qms_cli.checks.registry import BUILTIN

    title = BUILTIN["QMS002"][2]
    assert f"Markdown {limits.size_pl(limits.MAX_DOCUMENT_BYTES)}" in title
    assert f"nagłówek {limits.size_pl(limits.MAX_FRONT_MATTER_CHARS)}" in title
    assert f"YAML {limits.size_pl(limits.MAX_YAML_BYTES)}" in title
