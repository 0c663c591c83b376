"""A release renders again only the PDFs whose inputs changed since a PDF was last rendered;
the others come from qms's cache, and the result is byte-identical to a full rebuild."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from qms_cli.io.pdfstore import PdfStore
from qms_cli.services.approval.approve import approve
from qms_cli.services.release.release import release
from qms_cli.services.release.verify import verify_release
from tests.approval.conftest import Keys, Office

pytestmark = pytest.mark.slow  # two releases of the base office

P01 = "documents/procedures/P-01.md"


def rendered_keys(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of the PDFs put into the store from now on: what was rendered, not reused."""
    stored: list[str] = []
    put = PdfStore.put

    def spy(self: PdfStore, key: str, pdf: bytes) -> None:
        stored.append(key)
        put(self, key, pdf)

    monkeypatch.setattr(PdfStore, "put", spy)
    return stored


def hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.pdf")}


def test_second_release_renders_only_what_changed_and_equals_a_rebuild(
    office: Office, keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    office.use_key(keys.sekretarz)
    first = release(office.root, dt.date(2026, 12, 1))
    assert first.dist is not None
    before = hashes(first.dist / "pdf")
    office.append(P01, "\nNowy krok procedury.\n")
    office.commit("P-01: nowy krok", author=("Olek Or", "olek@x.invalid"))
    approve(office.root, ["P-01"], "review")
    approve(office.root, ["P-01"], "approval")
    stored = rendered_keys(monkeypatch)
    second = release(office.root, dt.date(2027, 1, 4))
    assert second.dist is not None
    after = hashes(second.dist / "pdf")
    changed = {name for name in after if after[name] != before.get(name)}
    # P-01 and the Quality Book (P-01 is one of its parts) are new; nothing else is rendered
    assert {"P-01.pdf", "ksiega-jakosci.pdf"} <= changed
    assert len(stored) == len(changed) < len(after)
    # the published files are what a render from scratch makes, byte for byte
    result = verify_release(office.root, "2027-01")
    assert result.identical, (result.problems, result.differences)


def test_a_release_with_an_empty_cache_renders_everything(
    office: Office, keys: Keys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("QMS_CACHE_DIR", str(tmp_path / "empty-cache"))
    stored = rendered_keys(monkeypatch)
    office.use_key(keys.sekretarz)
    result = release(office.root, dt.date(2026, 12, 1))
    assert result.dist is not None
    assert len(stored) == len(list((result.dist / "pdf").glob("*.pdf")))
