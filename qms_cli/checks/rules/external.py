"""Documents of external origin (7.5.3.2): cited in one form, checked for changes within 12
months, and no document in force resting on a repealed act."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.checks.rules.references import act_refs
from qms_cli.model.citations import (
    JOURNAL_OF_LAWS,
    MONITOR,
    VOIVODESHIP,
    normalise_citation,
    read_citation,
)
from qms_cli.model.findings import Severity

_LAWS = (JOURNAL_OF_LAWS, "Dzienniku Ustaw", "Dz.U. 2024 poz. 572")
# the kinds of act that must cite the journal they are published in
REQUIRED_JOURNAL = {
    "ustawa": _LAWS,
    "rozporządzenie": _LAWS,
    "akt prawa miejscowego": (
        VOIVODESHIP,
        "dzienniku urzędowym województwa",
        "Dz. Urz. Woj. Podkarpackiego 2024 poz. 1234",
    ),
}
JOURNAL_NAMES = {
    JOURNAL_OF_LAWS: "Dziennik Ustaw",
    MONITOR: "Monitor Polski",
    VOIVODESHIP: "dziennik urzędowy województwa",
}
CHECK_INTERVAL_DAYS = 365


@repo_rule(
    "QMS060",
    "external-checked",
    Severity.WARNING,
    "Dokument zewnętrzny sprawdzony pod kątem zmian w ostatnich 12 miesiącach",
)
def external_checked(ctx: CheckContext) -> Iterator[Hit]:
    limit = ctx.days_ago(CHECK_INTERVAL_DAYS)
    for source, index, item in ctx.repo.items("external", "documents"):
        checked = item.get("last_checked")
        if isinstance(checked, str) and checked < limit:
            yield Hit(
                source.path,
                f"{item.get('id')}: aktualność sprawdzono {checked}, ponad "
                "12 miesięcy temu — sprawdź w ISAP i zaktualizuj last_checked",
                pointer=("documents", index, "last_checked"),
            )


def _required(kind: object) -> tuple[str, str, str] | None:
    """(journal, its name in the locative, an example) a legal act of ``kind`` is published in."""
    return REQUIRED_JOURNAL.get(kind) if isinstance(kind, str) else None


@repo_rule(
    "QMS061",
    "external-citation",
    Severity.ERROR,
    "Akt prawny ma publikator w dzienniku, w którym się go ogłasza: ustawa i rozporządzenie "
    "w Dzienniku Ustaw („Dz.U. 2024 poz. 572”), akt prawa miejscowego w dzienniku urzędowym "
    "województwa („Dz. Urz. Woj. Podkarpackiego 2024 poz. 1234”)",
)
def external_citation(ctx: CheckContext) -> Iterator[Hit]:
    for source, index, item in ctx.repo.items("external", "documents"):
        required = _required(item.get("kind"))
        if required is None:
            continue
        journal, where, example = required
        citation = item.get("citation")
        if not isinstance(citation, str) or not citation:
            yield Hit(
                source.path,
                f"{item.get('id')}: brak poprawnego publikatora (np. „{example}”)",
                pointer=("documents", index),
            )
            continue
        found = read_citation(citation)
        if found is None:
            examples = "„Dz.U. 2024 poz. 572”, „Dz.U. 2006 nr 156 poz. 1118”"
            yield Hit(
                source.path,
                f"{item.get('id')}: publikator „{citation}” nie jest adresem w {where} "
                f"(np. {examples if journal == JOURNAL_OF_LAWS else f'„{example}”'})",
                pointer=("documents", index, "citation"),
            )
        elif found.journal != journal:
            yield Hit(
                source.path,
                f"{item.get('id')}: {item.get('kind')} ogłasza się w {where}, a publikator "
                f"„{citation}” wskazuje {JOURNAL_NAMES[found.journal]}",
                pointer=("documents", index, "citation"),
            )


@repo_rule(
    "QMS062",
    "external-citation-form",
    Severity.WARNING,
    "Publikator aktu prawnego zapisany w jednej postaci: „Dz.U. 2024 poz. 572”, "
    "„M.P. 2024 poz. 10”, „Dz. Urz. Woj. Podkarpackiego 2024 poz. 1234” (z numerem przed 2012 r.)",
)
def external_citation_form(ctx: CheckContext) -> Iterator[Hit]:
    for source, index, item in ctx.repo.items("external", "documents"):
        citation = item.get("citation")
        if not isinstance(citation, str):
            continue
        normal = normalise_citation(citation)
        if normal is not None and normal != citation:
            yield Hit(
                source.path,
                f"{item.get('id')}: publikator „{citation}” zapisz w postaci „{normal}”",
                pointer=("documents", index, "citation"),
            )


@repo_rule(
    "QMS063",
    "external-repealed",
    Severity.ERROR,
    "Dokument obowiązujący nie powołuje aktu uchylonego",
)
def external_repealed(ctx: CheckContext) -> Iterator[Hit]:
    today = ctx.today.isoformat()
    repealed: dict[str, str] = {}
    for _, _, item in ctx.repo.items("external", "documents"):
        if item.get("status") != "uchylony":
            continue
        day = item.get("repealed_on")
        if not isinstance(day, str) or day <= today:
            repealed[str(item.get("id"))] = day if isinstance(day, str) else ""
    if not repealed:
        return
    for doc in ctx.repo.documents:
        if doc.status != "active":
            continue
        for pointer, act in act_refs(doc):
            if act in repealed:
                since = f" z dniem {repealed[act]}" if repealed[act] else ""
                yield Hit(
                    doc.path,
                    f"{doc.id} powołuje akt {act} uchylony{since} (documents/external.yaml) — "
                    "wskaż akt obowiązujący",
                    pointer=pointer,
                )
