"""Files that change what is published or how the documentation is judged, other than the
documents and the signers' registry: ``qms.yaml`` (the approval matrix, numbering, rule
severities, BIP settings), the office's templates and fonts (``templates/``), logos and other
assets (``assets/``), and every file a document includes (images, attachments under
``documents/``). Each is approved like a document, with its path as its id
(``qms approve qms.yaml``): ``qms.yaml`` always by the head of office, the others by the
roles ``approvals.configuration`` names (the head of office unless ``qms.yaml`` says so).

Records are governed too (issue 16): the audit programme, an audit report, the management
review and the closure of a corrective action are approved by signed commits like documents,
with the record's id as its id (``qms approve AW-2026-01``), by whom the approval matrix in
``qms.yaml`` names for the record type (``RECORD_TYPES``); ``model.record_approvals`` says
which records need it and who their owner and parties are."""

from __future__ import annotations

from collections.abc import Iterable

from qms_cli.model.signers import HEAD_ROLE

CONFIG_FILE = "qms.yaml"
CONFIG_FILE_TYPE = "qms-config"  # qms.yaml itself: fixed, the head of office approves it
CONFIGURATION_TYPE = "configuration"  # templates, fonts, assets, included files
FOLDERS = ("templates/", "assets/")
DOCUMENT_FOLDER = "documents/"
DATA_SUFFIXES = (".md", ".yaml", ".yml")  # documents and their lists, approved otherwise
GIT_PREFIXES = [CONFIG_FILE, "templates", "assets"]  # with "documents", read for approvals
DEFAULT_APPROVER = HEAD_ROLE

# kind of file (io.layout) -> the record type the approval matrix names; a record is judged
# only when the matrix names its type, so an office opts in by writing the steps
RECORD_TYPES = {
    "audit-programme": "audit-programme",
    "audit-report": "audit-report",
    "review": "management-review",
    "capa": "capa-closure",
}
RECORD_LABELS = {
    "audit-programme": "program auditów",
    "audit-report": "raport z auditu",
    "management-review": "przegląd zarządzania",
    "capa-closure": "zamknięcie działania korygującego",
}
RECORD_PREFIXES = ["records/audits", "records/reviews", "records/capa"]  # read for approvals
AUTHOR_SIGNS = frozenset({"audit-report"})  # the lead auditor signs the report they wrote


def is_governed(path: str) -> bool:
    """Whether a file of the repository (a path relative to it, with ``/``) is approved as
    configuration."""
    if path == CONFIG_FILE or path.startswith(FOLDERS):
        return True
    if path.startswith(DOCUMENT_FOLDER):
        return not path.lower().endswith(DATA_SUFFIXES)
    return False


def governed_type(path: str) -> str:
    return CONFIG_FILE_TYPE if path == CONFIG_FILE else CONFIGURATION_TYPE


def governed(paths: Iterable[str]) -> list[str]:
    return sorted({p for p in paths if is_governed(p)})
