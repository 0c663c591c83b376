"""Every rule module; importing this package registers all rules."""

from qms_cli.checks.rules import (  # noqa: F401
    approvals,
    audits,
    config,
    context,
    documents,
    due,
    external,
    files,
    iso,
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
