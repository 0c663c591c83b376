"""Polish typography in document bodies (warnings: rendering fixes them on output anyway)."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.registry import Hit, file_rule
from qms_cli.model import typography
from qms_cli.model.documents import SourceFile
from qms_cli.model.findings import Severity

DOCUMENT = ("document",)


@file_rule(
    "QMS070",
    "typography-orphan",
    Severity.WARNING,
    "Jednoliterowy wyraz (a, i, o, u, w, z) na końcu wiersza",
    kinds=DOCUMENT,
)
def orphan_at_line_end(source: SourceFile) -> Iterator[Hit]:
    for line_no in typography.orphans(source.body, source.body_line):
        yield Hit(
            source.path,
            "jednoliterowy wyraz na końcu wiersza (sierotka): przenieś go "
            "do następnego wiersza albo połącz wiersze",
            line_no,
        )


@file_rule(
    "QMS071",
    "typography-date",
    Severity.WARNING,
    "Daty w tekście w postaci „28 lutego 2013 r.”",
    kinds=DOCUMENT,
)
def date_format(source: SourceFile) -> Iterator[Hit]:
    for line_no, text in typography.bad_dates(source.body, source.body_line):
        yield Hit(
            source.path,
            f"data „{text}” — pisz „28 lutego 2013 r.” (dzień bez zera, spacja przed „r.”)",
            line_no,
        )


@file_rule(
    "QMS072",
    "typography-quotes",
    Severity.WARNING,
    'Polskie cudzysłowy „…” zamiast prostych "…"',
    kinds=DOCUMENT,
)
def polish_quotes(source: SourceFile) -> Iterator[Hit]:
    for line_no, text in typography.straight_quotes(source.body, source.body_line):
        yield Hit(source.path, f"proste cudzysłowy w {text}: pisz „…”", line_no)
