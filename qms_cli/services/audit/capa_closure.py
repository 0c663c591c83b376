"""``qms capa approve``: the process owner approves the closure of a corrective action after its
effectiveness was checked (ISO 9001 10.2.1 d; issue 16 D). The card records
``closure: {approved_by, date}``; signed-commit approvals of records are a later step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io.records import edit_yaml
from qms_cli.model.capa import closure_missing, closure_problems, process_approvers, section
from qms_cli.model.dates import as_date
from qms_cli.services.audit.capa import find_card
from qms_cli.services.loading import load_repository


def approve_closure(path: Path, card_id: str, by: str, *, day: dt.date | None = None) -> Path:
    """Record ``closure`` on a closed card whose effectiveness was checked; refuse with the
    reasons (Polish) when the card or the approver does not allow it."""
    day = day or clock.today()
    loaded = load_repository(path)
    repo = loaded.repo
    card = find_card(repo, card_id)
    if card.data.get("status") != "closed":
        raise QmsError(
            f"karta {card_id} jest otwarta — najpierw zamknij ją (qms capa close) i oceń "
            "skuteczność (qms capa verify)"
        )
    missing = closure_missing(card.data)
    if missing:
        raise QmsError(
            f"karta {card_id}: brak (ISO 9001 pkt 10.2.1): " + "; ".join(missing),
            path=card.path,
        )
    if as_date(section(card.data, "effectiveness").get("verified")) is None:
        raise QmsError(
            f"skuteczności działań z karty {card_id} jeszcze nie oceniono — zamknięcie zatwierdza "
            "się po ocenie skuteczności",
            hint=f"qms capa verify {card_id} --effective tak|nie --evidence …",
        )
    approvers = process_approvers(repo, card.data.get("process"))
    candidate = {**card.data, "closure": {"approved_by": by, "date": day}}
    known = frozenset(repo.role_ids | repo.position_ids)
    problems = closure_problems(candidate, approvers, known)
    if problems:
        raise QmsError(f"{card_id}: " + "; ".join(problems))

    def approve(data: Any) -> None:
        data["closure"] = {"approved_by": by, "date": day}

    target = loaded.root / card.path
    edit_yaml(target, approve)
    return target
