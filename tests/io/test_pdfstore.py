"""The store of rendered PDFs: what was put is got back; anything else is a miss."""

from __future__ import annotations

from pathlib import Path

from qms_cli.io.pdfstore import PdfStore

KEY = "ab" + "0" * 62


def test_put_then_get(tmp_path: Path) -> None:
    store = PdfStore(tmp_path)
    assert store.get(KEY) is None
    store.put(KEY, b"%PDF-1.7 x")
    assert store.get(KEY) == b"%PDF-1.7 x"
    assert [p.name for p in (tmp_path / "ab").iterdir()] == [f"{KEY}.pdf"]


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    store = PdfStore(tmp_path)
    store.put(KEY, b"%PDF-1.7 x")
    entry = tmp_path / "ab" / f"{KEY}.pdf"
    entry.write_bytes(entry.read_bytes()[:-1])  # cut short, as a crash could leave it
    assert store.get(KEY) is None


def test_a_store_that_cannot_be_written_only_misses(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    store = PdfStore(blocked)
    store.put(KEY, b"%PDF")
    assert store.get(KEY) is None
