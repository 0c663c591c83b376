"""`qms compare` (issue 20): every file verified against the coordinator's list of offices
before a figure is read; a tampered file, an unknown key, a missing signature, mixed schema
versions and mixed years are refused (exit 3, nothing written); the report is a page and a
PDF with the median and quartiles; anonymised, it names no other office."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from tests.metrics.conftest import OfficeKeys
from tests.metrics.helpers import metrics, offices_file, write_signed
from tests.render.pdfread import flat

NAMES = {
    "ug-a": "Urząd Gminy Alfa",
    "ug-b": "Urząd Gminy Beta",
    "sp-c": "Starostwo Powiatowe Gamma",
}
VALUES = {
    "ug-a": {
        "satisfaction_index": 86.0,
        "complaints_received": 4,
        "accessibility_statement_current": True,
    },
    "ug-b": {
        "satisfaction_index": 92.0,
        "complaints_received": 1,
        "accessibility_statement_current": False,
    },
    "sp-c": {
        "satisfaction_index": 95.5,
        "complaints_received": 9,
        "accessibility_statement_current": True,
    },
}


@pytest.fixture
def region(tmp_path: Path, office_keys: OfficeKeys) -> tuple[Path, Path]:
    """Three offices' signed files (one folder each, as CI artifacts arrive) and the list."""
    keys = {"ug-a": office_keys.a, "ug-b": office_keys.b, "sp-c": office_keys.c}
    folder = tmp_path / "artefakty"
    for office_id, key in keys.items():
        write_signed(folder / office_id, metrics(NAMES[office_id], VALUES[office_id]), key)
    listed = offices_file(
        tmp_path / "offices.yaml", [(i, NAMES[i], keys[i]) for i in ("ug-a", "ug-b", "sp-c")]
    )
    return folder, listed


def compare(*args: str) -> Any:
    return CliRunner().invoke(app, ["compare", *args])


def test_the_regional_report(region: tuple[Path, Path], tmp_path: Path) -> None:
    folder, listed = region
    out = tmp_path / "raport"
    result = compare(str(folder), "--offices", str(listed), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Porównano 3 urzędów za 2026 r. (podpisy sprawdzone)." in result.output
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="pl">' in page and page.count("<h1>") == 1
    # satisfaction: 86.0, 92.0, 95.5 -> Q1 89.0, median 92.0, Q3 93.75
    assert (
        "<td>3</td><td>86,0%</td><td>89,0%</td><td>92,0%</td><td>93,8%</td><td>95,5%</td>" in page
    )
    assert "<td>3</td><td>1</td><td>2,5</td><td>4</td><td>6,5</td><td>9</td>" in page  # complaints
    assert "<td>tak: 2; nie: 1</td>" in page  # the accessibility statement
    for name in NAMES.values():
        assert f'<th scope="row">{name}</th>' in page
    assert (out / "wykresy" / "satisfaction_index.svg").is_file()
    assert 'src="wykresy/satisfaction_index.svg" alt="Wykres: ' in page
    text = flat((out / "porownanie-2026.pdf").read_bytes())
    assert "Porównanie 3 urzędów na podstawie podpisanych plików" in text
    assert "Starostwo Powiatowe Gamma" in text
    assert "92,0%" in text
    assert "brak danych" in page  # cases_on_time was not shared by anybody


def test_the_anonymised_report_names_no_other_office(
    region: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, listed = region
    out = tmp_path / "dla-ug-b"
    result = compare(
        str(folder), "--offices", str(listed), "--anonymous", "ug-b", "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    texts = {}
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            texts[path.name] = flat(data) if path.suffix == ".pdf" else data.decode("utf-8")
    page = texts["index.html"]
    assert "Urząd Gminy Beta na tle 3 urzędów regionu" in page
    assert "Twój urząd: <strong>92,0%</strong>." in page
    assert "Urząd Gminy Beta" in texts["porownanie-2026.pdf"]
    for name, text in texts.items():  # grep every file for the other offices
        for other in ("ug-a", "sp-c", "Alfa", "Gamma", "Starostwo Powiatowe"):
            assert other not in text, (other, name)
    assert "95,5" in page  # the maximum of the distribution, not whose it is


def test_anonymous_needs_an_office_on_the_list(region: tuple[Path, Path], tmp_path: Path) -> None:
    folder, listed = region
    result = compare(
        str(folder), "--offices", str(listed), "--anonymous", "ug-x", "--out", str(tmp_path / "r")
    )
    assert result.exit_code == 3
    assert "nie ma urzędu „ug-x” na liście urzędów" in result.output


def refused(folder: Path, listed: Path, out: Path) -> str:
    result = compare(str(folder), "--offices", str(listed), "--out", str(out))
    assert result.exit_code == 3, result.output
    assert not out.exists()
    return " ".join(result.output.split())


def test_a_tampered_file_is_refused(region: tuple[Path, Path], tmp_path: Path) -> None:
    folder, listed = region
    path = folder / "ug-b" / "metrics-2026.json"
    path.write_text(path.read_text(encoding="utf-8").replace("92.0", "99.0"), encoding="utf-8")
    said = refused(folder, listed, tmp_path / "raport")
    assert f"{path}: podpis urzędu ug-b nie zgadza się z treścią" in said
    assert "plik odrzucony" in said


def test_a_file_signed_by_an_unknown_key_is_refused(
    region: tuple[Path, Path], tmp_path: Path, office_keys: OfficeKeys
) -> None:
    folder, listed = region
    path = write_signed(
        folder / "obcy", metrics("Urząd Obcy", {"satisfaction_index": 1.0}), office_keys.outsider
    )
    said = refused(folder, listed, tmp_path / "raport")
    assert (
        f"{path}: podpisany kluczem {office_keys.outsider.fingerprint}, "
        "którego nie ma na liście urzędów" in said
    )


def test_a_file_without_its_signature_is_refused(region: tuple[Path, Path], tmp_path: Path) -> None:
    folder, listed = region
    sig = folder / "ug-a" / "metrics-2026.json.sig"
    sig.unlink()
    said = refused(folder, listed, tmp_path / "raport")
    assert f"{sig}: brak pliku" in said


def test_two_schema_versions_are_refused(
    region: tuple[Path, Path], tmp_path: Path, office_keys: OfficeKeys
) -> None:
    folder, listed = region
    newer = metrics(NAMES["ug-b"], VALUES["ug-b"], schema_version=2)
    write_signed(folder / "ug-b", newer, office_keys.b)
    said = refused(folder, listed, tmp_path / "raport")
    assert "pliki wskaźników mają różne wersje schematu (1: " in said
    assert f"; 2: {folder / 'ug-b' / 'metrics-2026.json'})" in said
    assert "Porównuje się pliki z jednego roku i jednej wersji schematu." in said


def test_an_unknown_schema_version_is_refused(tmp_path: Path, office_keys: OfficeKeys) -> None:
    folder = tmp_path / "in"
    write_signed(folder, metrics("Urząd Gminy Alfa", {}, schema_version=2), office_keys.a)
    listed = offices_file(tmp_path / "offices.yaml", [("ug-a", "Urząd Gminy Alfa", office_keys.a)])
    said = refused(folder, listed, tmp_path / "raport")
    assert "nieobsługiwana wersja schematu pliku wskaźników: 2" in said


def test_mixed_years_are_refused(
    region: tuple[Path, Path], tmp_path: Path, office_keys: OfficeKeys
) -> None:
    folder, listed = region
    earlier = metrics(NAMES["ug-b"], VALUES["ug-b"], year=2025)
    write_signed(folder / "ug-b", earlier, office_keys.b, "metrics-2026.json")
    said = refused(folder, listed, tmp_path / "raport")
    assert "pliki wskaźników mają różne lata (2025: " in said


def test_one_office_twice_is_refused(
    region: tuple[Path, Path], tmp_path: Path, office_keys: OfficeKeys
) -> None:
    folder, listed = region
    write_signed(
        folder / "ug-a", metrics(NAMES["ug-a"], VALUES["ug-a"]), office_keys.a, "kopia.json"
    )
    said = refused(folder, listed, tmp_path / "raport")
    assert "urząd ug-a ma dwa pliki" in said


def test_a_file_outside_the_schema_is_refused(
    region: tuple[Path, Path], tmp_path: Path, office_keys: OfficeKeys
) -> None:
    folder, listed = region
    odd = metrics(NAMES["ug-b"], {"satisfaction_index": 140.0})
    write_signed(folder / "ug-b", odd, office_keys.b)
    said = refused(folder, listed, tmp_path / "raport")
    assert (
        "plik niezgodny ze schematem metrics-1.json (indicators/satisfaction_index/value:" in said
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("offices: []\n", "lista urzędów musi mieć klucz offices"),
        ("offices:\n  - {id: UG A, name: x, key: y}\n", "urząd nr 1 na liście: id to małe litery"),
        (
            "offices:\n  - {id: ug-a, name: A, key: not-a-key}\n",
            "key musi być wierszem klucza publicznego SSH",
        ),
        ("offices: [\n", "lista urzędów:"),
    ],
)
def test_a_bad_list_of_offices(
    region: tuple[Path, Path], tmp_path: Path, text: str, message: str
) -> None:
    folder, _ = region
    listed = tmp_path / "zla-lista.yaml"
    listed.write_text(text, encoding="utf-8")
    said = refused(folder, listed, tmp_path / "raport")
    assert message in said
    assert str(listed) in said


def test_the_shipped_schema_accepts_what_qms_metrics_writes(office: Path) -> None:
    from qms_cli.io.schemas import schema_errors

    result = CliRunner().invoke(app, ["metrics", "--format", "json", "--path", str(office)])
    assert result.exit_code == 0, result.output
    assert list(schema_errors("metrics", json.loads(result.stdout), "metrics-1.json")) == []


def test_the_metrics_schema_is_valid_2020_12() -> None:
    import subprocess
    import sys

    from qms_cli.resources import data_path

    schema = data_path("schemas") / "metrics-1.json"
    proc = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--check-metaschema", str(schema)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
