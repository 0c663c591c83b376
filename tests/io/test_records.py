"""Records people edit are read as ``qms check`` reads them: a BOM dropped, CRLF as LF."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_cli.errors import QmsError
from qms_cli.io.records import edit_yaml, load_yaml_rt, markdown_text, read_markdown, read_text


def test_bom_and_crlf_are_read_as_check_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1  # komentarz\r\nb: x\r\n")
    assert read_text(path) == "a: 1  # komentarz\nb: x\n"
    assert load_yaml_rt(path, "a.yaml") == {"a": 1, "b": "x"}
    edit_yaml(path, lambda data: data.update(b="y"))
    assert path.read_bytes() == b"a: 1  # komentarz\nb: y\n"


def test_markdown_with_bom_keeps_its_front_matter_and_body(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_bytes("\ufeff---\nid: PZ-2026\n---\n\n# Tytuł\n".encode())
    read = read_markdown(path, "r.md")
    assert read is not None
    meta, body = read
    assert markdown_text(meta, body) == "---\nid: PZ-2026\n---\n\n# Tytuł\n"


def test_missing_file(tmp_path: Path) -> None:
    assert load_yaml_rt(tmp_path / "none.yaml", "none.yaml") is None
    assert read_markdown(tmp_path / "none.md", "none.md") is None
    with pytest.raises(QmsError, match=r"nie ma pliku none\.yaml"):
        read_text(tmp_path / "none.yaml", "none.yaml")


def test_flow_item_quotes_what_yaml_would_read_otherwise() -> None:
    import datetime as dt

    from qms_cli.io import yamlfast
    from qms_cli.io.records import flow_item

    values = {"a": "P-0042", "b": "true", "c": "2026-01-02", "d": "1e3", "e": "x y", "f": 7}
    line = flow_item({**values, "g": dt.date(2026, 1, 2)})
    assert line.startswith('  - {a: P-0042, b: "true", c: "2026-01-02", d: "1e3", e: "x y", f: 7')
    [item] = yamlfast.load("x:\n" + line)["x"]
    assert item == {**values, "g": "2026-01-02"}  # dates are read as strings (YAML 1.2)
