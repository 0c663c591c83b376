"""``qms ack``: who must read the edition in force of each document and who has not yet; CSV
import in UTF-8, UTF-8 with BOM or Windows-1250; acknowledgements never reach the BIP."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.errors import QmsError
from qms_cli.services.acks import ack_status, import_acks
from qms_cli.services.check import run_check
from qms_cli.services.documents.render_bip import render_bip
from qms_cli.services.due import as_ics, as_json, due_list
from tests.conftest import EXAMPLE_DAY, git
from tests.edit import set_value

runner = CliRunner()
PEOPLE = """people:
  - {id: P-001, positions: [sekretarz]}
  - {id: P-002, positions: [kierownik-usc]}
  - {id: P-003, positions: [inspektor-or-kadry, inspektor-fn-ksiegowosc]}   # OR and FN
  - {id: P-004, positions: [inspektor-po-podatki]}
"""


def entry(doc: str, folder: str, edition: int, in_force: str, older: str = "") -> str:
    text = (
        f"  - {{id: {doc}, title: T, type: t, path: documents/{folder}/{doc}.md, "
        f"edition: {edition}, in_force: {in_force}, blob: {'0' * 40}, release: W-1"
    )
    return text + (f", superseded: [{older}]}}\n" if older else "}\n")


REGISTER = (
    "releases:\n  - {id: W-1, date: 2026-11-01, tag: w1, commit_of_sources: " + "0" * 40 + "}\n"
    "documents:\n"
    + entry(
        "P-01",
        "procedures",
        2,
        "2026-11-01",
        "{edition: 1, in_force: 2026-01-10, until: 2026-10-31, blob: "
        + "1" * 40
        + ", release: W-0}",
    )
    + entry("KS-02", "job-descriptions", 1, "2026-11-15")
    + entry("I-01", "instructions", 1, "2026-12-01")  # not in force yet
    + entry("F-01", "forms", 1, "2026-10-01")  # a form concerns nobody by default
    + entry("PR-01", "processes", 1, "2026-11-10")
)


@pytest.fixture
def staffed(office: Path) -> Path:
    (office / "org/people.yaml").write_text(PEOPLE, encoding="utf-8")
    (office / "register.yaml").write_text(REGISTER, encoding="utf-8")
    # PR-01 concerns two units: P-003 works in both and is one person
    set_value(office / "documents/processes/PR-01.md", "concerns", value={"units": ["OR", "FN"]})
    return office


def missing(
    root: Path, doc_id: str | None = None, unit: str | None = None, person: str | None = None
) -> list[tuple[str, str, int, str, int, bool]]:
    status = ack_status(root, doc_id, unit, person, today=EXAMPLE_DAY)
    return [
        (m.document, m.person, m.edition, m.since.isoformat(), m.days, m.overdue)
        for m in status.missing
    ]


def test_who_has_not_read_the_edition_in_force(staffed: Path) -> None:
    assert missing(staffed) == [
        ("P-01", "P-001", 2, "2026-11-01", 20, True),
        ("P-01", "P-002", 2, "2026-11-01", 20, True),
        ("P-01", "P-003", 2, "2026-11-01", 20, True),
        ("P-01", "P-004", 2, "2026-11-01", 20, True),
        ("PR-01", "P-003", 1, "2026-11-10", 11, False),  # once, though in OR and in FN
        ("KS-02", "P-002", 1, "2026-11-15", 6, False),  # the holder of the position
    ]
    assert [m[1] for m in missing(staffed, unit="FN")] == ["P-003", "P-003"]
    assert [m[0] for m in missing(staffed, person="P-002")] == ["P-01", "KS-02"]
    assert [m[1] for m in missing(staffed, doc_id="PR-01")] == ["P-003"]


def test_import_in_windows_1250_with_polish_dates(staffed: Path, tmp_path: Path) -> None:
    source = tmp_path / "lista obecności.csv"
    source.write_bytes(
        "Osoba;Dokument;Wydanie;Data zapoznania się\r\n"
        "P-001;P-01;2;05.11.2026\r\n"
        "P-003;P-01;2;2026-11-06\r\n"
        "P-003;P-01;2;2026-11-07\r\n"
        "P-002;P-01;1;2026-01-20\r\n"
        "P-003;PR-01;1;2026-11-12\r\n".encode("cp1250")
    )
    result = import_acks(staffed, source, EXAMPLE_DAY)
    assert (result.encoding, result.rows, result.added, result.repeated) == (
        "Windows-1250",
        5,
        4,
        1,
    )
    assert result.files == ["records/acks/P-01.yaml", "records/acks/PR-01.yaml"]
    text = (staffed / "records/acks/P-01.yaml").read_text(encoding="utf-8")
    assert "- {person: P-003, edition: 2, date: 2026-11-06}" in text  # the first date stays
    assert "2026-11-07" not in text
    assert [(m[0], m[1]) for m in missing(staffed)] == [
        ("P-01", "P-002"),  # edition 1 read, edition 2 not
        ("P-01", "P-004"),
        ("KS-02", "P-002"),
    ]
    again = import_acks(staffed, source, EXAMPLE_DAY)
    assert (again.added, again.repeated) == (0, 5)
    git(staffed, "add", "-A")
    assert run_check(staffed, today=EXAMPLE_DAY, use_cache=False).findings == []


def test_bad_rows_are_listed_by_line_and_nothing_is_written(staffed: Path, tmp_path: Path) -> None:
    source = tmp_path / "potwierdzenia.csv"
    source.write_bytes(
        b"\xef\xbb\xbfosoba,dokument,wydanie,data\n"
        b"P-001,P-01,2,2026-11-05\n"
        b"P-999,P-01,2,2026-11-05\n"
        b"P-001,P-01,3,2026-11-05\n"
        b"P-001,P-77,2,2026-11-05\n"
        b"P-002,P-01,2,2026-12-24\n"
        b"P-002,P-01,2,32.13.2026\n"
    )
    with pytest.raises(QmsError) as caught:
        import_acks(staffed, source, EXAMPLE_DAY)
    assert str(caught.value.args[0]).splitlines() == [
        "potwierdzenia.csv: błędnych wierszy: 5 — nic nie zapisano:",
        "  potwierdzenia.csv:3: osoby „P-999” nie ma w org/people.yaml",
        "  potwierdzenia.csv:4: P-01 nie ma wydania 3 (wydania w register.yaml: 1, 2)",
        "  potwierdzenia.csv:5: nie ma dokumentu „P-77”",
        "  potwierdzenia.csv:6: data 2026-12-24 jest w przyszłości",
        "  potwierdzenia.csv:7: data „32.13.2026” nie jest datą RRRR-MM-DD ani DD.MM.RRRR",
    ]
    assert not (staffed / "records/acks").exists()
    result = runner.invoke(app, ["ack", "import", str(source), "--path", str(staffed)])
    assert result.exit_code == 3 and "potwierdzenia.csv:3:" in result.output


def test_missing_columns_and_utf8(staffed: Path, tmp_path: Path) -> None:
    source = tmp_path / "a.csv"
    source.write_text("Osoba,Dokument,Kiedy\nP-001,P-01,2026-11-05\n", encoding="utf-8")
    result = runner.invoke(app, ["ack", "import", str(source), "--path", str(staffed)])
    assert result.exit_code == 3
    assert "a.csv: brak kolumn: wydanie, data" in result.output


def test_status_strict_and_the_period(staffed: Path) -> None:
    args = ["ack", "status", "--path", str(staffed), "--strict"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "Brakujących potwierdzeń: 6, po terminie: 4." in result.output
    set_value(staffed / "qms.yaml", "acknowledgement", value={"period_days": 30})
    assert runner.invoke(app, args).exit_code == 0
    assert runner.invoke(app, [*args[:-1], "--unit", "XX"]).exit_code == 3


def test_acknowledgements_are_never_published(staffed: Path, tmp_path: Path) -> None:
    secret = "SEKRET-7f3a"
    (staffed / "records/acks").mkdir(parents=True)
    (staffed / "records/acks/P-01.yaml").write_text(
        f"document: P-01\nacks:\n  - {{person: {secret}, edition: 2, date: 2026-11-05}}\n",
        encoding="utf-8",
    )
    (staffed / "org/people.yaml").write_text(
        PEOPLE + f"  - {{id: {secret}, name: Jan Tajny, positions: [radca-prawny]}}\n",
        encoding="utf-8",
    )
    git(staffed, "add", "-A")
    git(staffed, "commit", "-q", "-m", "potwierdzenia")
    out = tmp_path / "bip"
    render_bip(staffed, out=out, draft=True)  # a preview: the office has no release
    published = [p for p in out.rglob("*") if p.is_file()]
    assert published
    for path in published:
        data = path.read_bytes()
        assert secret.encode() not in data and b"Tajny" not in data, path


def test_without_people_or_register(office: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ack", "status", "--path", str(office)])
    assert result.exit_code == 0
    assert "Brak pracowników w org/people.yaml" in result.output
    source = tmp_path / "a.csv"
    source.write_text("osoba,dokument,wydanie,data\nP-001,P-01,1,2026-11-05\n", encoding="utf-8")
    result = runner.invoke(app, ["ack", "import", str(source), "--path", str(office)])
    assert result.exit_code == 3 and "brak pracowników w org/people.yaml" in result.output
    (office / "org/people.yaml").write_text(PEOPLE, encoding="utf-8")
    result = runner.invoke(app, ["ack", "status", "--path", str(office)])
    assert "Brak obowiązujących wydań w register.yaml" in result.output
    result = runner.invoke(app, ["ack", "import", str(source), "--path", str(office)])
    assert result.exit_code == 3
    assert "a.csv:2: P-01 nie ma wydania 1 (wydania w register.yaml: żadnych)" in result.output


def test_unknown_positions_and_units_are_reported(staffed: Path) -> None:
    (staffed / "org/people.yaml").write_text(
        "people:\n  - {id: P-001, positions: [sekretarka]}\n", encoding="utf-8"
    )
    set_value(staffed / "documents/processes/PR-01.md", "concerns", value={"units": ["ORG"]})
    found = [
        (f.path, f.message[: f.message.index("structure.yaml")])
        for f in run_check(staffed, today=EXAMPLE_DAY, use_cache=False).findings
        if f.code == "QMS012"
    ]
    assert found == [
        ("documents/processes/PR-01.md", "brak komórki organizacyjnej „ORG” w org/"),
        ("org/people.yaml", "brak stanowiska „sekretarka” w org/"),
    ]


def test_a_second_import_appends_and_an_unusual_file_is_edited_round_trip(
    staffed: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "1.csv", tmp_path / "2.csv"
    first.write_text("osoba,dokument,wydanie,data\nP-001,P-01,2,2026-11-05\n", encoding="utf-8")
    second.write_text("osoba,dokument,wydanie,data\nP-002,P-01,2,2026-11-06\n", encoding="utf-8")
    import_acks(staffed, first, EXAMPLE_DAY)
    path = staffed / "records/acks/P-01.yaml"
    before = path.read_text(encoding="utf-8")
    import_acks(staffed, second, EXAMPLE_DAY)
    after = path.read_text(encoding="utf-8")
    assert after == before + "  - {person: P-002, edition: 2, date: 2026-11-06}\n"
    # acks not the last key, and in flow style: the file is edited round trip
    path.write_text("acks: []  # lista\ndocument: P-01\n", encoding="utf-8")
    import_acks(staffed, second, EXAMPLE_DAY)
    assert [m[1] for m in missing(staffed, doc_id="P-01")] == ["P-001", "P-003", "P-004"]
    git(staffed, "add", "-A")
    codes = {f.code for f in run_check(staffed, today=EXAMPLE_DAY, use_cache=False).findings}
    assert not codes & {"QMS001", "QMS002"}


def test_qms_due_counts_who_has_not_read_never_names_them(staffed: Path) -> None:
    """Issue 18: `qms due` lists outstanding acknowledgements, one line per edition in force,
    due `acknowledgement.period_days` after it came into force; counts, not people."""
    found = due_list(staffed, 30, EXAMPLE_DAY)
    acks = [
        (i.due.isoformat(), i.title, i.source) for i in found.items if i.kind == "acknowledgement"
    ]
    assert acks == [
        ("2026-11-15", "Zapoznanie się z P-01 (wydanie 2): brak potwierdzenia — 4 osoby",
         "records/acks/P-01.yaml"),
        ("2026-11-24", "Zapoznanie się z PR-01 (wydanie 1): brak potwierdzenia — 1 osoba",
         "records/acks/PR-01.yaml"),
        ("2026-11-29", "Zapoznanie się z KS-02 (wydanie 1): brak potwierdzenia — 1 osoba",
         "records/acks/KS-02.yaml"),
    ]  # fmt: skip
    text = as_ics(found) + as_json(found)
    assert "P-001" not in text and "P-003" not in text
