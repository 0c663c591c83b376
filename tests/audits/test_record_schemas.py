"""The records qms writes for audits and corrective actions are valid for an independent
JSON Schema validator (check-jsonschema) too, not only for qms check."""

from __future__ import annotations

from pathlib import Path

from qms_cli.services.audit.audits import FindingRequest, add_finding, new_external_audit
from qms_cli.services.audit.capa import close_capa
from tests.audits.helpers import TODAY, complete_audit, ready_to_close
from tests.test_schemas import SCHEMAS, check_jsonschema, instances

KINDS = {
    "audit-plan",
    "audit-checklist",
    "audit-findings",
    "audit-report",
    "external-audit",
    "capa",
}


def test_written_records_pass_check_jsonschema(minimal: Path, tmp_path: Path) -> None:
    complete_audit(minimal)
    ready_to_close(minimal)
    close_capa(minimal, "DK-2026-001", "Termin dopisano", effective=False, today=TODAY)
    new_external_audit(minimal, "certification", "2025-05-21", stage=2)
    add_finding(
        minimal,
        "2025-05-21-certification",
        FindingRequest("improvement", criterion="9.1.2", evidence="Ankiety tylko papierowe"),
        today=TODAY,
    )
    by_schema = instances(minimal, tmp_path)
    assert set(by_schema) >= KINDS
    for schema in sorted(KINDS):
        proc = check_jsonschema(
            "--schemafile", str(SCHEMAS / f"{schema}.schema.json"), *by_schema[schema]
        )
        assert proc.returncode == 0, f"{schema}: {proc.stdout}{proc.stderr}"
