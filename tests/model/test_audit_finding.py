"""One model of an audit finding (issue 12 part 4): what `qms audit finding` writes is what the
report and the management review read back, with one table of finding types."""

from __future__ import annotations

import datetime as dt

from qms_cli.model import audit_records
from qms_cli.model.audits import FINDING_TYPES, FINDING_TYPES_PLURAL, AuditFinding
from qms_cli.model.documents import SourceFile


def test_a_recorded_finding_reads_back_the_same() -> None:
    written = AuditFinding(
        no=3,
        type="nc-minor",
        clause="7.5.3",
        description="Brak nadzoru nad wersją formularza.",
        unit="USC",
        question=12,
        recorded=dt.date(2027, 3, 12),
        capa="DK-2027-004",
    )
    assert AuditFinding.from_record(written.as_record(), 99) == written
    assert written.reference == "7.5.3"


def test_the_review_reads_the_same_findings() -> None:
    data = {"findings": [{"no": 1, "type": "observation", "criterion": "P-04 pkt 5"}, "x", {}]}
    source = SourceFile("records/audits/AW-2027-01/findings.yaml", "audit-findings", "d", data)
    found = audit_records.findings_of(source)
    assert [(f.no, f.type, f.reference, f.index) for f in found] == [
        (1, "observation", "P-04 pkt 5", 0),
        (2, "", "", 2),
    ]


def test_one_table_of_finding_types() -> None:
    assert set(FINDING_TYPES) == set(FINDING_TYPES_PLURAL)
    assert not hasattr(audit_records, "FINDING_TYPES")
