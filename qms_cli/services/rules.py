"""The rules ``qms check`` runs, for ``qms rules`` and the report formats: the CLI reaches the
rule registry (``checks/``) through here."""

from __future__ import annotations

from qms_cli.checks.registry import all_codes

__all__ = ["all_codes"]
