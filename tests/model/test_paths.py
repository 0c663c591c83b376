"""Paths typed with Windows' backslashes mean the same file; printed paths use ``/``."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

import pytest

from qms_cli.model.paths import given, shown


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("documents\\procedures\\P-01.md", "documents/procedures/P-01.md"),
        (".\\documents\\procedures\\P-01.md", "documents/procedures/P-01.md"),
        ("./documents//procedures/P-01.md", "documents/procedures/P-01.md"),
        ("templates\\typst\\document.typ", "templates/typst/document.typ"),
        ("P-01", "P-01"),
        ("qms.yaml", "qms.yaml"),
    ],
)
def test_given(typed: str, meant: str) -> None:
    assert given(typed) == meant


def test_shown_uses_forward_slashes_on_windows() -> None:
    assert shown(PureWindowsPath("C:\\SZJ\\dist\\pdf\\P-01.pdf")) == "C:/SZJ/dist/pdf/P-01.pdf"
    assert shown(PureWindowsPath("dist\\pdf")) == "dist/pdf"
    assert shown(PurePosixPath("dist/pdf/P-01.pdf")) == "dist/pdf/P-01.pdf"
