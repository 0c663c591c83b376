"""What the PDF of a record (zapis SZJ: audit report, management review …) shows besides its
body (pure, no I/O). A record is not an issued document: no edition, no PROJEKT mark, no
approval block of a document; the header says it is a record and gives its date. A record
approved like a document (the audit programme, a report, the review, a closed card) shows its
signatures at the end (``approvals``: ``pdf_context.approvals``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qms_cli.model.typography import format_date_pl, polish_text

# file kind (io.layout) -> what the record is, as the header names it
RECORD_KINDS = {
    "audit-report": "raport z auditu",
    "review": "przegląd zarządzania",
    "survey-report": "raport z badania satysfakcji klientów",
    "metrics-comparison": "porównanie wskaźników urzędów",
}
DEFAULT_KIND = "zapis"
NO_DATE = "—"


def record_context(
    record_id: str,
    title: str,
    *,
    kind: str | None,
    date: dt.date | None,
    source: str | None,
    approvals: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The ``doc`` context of the record template: its header (what the page header shows)
    and the line saying it is a record, e.g. "Zapis SZJ — raport z auditu"."""
    name = RECORD_KINDS.get(kind or "", DEFAULT_KIND)
    return {
        "header": {
            "id": record_id,
            "type": "record",
            "type_name": name[:1].upper() + name[1:],
            "title": polish_text(title),
            "date": format_date_pl(date) if date else NO_DATE,
            "mark": None,
            "source": f"Źródło: {source}" if source else None,
        },
        "kind_line": f"Zapis SZJ — {name}",
        "approvals": approvals or [],
    }
