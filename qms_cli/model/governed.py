"""Files that change what is published or how the documentation is judged, other than the
documents and the signers' registry: ``qms.yaml`` (the approval matrix, numbering, rule
severities, BIP settings), the office's templates and fonts (``templates/``), logos and other
assets (``assets/``), and every file a document includes (images, attachments under
``documents/``). Each is approved like a document, with its path as its id
(``qms approve qms.yaml``): ``qms.yaml`` always by the head of office, the others by the
roles ``approvals.configuration`` names (the head of office unless ``qms.yaml`` says so)."""

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
