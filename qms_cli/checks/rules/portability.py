"""File names every file system keeps apart (issue 21): offices work on Windows desktops,
sometimes on a Mac; a name Linux accepts can be one Windows refuses or merges with another."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model import portable
from qms_cli.model.findings import Severity


@repo_rule(
    "QMS111",
    "portable-names",
    Severity.ERROR,
    "Nazwy plików i identyfikatory dokumentów działają w Windows i macOS: nie różnią się od "
    "innych tylko wielkością liter, nie są nazwami zastrzeżonymi (CON, NUL, COM1 …, także "
    'nul.txt), nie zawierają znaków <>:"|?*\\ ani sterujących, nie kończą się kropką ani '
    f"spacją; ścieżka ma najwyżej {portable.MAX_RELATIVE} znaków",
)
def portable_names(ctx: CheckContext) -> Iterator[Hit]:
    for path, problem in portable.all_problems(list(ctx.paths)):
        yield Hit(path, problem)
    for name, others in sorted(portable.case_clashes(ctx.paths).items()):
        yield Hit(
            name,
            f"nazwa różni się od {', '.join(others)} tylko wielkością liter (lub zapisem "
            "polskich znaków) — w Windows i macOS to ten sam plik i jeden zastąpi drugi",
        )
    ids: dict[str, list[tuple[str, str]]] = {}
    for doc in ctx.repo.documents:
        ids.setdefault(portable.fold(doc.id), []).append((doc.id, doc.path))
    for same in ids.values():
        spellings = {doc_id for doc_id, _ in same}
        if len(spellings) < 2:
            continue
        for doc_id, path in same:
            rest = ", ".join(sorted(f"{i} ({p})" for i, p in same if i != doc_id))
            yield Hit(
                path,
                f"identyfikator {doc_id} różni się od {rest} tylko wielkością liter — "
                "nadaj dokumentowi inny identyfikator",
                pointer=("id",),
            )
