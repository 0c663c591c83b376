"""Numbers as Polish readers write them: decimal comma, no trailing noise. Pure."""

from __future__ import annotations


def pl_number(value: float | None, digits: int = 1) -> str:
    """``93.75`` -> ``93,8``; ``None`` -> an en dash; integers keep no decimals when
    ``digits`` is 0."""
    if value is None:
        return "–"
    text = f"{value:.{digits}f}" if digits > 0 else str(round(value))
    return text.replace("-", "−").replace(".", ",")


def with_unit(value: float | None, unit: str, digits: int = 1) -> str:
    """``93,8%`` for percentages, ``1,4 dni`` for other units."""
    number = pl_number(value, digits)
    if value is None or not unit:
        return number
    return f"{number}%" if unit == "%" else f"{number} {unit}"


def change(now: float | None, before: float | None) -> str:
    """``+2,8 pkt proc.`` between two percentages; a dash when either is missing."""
    if now is None or before is None:
        return "–"
    diff = round(now - before, 1)
    return ("+" if diff > 0 else "") + f"{pl_number(diff)} pkt proc."


def percent(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole else None
