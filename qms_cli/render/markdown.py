"""Small Markdown builders for generated records (reports, the review draft). Pure."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

BEGIN = (
    "<!-- qms:begin — treść do znacznika qms:end generuje qms; zmiany w niej zostaną zastąpione -->"
)
END = "<!-- qms:end -->"


def cell(text: object) -> str:
    """Text safe inside a table cell: one line, no pipe."""
    return " ".join(str(text).split()).replace("|", "\\|")


def table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], right: Sequence[int] = ()
) -> str:
    """A GitHub-flavoured Markdown table; ``right``: indices of right-aligned columns."""
    align = ["---:" if i in right else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def sources(paths: Iterable[str]) -> str:
    """The line naming the files a section was compiled from."""
    unique = sorted(set(paths))
    if not unique:
        return "Źródła: brak zapisów w repozytorium.\n"
    return "Źródła: " + ", ".join(f"`{p}`" for p in unique) + ".\n"


def image(alt: str, target: str) -> str:
    return f"![{cell(alt).replace(']', ')')}]({target})\n"


def replace_generated(text: str, generated: str) -> str | None:
    """``text`` with the part between BEGIN and END replaced, None when the markers are
    missing (someone removed them)."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        return None
    return text[:start] + BEGIN + "\n" + generated + END + text[end + len(END) :]
