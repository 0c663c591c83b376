"""The office's indicators for a year (``qms metrics``) and their comparison across offices
(``qms compare``). Pure: the figures, the file's shape (``schemas/metrics-1.json``) and the
statistics; reading the repository, signing and verifying live in services and vcs.

Aggregates only: every value is a number, a share or yes/no; no name, case number or text
of a record ever reaches the file.
"""

from __future__ import annotations

import json
import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from qms_cli.model.signers import ssh_key_fingerprint

SCHEMA_VERSION = 1
NAMESPACE = "qms-metrics"  # the SSH signature namespace of a metrics file


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str  # Polish, as the report shows it
    unit: str  # "%", "liczba" or "tak/nie"


INDICATORS = (
    Indicator("satisfaction_index", "Wskaźnik zadowolenia klientów", "%"),
    Indicator("satisfaction_responses", "Ważne ankiety satysfakcji", "liczba"),
    Indicator("cases_on_time", "Sprawy załatwione w terminie ustawowym", "%"),
    Indicator("complaints_received", "Skargi wniesione", "liczba"),
    Indicator("complaints_justified", "Skargi zasadne (w całości lub w części)", "liczba"),
    Indicator("capa_opened", "Działania korygujące otwarte", "liczba"),
    Indicator("capa_closed_on_time", "Działania korygujące zamknięte w terminie", "liczba"),
    Indicator("capa_effective", "Działania korygujące ocenione jako skuteczne", "liczba"),
    Indicator("audit_programme_done", "Program auditów wewnętrznych wykonany", "%"),
    Indicator("objectives_achieved", "Cele jakości osiągnięte", "%"),
    Indicator("nonconforming_outputs", "Niezgodne wyniki (rejestr 8.7)", "liczba"),
    Indicator("documents_reviewed_on_time", "Dokumenty przeglądnięte w terminie", "%"),
    Indicator("acknowledgements_outstanding", "Zaległe potwierdzenia zapoznania się", "liczba"),
    Indicator("accessibility_statement_current", "Deklaracja dostępności aktualna", "tak/nie"),
)
BY_KEY = {i.key: i for i in INDICATORS}
KEYS = tuple(BY_KEY)

Value = float | int | bool | None


@dataclass(frozen=True)
class Figure:
    """One indicator's value; ``reason`` says why it is null; ``base`` is the count a share
    is taken of."""

    value: Value
    base: int | None = None
    reason: str | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value}
        if self.base is not None:
            out["base"] = self.base
        if self.value is None:
            out["reason"] = self.reason or "brak danych"
        return out


def share(part: int, whole: int, empty: str) -> Figure:
    """``part`` of ``whole`` in per cent (one decimal), or null with ``empty`` as the reason."""
    if whole == 0:
        return Figure(None, 0, empty)
    return Figure(round(100.0 * part / whole, 1), whole)


def unknown_keys(chosen: Sequence[object]) -> list[str]:
    return [str(k) for k in chosen if k not in BY_KEY]


def payload(
    office: Mapping[str, str], year: int, as_of: str, figures: Mapping[str, Figure]
) -> dict[str, Any]:
    """The metrics file's content; indicators in the fixed order of ``INDICATORS``."""
    return {
        "schema_version": SCHEMA_VERSION,
        "office": dict(office),
        "year": year,
        "as_of": as_of,
        "indicators": {k: figures[k].as_json() for k in KEYS if k in figures},
    }


def dumps(data: Mapping[str, Any]) -> bytes:
    """The bytes that are signed: UTF-8 JSON, two-space indent, one final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- comparison -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One office's verified metrics file."""

    office_id: str
    name: str
    source: str
    data: Mapping[str, Any]

    def value(self, key: str) -> float | None:
        """The number compared (yes/no as 1/0); None when absent, null or not shared."""
        found = self.data.get("indicators", {}).get(key)
        value = found.get("value") if isinstance(found, dict) else None
        if isinstance(value, bool):
            return 1.0 if value else 0.0
        return float(value) if isinstance(value, int | float) else None


@dataclass(frozen=True)
class Distribution:
    indicator: Indicator
    values: list[tuple[str, float | None]]  # (office id, value) for every office
    count: int  # offices with a value
    median: float | None
    q1: float | None
    q3: float | None
    low: float | None
    high: float | None


def quartiles(numbers: Sequence[float]) -> tuple[float | None, float | None, float | None]:
    """(Q1, median, Q3), the "inclusive" method (as a spreadsheet's QUARTILE computes)."""
    if not numbers:
        return None, None, None
    if len(numbers) == 1:
        return numbers[0], numbers[0], numbers[0]
    q1, q2, q3 = statistics.quantiles(numbers, n=4, method="inclusive")
    return q1, q2, q3


def distribution(indicator: Indicator, entries: Sequence[Entry]) -> Distribution:
    values = [(e.office_id, e.value(indicator.key)) for e in entries]
    numbers = sorted(v for _, v in values if v is not None)
    q1, median, q3 = quartiles(numbers)
    return Distribution(
        indicator,
        values,
        len(numbers),
        median,
        q1,
        q3,
        numbers[0] if numbers else None,
        numbers[-1] if numbers else None,
    )


# --- the coordinator's list of offices --------------------------------------------------------

OFFICE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(frozen=True)
class Office:
    id: str
    name: str
    key: str  # the SSH public key line the office signs its metrics with
    fingerprint: str


def parse_offices(data: Any) -> list[Office]:
    """``{offices: [{id, name, key}, …]}`` -> offices; ValueError (Polish) names the entry."""
    items = data.get("offices") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise ValueError("lista urzędów musi mieć klucz offices: z co najmniej jednym urzędem")
    out: list[Office] = []
    for number, item in enumerate(items, 1):
        where = f"urząd nr {number} na liście"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: oczekiwano pól id, name, key")
        office_id, name, key = item.get("id"), item.get("name"), item.get("key")
        if not isinstance(office_id, str) or not OFFICE_ID_RE.fullmatch(office_id):
            raise ValueError(f"{where}: id to małe litery, cyfry i łączniki (np. ug-przykladowo)")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"{where} ({office_id}): brak nazwy (name)")
        fingerprint = ssh_key_fingerprint(key) if isinstance(key, str) else None
        if fingerprint is None:
            raise ValueError(
                f"{where} ({office_id}): key musi być wierszem klucza publicznego SSH "
                "(ssh-ed25519 AAAA… komentarz)"
            )
        out.append(Office(office_id, name.strip(), str(key).strip(), fingerprint))
    for attr, what in (("id", "id"), ("fingerprint", "klucz")):
        seen: set[str] = set()
        for office in out:
            value = getattr(office, attr)
            if value in seen:
                raise ValueError(f"lista urzędów: {what} urzędu {office.id} powtarza się")
            seen.add(value)
    return out
