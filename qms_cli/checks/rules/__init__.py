"""Every rule module; importing this package registers all rules."""

from qms_cli.checks.rules import (  # noqa: F401
    approvals,
    config,
    context,
    documents,
    external,
    objectives,
    orders,
    organisation,
    processes,
    programme,
    references,
    service_cards,
    typography,
)
