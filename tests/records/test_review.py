"""`qms review new|actions|done` and the review checks: every input of 9.3.2 compiled from
the repository (audit and CAPA records written here by the keys fixed in ARCHITECTURE.md),
every number traceable to a named file, decisions tracked into the next review."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from qms_cli.errors import QmsError
from qms_cli.io.layout import split_front_matter
from qms_cli.model.review import INPUTS, OUTPUTS, missing_inputs, sections
from qms_cli.services.check import run_check
from qms_cli.services.review.review import mark_action, new_review, review_actions
from tests.records.helpers import TODAY, qms

DRAFT = "records/reviews/PZ-2027.md"
SHARED = {
    "records/audits/AW-2026-01/plan.yaml": (
        "id: AW-2026-01\nkind: internal\nprocesses: [PR-02]\nunits: [OR]\ndate: 2026-03-12\n"
        "lead: AUD-01\nauditors: [AUD-02]\n"
    ),
    "records/audits/AW-2026-01/findings.yaml": (
        "findings:\n"
        "  - {no: 1, type: nc-minor, criterion: P-07, clause: '9.1.2', evidence: e,\n"
        "     capa: DK-2026-001}\n"
        "  - {no: 2, type: observation, criterion: P-06, clause: '9.1.2', evidence: e}\n"
        "  - {no: 3, type: improvement, criterion: KU-OR-01, clause: '8.2', evidence: e}\n"
    ),
    "records/audits/external/2026-05-19-surveillance.yaml": (
        "findings:\n"
        "  - {no: 1, type: nc-minor, criterion: '7.5.3', evidence: e, capa: DK-2026-002}\n"
    ),
    "records/capa/DK-2026-001.yaml": (
        "id: DK-2026-001\nsource: {type: audit, ref: AW-2026-01/1}\nopened: 2026-03-20\n"
        "owner: kierownik-or\ndue: 2026-05-31\nstatus: closed\n"
        "effectiveness: {planned: 2026-08-31, verified: 2026-09-02, effective: true}\n"
    ),
    "records/capa/DK-2026-002.yaml": (
        "id: DK-2026-002\nsource: {type: external-audit, ref: 2026-05-19-surveillance/1}\n"
        "opened: 2026-05-25\nowner: pelnomocnik\ndue: 2026-09-30\nstatus: open\n"
        "effectiveness: {planned: 2026-12-31, verified: null, effective: null}\n"
    ),
}


@pytest.fixture
def shared(office: Path) -> Path:
    """The example office with these audit and corrective-action records of 2026 (its own
    cards give way to them)."""
    for card in (office / "records/capa").glob("DK-*.yaml"):
        card.unlink()
    for rel, text in SHARED.items():
        (office / rel).parent.mkdir(parents=True, exist_ok=True)
        (office / rel).write_text(text, encoding="utf-8")
    return office


def draft(office: Path) -> str:
    new_review(office, 2027, today=TODAY)
    return (office / DRAFT).read_text(encoding="utf-8")


def section(text: str, key: str) -> str:
    body = split_front_matter(text)
    assert body is not None
    return sections(body[1])[key].content


def test_draft_has_every_input_each_naming_existing_sources(shared: Path) -> None:
    text = draft(shared)
    body = split_front_matter(text)
    assert body is not None
    assert missing_inputs(body[1]) == [OUTPUTS]  # the outputs are for people to write
    for item in INPUTS:
        content = section(text, item.key)
        found = re.search(r"^Źródła: (.*)$", content, re.MULTILINE)
        assert found, item.key
        for rel in re.findall(r"`([^`]+)`", found.group(1)):
            assert (shared / rel).is_file(), (item.key, rel)
    assert (
        "date: null  # dzień posiedzenia" in text
        and "period: {from: 2026-01-01, to: 2026-12-31}" in text
    )


def test_survey_and_objective_numbers_trace_to_their_files(shared: Path) -> None:
    text = draft(shared)
    answered = satisfied = 0
    for path in sorted((shared / "records/surveys/2026").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                answered += bool(row["P8"])
                satisfied += row["P8"] in ("4", "5")
    index = f"{100 * satisfied / answered:.1f}".replace(".", ",")
    c1 = section(text, "c1")
    assert f"ważne ankiety: {answered}, wskaźnik zadowolenia: {index}%" in c1
    assert "(w 2025 r.: 91,0%" in c1
    assert "| Skargi | 3 | 3 | 3 z 3 | 0 |" in c1 and "| Wnioski | 1 | 1 | 1 z 1 | 0 |" in c1
    c2 = section(text, "c2")
    assert "| CJ-2026-05 |" in c2 and "| ≤ 1,5 dni | 1,4 dni | 2026-09-30 |" in c2
    assert "(../objectives/charts/2026/CJ-2026-10.svg)" in c2
    assert (shared / "records/objectives/charts/2026/CJ-2026-10.png").is_file()
    assert (shared / "records/surveys/2026/charts/units.svg").is_file()
    c5 = section(text, "c5")
    assert "| CJ-2026-04 | % | 78,0% | 26,2% | 57,1% | 78,6% | 90,0% |" in c5


def test_audits_and_corrective_actions_by_the_shared_keys(shared: Path) -> None:
    text = draft(shared)
    c4 = section(text, "c4")
    assert "otwarte w okresie: 2; zamknięte: 1; skuteczne: 1; po terminie: 1" in c4
    assert "| DK-2026-002 | audit zewnętrzny 2026-05-19-surveillance/1 | 2026-05-25 |" in c4
    c6 = section(text, "c6")
    assert (
        "zaplanowane w programie: 8, przeprowadzone: 6; zaplanowane na dalsze dni: "
        "AW-2026-07 (2026-11-25); bez zapisów z przeprowadzenia: AW-2026-08." in c6
    )
    assert (
        "| AW-2026-01 | wewnętrzny | 2026-03-12 | PR-02 | niezgodności małe: 1, obserwacje: 1, "
        "szanse doskonalenia: 1 |" in c6
    )
    assert "| 2026-05-19-surveillance | nadzoru | 2026-05-19 |" in c6
    assert "`records/audits/AW-2026-01/findings.yaml`" in c6
    assert "| PR-02 |" in section(text, "c3") and "| 1 |" in section(text, "c3")
    f = section(text, "f")
    assert "- AW-2026-01/2 (obserwacja): P-06" in f
    assert "- AW-2026-01/3 (szansa doskonalenia): KU-OR-01" in f


def test_missing_shared_records_are_said_not_guessed(office: Path) -> None:
    for folder in (office / "records/audits").iterdir():  # an office without audit records
        if folder.is_dir():
            shutil.rmtree(folder)
    for card in (office / "records/capa").glob("DK-*.yaml"):  # nor corrective actions
        card.unlink()
    text = draft(office)
    assert "W okresie nie otwarto działań korygujących" in section(text, "c4")
    assert "przeprowadzone: 0; bez zapisów z przeprowadzenia: AW-2026-01" in section(text, "c6")
    assert "Audit zewnętrzny (nadzoru) 2026-05-19: według qms.yaml" in section(text, "c6")


def test_previous_review_actions_are_reported(office: Path) -> None:
    a = section(draft(office), "a")
    assert "Ustalenia z poprzednich przeglądów: 6; stan na 2026-11-21: wykonane: 5" in a
    assert re.search(
        r"\| PZ-2026/4 \| Przenieść dokumentację SZJ .*\| pelnomocnik \| "
        r"2026-12-31 \| w toku \|",
        a,
    )
    assert "| PZ-2026/5 |" in a and "2026-08-28 Agregat zainstalowany" in a
    assert "`records/reviews/actions.yaml`" in a and "`records/reviews/PZ-2026.md`" in a


def test_second_draft_is_refused(office: Path) -> None:
    draft(office)
    with pytest.raises(QmsError, match="przegląd PZ-2027 już istnieje"):
        new_review(office, 2027, today=TODAY)
    code, _, err = qms(office, "review", "new", "2027")
    assert code == 3 and "niczego nie nadpisano" in err


def git(office: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", *args], cwd=office, env=env, check=True, capture_output=True)


def test_context_changes_since_the_previous_review_come_from_git(office: Path) -> None:
    path = office / "records/context.yaml"
    current = path.read_text(encoding="utf-8")
    cyber = '    - text: "Rosnące zagrożenia cyberbezpieczeństwa'
    start = current.index(cyber)
    end = current.index("  internal:")
    path.write_text(
        current[:start] + '    - text: "Dawny czynnik"\n      impact: "x"\n' + current[end:],
        encoding="utf-8",
    )
    git(office, "commit", "-qam", "kontekst 2026", when="2026-01-30T10:00:00+01:00")
    path.write_text(current, encoding="utf-8")
    git(office, "commit", "-qam", "kontekst po przeglądzie")
    b = section(draft(office), "b")
    assert "| zewnętrzny (nowy) | Rosnące zagrożenia cyberbezpieczeństwa" in b
    assert "| zewnętrzny | Zmiana klimatu" in b
    assert "czynniki usunięte: 1: Dawny czynnik." in b
    assert "Porównanie ze stanem z dnia przeglądu PZ-2026 (2026-02-24, commit " in b


def test_without_history_the_draft_says_so(office: Path) -> None:
    assert "Historia repozytorium nie sięga przeglądu PZ-2026" in section(draft(office), "b")


def test_done_records_progress_and_keeps_comments(office: Path) -> None:
    code, out, err = qms(
        office,
        "review",
        "done",
        "PZ-2026/4",
        "--note",
        "Repozytorium od 2026-01",
        "--date",
        "2026-11-20",
    )
    assert code == 0, err
    assert "PZ-2026/4: wykonane 2026-11-20." in out
    text = (office / "records/reviews/actions.yaml").read_text(encoding="utf-8")
    assert "# Realizacja ustaleń z przeglądów zarządzania (P-05 pkt 5.4)." in text
    assert (
        "  - id: PZ-2026/4\n    status: done\n    date: 2026-11-20\n    note: Repozytorium" in text
    )
    assert {t.state for t in review_actions(office, TODAY)} == {"done"}
    code, out, _ = qms(office, "review", "actions")
    assert code == 0 and "Brak otwartych ustaleń" in out
    code, _, err = qms(office, "review", "done", "PZ-2026/9")
    assert code == 3 and "nie ma ustalenia PZ-2026/9" in err
    with pytest.raises(QmsError, match="w przyszłości"):
        mark_action(office, "PZ-2026/4", day=TODAY.replace(day=30), today=TODAY)


def findings(office: Path, when: object = TODAY) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in run_check(office, today=when, use_cache=False).findings:  # type: ignore[arg-type]
        out.setdefault(f.code, []).append(f.message)
    return out


def test_held_review_is_checked_and_its_decisions_tracked(office: Path) -> None:
    text = draft(office)
    assert not {"QMS602", "QMS604"} & set(findings(office))  # a draft is not checked yet
    held = text.replace("date: null  # dzień", "date: 2027-02-20  # dzień")
    (office / DRAFT).write_text(held, encoding="utf-8")
    import datetime as dt

    later = dt.date(2027, 2, 25)
    assert findings(office, later)["QMS602"] == [
        "PZ-2027: brak lub pusta sekcja „Wyniki przeglądu: decyzje i działania” [9.3.3] — "
        "dodaj nagłówek z oznaczeniem [9.3.3] i jej treść"
    ]
    decisions = (
        "Wójt ocenił system jako skuteczny.\n\n### 7.1. Decyzje [9.3.3 a)]\n\n"
        "1. Ujednolicić karty usług GK. Odpowiada: kierownik-gk. Termin: 2027-04-30.\n"
        "2. Przeszkolić pracowników BOK. Termin: 2027-03-31.\n"
        "4. Zakupić drugi agregat. Odpowiada: nieznany. Termin: 2027-06-30.\n"
    )
    (office / DRAFT).write_text(held.split("### 7.1.")[0] + decisions, encoding="utf-8")
    found = findings(office, later)
    assert "QMS602" not in found
    assert found["QMS604"] == [
        "ustalenie PZ-2027/2: brak „Odpowiada: <stanowisko>”",
        "ustalenie PZ-2027/3: „nieznany” nie jest stanowiskiem ani rolą; numer 4 zamiast 3 "
        "(numeruj kolejno)",
    ]
    overdue = [m for m in findings(office, dt.date(2027, 5, 2))["QMS603"] if "PZ-2027" in m]
    assert overdue == [
        "ustalenie PZ-2027/1 (odpowiada: kierownik-gk) po terminie 2027-04-30; po wykonaniu: "
        "qms review done PZ-2027/1",
        "ustalenie PZ-2027/2 (odpowiada: –) po terminie 2027-03-31; po wykonaniu: "
        "qms review done PZ-2027/2",
    ]
    mark_action(office, "PZ-2027/1", day=dt.date(2027, 4, 20), today=dt.date(2027, 5, 2))
    assert "PZ-2027/1" not in " ".join(findings(office, dt.date(2027, 5, 2))["QMS603"])
    assert "QMS601" in findings(office, dt.date(2028, 2, 21))
