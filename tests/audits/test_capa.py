"""``qms capa``: opening a card from a finding or another source, the list of open ones,
closing, verifying effectiveness (an ineffective action gets a follow-up card)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.io.yamlfast import load
from qms_cli.model.dates import days_pl
from qms_cli.services.audit.audits import FindingRequest, add_finding
from qms_cli.services.audit.capa import close_capa, verify_capa
from qms_cli.services.audit.plan import NewAuditRequest, new_audit
from qms_cli.services.check import run_check
from tests.audits.helpers import FINDINGS, TODAY, complete_audit, ready_to_close

pytestmark = pytest.mark.any_day  # holds on any pinned day (tests/test_any_day.py)

runner = CliRunner()


def qms(root: Path, *args: str, answers: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--path", str(root)], input=answers)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def audited(minimal: Path) -> Path:
    """AW-2026-02 with a minor nonconformity (1) and an observation (2), no card yet."""
    new_audit(minimal, NewAuditRequest("PR-01", "2026-09-15", "AUD-01"), today=dt.date(2026, 9, 1))
    for request in (
        FindingRequest("nc-minor", "P-01", "Rejestr bez daty przeglądu", "Brak przeglądów"),
        FindingRequest("observation", evidence="Wykaz form. nieczytelny"),
    ):
        add_finding(minimal, "AW-2026-02", request, today=dt.date(2026, 9, 15))
    return minimal


def card(root: Path, card_id: str) -> dict:  # type: ignore[type-arg]
    data: dict = load((root / f"records/capa/{card_id}.yaml").read_text(encoding="utf-8"))  # type: ignore[type-arg]
    return data


def test_card_from_a_finding(audited: Path, today: dt.date) -> None:
    code, out, err = qms(
        audited,
        "capa",
        "new",
        "--from",
        "AW-2026-02/1",
        "--due",
        "2027-01-31",
        "--correction",
        "Przejrzano rejestr",
        "--why",
        "Brak terminu",
        "--why",
        "P-01 milczy",
        "--action",
        "Dopisać termin do P-01",
        "--effectiveness",
        "2027-04-30",
    )
    assert code == 0, err
    card_id = out.split("Otwarto kartę ")[1].split(":")[0]
    assert card_id == f"DK-{today.year}-001"
    data = card(audited, card_id)
    assert data["source"] == {"type": "audit", "ref": "AW-2026-02/1"}
    assert (data["description"], data["criterion"], data["evidence"]) == (
        "Brak przeglądów",
        "P-01",
        "Rejestr bez daty przeglądu",
    )
    assert (data["unit"], data["process"], data["owner"]) == ("USC", "PR-01", "kierownik-usc")
    assert data["root_cause"] == {
        "method": "5 x dlaczego",
        "whys": ["Brak terminu", "P-01 milczy"],
        "cause": "P-01 milczy",
    }
    assert data["actions"] == [
        {
            "action": "Dopisać termin do P-01",
            "owner": "kierownik-usc",
            "due": "2027-01-31",
            "done": None,
        }
    ]
    assert data["effectiveness"] == {
        "planned": "2027-04-30",
        "verified": None,
        "effective": None,
        "evidence": None,
    }
    finding = load((audited / FINDINGS).read_text(encoding="utf-8"))["findings"][0]
    assert finding["capa"] == card_id


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "AW-2026-02/2"], "ustalenie AW-2026-02/2 nie jest niezgodnością (observation)"),
        (["--from", "AW-2026-02/7"], "audit AW-2026-02 nie ma ustalenia nr 7"),
        (["--from", "AW-2026-05/1"], "nie ma auditu AW-2026-05"),
        (["--from", "audyt 2"], "nieznane źródło „audyt 2”"),
        ([], "opisz niezgodność"),
        (
            ["--from", "AW-2026-02/1", "--owner", "prezes"],
            "„prezes” nie jest rolą ani stanowiskiem",
        ),
        (["--from", "AW-2026-02/1", "--due", "31.01.2027"], "--due: „31.01.2027” nie jest datą"),
    ],
)
def test_new_card_refusals(audited: Path, args: list[str], message: str) -> None:
    before = (audited / FINDINGS).read_bytes()
    code, _, err = qms(audited, "capa", "new", *args)
    assert code == 3 and message in err
    assert not (audited / "records/capa").exists()
    assert (audited / FINDINGS).read_bytes() == before


def test_one_card_per_finding(audited: Path) -> None:
    assert qms(audited, "capa", "new", "--from", "AW-2026-02/1")[0] == 0
    code, _, err = qms(audited, "capa", "new", "--from", "AW-2026-02/1")
    assert code == 3 and "ustalenie AW-2026-02/1 ma już kartę DK-" in err


def test_cards_from_other_sources(minimal: Path, today: dt.date) -> None:
    code, _, _ = qms(
        minimal,
        "capa",
        "new",
        "--from",
        "SK-2026-004",
        "--description",
        "Odpowiedź na skargę po terminie",
        "--owner",
        "kierownik-or",
    )
    assert code == 0
    code, _, _ = qms(minimal, "capa", "new", "--description", "Awaria kopii zapasowej")
    assert code == 0
    year = today.year
    assert card(minimal, f"DK-{year}-001")["source"] == {"type": "complaint", "ref": "SK-2026-004"}
    second = card(minimal, f"DK-{year}-002")
    assert second["source"] == {"type": "other", "ref": None}
    assert second["owner"] == "pelnomocnik"


def test_new_card_asks_in_a_terminal(audited: Path, today: dt.date) -> None:
    answers = (
        "\n".join(
            [
                "AW-2026-02/1",  # source
                "",  # owner: the head of the unit
                "2027-13-01",
                "2027-01-31",  # due: a wrong date is asked again
                "Przejrzano rejestr",  # correction
                "Nikt nie pilnuje",
                "Procedura nie wskazuje terminu",
                "",  # whys
                "",  # cause: the last why
                "Dopisać termin do P-01",
                "",  # actions
            ]
        )
        + "\n"
    )
    code, out, err = qms(audited, "capa", "new", "--interactive", answers=answers)
    assert code == 0, out + err
    assert "podaj datę w postaci RRRR-MM-DD" in out
    data = card(audited, f"DK-{today.year}-001")
    assert data["due"] == "2027-01-31" and data["owner"] == "kierownik-usc"
    assert data["root_cause"]["cause"] == "Procedura nie wskazuje terminu"
    assert data["correction"]["description"] == "Przejrzano rejestr"
    assert [a["action"] for a in data["actions"]] == ["Dopisać termin do P-01"]


def test_list_shows_open_cards_with_days_left(minimal: Path, today: dt.date) -> None:
    code, out, _ = qms(minimal, "capa")
    assert code == 0 and "Brak otwartych działań korygujących." in out
    complete_audit(minimal)
    left = (dt.date(2026, 12, 31) - today).days
    code, out, _ = qms(minimal, "capa")
    assert code == 0 and "DK-2026-001" in out and "AW-2026-02/1" in out and "2026-12-31" in out
    assert (f"zostało {days_pl(left)}" if left >= 0 else f"po terminie {days_pl(-left)}") in out
    ready_to_close(minimal)
    close_capa(minimal, "DK-2026-001", "Termin dopisano", today=TODAY)
    assert "DK-2026-001" not in qms(minimal, "capa", "list")[1]
    out = qms(minimal, "capa", "list", "--all")[1]
    assert "DK-2026-001" in out and "zamknięta: ocena 2027-03-31" in out


def test_close_then_verify(minimal: Path) -> None:
    complete_audit(minimal)
    code, _, err = qms(minimal, "capa", "close", "DK-2026-001")
    assert code == 2 and "brak --evidence" in err
    code, _, err = qms(
        minimal, "capa", "verify", "DK-2026-001", "--effective", "tak", "--evidence", "x"
    )
    assert code == 3 and "karta DK-2026-001 jest otwarta" in err
    ready_to_close(minimal)
    code, out, _ = qms(minimal, "capa", "close", "DK-2026-001", "--evidence", "Termin dopisano")
    assert code == 0 and "qms capa verify" in out
    data = card(minimal, "DK-2026-001")
    assert data["status"] == "closed" and data["closure_evidence"] == "Termin dopisano"
    assert data["effectiveness"]["verified"] is None
    code, _, err = qms(minimal, "capa", "close", "DK-2026-001", "--evidence", "x")
    assert code == 3 and "karta DK-2026-001 jest już zamknięta" in err
    code, out, _ = qms(
        minimal,
        "capa",
        "verify",
        "DK-2026-001",
        "--effective",
        "yes",
        "--evidence",
        "Próbka 10 rejestrów bez uwag",
    )
    assert code == 0 and "skuteczne" in out
    assert card(minimal, "DK-2026-001")["effectiveness"]["effective"] is True
    code, _, err = qms(
        minimal, "capa", "verify", "DK-2026-001", "--effective", "nie", "--evidence", "x"
    )
    assert code == 3 and "już oceniono" in err


def test_ineffective_action_opens_a_follow_up_card(minimal: Path) -> None:
    complete_audit(minimal)
    ready_to_close(minimal)
    result = close_capa(minimal, "DK-2026-001", "Termin dopisano", effective=False, today=TODAY)
    assert result.follow_up == "DK-2026-002"
    follow_up = card(minimal, "DK-2026-002")
    assert follow_up["follows"] == "DK-2026-001" and follow_up["status"] == "open"
    assert follow_up["source"] == {"type": "audit", "ref": "AW-2026-02/1"}
    assert follow_up["description"] == card(minimal, "DK-2026-001")["description"]
    assert [f.code for f in run_check(minimal, today=TODAY, use_cache=False).findings] == ["QMS538"]
    assert qms(minimal, "capa", "approve", "DK-2026-001", "--by", "kierownik-or")[0] == 0
    assert run_check(minimal, today=TODAY, use_cache=False).findings == []


def test_close_asks_in_a_terminal(minimal: Path) -> None:
    complete_audit(minimal)
    ready_to_close(minimal)
    answers = "Termin dopisano\nmoże\ntak\n"
    code, out, err = qms(minimal, "capa", "close", "DK-2026-001", "--interactive", answers=answers)
    assert code == 0, out + err
    assert "odpowiedz „tak” albo „nie”" in out
    assert card(minimal, "DK-2026-001")["effectiveness"]["effective"] is True


def test_verify_unknown_card(minimal: Path) -> None:
    with pytest.raises(Exception, match="nie ma karty DK-2026-099"):
        verify_capa(minimal, "DK-2026-099", True, "x", today=TODAY)
    code, _, err = qms(
        minimal, "capa", "close", "DK-2026-099", "--evidence", "x", "--effective", "chyba"
    )
    assert code == 2 and "podaj tak/yes albo nie/no" in err


def test_dates_of_closing_and_verifying_can_be_given(minimal: Path) -> None:
    complete_audit(minimal)
    code, _, err = qms(
        minimal, "capa", "close", "DK-2026-001", "--evidence", "x", "--date", "22.12.2026"
    )
    assert code == 3 and "podaj datę w postaci RRRR-MM-DD" in err
    assert card(minimal, "DK-2026-001")["status"] == "open"
    ready_to_close(minimal)
    assert (
        qms(minimal, "capa", "close", "DK-2026-001", "--evidence", "x", "--date", "2026-12-22")[0]
        == 0
    )
    assert (
        qms(
            minimal,
            "capa",
            "verify",
            "DK-2026-001",
            "--effective",
            "nie",
            "--evidence",
            "y",
            "--date",
            "2027-03-30",
        )[0]
        == 0
    )
    data = card(minimal, "DK-2026-001")
    assert data["closed"] == "2026-12-22" and data["effectiveness"]["verified"] == "2027-03-30"
    follow_up = card(minimal, "DK-2027-001")
    assert (follow_up["opened"], follow_up["follows"]) == ("2027-03-30", "DK-2026-001")
