"""The transition to ISO 9001:2026: the gap checklist of the example office, the findings when
it switches to 2026, the review's paragraph, the transition audit and the end of the
transition period at pinned days."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.io.records import read_text
from qms_cli.model.certification import cycle_deadlines
from qms_cli.resources import data_path
from qms_cli.services.check import run_check
from qms_cli.services.loading import load_repository
from qms_cli.services.transition import gaps, plan_transition
from tests.edit import set_value

runner = CliRunner()
DAY = dt.date(2026, 11, 21)
PLAN = "records/transition/plan-iso9001-2026.yaml"

EXAMPLE_GAPS = [
    ("R26-4.1-klimat", "covered", ("P-08", "PR-01"), ""),
    ("R26-4.2-klimat", "covered", ("P-08", "PR-01"), ""),
    ("R26-5.1-kultura", "missing", ("PJ",), "PJ: brak w treści słów „kultur…”, „etycz…”"),
    ("R26-6.1.2-ryzyka", "missing", (), "żaden dokument nie powołuje się na pkt 6.1.2"),
    ("R26-6.1.3-szanse", "missing", (), "żaden dokument nie powołuje się na pkt 6.1.3"),
    (
        "R26-7.3-swiadomosc",
        "missing",
        ("P-09", "PR-06"),
        "P-09, PR-06: brak w treści słów „kultur…”, „etycz…”",
    ),
]


def _codes(root: Path, day: dt.date = DAY) -> list[tuple[str, str, str]]:
    report = run_check(root, today=day, use_cache=False)
    found = [(f.code, f.path, f.message) for f in report.findings if f.code.startswith("QMS09")]
    return sorted(found)


def test_the_example_office_s_gaps() -> None:
    repo = load_repository(data_path("docs-repo-template")).repo
    _, new, items = gaps(repo)
    assert new.name == "iso9001:2026"
    assert [(f.requirement.id, f.state, f.documents, f.missing) for f in items] == EXAMPLE_GAPS


def test_the_command_writes_the_plan_the_example_office_carries(office: Path) -> None:
    committed = read_text(office / PLAN)
    (office / PLAN).unlink()
    result = runner.invoke(app, ["transition", "plan", "--path", str(office)])
    assert result.exit_code == 0, result.output
    assert "Wymagań: 6, spełnionych: 2. Zapisano records/transition/plan-iso9001-2026.yaml." in (
        " ".join(result.output.split())
    )
    assert read_text(office / PLAN) == committed


def test_a_new_plan_keeps_what_people_wrote(office: Path) -> None:
    set_value(office / PLAN, "requirements", 2, "action", value="Dopisać do PJ zdanie o etyce.")
    set_value(office / PLAN, "requirements", 2, "owner", value="pelnomocnik")
    plan_transition(office, today=DAY)
    data = load_repository(office).repo.files[PLAN].data
    assert (data["requirements"][2]["action"], data["requirements"][2]["owner"]) == (
        "Dopisać do PJ zdanie o etyce.",
        "pelnomocnik",
    )


def test_an_office_already_on_2026_has_no_plan_to_make(office: Path) -> None:
    set_value(office / "qms.yaml", "iso", "edition", value="iso9001:2026")
    result = runner.invoke(app, ["transition", "plan", "--path", str(office)])
    assert result.exit_code == 3
    assert "urząd stosuje już wydanie ISO 9001:2026 (iso.edition w qms.yaml)" in result.output


def test_the_example_office_on_2015_has_no_edition_findings(office: Path) -> None:
    assert _codes(office) == []


def test_switching_the_example_office_to_2026_gives_the_new_findings(office: Path) -> None:
    set_value(office / "qms.yaml", "iso", "edition", value="iso9001:2026")
    draft = "ISO 9001:2026, projekt normy"
    assert _codes(office) == [
        (
            "QMS095",
            "documents/policy/PJ.md",
            f"wymaganie R26-5.1-kultura (pkt 5.1.1 {draft}: Kierownictwo promuje kulturę jakości "
            "i etyczne postępowanie; urząd wyraża to w Polityce Jakości): PJ: brak w treści "
            "słów „kultur…”, „etycz…”",
        ),
        (
            "QMS095",
            "qms.yaml",
            f"wymaganie R26-6.1.2-ryzyka (pkt 6.1.2 {draft}: Działania dotyczące ryzyk opisane "
            "w odrębnym podpunkcie, oddzielnie od szans): żaden dokument nie powołuje się na "
            "pkt 6.1.2",
        ),
        (
            "QMS095",
            "qms.yaml",
            f"wymaganie R26-6.1.3-szanse (pkt 6.1.3 {draft}: Działania dotyczące szans opisane "
            "w odrębnym podpunkcie, oddzielnie od ryzyk): żaden dokument nie powołuje się na "
            "pkt 6.1.3",
        ),
    ]


def test_the_office_s_final_text_replaces_the_draft(office: Path) -> None:
    set_value(office / "qms.yaml", "iso", "edition", value="iso9001:2026")
    (office / "org/iso").mkdir(parents=True)
    (office / "org/iso/iso9001-2026.yaml").write_text(
        'edition: "iso9001:2026"\nstatus: final\nrequirements:\n'
        '  - {id: R26-6.1.2-ryzyka, clause: "6.1", summary: "Ryzyka.", cover: {clauses: ["6.1"]}}\n'
        '  - {id: R26-6.1.3-szanse, clause: "6.1", summary: "Szanse.", cover: {clauses: ["6.1"]}}\n'
        '  - id: R26-5.1-kultura\n    clause: "5.1"\n    summary: "Kultura jakości."\n'
        "    cover: {types: [policy], keywords: [jakości]}\n",
        encoding="utf-8",
    )
    assert _codes(office) == []


def test_a_wrong_office_edition_file_is_reported(office: Path) -> None:
    (office / "org/iso").mkdir(parents=True)
    (office / "org/iso/iso9001-2026.yaml").write_text("status: ostateczny\n", encoding="utf-8")
    report = run_check(office, today=DAY, use_cache=False)
    assert [f.path for f in report.findings if f.code == "QMS001"] == ["org/iso/iso9001-2026.yaml"]


def test_the_review_reads_the_plan(office: Path) -> None:
    result = runner.invoke(app, ["review", "new", "2027", "--path", str(office)])
    assert result.exit_code == 0, result.output
    text = read_text(office / "records/reviews/PZ-2027.md")
    assert (
        "Przejście na nowe wydanie normy, ISO 9001:2026 (projekt): plan "
        "records/transition/plan-iso9001-2026.yaml z dnia 21 listopada 2026 r. – wymagań nowych "
        "lub zmienionych 6, spełnionych 2, do uzupełnienia 4 (R26-5.1-kultura, "
        "R26-6.1.2-ryzyka, R26-6.1.3-szanse, R26-7.3-swiadomosc). Koniec okresu przejściowego: "
        "jeszcze nieustalony."
    ) in text
    assert "(ISO 9001 pkt 9.3, procedura P-05)" in text


def test_a_2026_office_s_review_names_the_edition(office: Path) -> None:
    set_value(office / "qms.yaml", "iso", "edition", value="iso9001:2026")
    result = runner.invoke(app, ["review", "new", "2027", "--path", str(office)])
    assert result.exit_code == 0, result.output
    text = read_text(office / "records/reviews/PZ-2027.md")
    assert "(ISO 9001:2026 (projekt) pkt 9.3, procedura P-05)" in text


@pytest.mark.parametrize(
    ("until", "day", "expected"),
    [
        (dt.date(2029, 9, 30), DAY, []),
        (dt.date(2028, 3, 31), DAY, ["QMS096"]),
        (dt.date(2027, 9, 30), DAY, ["QMS096", "QMS097"]),
        (dt.date(2029, 9, 30), dt.date(2028, 10, 1), ["QMS097"]),
    ],
)
def test_the_end_of_the_transition_period(
    office: Path, until: dt.date, day: dt.date, expected: list[str]
) -> None:
    set_value(office / "qms.yaml", "iso", "transition_until", value=until)
    assert [code for code, _, _ in _codes(office, day)] == expected


def test_the_certificate_cap_warning_at_a_pinned_day(office: Path) -> None:
    set_value(office / "qms.yaml", "iso", "transition_until", value=dt.date(2027, 9, 30))
    assert _codes(office) == [
        (
            "QMS096",
            "qms.yaml",
            "certyfikat jest ważny do 2028-06-24, a okres przejściowy kończy się 2027-09-30: po "
            "tym dniu certyfikat na poprzednie wydanie normy traci ważność, jeżeli urząd nie "
            "przejdzie auditu przejścia",
        ),
        (
            "QMS097",
            "qms.yaml",
            "okres przejściowy na nowe wydanie normy kończy się 2027-09-30, a urząd nie ma "
            "zapisanego auditu przejścia (type: transition w certificate.audits albo "
            "records/audits/external/); zob. qms transition plan",
        ),
    ]


def test_a_recorded_transition_audit_silences_the_near_end(office: Path) -> None:
    set_value(office / "qms.yaml", "iso", "transition_until", value=dt.date(2029, 9, 30))
    audits = [
        {"type": "certification", "date": dt.date(2025, 5, 21)},
        {"type": "surveillance", "date": dt.date(2026, 5, 19)},
        {"type": "transition", "date": dt.date(2027, 5, 18)},
    ]
    set_value(office / "qms.yaml", "certificate", "audits", value=audits)
    assert _codes(office, dt.date(2028, 10, 1)) == []


def test_a_transition_audit_counts_as_surveillance_not_recertification() -> None:
    issued, until = dt.date(2025, 6, 25), dt.date(2028, 6, 24)
    held = [("surveillance", dt.date(2026, 5, 19)), ("transition", dt.date(2027, 5, 18))]
    assert [(d.kind, d.done) for d in cycle_deadlines(issued, until, held)] == [
        ("surveillance", True),
        ("surveillance", True),
        ("recertification", False),
    ]


def test_the_transition_audit_is_recorded_like_other_external_audits(office: Path) -> None:
    set_value(office / "qms.yaml", "iso", "transition_until", value=dt.date(2029, 9, 30))
    args = ["audit", "external", "--kind", "transition", "--date", "2027-05-18"]
    result = runner.invoke(app, [*args, "--path", str(office)])
    assert result.exit_code == 0, result.output
    assert (office / "records/audits/external/2027-05-18-transition.yaml").is_file()
    assert _codes(office, dt.date(2028, 10, 1)) == []
