"""`qms metrics` (issue 20): the example office's indicators at the pinned day, aggregates
only (a planted secret never reaches the file), the office's choice of what it shares, and
the file signed with the pełnomocnik's SSH key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.model.metrics import KEYS
from qms_cli.vcs import sshsig
from tests.approval.conftest import add_person
from tests.metrics.conftest import OfficeKeys

SECRET_NAME = "Zofia Tajemnicza"
SECRET_CASE = "OR.1510.77.2026"

# the example office on 2026-11-21 (tests/conftest.py: EXAMPLE_DAY)
EXAMPLE_2026: dict[str, Any] = {
    "schema_version": 1,
    "office": {"name": "Urząd Gminy Przykładowo", "kind": "gmina"},
    "year": 2026,
    "as_of": "2026-11-21",
    "indicators": {
        "satisfaction_index": {"value": 94.1, "base": 119},
        "satisfaction_responses": {"value": 119},
        "cases_on_time": {"value": 99.1},
        "complaints_received": {"value": 3},
        "complaints_justified": {"value": 0},
        # the example's 2026 cards (issue 16), as objective CJ-2026-09 reports them
        "capa_opened": {"value": 12},
        "capa_closed_on_time": {"value": 11},
        "capa_effective": {"value": 11},
        "audit_programme_done": {"value": 75.0, "base": 8},
        "objectives_achieved": {
            "value": None,
            "base": 0,
            "reason": "żaden cel na 2026 r. nie został jeszcze rozliczony",
        },
        "nonconforming_outputs": {"value": 0},
        "documents_reviewed_on_time": {
            "value": None,
            "base": 0,
            "reason": "żaden dokument nie ma jeszcze daty przeglądu",
        },
        "acknowledgements_outstanding": {"value": 0},
        "accessibility_statement_current": {"value": True},
    },
}


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, ["metrics", *args])


def test_the_example_office_at_the_pinned_day(office: Path) -> None:
    result = invoke("--format", "json", "--path", str(office))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == EXAMPLE_2026
    assert list(EXAMPLE_2026["indicators"]) == list(KEYS)  # the documented order


def test_the_text_table(office: Path) -> None:
    result = invoke("--path", str(office))
    assert result.exit_code == 0, result.output
    assert "Wskaźniki za 2026 r. (stan na 2026-11-21)" in result.output
    assert "94,1% (z 119)" in result.output


def test_a_past_year_is_counted_to_its_last_day(office: Path) -> None:
    result = invoke("--year", "2025", "--format", "json", "--path", str(office))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["year"], data["as_of"]) == (2025, "2025-12-31")
    assert data["indicators"]["audit_programme_done"] == {
        "value": None,
        "reason": "brak programu auditów na 2025 r.",
    }


def test_a_year_not_begun_is_refused(office: Path) -> None:
    result = invoke("--year", "2027", "--path", str(office))
    assert result.exit_code == 3
    assert "rok 2027 jeszcze się nie zaczął" in result.output


def plant_secrets(office: Path) -> None:
    complaint = office / "records/complaints/SK-2026-004.yaml"
    text = complaint.read_text(encoding="utf-8")
    text = text.replace("case: OR.1510.4.2026", f"case: {SECRET_CASE}")
    complaint.write_text(text + f"# skarżąca: {SECRET_NAME}\n", encoding="utf-8")
    for card in (office / "records/capa").glob("DK-*.yaml"):  # only the planted card counts
        card.unlink()
    capa = office / "records/capa/DK-2026-001.yaml"
    capa.write_text(
        "id: DK-2026-001\nstatus: closed\nsource: {type: complaint, ref: SK-2026-004}\n"
        f"opened: 2026-09-25\ndue: 2026-10-31\nclosed: 2026-10-30\nowner: sekretarz\n"
        f"description: 'Skarga {SECRET_NAME}, sprawa {SECRET_CASE}'\n"
        "effectiveness: {planned: 2026-11-15, verified: 2026-11-16, effective: true}\n",
        encoding="utf-8",
    )
    survey = office / "records/surveys/2026/ankiety-001.csv"  # a remark naming a person
    text = survey.read_text(encoding="utf-8")
    survey.write_text(
        text.replace("Przydałby się automat z numerkami.", f"Pani {SECRET_NAME} pomogła."),
        encoding="utf-8",
    )


def test_aggregates_only_no_planted_secret(office: Path, tmp_path: Path) -> None:
    plant_secrets(office)
    out = tmp_path / "metrics.json"
    result = invoke("--out", str(out), "--path", str(office))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    indicators = json.loads(text)["indicators"]
    assert indicators["capa_opened"] == {"value": 1}  # the planted card is counted …
    assert indicators["capa_closed_on_time"] == {"value": 1}
    assert indicators["capa_effective"] == {"value": 1}
    assert indicators["satisfaction_responses"] == {"value": 119}  # the remark's row counts
    for secret in (SECRET_NAME, "Tajemnicza", SECRET_CASE, "OR.1510", "SK-2026", "DK-2026"):
        assert secret not in text  # … and nothing of it but the numbers
    for item in indicators.values():  # every value a number, a share or yes/no
        assert set(item) <= {"value", "base", "reason"}
        assert item["value"] is None or isinstance(item["value"], int | float | bool)


def test_the_office_chooses_what_it_shares(office: Path) -> None:
    config = office / "qms.yaml"
    text = config.read_text(encoding="utf-8")
    start = text.index("metrics:\n")
    end = text.index("\n\n", start)
    shared = "metrics:\n  share: [satisfaction_index, complaints_received]"
    config.write_text(text[:start] + shared + text[end:], encoding="utf-8")
    result = invoke("--format", "json", "--path", str(office))
    assert result.exit_code == 0, result.output
    assert list(json.loads(result.stdout)["indicators"]) == [
        "satisfaction_index",
        "complaints_received",
    ]


def test_an_unknown_indicator_is_refused(office: Path) -> None:
    config = office / "qms.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("    - satisfaction_index\n", "    - happiness\n", 1), encoding="utf-8"
    )
    result = invoke("--path", str(office))
    assert result.exit_code == 3
    assert "nieznane wskaźniki w metrics.share: happiness" in result.output


def use_key(office: Path, key_pub: Path) -> None:
    import subprocess

    for setting in (["gpg.format", "ssh"], ["user.signingkey", str(key_pub)]):
        subprocess.run(["git", "config", *setting], cwd=office, check=True)


def test_signed_with_the_pelnomocnik_key(office: Path, office_keys: OfficeKeys) -> None:
    key = office_keys.a
    add_person(office, "anna-sekretarz", "Anna Sekretarz", "sekretarz", ("pelnomocnik",), key)
    use_key(office, key.pub)
    out = office / "dist" / "metrics-2026.json"
    result = invoke("--sign", "--out", str(out), "--path", str(office))
    assert result.exit_code == 0, result.output
    sig = out.with_name("metrics-2026.json.sig")
    assert f"Zapisano {out}, podpis {sig} (Anna Sekretarz)." in " ".join(result.output.split())
    signature = sshsig.parse_armored(sig.read_text(encoding="ascii"))
    assert signature.fingerprint == key.fingerprint
    assert sshsig.verify(signature, out.read_bytes(), namespace="qms-metrics")
    assert not sshsig.verify(signature, out.read_bytes(), namespace="git")
    assert json.loads(out.read_text(encoding="utf-8"))["year"] == 2026


def test_a_key_that_is_not_the_pelnomocnik_signs_nothing(
    office: Path, office_keys: OfficeKeys, tmp_path: Path
) -> None:
    add_person(office, "jan-wojt", "Jan Wójt", "wojt", ("kierownik-urzedu",), office_keys.b)
    use_key(office, office_keys.b.pub)
    out = tmp_path / "metrics-2026.json"
    result = invoke("--sign", "--out", str(out), "--path", str(office))
    assert result.exit_code == 3
    assert "nie należy do osoby z rolą pelnomocnik" in " ".join(result.output.split())
    assert not out.exists() and not out.with_name(out.name + ".sig").exists()
