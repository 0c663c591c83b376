"""Every rule: a fixture where it fires (a mutation of the minimal office) and where it does
not (the minimal office itself, and the example office)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from qms_cli.checks.registry import all_codes
from qms_cli.services.check import run_check
from tests.audits.cases import AUDIT_CASES
from tests.edit import append, delete_value, replace, set_value

TODAY = dt.date(2026, 11, 21)
Mutation = Callable[[Path], None]


def _set(rel: str, *keys: Any, value: Any) -> Mutation:
    return lambda root: set_value(root / rel, *keys, value=value)


def _delete(rel: str, *keys: Any) -> Mutation:
    return lambda root: delete_value(root / rel, *keys)


def _replace(rel: str, old: str, new: str) -> Mutation:
    return lambda root: replace(root / rel, old, new)


def _append(rel: str, text: str) -> Mutation:
    return lambda root: append(root / rel, text)


def _write(rel: str, data: bytes) -> Mutation:
    def mutate(root: Path) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)

    return mutate


def _both(*mutations: Mutation) -> Mutation:
    def mutate(root: Path) -> None:
        for mutation in mutations:
            mutation(root)

    return mutate


def _copy(src: str, dst: str) -> Mutation:
    return lambda root: shutil.copy(root / src, root / dst)


P01 = "documents/procedures/P-01.md"
PR01 = "documents/processes/PR-01.md"
KU = "documents/service-cards/KU-USC-01.md"
OBJ = "records/objectives/2026.yaml"
PROG = "records/audits/programme-2026.yaml"
STRUCT = "org/structure.yaml"
PZ = "records/reviews/PZ-2026.md"
COMPLAINT = (
    b"id: SK-2026-001\npublic: false\nkind: complaint\ncase: OR.1510.1.2026\n"
    b"received: 2026-10-02\n"
    b"subject: Przewleklosc\nunit: OR\n"
)

TRAINING = b"id: SZ-2026-001\ntitle: KPA\nplanned: 2026-06-30\nparticipants: [kierownik-or]\n"

SUPPLIER = (
    b"supplier: DOS-01\ndate: 2026-10-01\nby: kierownik-or\n"
    b"criteria: {compliance: 4, timeliness: 4}\nresult: zatwierdzony\n"
)

CASES: dict[str, Mutation] = {
    "QMS001": _set(P01, "unknown_key", value="x"),
    "QMS002": _replace("jrwa.yaml", "classes:", "classes:\n\t- x"),
    "QMS003": _write(
        "documents/procedures/P-09.md", "---\nid: P-09\n".encode("cp1250") + b"\xb9\n"
    ),
    "QMS004": _copy(P01, "documents/procedures/P-02.md"),
    "QMS005": _set(P01, "id", value="../../etc/passwd"),
    "QMS006": lambda root: (
        _set(P01, "id", value="PROC-1")(root),
        (root / P01).rename(root / "documents/procedures/PROC-1.md"),
        _replace("documents/forms/F-01.md", "procedure: P-01", "procedure: PROC-1")(root),
    ),
    "QMS007": lambda root: (root / P01).rename(root / "documents/procedures/nadzor.md"),
    "QMS008": _write("documents/procedures/img/schemat.png", b"# To nie jest obraz\n"),
    "QMS009": _append(P01, "\nOdwołanie wnosi się do: ⟦do uzupełnienia: organ odwoławczy⟧.\n"),
    "QMS010": _set(P01, "related", value=["P-99"]),
    "QMS011": _set(P01, "owner", value="nieznany"),
    "QMS012": _set("org/auditors.yaml", "auditors", 0, "unit", value="XX"),
    "QMS013": lambda root: (
        _set(P01, "status", value="draft")(root),
        _set(KU, "status", value="draft")(root),
        _write(
            "documents/processes/PR-02.md",
            b"---\nid: PR-02\ntype: process\ntitle: Zasoby\nowner: sekretarz\nstatus: active\n"
            b"kind: support\ninputs: [a]\noutputs: [b]\nkpis: [{name: k, target: '1', unit: x}]\n"
            b"---\nOpis.\n",
        )(root),
        _set(PROG, "audits", 0, "processes", value=["PR-01", "PR-02"])(root),
    ),
    "QMS014": lambda root: (
        _set(PR01, "kpis", value=[])(root),
        _delete(OBJ, "objectives", 0, "process")(root),
    ),
    "QMS015": _set(PR01, "outputs", value=[]),
    "QMS016": _set(P01, "process", value="PR-77"),
    "QMS017": _set("documents/manual/KJ.md", "status", value="withdrawn"),
    "QMS020": _set(OBJ, "objectives", 0, "evaluation", value=""),
    "QMS021": _set(OBJ, "objectives", 0, "commitment", value="czegoś, czego nie ma w polityce"),
    "QMS023": _set(OBJ, "year", value=2025),
    "QMS030": _set(PROG, "audits", 1, "units", value=["OR"]),
    "QMS031": _set(PROG, "audits", 1, "clauses", value=["8"]),
    "QMS032": lambda root: (root / PROG).unlink(),
    "QMS033": _set(PROG, "audits", 0, "lead", value="AUD-01"),
    "QMS034": _set(
        "org/auditors.yaml", "auditors", 0, "competence", 0, "valid_until", value="2026-01-01"
    ),
    "QMS040": _set(KU, "appeal", value=None),
    "QMS041": _set(KU, "deadline", "days", value=45),
    "QMS042": _set(KU, "fees", 0, "amount", value="siedemnaście złotych i trochę"),
    "QMS043": lambda root: (
        _set(KU, "deadline", value={"kind": "zaswiadczenie", "days": 14})(root),
        _set(KU, "appeal", "kind", value="zazalenie")(root),
    ),
    "QMS044": _set(KU, "deadline", value={"kind": "zaswiadczenie", "days": 7}),
    "QMS045": _set(KU, "deadline", value={"days": 0, "text": "pn.–pt. 8:00–16:00"}),
    "QMS046": _set(
        KU,
        "fees",
        value=[{"description": "Odpis", "amount": "33,00 zł", "basis": "x", "exempt": True}],
    ),
    "QMS050": _set(P01, "jrwa", value="9999"),
    "QMS051": _delete(P01, "jrwa"),
    "QMS060": _set("documents/external.yaml", "documents", 0, "last_checked", value="2025-01-01"),
    "QMS061": _set("documents/external.yaml", "documents", 0, "citation", value="brak"),
    "QMS062": _set(
        "documents/external.yaml", "documents", 0, "citation", value="Dz. U. z 2025 r. poz. 1691"
    ),
    "QMS063": lambda root: (
        _set("documents/external.yaml", "documents", 0, "status", value="uchylony")(root),
        _set("documents/external.yaml", "documents", 0, "repealed_on", value="2026-01-01")(root),
    ),
    "QMS070": _append(P01, "\nProcedurę stosuje się w\nkażdej komórce.\n"),
    "QMS071": _append(P01, "\nObowiązuje od 05 marca 2026 roku.\n"),
    "QMS072": _append(P01, '\nTak zwany "obieg dokumentów".\n'),
    "QMS080": _set("documents/orders/Z-2026-01.md", "number", value="3/2026"),
    "QMS081": _set("documents/orders/Z-2026-01.md", "signed_by", value="sekretarz"),
    "QMS090": _delete("records/context.yaml", "climate_change"),
    "QMS091": _set(P01, "clauses", value=["8.3.2"]),
    "QMS092": _set("records/risks.yaml", "risks", 0, "actions", value=[]),
    "QMS094": _set(P01, "clauses", value=["8.9"]),
    "QMS095": _set("qms.yaml", "iso", "edition", value="iso9001:2026"),
    "QMS096": _set("qms.yaml", "iso", "transition_until", value=dt.date(2028, 3, 31)),
    "QMS097": _set("qms.yaml", "iso", "transition_until", value=dt.date(2027, 9, 30)),
    "QMS093": lambda root: (
        (root / "documents/manual/KJ.md").unlink() or _set(P01, "related", value=[])(root)
    ),
    "QMS101": _write("documents/procedures/skan.pdf", b"%PDF-1.4 binary"),
    "QMS102": _replace(
        "org/signers.yaml",
        "signers: []",
        "signers:\n"
        "  - {id: a, name: A, position: wojt, roles: [kierownik-urzedu], keys: [{fingerprint: "
        "'SHA256:x', public_key: 'ssh-ed25519 AAAA', valid_from: 2026-01-01, valid_until: null,"
        " revoked: false}]}\n"
        "  - {id: b, name: B, position: sekretarz, roles: [pelnomocnik], keys: [{fingerprint: "
        "'SHA256:x', public_key: 'ssh-ed25519 AAAA', valid_from: 2026-01-01, valid_until: null,"
        " revoked: false}]}\n",
    ),
    "QMS104": _set("qms.yaml", "rules", value={"QMS999": "off"}),
    "QMS105": _set(P01, "suppress", value=[{"rule": "QMS070", "reason": " "}]),
    "QMS106": _set("qms.yaml", "approvals", "policy", 0, "by", value="burmistrz"),
    "QMS107": _set("qms.yaml", "numbering", value={"procedure": "P-{year}"}),  # no {n}
    "QMS108": _write(  # schema-valid: the rule, not the schema, sees the old evaluation
        "records/suppliers.yaml",
        b"suppliers:\n  - {id: DOS-01, name: Firma, scope: IT, evaluated: 2024-01-10,"
        b" score: 4, result: zatwierdzony}\n",
    ),
    "QMS109": lambda root: (root / "documents/procedures/schemat.png").symlink_to("P-01.md"),
    "QMS110": _append(P01, "\n![Rysunek](../../../../etc/passwd.png)\n"),
    "QMS111": _write("documents/procedures/aux.png", b"\x89PNG\r\n\x1a\n"),
    "QMS115": _append("qms.yaml", "\naccessibility:\n  contact:\n    name: Sekretarz Gminy\n"),
    "QMS600": _set(OBJ, "objectives", 0, "due", value="2026-06-30"),
    "QMS601": _set(PZ, "date", value="2025-10-01"),
    "QMS602": _replace(PZ, "## 4. Zasoby [9.3.2 d)]", "## 4. Zasoby"),
    "QMS603": _replace(PZ, "Termin: 2026-12-31", "Termin: 2026-06-30"),
    "QMS604": _replace(PZ, " Odpowiada: kierownik-or.", ""),
    "QMS605": lambda root: (root / "records/surveys/2025/raport-2025.md").unlink(),
    "QMS606": _write("records/complaints/SK-2026-001.yaml", COMPLAINT + b"competent: true\n"),
    "QMS607": _write("records/complaints/SK-2026-001.yaml", COMPLAINT + b"competent: false\n"),
    "QMS610": _write(  # edition 1 of P-01 in force since 2025-10-01, never reviewed since
        "register.yaml",
        b"documents:\n  - {id: P-01, title: T, type: procedure, path: documents/procedures/"
        b"P-01.md, edition: 1, in_force: 2025-10-01, blob: '0', release: W-1}\n",
    ),
    "QMS612": _set("qms.yaml", "accessibility", value={"updated": "2025-03-20"}),
    "QMS613": _set("qms.yaml", "certificate", "valid_until", value="2026-06-24"),
    "QMS614": _set(OBJ, "objectives", 0, "measure_every", value=3),
    "QMS608": _replace("qms.yaml", '"14:00–17:00"', '"14:00–15:00"'),
    "QMS609": _write(
        "records/complaints/SK-2026-001.yaml", COMPLAINT + b"notes: kontakt jan@example.com\n"
    ),
    "QMS616": _write(
        "records/nc/NZ-2026-001.yaml",
        b"id: NZ-2026-001\ndetected: 2026-11-02\nunit: OR\ndescription: Blad\nclosed: 2026-11-03\n",
    ),
    "QMS617": _write(
        "records/nc/NZ-2026-001.yaml",
        b"id: NZ-2026-001\ndetected: 2026-11-02\nunit: OR\ndescription: Blad\ncapa: DK-2026-099\n",
    ),
    "QMS640": _write("records/trainings/SZ-2026-001.yaml", TRAINING + b"held: null\n"),
    "QMS641": _write("records/trainings/SZ-2026-001.yaml", TRAINING + b"held: 2026-11-20\n"),
    "QMS642": _write(
        "records/trainings/SZ-2026-001.yaml", TRAINING + b"held: 2026-06-01\nevidence: EZD\n"
    ),
    "QMS643": _write(
        "records/trainings/SZ-2026-001.yaml",
        TRAINING.replace(b"[kierownik-or]", b"[Jan Kowalski]"),
    ),
    "QMS644": _write("records/suppliers/DOS-01-2026.yaml", SUPPLIER + b"score: 5\n"),
    "QMS645": _both(
        _write(
            "records/suppliers.yaml",
            b"suppliers:\n  - {id: DOS-01, name: A, scope: B, evaluated: 2025-10-01, score: 4, "
            b"result: zatwierdzony}\n",
        ),
        _write("records/suppliers/DOS-01-2026.yaml", SUPPLIER + b"score: 4\n"),
    ),
    "QMS646": _write(
        "records/suppliers/DOS-01-2026.yaml",
        b"supplier: DOS-01\ndate: 2026-10-01\nby: kierownik-or\ncriteria: {compliance: 3}\n"
        b"score: 3\nresult: zatwierdzony warunkowo\n",
    ),
    "QMS615": _write(
        "records/complaints/SK-2026-001.yaml",
        COMPLAINT + b"intermediary: {kind: mp, deadline: 2026-10-16, informed: null}\n",
    ),
}

CASES.update(AUDIT_CASES)


def codes_found(root: Path) -> set[str]:
    return {f.code for f in run_check(root, today=TODAY, use_cache=False).findings}


# approvals (QMS200–QMS249) need real signing keys: their cases are in tests/approval/
APPROVALS = {code for code in all_codes() if "QMS200" <= code <= "QMS249"}


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == set(all_codes()) - APPROVALS


def test_minimal_office_has_no_findings(minimal: Path) -> None:
    report = run_check(minimal, today=TODAY, use_cache=False)
    assert report.findings == []
    assert report.files >= 18


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires(code: str, minimal: Path) -> None:
    CASES[code](minimal)
    found = codes_found(minimal)
    assert code in found, f"{code} did not fire; found {sorted(found)}"
