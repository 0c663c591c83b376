"""The trust root a repository names for itself is the first one its history recorded.

Without a trust root from outside (``QMS_TRUST_ROOT``, ``--trust-root``), qms trusts
``trust_root`` in ``qms.yaml`` on first use — but only its first value: the fingerprint the
earliest commit (in history order) wrote there. A later edit of the field, to another key or
to ``null``, does not move the root; it is reported (QMS216) and the first value stays in
force. The head of office's key changes through the registry (rotation), never through the
root; an office that lost its root gives the new one from outside.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qms_cli.io import yamlfast
from qms_cli.model.approvals import CommitRecord
from qms_cli.model.governed import CONFIG_FILE
from qms_cli.model.signers import is_fingerprint, normalize_fingerprint
from qms_cli.vcs import commits


@dataclass(frozen=True)
class PinnedRoot:
    fingerprint: str
    commit: str  # the first commit whose qms.yaml named it


def first_trust_root(
    root: Path, order: list[str], records: dict[str, CommitRecord]
) -> PinnedRoot | None:
    """The first fingerprint ``qms.yaml`` held in history (``order``: parents first); the
    texts are read through one ``git cat-file`` and reading stops at the first root."""
    written = [
        (commit, blob)
        for commit in order
        for path, blob in records[commit].changes
        if path == CONFIG_FILE and blob
    ]
    texts = commits.read_objects(root, [blob for _, blob in written])
    for (commit, _), (_, raw) in zip(written, texts, strict=False):
        value = _trust_root_in(raw)
        if value is not None:
            texts.close()
            return PinnedRoot(value, commit)
    return None


def _trust_root_in(raw: bytes) -> str | None:
    try:
        data = yamlfast.load(raw.decode("utf-8"))
    except (yamlfast.YamlProblem, UnicodeDecodeError):
        return None
    value = data.get("trust_root") if isinstance(data, dict) else None
    if isinstance(value, str) and is_fingerprint(value):
        return normalize_fingerprint(value)
    return None
