"""Rich tables for record commands (objectives, surveys, complaints, review actions)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

STYLES = {
    "met": "green",
    "on-track": "green",
    "at-risk": "yellow",
    "missed": "red",
    "overdue": "bold red",
    "open": "yellow",
    "done": "green",
}


def console() -> Console:
    probe = Console()
    # a file, a pipe or a CI log has no width: give tables room instead of rich's 80 columns
    width = None if probe.is_terminal else 132
    return Console(highlight=False, width=width)


def print_table(
    title: str | None,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    styles: Sequence[str | None] | None = None,
    *,
    right: Sequence[int] = (),
    wrap: Sequence[int] = (),
) -> None:
    """Print one table; ``styles[i]`` is the style of row ``i`` (a key of STYLES or None).
    Columns listed in ``wrap`` may wrap; the others keep each value on one line."""
    table = Table(title=title, title_justify="left", show_lines=False)
    for index, column in enumerate(columns):
        table.add_column(
            column,
            justify="right" if index in right else "left",
            no_wrap=index not in wrap,
            overflow="fold" if index in wrap else "ellipsis",
        )
    for index, row in enumerate(rows):
        style = STYLES.get(styles[index] or "") if styles else None
        table.add_row(*row, style=style)
    console().print(table)


def say(text: str) -> None:
    console().print(text, markup=False, highlight=False, soft_wrap=True)
