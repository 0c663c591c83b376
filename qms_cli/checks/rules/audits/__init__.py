"""Rules of internal and external audits and corrective actions (codes QMS500–QMS549)."""

from qms_cli.checks.rules.audits import (  # noqa: F401
    capa,
    capa_closure,
    evidence,
    external,
    ids,
    internal,
    timing,
)
