"""The metrics file on disk: written atomically, and with ``--sign`` an SSH signature beside
it (``metrics-2026.json.sig``) made with the pełnomocnik's key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io.atomic import write_atomic
from qms_cli.model import metrics as M
from qms_cli.model.signers import registry_from_data
from qms_cli.services.workspace import Workspace
from qms_cli.vcs.filesign import sign_bytes, ssh_signing_key

PELNOMOCNIK = "pelnomocnik"
SIG_SUFFIX = ".sig"


def default_name(year: int) -> str:
    return f"metrics-{year}.json"


def signature_path(path: Path) -> Path:
    return path.with_name(path.name + SIG_SUFFIX)


@dataclass(frozen=True)
class Written:
    path: Path
    signature: Path | None
    signer: str | None  # the pełnomocnik's name, when signed


def write_metrics(ws: Workspace, data: dict[str, Any], out: Path, sign: bool) -> Written:
    """Write ``data``; with ``sign`` the signature first (made before anything is written, so
    a refused key leaves no file), then both files atomically."""
    payload = M.dumps(data)
    signature, signer = _sign(ws, payload) if sign else (None, None)
    try:
        write_atomic(out, payload)
        if signature is not None:
            write_atomic(signature_path(out), signature.encode("ascii"))
        elif signature_path(out).exists():  # an old signature would not match the new file
            signature_path(out).unlink()
    except OSError as exc:
        raise QmsError(f"nie można zapisać {out}: {exc.strerror or exc}") from None
    return Written(out, signature_path(out) if signature else None, signer)


def _sign(ws: Workspace, payload: bytes) -> tuple[str, str]:
    setup = ssh_signing_key(ws.root)
    registry = registry_from_data(ws.repo.data("signers"))
    found = registry.key(setup.fingerprint) if setup.fingerprint else None
    if found is None or PELNOMOCNIK not in found[0].roles or found[1].revoked:
        raise QmsError(
            "plik wskaźników podpisuje Pełnomocnik ds. SZJ, a klucz do podpisu "
            f"({setup.fingerprint or setup.key}) nie należy do osoby z rolą {PELNOMOCNIK} "
            "w org/signers.yaml",
            hint="Ustaw user.signingkey na klucz Pełnomocnika (qms signers pokazuje rejestr).",
            path="org/signers.yaml",
        )
    return sign_bytes(setup, payload, M.NAMESPACE), found[0].name
