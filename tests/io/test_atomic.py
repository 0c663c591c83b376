"""A file another program holds open (Windows refuses to replace it): the write is tried again
briefly, then a clear Polish error names the file; nothing is left half-written. Windows'
refusal is simulated: ``os.replace`` raises PermissionError as it does there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from qms_cli.errors import QmsError
from qms_cli.io import atomic, outdir


def held_open(monkeypatch: pytest.MonkeyPatch, times: int) -> list[str]:
    """``os.replace`` refuses ``times`` times, as Windows does while a viewer holds the file."""
    calls: list[str] = []
    real = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        calls.append(str(target))
        if len(calls) <= times:
            raise PermissionError(13, "The process cannot access the file", str(target))
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(atomic, "REPLACE_DELAY", 0)
    return calls


def test_a_file_released_soon_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "register.yaml"
    target.write_text("stary\n", encoding="utf-8")
    calls = held_open(monkeypatch, 3)
    atomic.write_atomic(target, "nowy\n")
    assert target.read_text(encoding="utf-8") == "nowy\n" and len(calls) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["register.yaml"]


def test_a_file_held_open_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "P-01.pdf"
    target.write_bytes(b"stary")
    calls = held_open(monkeypatch, 1000)
    with pytest.raises(QmsError) as raised:
        atomic.write_atomic(target, b"nowy")
    assert raised.value.message == (
        f"nie można zastąpić {target.as_posix()}: plik lub folder jest otwarty w innym "
        "programie albo brak do niego uprawnień — nic nie zmieniono"
    )
    assert raised.value.hint is not None and raised.value.hint.startswith("Zamknij go")
    assert len(calls) == atomic.REPLACE_ATTEMPTS
    assert target.read_bytes() == b"stary"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["P-01.pdf"]  # no temporary file


def test_an_output_folder_held_open_stays_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "bip"
    outdir.replace_folder(site, {"index.html": b"stara"}, "qms")
    held_open(monkeypatch, 1000)
    with pytest.raises(QmsError, match="jest otwarty w innym programie"):
        outdir.replace_folder(site, {"index.html": b"nowa"}, "qms")
    assert (site / "index.html").read_bytes() == b"stara"


def test_renaming_a_folder_with_a_file_held_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qms_cli.io import records

    old, new = tmp_path / "AW-2027-01", tmp_path / "AW-2027-02"
    old.mkdir()

    def refuse(self: Path, target: Path) -> Path:
        raise PermissionError(13, "Odmowa dostępu", str(self))

    monkeypatch.setattr(Path, "rename", refuse)
    with pytest.raises(QmsError) as raised:
        records.rename_folder(old, new)
    assert raised.value.message == (
        f"nie można zmienić nazwy folderu {old.as_posix()}: Odmowa dostępu — niczego nie zmieniono"
    )
    assert old.is_dir() and not new.exists()


def test_exclusive_write_without_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A USB stick (FAT) or a network share may refuse hard links: the name is claimed with an
    exclusive create instead, and an existing file is still never replaced."""

    def no_links(source: str, target: str) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "DK-2027-001.yaml"
    atomic.write_atomic(target, "id: DK-2027-001\n", exclusive=True)
    assert target.read_text(encoding="utf-8") == "id: DK-2027-001\n"
    with pytest.raises(FileExistsError):
        atomic.write_atomic(target, "id: inny\n", exclusive=True)
    assert target.read_text(encoding="utf-8") == "id: DK-2027-001\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["DK-2027-001.yaml"]
