"""Owners, units, positions and roles exist; auditors and signers are well formed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.findings import Pointer, Severity
from qms_cli.model.hints import unknown_value_hint

# (file kind, list key, field, what it must name) for references inside YAML records
RECORD_OWNER_FIELDS = (
    ("external", "documents", "owner"),
    ("objectives", "objectives", "owner"),
)


@repo_rule(
    "QMS011",
    "owner-unknown",
    Severity.ERROR,
    "Właściciel (owner) jest rolą albo stanowiskiem z org/structure.yaml",
)
def owner_unknown(ctx: CheckContext) -> Iterator[Hit]:
    if "structure" in ctx.repo.broken:
        return
    known = ctx.repo.role_ids | ctx.repo.position_ids
    for doc in ctx.repo.documents:
        if doc.owner is not None and doc.owner not in known:
            yield Hit(
                doc.path,
                f"właściciel „{doc.owner}” nie jest rolą ani stanowiskiem z org/structure.yaml"
                + unknown_value_hint(doc.owner, known),
                pointer=("owner",),
            )
    for kind, key, field in RECORD_OWNER_FIELDS:
        for source, index, item in ctx.repo.items(kind, key):
            owner = item.get(field)
            if isinstance(owner, str) and owner not in known:
                yield Hit(
                    source.path,
                    f"właściciel „{owner}” nie jest rolą ani stanowiskiem"
                    + unknown_value_hint(owner, known),
                    pointer=(key, index, field),
                )
    for source, index, risk in ctx.repo.items("risks", "risks"):
        for a_index, action in enumerate(_dicts(risk.get("actions"))):
            owner = action.get("owner")
            if isinstance(owner, str) and owner not in known:
                yield Hit(
                    source.path,
                    f"odpowiedzialny „{owner}” nie jest rolą ani stanowiskiem"
                    + unknown_value_hint(owner, known),
                    pointer=("risks", index, "actions", a_index, "owner"),
                )


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _refs(value: Any) -> list[tuple[int | None, str]]:
    if isinstance(value, str):
        return [(None, value)]
    if isinstance(value, list):
        return [(i, v) for i, v in enumerate(value) if isinstance(v, str)]
    return []


@repo_rule(
    "QMS012",
    "organisation-refs",
    Severity.ERROR,
    "Komórki, stanowiska i role wskazane w strukturze, kartach, rejestrach, pracownikach "
    "(org/people.yaml) i polu concerns istnieją",
)
def organisation_refs(ctx: CheckContext) -> Iterator[Hit]:
    repo = ctx.repo
    if "structure" in repo.broken:
        return
    names = {"unit": repo.unit_ids, "position": repo.position_ids, "role": repo.role_ids}
    label = {"unit": "komórki organizacyjnej", "position": "stanowiska", "role": "roli"}
    checks: list[tuple[str, str, str, tuple[tuple[str, str], ...]]] = [
        ("structure", "units", "", (("head", "position"), ("parent", "unit"))),
        ("structure", "positions", "", (("unit", "unit"),)),
        ("structure", "roles", "", (("positions", "position"),)),
        ("auditors", "auditors", "", (("position", "position"), ("unit", "unit"))),
        ("signers", "signers", "", (("position", "position"), ("roles", "role"))),
        ("people", "people", "", (("positions", "position"),)),
    ]
    for kind, key, _, fields in checks:
        for source, index, item in repo.items(kind, key):
            for field, what in fields:
                for sub, ref in _refs(item.get(field)):
                    if ref not in names[what]:
                        pointer: Pointer = (key, index, field) + ((sub,) if sub is not None else ())
                        yield Hit(
                            source.path,
                            f"brak {label[what]} „{ref}” w org/structure.yaml"
                            + unknown_value_hint(ref, names[what]),
                            pointer=pointer,
                        )
    doc_fields = (
        ("unit", "unit"),
        ("units", "unit"),
        ("position", "position"),
        ("supervisor", "position"),
        ("substitute", "position"),
        ("signed_by", "position"),
    )
    for doc in repo.documents:
        for field, what in doc_fields:
            for sub, ref in _refs(doc.meta.get(field)):
                if ref not in names[what]:
                    pointer = (field,) + ((sub,) if sub is not None else ())
                    yield Hit(
                        doc.path,
                        f"brak {label[what]} „{ref}” w org/structure.yaml"
                        + unknown_value_hint(ref, names[what]),
                        pointer=pointer,
                    )
        yield from _concerns_refs(doc.path, doc.meta.get("concerns"), names, label)


def _concerns_refs(
    path: str, concerns: Any, names: dict[str, set[str]], label: dict[str, str]
) -> Iterator[Hit]:
    """Units, positions and roles named in a document's ``concerns`` (qms ack)."""
    if not isinstance(concerns, dict):
        return
    for field, what in (("units", "unit"), ("positions", "position"), ("roles", "role")):
        for sub, ref in _refs(concerns.get(field)):
            if ref not in names[what]:
                yield Hit(
                    path,
                    f"brak {label[what]} „{ref}” w org/structure.yaml"
                    + unknown_value_hint(ref, names[what]),
                    pointer=("concerns", field) + ((sub,) if sub is not None else ()),
                )


@repo_rule(
    "QMS034",
    "auditor-competence",
    Severity.ERROR,
    "Audytor wewnętrzny ma ważne potwierdzenie kompetencji",
)
def auditor_competence(ctx: CheckContext) -> Iterator[Hit]:
    today = ctx.today.isoformat()
    for source, index, auditor in ctx.repo.items("auditors", "auditors"):
        records = _dicts(auditor.get("competence"))
        valid = [r for r in records if str(r.get("valid_until") or "9999-12-31") >= today]
        if not valid:
            yield Hit(
                source.path,
                f"audytor {auditor.get('id')} nie ma ważnego potwierdzenia "
                "kompetencji (szkolenie, valid_until)",
                pointer=("auditors", index),
            )


@repo_rule(
    "QMS102",
    "signer-keys",
    Severity.ERROR,
    "Klucz podpisu należy do jednej osoby; okres ważności jest spójny",
)
def signer_keys(ctx: CheckContext) -> Iterator[Hit]:
    owners: dict[str, str] = {}
    for source, index, signer in ctx.repo.items("signers", "signers"):
        for k_index, key in enumerate(_dicts(signer.get("keys"))):
            pointer: Pointer = ("signers", index, "keys", k_index)
            fingerprint = key.get("fingerprint")
            who = str(signer.get("id"))
            if isinstance(fingerprint, str):
                if fingerprint in owners and owners[fingerprint] != who:
                    yield Hit(
                        source.path,
                        f"klucz {fingerprint} przypisany dwóm osobom: "
                        f"{owners[fingerprint]} i {who}",
                        pointer=pointer,
                    )
                owners.setdefault(fingerprint, who)
            start, end = key.get("valid_from"), key.get("valid_until")
            if isinstance(start, str) and isinstance(end, str) and end < start:
                yield Hit(
                    source.path, f"klucz osoby {who}: valid_until przed valid_from", pointer=pointer
                )
