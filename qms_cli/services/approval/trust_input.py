"""The trust root given from outside the repository (``--trust-root``, ``$QMS_TRUST_ROOT``).

Set but empty is a mistake, never "not given": a CI template expands an unset variable to an
empty string, and falling back to the repository's own ``trust_root`` would let a change in
the repository decide whom to trust. Both are checked before any command runs.
"""

from __future__ import annotations

from collections.abc import Mapping

from qms_cli.errors import QmsError
from qms_cli.model.signers import is_fingerprint

TRUST_ENV = "QMS_TRUST_ROOT"  # also services.approvals.TRUST_ENV
FORMAT = (
    "Odcisk klucza SSH kierownika urzędu: SHA256:… (ssh-keygen -lf klucz.pub); "
    "OpenPGP: 40 znaków szesnastkowych."
)
HOW = (
    "Ustaw QMS_TRUST_ROOT na odcisk klucza kierownika urzędu poza repozytorium (GitHub: "
    "Settings > Secrets and variables > Actions > Variables; GitLab: Settings > CI/CD > "
    "Variables) albo usuń pustą zmienną (unset QMS_TRUST_ROOT), by świadomie użyć trust_root "
    "z qms.yaml."
)


def check_external(value: str | None, source: str) -> None:
    """A ``QmsError`` when ``value`` (from ``source``) is set but empty or not a fingerprint;
    None (not set) is accepted."""
    if value is None:
        return
    if not value.strip():
        raise QmsError(
            f"pusty korzeń zaufania ({source}): podany z zewnątrz, a bez wartości — qms nie "
            "zastępuje go po cichu wartością trust_root z qms.yaml",
            hint=HOW,
        )
    if not is_fingerprint(value):
        raise QmsError(f"{source}: „{value.strip()}” nie jest odciskiem klucza", hint=FORMAT)


def check_environment(environ: Mapping[str, str]) -> None:
    check_external(environ.get(TRUST_ENV), f"zmienna {TRUST_ENV}")
