"""Service cards (karty usług): complete, and deadlines within KPA art. 35."""

from __future__ import annotations

import re
from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.findings import Severity

# a fee in złoty as offices publish it: "17,00 zł", "1 250,00 zł" (a hard space allowed)
AMOUNT = re.compile(r"^(?:0|[1-9]\d{0,2}(?:[ \u00a0]?\d{3})*),\d{2} zł$")
KPA_MONTH_DAYS = 30  # art. 35 § 3: one month
KPA_COMPLEX_DAYS = 60  # art. 35 § 3: two months for a particularly complex case


@repo_rule(
    "QMS040",
    "service-card-complete",
    Severity.ERROR,
    "Karta usługi ma podstawę prawną, wymagane dokumenty, opłaty (lub „brak”), miejsce, "
    "termin, tryb odwoławczy i sposób złożenia",
)
def service_card_complete(ctx: CheckContext) -> Iterator[Hit]:
    for doc in ctx.repo.documents_of_type("service-card"):
        card = ctx.repo.service_card(doc)
        for present, label in (
            (card.legal_basis, "podstawy prawnej"),
            (card.required_documents, "wymaganych dokumentów"),
        ):
            if not present:
                yield Hit(doc.path, f"karta {doc.id}: brak {label}", pointer=("id",))
        if not card.fees_stated:
            yield Hit(
                doc.path,
                f"karta {doc.id}: brak informacji o opłatach (pusta lista "
                "„fees: []” oznacza brak opłat)",
                pointer=("id",),
            )
        if card.appeal is None and not card.appeal_note:
            yield Hit(
                doc.path,
                f"karta {doc.id}: brak trybu odwoławczego (appeal) ani "
                "wyjaśnienia, dlaczego go nie ma (appeal_note)",
                pointer=("id",),
            )
        if card.channels is None or not card.channels.any:
            yield Hit(
                doc.path,
                f"karta {doc.id}: brak sposobu złożenia wniosku (channels: "
                "ePUAP, osobiście, pocztą)",
                pointer=("id",),
            )


@repo_rule(
    "QMS041",
    "service-card-deadline",
    Severity.ERROR,
    "Termin załatwienia sprawy mieści się w art. 35 KPA, chyba że przepis szczególny "
    "stanowi inaczej",
)
def service_card_deadline(ctx: CheckContext) -> Iterator[Hit]:
    for doc in ctx.repo.documents_of_type("service-card"):
        deadline = ctx.repo.service_card(doc).deadline
        if deadline is None or deadline.days is None or deadline.statute:
            continue
        days = deadline.days
        if days > KPA_COMPLEX_DAYS or (days > KPA_MONTH_DAYS and not deadline.complex):
            yield Hit(
                doc.path,
                f"karta {doc.id}: termin {days} dni przekracza art. 35 KPA "
                f"({KPA_MONTH_DAYS} dni, {KPA_COMPLEX_DAYS} w sprawie szczególnie "
                "skomplikowanej); wskaż przepis szczególny w „deadline.statute”",
                pointer=("deadline", "days"),
            )


@repo_rule(
    "QMS042",
    "service-card-fee-amount",
    Severity.ERROR,
    "Opłata w karcie usługi to kwota w złotych („17,00 zł”); szczegóły wpłaty w opisie i rachunku",
)
def service_card_fee_amount(ctx: CheckContext) -> Iterator[Hit]:
    for doc in ctx.repo.documents_of_type("service-card"):
        for index, fee in enumerate(ctx.repo.service_card(doc).fees):
            if fee.amount and not AMOUNT.match(fee.amount):
                yield Hit(
                    doc.path,
                    f"karta {doc.id}: opłata „{fee.amount}” nie jest kwotą w złotych (np. "
                    "„17,00 zł”); zwolnienie z opłaty albo szczegóły zapisz w opisie (description)",
                    pointer=("fees", index, "amount"),
                )
