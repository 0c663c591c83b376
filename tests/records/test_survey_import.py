"""`qms survey import` with files as offices really have them: Excel on a Polish Windows
(Windows-1250, semicolons, CRLF), an online form export (UTF-8 with BOM, commas), and broken
ones (missing column, answer out of range, empty, unknown encoding)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from qms_cli.errors import QmsError
from qms_cli.services.survey.importer import import_survey
from tests.records.helpers import TODAY, qms

INBOX = "records/surveys/wplywy"
HEADER = ["Data", "Komórka", "Sprawa", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "Uwagi"]


def excel(rows: list[list[object]], header: list[str] = HEADER) -> bytes:
    """What Excel writes for "CSV (rozdzielany średnikami)" on a Polish Windows."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("cp1250")


def good(
    day: str = "05.10.2026", unit: str = "Urząd Stanu Cywilnego", p8: object = 5
) -> list[object]:
    return [day, unit, "Wydanie odpisu aktu stanu cywilnego", 5, 5, 4, 5, 4, "", 5, p8, ""]


def write(office: Path, name: str, data: bytes) -> Path:
    path = office / name
    path.write_bytes(data)
    return path


def imports_text(office: Path) -> str:
    return (office / "records/surveys/2026/imports.yaml").read_text(encoding="utf-8")


def test_excel_file_with_a_bad_row_is_refused_then_imported_with_skip_bad(office: Path) -> None:
    source = f"{INBOX}/ankiety-2026-10-bok.csv"
    before = imports_text(office)
    code, _, err = qms(office, "survey", "import", str(office / source), "--channel", "paper")
    assert code == 3
    assert "ankiety-2026-10-bok.csv: błędne wiersze: 1 — niczego nie zapisano" in err
    assert "wiersz 44: odpowiedź „6” spoza skali 1–5 w kolumnie „P3”" in err
    assert "--skip-bad" in err
    assert imports_text(office) == before
    assert not (office / "records/surveys/2026/ankiety-007.csv").exists()

    code, out, err = qms(
        office, "survey", "import", str(office / source), "--channel", "paper", "--skip-bad"
    )
    assert code == 0, err
    assert "Windows-1250, separator: średnik" in out
    assert "Zapisano 41 ankiet (2026 r.): records/surveys/2026/ankiety-007.csv" in out
    assert "wiersz 43: pominięto — ankieta nieważna: odpowiedzi na 2 z 8 pytań" in out
    assert "wiersz 44: pominięto (--skip-bad)" in out
    stored = (office / "records/surveys/2026/ankiety-007.csv").read_text(encoding="utf-8")
    assert stored.startswith("date,channel,unit,service,P1,P2,P3,P4,P5,P6,P7,P8,remarks\n")
    assert stored.count("\n") == 42 and "\r" not in stored
    assert ",paper,USC,KU-USC-0" in stored  # service titles become service-card ids
    entry = imports_text(office).split("- file: ankiety-007.csv")[1]
    assert "channel: paper" in entry and "responses: 41" in entry and "invalid: 1" in entry
    assert "{line: 44, reason:" in entry


def test_utf8_bom_export_with_question_texts_as_headers(office: Path) -> None:
    source = office / f"{INBOX}/ankiety-2026-10-online.csv"
    assert source.read_bytes().startswith(b"\xef\xbb\xbf")
    code, out, err = qms(office, "survey", "import", str(source), "--channel", "online")
    assert code == 0, err
    assert "UTF-8 z BOM, separator: przecinek" in out
    assert "Zapisano 12 ankiet (2026 r.)" in out
    code, _, err = qms(office, "survey", "import", str(source), "--channel", "online")
    assert code == 3
    assert "ten plik został już wczytany jako records/surveys/2026/ankiety-007.csv" in err


def test_missing_column_names_what_is_missing(office: Path) -> None:
    header = [h for h in HEADER if h != "Komórka"]
    rows = [[c for i, c in enumerate(good()) if i != 1]]
    path = write(office, "bez-komorki.csv", excel(rows, header))
    code, _, err = qms(office, "survey", "import", str(path), "--channel", "paper")
    assert code == 3
    assert "bez-komorki.csv: brak kolumn: komórka (nagłówek: „Komórka” albo" in err
    assert "Nagłówki w pliku: „Data”, „Sprawa”" in err


def test_answers_out_of_range_are_reported_with_their_lines(office: Path) -> None:
    rows = [good(), good(p8=0), good(), good(p8="bardzo dobrze"), good(p8=7), good(p8="4,0")]
    path = write(office, "zakres.csv", excel(rows))
    code, _, err = qms(office, "survey", "import", str(path), "--channel", "paper")
    assert code == 3
    assert "błędne wiersze: 3" in err
    assert "wiersz 3: odpowiedź „0” spoza skali 1–5 w kolumnie „P8”" in err
    assert "wiersz 5: odpowiedź „bardzo dobrze” spoza skali" in err
    assert "wiersz 6: odpowiedź „7” spoza skali" in err
    assert "wiersz 7" not in err  # "4,0" is Excel's way of writing 4


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "plik jest pusty"),
        (b"\xef\xbb\xbf\r\n", "plik jest pusty"),
        ("Data;Komórka;P8\r\n".encode("cp1250"), "plik nie zawiera żadnej ankiety"),
        (b"Data;Kom\x98rka\r\n", "nieznane kodowanie znaków (ani UTF-8, ani Windows-1250)"),
    ],
    ids=["empty", "bom-only", "header-only", "unknown-encoding"],
)
def test_files_without_questionnaires(office: Path, data: bytes, message: str) -> None:
    path = write(office, "ankiety.csv", data)
    code, out, err = qms(office, "survey", "import", str(path), "--channel", "paper")
    assert code == 3
    assert message in err
    assert "Traceback" not in err + out


def test_missing_file_and_wrong_channel(office: Path) -> None:
    code, _, err = qms(office, "survey", "import", str(office / "nie-ma.csv"), "--channel", "paper")
    assert code == 3 and "nie ma pliku" in err
    path = write(office, "a.csv", excel([good()]))
    code, _, err = qms(office, "survey", "import", str(path), "--channel", "fax")
    assert code == 3 and "nieznany kanał „fax”" in err


def test_row_problems_dates_units_and_quoted_remarks(office: Path) -> None:
    rows = [
        [
            "2026-10-05 10:15:00",
            "USC",
            "KU-USC-02",
            5,
            5,
            5,
            5,
            5,
            5,
            5,
            5,
            "Szybko; sprawnie,\nmiło",
        ],
        ["5.10.2026", "urzad stanu cywilnego", "", 4, 4, 4, 4, 4, 4, 4, 4, ""],
        ["31.02.2026", "USC", "", 5, 5, 5, 5, 5, 5, 5, 5, ""],
        ["05.10.2026", "Referat Kultury", "", 5, 5, 5, 5, 5, 5, 5, 5, ""],
        ["05.12.2026", "USC", "", 5, 5, 5, 5, 5, 5, 5, 5, ""],
    ]
    path = write(office, "wiersze.csv", excel(rows))
    with pytest.raises(QmsError) as caught:
        import_survey(office, path, "paper", today=TODAY)
    text = str(caught.value)
    assert "wiersz 5: nieczytelna data „31.02.2026”" in text  # the remark above spans 2 lines
    assert "wiersz 6: nieznana komórka „Referat Kultury”" in text
    assert "wiersz 7: data 2026-12-05 jest w przyszłości" in text
    result = import_survey(office, path, "paper", skip_bad=True, today=TODAY)
    assert result.responses == 2
    stored = (office / result.written[0].path).read_text(encoding="utf-8")
    assert '2026-10-05,paper,USC,KU-USC-02,5,5,5,5,5,5,5,5,"Szybko; sprawnie,\nmiło"' in stored


def test_import_spanning_two_years_writes_one_file_per_year(office: Path) -> None:
    path = write(office, "przelom.csv", excel([good("30.12.2025"), good("02.01.2026")]))
    result = import_survey(office, path, "paper", today=dt.date(2026, 1, 5))
    assert [(w.year, w.path, w.responses) for w in result.written] == [
        (2025, "records/surveys/2025/ankiety-003.csv", 1),
        (2026, "records/surveys/2026/ankiety-007.csv", 1),
    ]
