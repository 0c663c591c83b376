"""Records approved by signed commits like documents (issue 16, finding 3): the audit
programme and the management review by the head of office, a final audit report by its lead
auditor with the auditee's acknowledgement, the closure of a corrective action by the owner
of its process — once the approval matrix in qms.yaml names the record type."""

from __future__ import annotations

import pytest

from qms_cli.errors import QmsError
from qms_cli.services.approval.approve import approve
from qms_cli.services.check import run_check
from qms_cli.services.documents.render_pdf import render_pdf
from tests.approval.conftest import Keys, Office
from tests.render.pdfread import flat

PROGRAMME = "records/audits/programme-2026.yaml"
REPORT = "records/audits/AW-2026-01/report.md"
REVIEW = "records/reviews/PZ-2026.md"
CARD = "records/capa/DK-2026-001.yaml"
MATRIX = """  audit-programme:
    - {meaning: approval, by: kierownik-urzedu}
  audit-report:
    - {meaning: approval, by: owner}
    - {meaning: acknowledgement, by: auditee}
  management-review:
    - {meaning: approval, by: kierownik-urzedu}
  capa-closure:
    - {meaning: approval, by: owner}
"""


@pytest.fixture
def records(office: Office, keys: Keys) -> Office:
    """The base office whose approval matrix names the records, qms.yaml approved."""
    office.edit("qms.yaml", "trust_root:", MATRIX + "trust_root:")
    office.commit("Macierz zatwierdzeń obejmuje zapisy")
    office.use_key(keys.wojt)
    approve(office.root, ["qms.yaml"])
    return office


def missing(office: Office) -> list[str]:
    return [f"{f.path}: {f.message}" for f in office.findings() if f.code == "QMS201"]


def test_unapproved_records_are_reported_like_documents(records: Office) -> None:
    assert missing(records) == [
        f"{REPORT}: raport z auditu AW-2026-01: brak podpisu „Zatwierdził” (approval) pod "
        "bieżącą treścią; podpisuje: właściciel dokumentu (kierownik-usc) (qms approve "
        "AW-2026-01)",
        f"{REPORT}: raport z auditu AW-2026-01: brak podpisu „Przyjął do wiadomości” "
        "(acknowledgement) pod bieżącą treścią; podpisuje: auditowany (kierownik-or) (qms "
        "approve AW-2026-01)",
        "records/audits/AW-2026-02/report.md: raport z auditu AW-2026-02: brak podpisu "
        "„Zatwierdził” (approval) pod bieżącą treścią; podpisuje: właściciel dokumentu "
        "(kierownik-or) (qms approve AW-2026-02)",
        "records/audits/AW-2026-02/report.md: raport z auditu AW-2026-02: brak podpisu "
        "„Przyjął do wiadomości” (acknowledgement) pod bieżącą treścią; podpisuje: auditowany "
        "(kierownik-usc) (qms approve AW-2026-02)",
        f"{PROGRAMME}: program auditów programme-2026: brak podpisu „Zatwierdził” (approval) "
        "pod bieżącą treścią; podpisuje: rola kierownik-urzedu (qms approve programme-2026)",
        f"{REVIEW}: przegląd zarządzania PZ-2026: brak podpisu „Zatwierdził” (approval) pod "
        "bieżącą treścią; podpisuje: rola kierownik-urzedu (qms approve PZ-2026)",
    ]


def test_head_of_office_approves_the_programme_and_the_review(records: Office, keys: Keys) -> None:
    records.use_key(keys.sekretarz)
    with pytest.raises(QmsError) as refused:
        approve(records.root, ["programme-2026"])
    assert refused.value.message == (
        "nie można złożyć podpisu „Zatwierdził” (approval) pod programme-2026: Anna Sekretarz "
        "(sekretarz) nie może złożyć podpisu „Zatwierdził” (approval) pod programme-2026; "
        "podpisuje: rola kierownik-urzedu — nic nie zapisano"
    )
    records.use_key(keys.wojt)
    signed = approve(records.root, [PROGRAMME, "PZ-2026"])  # a record's file names it too
    assert [s.doc_id for s in signed] == ["programme-2026", "PZ-2026"]
    assert records.git("log", "-1", "--format=%B").startswith("PZ-2026: ")
    left = missing(records)
    assert not [m for m in left if m.startswith((PROGRAMME, REVIEW))]
    pdf = render_pdf(records.root, ["PZ-2026"], records.root / "pdf").written[0].read_bytes()
    shown = flat(pdf)  # the PDF shows the signed record: the block and the signature
    assert "Opracował Zatwierdził" in shown
    assert "Jan Wójt Wójt Gminy Testowo" in shown and "znaczenie: zatwierdzenie" in shown
    records.edit(PROGRAMME, "year: 2026", "year: 2026  # zmiana")
    records.commit("Program po zmianie")
    assert [f.path for f in records.findings() if f.code == "QMS202"] == [PROGRAMME]


def test_lead_auditor_signs_own_report_and_auditee_acknowledges(
    records: Office, keys: Keys
) -> None:
    records.edit(REPORT, "status: final", "status: final\n# poprawka auditora wiodącego")
    records.commit("Raport AW-2026-01 poprawiony", keys.usc)  # written by the lead auditor
    records.use_key(keys.kor)
    with pytest.raises(QmsError) as refused:
        approve(records.root, ["AW-2026-01"])  # the auditee is not the lead auditor
    assert "podpisuje: właściciel dokumentu (kierownik-usc)" in refused.value.message
    approve(records.root, ["AW-2026-01"], "acknowledgement")
    records.use_key(keys.usc)
    approve(records.root, ["AW-2026-01"])  # their own text: a report is signed by its author
    assert not [m for m in missing(records) if m.startswith(REPORT)]
    assert not [f for f in records.findings() if f.path == REPORT]


def test_closure_of_a_corrective_action_is_approved_by_the_process_owner(
    records: Office, keys: Keys
) -> None:
    assert not [m for m in missing(records) if m.startswith(CARD)]  # open: nothing to approve
    records.edit(CARD, "status: open", "status: closed")
    records.commit("DK-2026-001 zamknięta", keys.usc)
    assert not [m for m in missing(records) if m.startswith(CARD)]  # effectiveness not checked
    records.edit(CARD, "verified: null", "verified: 2026-11-20")
    records.commit("DK-2026-001 skuteczna", keys.usc)  # written by the one responsible
    assert [m for m in missing(records) if m.startswith(CARD)] == [
        f"{CARD}: zamknięcie działania korygującego DK-2026-001: brak podpisu „Zatwierdził” "
        "(approval) pod bieżącą treścią; podpisuje: właściciel dokumentu (kierownik-or) (qms "
        "approve DK-2026-001)"
    ]
    records.use_key(keys.usc)
    with pytest.raises(QmsError) as refused:
        approve(records.root, [CARD])
    assert "podpisuje: właściciel dokumentu (kierownik-or)" in refused.value.message
    records.use_key(keys.kor)
    approve(records.root, [CARD])
    assert not [m for m in missing(records) if m.startswith(CARD)]


def test_auditee_is_known_only_to_audit_reports(records: Office) -> None:
    records.edit(
        "qms.yaml",
        "  capa-closure:\n    - {meaning: approval, by: owner}",
        "  capa-closure:\n    - {meaning: approval, by: auditee}",
    )
    found = run_check(records.root, use_cache=False).findings
    assert [f.message for f in found if f.code == "QMS106"] == [
        "macierz zatwierdzeń (capa-closure): rola „auditee” nie istnieje w org/structure.yaml"
    ]


def test_a_review_is_approved_once_held(records: Office) -> None:
    records.edit(REVIEW, "date: 2026-02-20", "date: null")  # a draft before the meeting
    records.commit("PZ-2026: projekt")
    assert not [m for m in missing(records) if m.startswith(REVIEW)]
