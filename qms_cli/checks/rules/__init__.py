"""Every rule module; importing this package registers all rules."""

from qms_cli.checks.rules import (  # noqa: F401
    accessibility,
    approvals,
    audits,
    config,
    context,
    documents,
    due,
    external,
    files,
    objectives,
    orders,
    organisation,
    placeholders,
    portability,
    processes,
    programme,
    records,
    references,
    service_cards,
    typography,
)
