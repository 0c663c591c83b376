"""`qms audit pack` (issue 16): what the certification body asks for before an audit, as a
folder and a zip; no personal data — a secret planted in a complaint and in an
acknowledgement is looked for in every file of the folder and of the zip."""

from __future__ import annotations

import zipfile
from pathlib import Path

from typer.testing import CliRunner

from qms_cli.cli.main import app
from tests.render.pdfread import flat

SECRET = "Zofia-Tajemnicza-85010112345"


def pack(office: Path, out: Path) -> str:
    args = ["audit", "pack", "--year", "2026", "--out", str(out), "--path", str(office)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_pack_of_the_office(office: Path, tmp_path: Path) -> None:
    complaint = office / "records/complaints/SK-2026-001.yaml"
    complaint.write_text(complaint.read_text(encoding="utf-8") + f"# {SECRET}\n", encoding="utf-8")
    acks = office / "records/acks"
    acks.mkdir(parents=True, exist_ok=True)
    (acks / "P-01.yaml").write_text(
        "document: P-01\nacks:\n  - {person: P-0001, edition: 1, date: 2026-11-02}\n"
        f"# {SECRET}\n",
        encoding="utf-8",
    )
    out = tmp_path / "pakiet"
    said = pack(office, out)
    assert said.startswith(f"Zapisano pakiet dla jednostki certyfikującej: {out}")
    names = sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and p.name != ".qms-generated"  # qms's mark of its own folder
    )
    for expected in (
        "00-spis.md",
        "00-spis.pdf",
        "01-zakres-i-kontekst.yaml",
        "02-polityka/PJ.md",
        "03-cele-jakosci.md",
        "04-audity/program.yaml",
        "04-audity/AW-2026-01/report.md",
        "04-audity/zewnetrzne/2026-05-19-surveillance.yaml",
        "07-przeglad/PZ-2026.md",
        "08-wykaz-dokumentow.md",
        "09-liczby.md",
        "10-szkolenia/SZ-2026-001.yaml",
        "11-dostawcy/DOS-02-2026.yaml",
    ):
        assert expected in names, expected
    index = flat((out / "00-spis.pdf").read_bytes())  # the index in the office's layout
    assert "Pakiet dla jednostki certyfikującej 2026" in index
    assert "04-audity/AW-2026-01/report.md" in index and "Symbol: Pakiet 2026" in index
    assert not [n for n in names if "complaints" in n or "acks" in n or "surveys" in n]
    counts = (out / "09-liczby.md").read_text(encoding="utf-8")
    assert "- skargi i wnioski zarejestrowane w 2026 r.: 4" in counts
    assert "- potwierdzenia zapoznania się z dokumentami (wszystkie): 1" in counts
    archive = out.with_name("pakiet.zip")
    with zipfile.ZipFile(archive) as zipped:
        assert sorted(zipped.namelist()) == names
        inside = b"".join(zipped.read(n) for n in zipped.namelist())
    folder = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert SECRET.encode() not in inside and SECRET.encode() not in folder
    first = archive.read_bytes()
    pack(office, out)
    assert archive.read_bytes() == first  # the same pack, the same bytes


def test_a_zip_qms_did_not_write_is_never_overwritten(office: Path, tmp_path: Path) -> None:
    mine = tmp_path / "pakiet.zip"
    mine.write_bytes(b"moje")
    args = ["audit", "pack", "--year", "2026", "--out", str(tmp_path / "pakiet")]
    result = CliRunner().invoke(app, [*args, "--path", str(office)])
    assert result.exit_code == 3
    assert "już istnieje i nie jest pakietem qms — niczego nie zapisano" in result.output
    assert mine.read_bytes() == b"moje" and not (tmp_path / "pakiet").exists()
