"""`qms render pdf` takes a document's file as well as its id, with Windows' backslashes too
(a shell completes a path, not an id); an unknown file is refused as an unknown id is."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_cli.errors import QmsError
from qms_cli.services.documents.render_pdf import plan_pdf


def names(root: Path, ids: list[str]) -> list[str]:
    return [job.name for job in plan_pdf(root, ids).jobs]


@pytest.mark.parametrize(
    "given",
    [
        "documents\\procedures\\P-01.md",
        "documents/procedures/P-01.md",
        ".\\documents\\procedures\\P-01.md",
    ],
)
def test_a_document_given_by_its_file(minimal: Path, given: str) -> None:
    assert names(minimal, [given]) == names(minimal, ["P-01"]) != []


def test_a_review_given_by_its_file(minimal: Path) -> None:
    assert names(minimal, ["records\\reviews\\PZ-2026.md"]) == names(minimal, ["PZ-2026"])


def test_an_unknown_file_is_refused(minimal: Path) -> None:
    with pytest.raises(QmsError, match="P-99"):
        plan_pdf(minimal, ["documents\\procedures\\P-99.md"])
