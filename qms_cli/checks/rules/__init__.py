"""Every rule module; importing this package registers all rules."""

from qms_cli.checks.rules import (  # noqa: F401
    approvals,
    audits,
    complaints,
    config,
    context,
    documents,
    external,
    files,
    nc,
    objectives,
    orders,
    organisation,
    placeholders,
    processes,
    programme,
    records,
    references,
    service_cards,
    typography,
)
