"""The typed views of the repository's records, each parsed once per repository. Pure.

Every reader — the rules, ``qms due``, the management review, the audit pack — takes the
corrective actions, complaints and quality objectives from here (``Repository.memo``), so a
file is interpreted once per command and the same way everywhere; the services that edit a
record read its round-trip node instead. Audits, the programme, the context and the risks have
their views in ``model/audit_records.py`` and ``model/context_records.py``.
"""

from __future__ import annotations

from qms_cli.model.capa import CorrectiveAction, parse_capa
from qms_cli.model.complaints import Complaint, parse_complaint
from qms_cli.model.objectives import Objective, parse_objectives
from qms_cli.model.repository import Repository


def corrective_actions(repo: Repository) -> list[CorrectiveAction]:
    """Every readable corrective-action card, in file order."""

    def build() -> list[CorrectiveAction]:
        found = (parse_capa(s.path, s.data) for s in repo.of_kind("capa"))
        return [card for card in found if card is not None]

    return repo.memo("capa", build)


def complaints(repo: Repository) -> list[Complaint]:
    """Every readable complaint or request of the register, in file order."""

    def build() -> list[Complaint]:
        found = (parse_complaint(s.data, s.path) for s in repo.of_kind("complaint"))
        return [c for c in found if c is not None]

    return repo.memo("complaints", build)


def objectives_by_file(repo: Repository) -> dict[str, list[Objective]]:
    """The quality objectives of each objectives file, by its path."""
    return repo.memo(
        "objectives",
        lambda: {s.path: parse_objectives(s.data, s.path) for s in repo.of_kind("objectives")},
    )
