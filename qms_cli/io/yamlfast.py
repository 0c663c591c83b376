"""Fast, read-only YAML: PyYAML's C parser with YAML 1.2 core-schema typing.

``qms check`` reads thousands of files; PyYAML's libyaml loader is the fastest reader in Python.
Its implicit types are YAML 1.1 (``no`` is False, ``0143`` is octal, dates become objects), so
this loader replaces them with the YAML 1.2 core schema that ruamel.yaml (used for writing)
follows: only ``true``/``false`` are booleans, decimal integers and floats, ``null``/``~``; dates
stay strings and are checked by the schemas' ``format: date``. Duplicate keys are an error, not
a silent overwrite. Anchors on lists and mappings are refused by the parser before anything is
built, and text over its cap is not parsed at all (``io/limits.py``); ``roundtrip.load_rt``
shares the same guard, so every YAML qms reads goes through ``guard``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import yaml

from qms_cli.io.limits import MAX_YAML_BYTES, MAX_YAML_DEPTH, too_big
from qms_cli.model.findings import Pointer
from qms_cli.model.hints import describe_odd

try:  # pragma: no cover - which branch runs depends on the installation
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


class YamlProblem(Exception):
    """A syntax error with a Polish message and 1-based line and column in the YAML text."""

    def __init__(self, message: str, line: int | None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class _Loader12(_Base):  # type: ignore[misc,valid-type]
    pass


_Loader12.yaml_implicit_resolvers = {}
_Loader12.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader12.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Loader12.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_Loader12.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    value = str(loader.construct_scalar(node))
    if value.startswith("0o"):
        return int(value[2:], 8)
    if value.startswith("0x"):
        return int(value[2:], 16)
    return int(value)


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise YamlProblem(
                "klucz mapowania musi być prostą wartością", key_node.start_mark.line + 1
            )
        if key in result:
            raise YamlProblem(
                f"powtórzony klucz „{key}” (wartość byłaby po cichu nadpisana)",
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_Loader12.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader12.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
# explicit !!timestamp stays a string: dates are validated by the schemas
_Loader12.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)

_PROBLEMS_PL = (
    (
        "found character that cannot start any token",
        "znak, od którego nie może zaczynać się wartość (ujmij ją w cudzysłów)",
    ),
    (
        "mapping values are not allowed",
        "niedozwolony dwukropek (ujmij wartość w cudzysłów albo popraw wcięcie)",
    ),
    ("could not find expected ':'", "brak dwukropka po kluczu"),
    ("did not find expected node content", "niepełna wartość (niedomknięty nawias lub cudzysłów?)"),
    ("did not find expected ',' or", "niedomknięta lista lub mapowanie ([…] albo {…})"),
    ("found undefined alias", "nieznany alias (&/*)"),
    ("found unexpected end of stream", "nieoczekiwany koniec pliku (niedomknięty cudzysłów?)"),
    ("did not find expected key", "nieoczekiwana wartość — sprawdź wcięcia"),
    ("did not find expected '-' indicator", "nieoczekiwana wartość w liście — sprawdź wcięcia"),
    ("expected <block end>, but found", "niespójne wcięcia"),
    ("found unknown escape character", "nieznana sekwencja ucieczki w cudzysłowie"),
    ("could not determine a constructor", "nieznany znacznik typu (!…)"),
    ("found duplicate anchor", "powtórzona kotwica (&)"),
    ("expected a single document", "więcej niż jeden dokument YAML w pliku (usuń „---”)"),
    ("exceeded maximum nesting depth", "zbyt głębokie zagnieżdżenie list i mapowań"),
)


def _polish(problem: str) -> str:
    for english, polish in _PROBLEMS_PL:
        if english in problem:
            return polish
    return f"błąd składni YAML ({problem})"


ALIASES_REFUSED = (
    "kotwica (&nazwa) na liście lub mapowaniu jest niedozwolona — aliasy (*nazwa) takich "
    "wartości mnożą dane; wpisz wartości wprost"
)


def refuse_aliases(text: str) -> None:
    """Raise ``YamlProblem`` at the first anchor on a list or a mapping, or at a nesting deeper
    than ``MAX_YAML_DEPTH``, reading parser events only: nothing is composed or built, so an
    alias bomb ("billion laughs") costs no memory.

    Every alias bomb repeats a collection through its anchor. An anchor on a single value
    (``date: &id001 2026-11-21`` … ``notified: *id001``, which earlier qms wrote itself for
    a repeated date) expands to nothing bigger than the file, so it is still read."""
    parser = _Loader12(text)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                depth -= 1
            elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                depth += 1
                if event.anchor is not None:
                    raise _at(event, ALIASES_REFUSED)
                if depth > MAX_YAML_DEPTH:
                    raise _at(event, f"zagnieżdżenie głębsze niż {MAX_YAML_DEPTH} poziomów")
    finally:
        parser.dispose()


def _at(event: yaml.Event, message: str) -> YamlProblem:
    mark = event.start_mark
    return (
        YamlProblem(message, mark.line + 1, mark.column + 1) if mark else YamlProblem(message, None)
    )


def guard(
    text: str, limit: int = MAX_YAML_BYTES, what: str = "plik YAML", thorough: bool = False
) -> None:
    """Every YAML text qms reads passes here first: a cap on its size, then (``thorough``, or
    when the text has an ``&``: without one there is no anchor) ``refuse_aliases``. Raises
    ``YamlProblem``, syntax errors the parser meets included. ``load`` skips the event pass
    for text without ``&`` (the hot path of ``qms check``; the C loader turns a too deep
    nesting into an error by itself); ruamel (``load_rt``) always takes it."""
    if len(text) > limit:
        raise YamlProblem(too_big(what, len(text.encode("utf-8")), limit), None)
    if thorough or "&" in text:
        _reported(refuse_aliases, text)


def load(text: str, limit: int = MAX_YAML_BYTES, what: str = "plik YAML") -> Any:
    """Parse one YAML document. Raises ``YamlProblem`` with a Polish message and a line."""
    guard(text, limit, what)
    return _reported(_single_data, text)


def _single_data(text: str) -> Any:
    loader = _Loader12(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


T = TypeVar("T")


def _reported(func: Callable[[str], T], text: str) -> T:
    """``func(text)`` with every error of the parser as a ``YamlProblem``."""
    try:
        return func(text)
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        message = _polish(str(exc.problem or exc.context))
        lines = text.split("\n")
        if line is not None and line > len(lines):  # the end of a file without a newline
            line, column = len(lines), len(lines[-1]) + 1
        if line is not None and "\t" in lines[line - 1][: (column or 1)]:
            message = "znak tabulacji — w YAML wcięcia robi się spacjami"
        elif line is not None:
            message += _odd_note(lines[line - 1], lines[line - 2] if line > 1 else "")
        raise YamlProblem(message, line, column) from None
    except (yaml.YAMLError, ValueError, RecursionError, IndexError, TypeError) as exc:
        # the parser's own slips on malformed input (a too deep nesting, an odd scalar)
        raise YamlProblem(_polish(str(exc) or type(exc).__name__), None) from None


def _odd_note(line: str, previous: str) -> str:
    """Word's invisible characters and typographic quotes in the line of a syntax error (or
    the one before it, where the parser often notices too late): the likely cause, placed."""
    for text, where in ((line, "w tym wierszu"), (previous, "w poprzednim wierszu")):
        odd = describe_odd(text, typographic=True)
        if odd:
            return f" ({where}: {odd} — zastąp zwykłą spacją lub prostym cudzysłowem)"
    return ""


def locate(text: str, pointer: Pointer) -> int | None:
    """The 1-based line of the value at ``pointer`` (keys and list indices) in ``text``.

    Falls back to the deepest part of the pointer that exists (a missing key is reported at its
    parent mapping). Only used when there is something to report, so speed does not matter.
    """
    try:
        node: yaml.Node | None = yaml.compose(text, Loader=_Loader12)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    line = node.start_mark.line + 1
    for step in pointer:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                    line = key_node.start_mark.line + 1
                    child = value_node
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(step, int)
            and 0 <= step < len(node.value)
        ):
            child = node.value[step]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line
