"""What the BIP templates show of a service card, the certificate and the accessibility
statement: plain values taken from YAML, every one of them text (escaped by the templates).
Pure."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from qms_cli.model.documents import Document
from qms_cli.model.repository import Repository
from qms_cli.model.typography import format_date_pl
from qms_cli.render.bip_metadata import section, text
from qms_cli.render.html import safe_href

AUDIT_TYPES_PL = {
    "certification": "audit certyfikujący",
    "surveillance": "audit nadzoru",
    "recertification": "audit recertyfikujący",
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
    meta = doc.meta
    acts = external_acts(repo)
    legal = []
    for item in meta.get("legal_basis") or []:
        if not isinstance(item, dict):
            continue
        act = acts.get(text(item.get("act")), {})
        legal.append(
            {
                "provision": text(item.get("provision")),
                "act": text(act.get("title"), text(item.get("act"))),
                "citation": text(act.get("citation")),
            }
        )
    fees = [
        {
            "description": text(f.get("description")),
            "amount": text(f.get("amount")),
            "basis": text(f.get("basis")),
            "account": text(f.get("account")),
        }
        for f in meta.get("fees") or []
        if isinstance(f, dict)
    ]
    place, channels = section(meta, "place"), section(meta, "channels")
    deadline = section(meta, "deadline")
    appeal = section(meta, "appeal") if isinstance(meta.get("appeal"), dict) else None
    return {
        "unit": repo.unit_names().get(text(meta.get("unit")), text(meta.get("unit"))),
        "legal_basis": legal,
        "required_documents": strings(meta.get("required_documents")),
        "documents_to_show": strings(meta.get("documents_to_show")),
        "fees": fees,
        "fees_listed": isinstance(meta.get("fees"), list),
        "place": {k: text(place.get(k)) for k in ("address", "room", "hours")},
        "channels": {
            "epuap": text(channels.get("epuap")),
            "in_person": channels.get("in_person") is True,
            "post": channels.get("post") is True,
        },
        "deadline": {"text": text(deadline.get("text")), "statute": text(deadline.get("statute"))},
        "appeal": None
        if appeal is None
        else {k: text(appeal.get(k)) for k in ("body", "days", "via", "fee")},
        "appeal_note": text(meta.get("appeal_note")),
        "forms": linked_ids(strings(meta.get("forms")), link, titles),
        "notes": text(meta.get("notes")),
    }


def certificate(config: Mapping[str, Any]) -> dict[str, Any]:
    cert = section(config, "certificate")
    iso = section(config, "iso")
    audits = [
        {
            "type": AUDIT_TYPES_PL.get(text(a.get("type")), text(a.get("type"))),
            "date": date_pl(a.get("date")),
        }
        for a in cert.get("audits") or []
        if isinstance(a, dict)
    ]
    return {
        "body": text(cert.get("body")),
        "number": text(cert.get("number")),
        "scope": text(cert.get("scope")),
        "issued": date_pl(cert.get("issued")) if cert.get("issued") else "",
        "valid_until": date_pl(cert.get("valid_until")) if cert.get("valid_until") else "",
        "standard": text(iso.get("standard")),
        "amendments": strings(iso.get("amendments")),
        "audits": audits,
        "present": bool(cert),
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
