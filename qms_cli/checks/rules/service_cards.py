"""Service cards (karty usług): complete, deadlines within KPA (art. 35, art. 217 § 3),
zaświadczenia refused by a postanowienie open to zażalenie (art. 219), fees in złoty or
exempt on a named provision."""

from __future__ import annotations

import re
from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model.findings import Severity
from qms_cli.model.service_card import KIND_DAYS, Deadline

# a fee in złoty as offices publish it: "17,00 zł", "1 250,00 zł" (a hard space allowed)
AMOUNT = re.compile(r"^(?:0|[1-9]\d{0,2}(?:[ \u00a0]?\d{3})*),\d{2} zł$")
KPA_MONTH_DAYS = 30  # art. 35 § 3: one month
KPA_COMPLEX_DAYS = 60  # art. 35 § 3: two months for a particularly complex case
CERTIFICATE_DAYS = KIND_DAYS["zaswiadczenie"]  # art. 217 § 3
DAYS_IN_TEXT = re.compile(r"(\d+)\s+dni\b")
# "8:00–16:00", "7.30-15.30": office hours, not a deadline
HOURS = re.compile(r"\b\d{1,2}[:.]\d{2}\s*[-–—]\s*\d{1,2}[:.]\d{2}\b")


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
        if card.appeal is None and not card.appeal_none and not card.appeal_note:
            yield Hit(
                doc.path,
                f"karta {doc.id}: brak trybu odwoławczego (appeal) ani powodu, dla którego "
                'nie przysługuje (appeal: {none: "czynność materialno-techniczna"})',
                pointer=("id",),
            )
        if card.appeal is not None and card.appeal_none:
            yield Hit(
                doc.path,
                f"karta {doc.id}: tryb odwoławczy podaje organ (body) i zarazem powód, dla "
                "którego nie przysługuje (none) — zostaw jedno",
                pointer=("appeal",),
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
        card = ctx.repo.service_card(doc)
        deadline = card.deadline
        if deadline is None or deadline.days is None or deadline.statute or card.is_certificate:
            continue  # a zaświadczenie: QMS043
        days = deadline.days
        if deadline.kind in ("miesiac", "dwa-miesiace"):
            over = days > KIND_DAYS[deadline.kind]
        else:  # a deadline written as days and text only
            over = not deadline.kind and (
                days > KPA_COMPLEX_DAYS or (days > KPA_MONTH_DAYS and not deadline.complex)
            )
        if over:
            yield Hit(
                doc.path,
                f"karta {doc.id}: termin {days} dni przekracza art. 35 KPA "
                f"({KPA_MONTH_DAYS} dni, {KPA_COMPLEX_DAYS} w sprawie szczególnie "
                "skomplikowanej); sprawę szczególnie skomplikowaną oznacz „kind: "
                "dwa-miesiace”, a termin z ustawy szczególnej – „kind: ustawa” ze „statute”",
                pointer=("deadline", "days"),
            )


@repo_rule(
    "QMS042",
    "service-card-fee-amount",
    Severity.ERROR,
    "Opłata w karcie usługi to kwota w złotych („17,00 zł”); zwolnienie – „exempt: true”, "
    "sposób zapłaty – „payment”",
)
def service_card_fee_amount(ctx: CheckContext) -> Iterator[Hit]:
    for doc in ctx.repo.documents_of_type("service-card"):
        for index, fee in enumerate(ctx.repo.service_card(doc).fees):
            if fee.amount and not AMOUNT.match(fee.amount):
                yield Hit(
                    doc.path,
                    f"karta {doc.id}: opłata „{fee.amount}” nie jest kwotą w złotych (np. "
                    "„17,00 zł”); zwolnienie z opłaty zapisz jako „exempt: true” z podstawą "
                    "prawną (legal_basis), a sposób zapłaty w polu „payment”",
                    pointer=("fees", index, "amount"),
                )


def _days_stated(deadline: Deadline) -> Iterator[tuple[int, tuple[str, ...]]]:
    """The numbers of days a deadline states: ``days`` and every „N dni” of its text."""
    if deadline.days is not None:
        yield deadline.days, ("deadline", "days")
    for match in DAYS_IN_TEXT.finditer(deadline.text):
        yield int(match[1]), ("deadline", "text")


@repo_rule(
    "QMS043",
    "service-card-certificate-deadline",
    Severity.ERROR,
    "Zaświadczenie wydaje się nie później niż w terminie 7 dni (art. 217 § 3 KPA)",
)
def service_card_certificate_deadline(ctx: CheckContext) -> Iterator[Hit]:
    for doc in ctx.repo.documents_of_type("service-card"):
        card = ctx.repo.service_card(doc)
        if card.deadline is None or not card.is_certificate:
            continue
        for days, pointer in _days_stated(card.deadline):
            if days > CERTIFICATE_DAYS:
                yield Hit(
                    doc.path,
                    f"karta {doc.id}: termin {days} dni — art. 217 § 3 KPA: zaświadczenie "
                    "wydaje się bez zbędnej zwłoki, nie później niż w terminie 7 dni",
                    pointer=pointer,
                )
                break


@repo_rule(
    "QMS044",
    "service-card-certificate-refusal",
    Severity.ERROR,
    "Karta zaświadczenia mówi, że odmowa następuje w drodze postanowienia, na które służy "
    "zażalenie (art. 219 KPA)",
)
def service_card_certificate_refusal(ctx: CheckContext) -> Iterator[Hit]:
    for doc in ctx.repo.documents_of_type("service-card"):
        card = ctx.repo.service_card(doc)
        if card.is_certificate and (card.appeal is None or card.appeal.kind != "zazalenie"):
            yield Hit(
                doc.path,
                f"karta {doc.id}: odmowa wydania zaświadczenia następuje w drodze postanowienia, "
                "na które służy zażalenie (art. 219 KPA) — zapisz w „appeal” „kind: zazalenie”, "
                "organ (body), termin (days) i za czyim pośrednictwem (via)",
                pointer=("appeal",) if "appeal" in doc.meta else ("id",),
            )


@repo_rule(
    "QMS045",
    "service-card-deadline-hours",
    Severity.ERROR,
    "Termin załatwienia sprawy jest terminem, nie godzinami przyjęć ani „0 dni”",
)
def service_card_deadline_hours(ctx: CheckContext) -> Iterator[Hit]:
    for doc in ctx.repo.documents_of_type("service-card"):
        deadline = ctx.repo.service_card(doc).deadline
        if deadline is None:
            continue
        if deadline.days == 0:
            yield Hit(
                doc.path,
                f"karta {doc.id}: „days: 0” nie jest terminem załatwienia sprawy — sprawę "
                "załatwianą od ręki oznacz „kind: niezwlocznie”, a godziny przyjęć wpisz "
                "w „place.hours”",
                pointer=("deadline", "days"),
            )
        elif hours := HOURS.search(deadline.text):
            yield Hit(
                doc.path,
                f"karta {doc.id}: w terminie załatwienia sprawy wpisano godziny "
                f"(„{hours[0]}”) — godziny przyjęć wpisz w „place.hours”, a termin "
                "opisz rodzajem (kind) i liczbą dni",
                pointer=("deadline", "text"),
            )


@repo_rule(
    "QMS046",
    "service-card-fee-exemption",
    Severity.ERROR,
    "Zwolnienie z opłaty wskazuje podstawę prawną (legal_basis) i nie podaje kwoty",
)
def service_card_fee_exemption(ctx: CheckContext) -> Iterator[Hit]:
    for doc in ctx.repo.documents_of_type("service-card"):
        for index, fee in enumerate(ctx.repo.service_card(doc).fees):
            if not fee.exempt:
                continue
            if fee.legal_basis is None or not fee.legal_basis.act:
                yield Hit(
                    doc.path,
                    f"karta {doc.id}: zwolnienie z opłaty „{fee.description}” bez podstawy "
                    'prawnej — wpisz „legal_basis: {act: EXT-…, provision: "art. 2 ust. 1 '
                    'pkt …"}” (akt z documents/external.yaml)',
                    pointer=("fees", index),
                )
            if fee.amount:
                yield Hit(
                    doc.path,
                    f"karta {doc.id}: opłata „{fee.description}” jest zwolniona (exempt: true), "
                    f"a podaje kwotę „{fee.amount}” — usuń kwotę albo zwolnienie",
                    pointer=("fees", index, "amount"),
                )
