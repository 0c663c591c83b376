"""Pure domain types: no I/O here."""
