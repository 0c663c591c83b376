"""Documents of external origin (7.5.3.2): cited in one form, checked for changes within 12
months, and no document in force resting on a repealed act."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.checks.rules.references import act_refs
from qms_cli.model.citations import normalise_citation
from qms_cli.model.findings import Severity

LEGAL_ACTS = ("ustawa", "rozporządzenie")
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


@repo_rule(
    "QMS061",
    "external-citation",
    Severity.ERROR,
    "Akt prawny (ustawa, rozporządzenie) ma publikator w Dzienniku Ustaw, "
    "np. „Dz.U. 2024 poz. 572”",
)
def external_citation(ctx: CheckContext) -> Iterator[Hit]:
    for source, index, item in ctx.repo.items("external", "documents"):
        if item.get("kind") not in LEGAL_ACTS:
            continue
        citation = item.get("citation")
        if isinstance(citation, str) and citation and normalise_citation(citation) is None:
            yield Hit(
                source.path,
                f"{item.get('id')}: publikator „{citation}” nie jest adresem w Dzienniku Ustaw "
                "(np. „Dz.U. 2024 poz. 572”, „Dz.U. 2006 nr 156 poz. 1118”)",
                pointer=("documents", index, "citation"),
            )
        elif not isinstance(citation, str) or not citation:
            yield Hit(
                source.path,
                f"{item.get('id')}: brak poprawnego publikatora (np. „Dz.U. 2024 poz. 572”)",
                pointer=("documents", index),
            )


@repo_rule(
    "QMS062",
    "external-citation-form",
    Severity.WARNING,
    "Publikator aktu prawnego zapisany w postaci „Dz.U. 2024 poz. 572” "
    "(„Dz.U. 2006 nr 156 poz. 1118” przed 2012 r.)",
)
def external_citation_form(ctx: CheckContext) -> Iterator[Hit]:
    for source, index, item in ctx.repo.items("external", "documents"):
        citation = item.get("citation")
        if item.get("kind") not in LEGAL_ACTS or not isinstance(citation, str):
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
