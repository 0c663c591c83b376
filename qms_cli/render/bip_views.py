"""What the BIP templates show of a service card, the certificate and the accessibility
statement: plain values taken from YAML, every one of them text (escaped by the templates).
Pure."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict
from typing import Any

from qms_cli.model.certification import certificate_of
from qms_cli.model.documents import Document
from qms_cli.model.repository import Repository
from qms_cli.model.service_card import (
    Fee,
    LegalRef,
    ServiceCard,
    appeal_heading,
    deadline_lines,
    exemption_words,
    no_appeal,
)
from qms_cli.model.typography import format_date_pl
from qms_cli.render.bip_metadata import section, text
from qms_cli.render.html import safe_href

AUDIT_TYPES_PL = {
    "certification": "audit certyfikujący",
    "surveillance": "audit nadzoru",
    "recertification": "audit recertyfikujący",
    "transition": "audit przejścia na nowe wydanie normy",
}
STATUS_PL = {
    "zgodna": "jest zgodna",
    "częściowo zgodna": "jest częściowo zgodna",
    "niezgodna": "jest niezgodna",
}
DEFAULT_ACT = (
    "ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych "
    "i aplikacji mobilnych podmiotów publicznych"
)
DEFAULT_PROCEDURE = (
    "Każdy ma prawo do wystąpienia z żądaniem zapewnienia dostępności cyfrowej strony "
    "internetowej lub jej elementu. Można także zażądać udostępnienia informacji za pomocą "
    "alternatywnego sposobu dostępu, na przykład przez odczytanie niedostępnego cyfrowo "
    "dokumentu lub opisanie zawartości filmu bez audiodeskrypcji. Żądanie powinno zawierać dane "
    "osoby zgłaszającej żądanie, wskazanie, o którą stronę internetową lub element strony "
    "chodzi, oraz sposób kontaktu. Jeżeli osoba żądająca zgłasza potrzebę otrzymania informacji "
    "za pomocą alternatywnego sposobu dostępu, powinna także określić dogodny dla niej sposób "
    "przedstawienia tej informacji. Podmiot publiczny powinien zrealizować żądanie niezwłocznie, "
    "nie później niż w ciągu 7 dni od dnia wystąpienia z żądaniem. Jeżeli dotrzymanie tego "
    "terminu nie jest możliwe, podmiot publiczny niezwłocznie informuje o tym wnoszącego "
    "żądanie, kiedy realizacja żądania będzie możliwa, przy czym termin ten nie może być "
    "dłuższy niż 2 miesiące od dnia wystąpienia z żądaniem. Jeżeli zapewnienie dostępności "
    "cyfrowej nie jest możliwe, podmiot publiczny może zaproponować alternatywny sposób dostępu "
    "do informacji. W przypadku, gdy podmiot publiczny odmówi realizacji żądania zapewnienia "
    "dostępności lub alternatywnego sposobu dostępu do informacji, wnoszący żądanie może złożyć "
    "skargę w sprawie zapewniania dostępności cyfrowej strony internetowej lub jej elementu. "
    "Po wyczerpaniu wskazanej wyżej procedury można także złożyć wniosek do Rzecznika Praw "
    "Obywatelskich."
)
RPO_URL = "https://bip.brpo.gov.pl/"

Link = Callable[[str], str | None]  # document id -> page of a published document, or None


def strings(value: Any) -> list[str]:
    """A YAML list of scalars as texts; anything malformed is left out (``qms check`` says so)."""
    if not isinstance(value, list):
        return []
    return [t for item in value if (t := text(item))]


def date_pl(value: Any) -> str:
    raw = text(value)
    try:
        return format_date_pl(raw)
    except ValueError:
        return raw


def external_acts(repo: Repository) -> dict[str, dict[str, Any]]:
    return {
        str(item["id"]): item for _, _, item in repo.items("external", "documents") if "id" in item
    }


def linked_ids(ids: list[str], link: Link, titles: Mapping[str, str]) -> list[dict[str, str]]:
    """Only documents that are published themselves are named (with their page)."""
    return [
        {"id": i, "title": titles.get(i, i), "href": href}
        for i in ids
        if (href := link(i)) is not None
    ]


def service_card(
    repo: Repository, doc: Document, link: Link, titles: Mapping[str, str]
) -> dict[str, Any]:
    card = repo.service_card(doc)
    acts = external_acts(repo)
    place, channels, deadline, appeal = card.place, card.channels, card.deadline, card.appeal
    return {
        "unit": repo.unit_names().get(card.unit, card.unit),
        "legal_basis": [
            {
                "provision": ref.provision,
                "act": text(acts.get(ref.act, {}).get("title"), ref.act),
                "citation": text(acts.get(ref.act, {}).get("citation")),
            }
            for ref in card.legal_basis
        ],
        "required_documents": list(card.required_documents),
        "documents_to_show": list(card.documents_to_show),
        "fees": [_fee(fee, acts) for fee in card.fees],
        "payment": card.payment,
        "fees_listed": card.fees_listed,
        "place": asdict(place) if place else {"address": "", "room": "", "hours": ""},
        "channels": vars(channels)
        if channels
        else {"epuap": "", "in_person": False, "post": False},
        "deadline": {
            "words": _deadline_words(card),
            "text": deadline.text if deadline else "",
            "statute": _statute(deadline.statute, acts) if deadline and deadline.statute else "",
        },
        "appeal": None
        if appeal is None
        else {**asdict(appeal), "heading": _sentence(appeal_heading(card))},
        "appeal_note": _sentence(no_appeal(card)),
        "forms": _forms(card, link, titles),
        "notes": card.notes,
    }


def _sentence(words: str) -> str:
    """„nie przysługuje – …” as a sentence of its own: „Nie przysługuje – ….”."""
    if not words:
        return ""
    words = words[0].upper() + words[1:]
    return words if words[-1] in ".!?" else f"{words}."


def _fee(fee: Fee, acts: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The fee's values, and for an exempt one „Zwolnione z opłaty skarbowej na podstawie
    art. 2 ust. 1 pkt 1 lit. a Ustawy … o opłacie skarbowej”."""
    out: dict[str, Any] = asdict(fee)
    out["exemption"] = ""
    if fee.exempt:
        ref = fee.legal_basis
        act = text(acts.get(ref.act, {}).get("title"), ref.act) if ref else ""
        basis = f" na podstawie {ref.provision} – {act}" if ref and ref.provision else ""
        out["exemption"] = _sentence(f"{exemption_words(act)}{basis}")
    return out


def _deadline_words(card: ServiceCard) -> str:
    """„do 7 dni (art. 217 § 3 KPA)”; without the KPA article when an act sets the
    deadline."""
    if card.deadline is None:
        return ""
    words, kpa = deadline_lines(card.deadline)
    return f"{words} ({kpa})" if words and kpa and card.deadline.statute is None else words


def _forms(card: ServiceCard, link: Link, titles: Mapping[str, str]) -> list[dict[str, Any]]:
    """Forms of the office that are published (with their page), forms named with their
    address (a link) and forms named only (text), in the card's order."""
    out: list[dict[str, Any]] = []
    for form in card.forms:
        if form.id:
            out.extend(linked_ids([form.id], link, titles))
        else:
            href = safe_href(form.url) if form.url else None
            out.append({"id": "", "title": form.name, "href": href})
    return out


def _statute(ref: LegalRef, acts: Mapping[str, Mapping[str, Any]]) -> str:
    """The act that sets the deadline, as the card's legal basis names acts."""
    act = text(acts.get(ref.act, {}).get("title"), ref.act)
    return f"{ref.provision} {act}".strip()


def certificate(config: Mapping[str, Any]) -> dict[str, Any]:
    cert = certificate_of(config)
    iso = section(config, "iso")
    audits = [
        {"type": AUDIT_TYPES_PL.get(a.type, a.type), "date": date_pl(a.date)}
        for a in (cert.audits if cert is not None else ())
    ]
    return {
        "body": (cert.body if cert else None) or "",
        "number": (cert.number if cert else None) or "",
        "scope": (cert.scope if cert else None) or "",
        "issued": date_pl(cert.issued) if cert and cert.issued else "",
        "valid_until": date_pl(cert.valid_until) if cert and cert.valid_until else "",
        "standard": text(iso.get("standard")),
        "amendments": strings(iso.get("amendments")),
        "audits": audits,
        "present": cert is not None and bool(section(config, "certificate")),
    }


def statement(config: Mapping[str, Any]) -> dict[str, Any]:
    """The deklaracja dostępności, every ``a11y-*`` value from ``accessibility`` in qms.yaml."""
    a11y = section(config, "accessibility")
    office = section(config, "office")
    contact = section(a11y, "contact")
    url = (
        text(a11y.get("url"))
        or text(section(config, "bip").get("base_url"))
        or text(office.get("bip_url"))
    )
    status = text(a11y.get("status"), "niezgodna")
    email = text(contact.get("email"), text(office.get("email")))
    phone = text(contact.get("phone"), text(office.get("phone")))
    return {
        "entity": text(a11y.get("entity"), text(office.get("name"))),
        "act": text(a11y.get("act"), DEFAULT_ACT),
        "url": url,
        "url_href": safe_href(url) if url else None,
        "published": text(a11y.get("published"), "brak danych"),
        "updated": text(a11y.get("updated"), "brak danych"),
        "status": status,
        "status_text": STATUS_PL.get(status, status),
        "failures": strings(a11y.get("failures")),
        "exemptions": strings(a11y.get("exemptions")),
        "prepared": text(a11y.get("prepared"), "brak danych"),
        "reviewed": text(a11y.get("reviewed"), text(a11y.get("prepared"), "brak danych")),
        "method": text(a11y.get("method"), "samoocena"),
        "auditor": text(a11y.get("auditor")),
        "contact_name": text(contact.get("name"), "brak danych"),
        "email": email,
        "email_href": safe_href(f"mailto:{email}") if email and "@" in email else None,
        "phone": phone,
        "phone_href": _tel(phone),
        "procedure": text(a11y.get("procedure"), DEFAULT_PROCEDURE),
        "rpo_href": safe_href(text(a11y.get("rpo_url"), RPO_URL)),
        "architectural": text(a11y.get("architectural"), "brak danych"),
        "sign_language": text(a11y.get("sign_language")),
        "mobile_apps": text(a11y.get("mobile_apps"), "Podmiot nie udostępnia aplikacji mobilnych."),
    }


def _tel(phone: str) -> str | None:
    digits = "".join(c for c in phone if c.isdigit() or c == "+")
    return f"tel:{digits}" if len(digits) >= 6 else None
