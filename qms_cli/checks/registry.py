"""The explicit registry of rules: each has a stable code, a name, a default severity and a
Polish title. File rules see one file (their results are cached by content); repository rules
see the whole repository."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from qms_cli.model.findings import Pointer, Severity


@dataclass(frozen=True)
class Hit:
    """What a rule reports; the engine adds the code and the severity."""

    path: str
    message: str
    line: int | None = None
    pointer: Pointer = ()


F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    title: str
    func: Callable[..., Iterable[Hit]]
    kinds: frozenset[str] | None  # file rules: the file kinds they apply to; None: repo rule

    @property
    def is_file_rule(self) -> bool:
        return self.kinds is not None


RULES: dict[str, Rule] = {}

# Codes reported by the reading layer itself (parsing, schema), documented like the others.
BUILTIN = {
    "QMS001": (
        "schema",
        Severity.ERROR,
        "Plik zgodny ze schematem JSON (typy, wymagane pola, nieznane klucze)",
    ),
    "QMS002": (
        "yaml-syntax",
        Severity.ERROR,
        "Poprawna składnia YAML i nagłówka dokumentu "
        "(front matter), bez powtórzonych kluczy, tabulatorów i kotwic list lub mapowań; "
        "plik w granicach rozmiaru (Markdown 1 MB, nagłówek 256 KB, YAML 5 MB)",
    ),
    "QMS003": ("encoding", Severity.ERROR, "Plik tekstowy w kodowaniu UTF-8 (nie binarny)"),
    "QMS008": (
        "image-content",
        Severity.ERROR,
        "Obraz w documents/ zawiera to, co mówi jego rozszerzenie (PNG, JPEG, GIF, SVG, WebP)",
    ),
}


def _register(
    code: str, name: str, severity: Severity, title: str, kinds: frozenset[str] | None
) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        if code in RULES or code in BUILTIN:
            raise ValueError(f"rule code {code} registered twice")
        RULES[code] = Rule(code, name, severity, title, func, kinds)
        return func

    return decorate


def file_rule(
    code: str, name: str, severity: Severity, title: str, *, kinds: Iterable[str]
) -> Callable[[F], F]:
    """A rule over one file of the given kinds: ``func(source) -> Iterable[Hit]``."""
    return _register(code, name, severity, title, frozenset(kinds))


def repo_rule(code: str, name: str, severity: Severity, title: str) -> Callable[[F], F]:
    """A rule over the whole repository: ``func(ctx) -> Iterable[Hit]``."""
    return _register(code, name, severity, title, None)


def all_codes() -> dict[str, tuple[str, Severity, str]]:
    """Every code qms can report (built-in and registered) -> (name, severity, title)."""
    load_all_rules()
    codes = dict(BUILTIN)
    codes.update({r.code: (r.name, r.severity, r.title) for r in RULES.values()})
    return dict(sorted(codes.items()))


def load_all_rules() -> None:
    """Import every rule module so that its decorators register the rules."""
    from qms_cli.checks import rules  # noqa: F401


def iter_file_rules(kind: str) -> Iterator[Rule]:
    return iter(_file_rules(kind))


@functools.cache
def _file_rules(kind: str) -> tuple[Rule, ...]:
    """The file rules of one kind (computed once: this is asked for every file read)."""
    load_all_rules()
    return tuple(r for r in RULES.values() if r.kinds is not None and kind in r.kinds)


def iter_repo_rules() -> Iterator[Rule]:
    load_all_rules()
    yield from (r for r in RULES.values() if r.kinds is None)
