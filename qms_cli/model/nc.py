"""The register of nonconforming outputs (ISO 9001 8.7; rejestr niezgodnych usług): one file
``records/nc/NZ-<year>-<nnn>.yaml`` per occurrence. Pure.

8.7.2 asks to retain: the nonconformity, the actions taken (the correction), any concession
obtained and who decided on the action or authorised release under concession; a corrective
action (DK card) is linked when one is opened. No personal data (QMS609): the case is named by
its EZD reference.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from qms_cli.model.dates import as_date
from qms_cli.model.ids import next_id
from qms_cli.model.values import mapping

NC_DIR = "records/nc"
SOURCES = {
    "internal": "stwierdzona w urzędzie",
    "complaint": "skarga lub wniosek",
    "audit": "audit",
    "other": "inne",
}


def next_nc_id(existing: Iterable[str], year: int) -> str:
    return next_id("NZ-{year}-{n:03}", existing, year=year)


@dataclass(frozen=True)
class Nonconformity:
    id: str
    path: str
    detected: dt.date | None
    unit: str
    description: str
    corrected: dt.date | None  # correction.date
    concession_by: str | None  # who authorised release under concession
    capa: str | None
    closed: dt.date | None

    @property
    def open(self) -> bool:
        return self.closed is None


def parse_nc(data: Any, path: str) -> Nonconformity | None:
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    correction = mapping(data.get("correction"))
    concession = mapping(data.get("concession"))
    by = concession.get("authorised_by")
    capa = data.get("capa")
    return Nonconformity(
        id=data["id"],
        path=path,
        detected=as_date(data.get("detected")),
        unit=str(data.get("unit") or ""),
        description=str(data.get("description") or ""),
        corrected=as_date(correction.get("date")),
        concession_by=by if isinstance(by, str) else None,
        capa=capa if isinstance(capa, str) else None,
        closed=as_date(data.get("closed")),
    )
