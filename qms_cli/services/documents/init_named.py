"""Turn a copy of the example office (Urząd Gminy Przykładowo) into the office the user named.

The example office's own facts never stay: its name in every case, its head of office, its
address, e-mail, ePUAP box, BIP address, NIP, REGON, certificate, accessibility statement,
auditors, service cards and records. What qms cannot know is left as one kind of placeholder,
``⟦do uzupełnienia: …⟧`` (``model/placeholders.py``), which ``qms check`` reports (QMS009)
until someone writes the real text.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qms_cli.io.atomic import write_atomic
from qms_cli.io.roundtrip import dump_rt, load_rt
from qms_cli.model.offices import Office
from qms_cli.model.placeholders import placeholder
from qms_cli.resources import data_path

EXAMPLE_PLACE = "Przykładowo"
POWIAT_ACT = "Ustawa z dnia 5 czerwca 1998 r. o samorządzie powiatowym"
TEXT_SUFFIXES = (".md", ".yaml", ".yml", ".csv", ".txt", ".typ")
# the example office's records, service cards and their charts: nothing of them is kept
DROPPED = (
    "records/audits",
    "records/complaints",
    "records/nc",
    "records/objectives",
    "records/reviews/PZ-2026.md",
    "records/reviews/actions.yaml",
    "records/surveys/2025",
    "records/surveys/2026",
    "records/surveys/wplywy",
    "records/context.yaml",
    "records/risks.yaml",
    "records/suppliers.yaml",
    "records/transition",
    "documents/service-cards",
)
# the example office's record cards kept beside a README that stays (one file per record)
DROPPED_CARDS = (
    "records/capa/DK-*.yaml",
    "records/trainings/SZ-*.yaml",
    "records/suppliers/*.yaml",
)
# records every office must have, written as skeletons full of placeholders (templates/init/)
SKELETONS = ("records/context.yaml",)


@dataclass(frozen=True)
class Contact:
    """What the user told ``qms init`` about the office; None: a placeholder is written."""

    address: str | None = None
    bip_url: str | None = None


def make_named(office_dir: Path, office: Office, contact: Contact) -> None:
    """Rewrite the example office copied into ``office_dir`` as ``office``."""
    auditors = _auditor_names(office_dir / "org" / "auditors.yaml")
    for rel in DROPPED:
        path = office_dir / rel
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    for pattern in DROPPED_CARDS:
        for card in office_dir.glob(pattern):
            card.unlink()
    # first: the values qms.yaml and auditors.yaml get through ruamel stay valid YAML
    _profile(office_dir / "qms.yaml", office, contact)
    _empty_list(office_dir / "org" / "auditors.yaml", "auditors")
    for rel in SKELETONS:  # what every office must write, with its placeholders
        shutil.copyfile(data_path("templates") / "init" / Path(rel).name, office_dir / rel)
    substitute = substitution(office, contact, auditors)
    for path in sorted(office_dir.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES and ".qms" not in path.parts:
            text = path.read_text(encoding="utf-8")
            new = _without_service_cards(substitute(text))
            if new != text:
                if path.suffix in (".yaml", ".yml"):
                    load_rt(new)  # a replacement must never break a file (a bug otherwise)
                write_atomic(path, new)


# the noun: nominative, genitive, locative, instrumental, accusative singular; genitive,
# dative, instrumental, locative plural; then the adjective (gminny) in the same order for each
# kind: masculine nom., gen., dat., instr./loc.; feminine nom., gen./loc., instr.; plural nom.,
# gen./loc., instr.
_NOUN = {
    "gmina": "gmina gminy gminie gminą gminę gmin gminom gminami gminach",
    "powiat": "powiat powiatu powiecie powiatem powiat powiatów powiatom powiatami powiatach",
    "miasto": "miasto miasta mieście miastem miasto miast miastom miastami miastach",
}
_ADJECTIVE = {
    "gmina": "ny nego nemu nym na nej ną ne nych nymi",
    "powiat": "owy owego owemu owym owa owej ową owe owych owymi",
    "miasto": "ski skiego skiemu skim ska skiej ską skie skich skimi",
}
_ADJECTIVE_STEM = {"gmina": "gmin", "powiat": "powiat", "miasto": "miej"}


def territory_words(kind: str) -> dict[str, str]:
    """Every form of "gmina" and "gminny" the example office writes -> the same form for an
    office of ``kind`` (capitalised forms too: "Gminny Ośrodek" -> "Powiatowy Ośrodek")."""
    pairs = list(zip(_NOUN["gmina"].split(), _NOUN[kind].split(), strict=True))
    pairs += [
        (_ADJECTIVE_STEM["gmina"] + mine, _ADJECTIVE_STEM[kind] + theirs)
        for mine, theirs in zip(_ADJECTIVE["gmina"].split(), _ADJECTIVE[kind].split(), strict=True)
    ]
    words = dict(pairs)  # "gminy" is read as the genitive singular (the example's use)
    return words | {k.capitalize(): v.capitalize() for k, v in words.items()}


_RELATED = re.compile(r"^related: \[(?P<ids>[^\]\n]*)\]$", re.MULTILINE)


def _without_service_cards(text: str) -> str:
    """Front matter ``related: [...]`` without the example service cards (they are dropped)."""

    def keep(match: re.Match[str]) -> str:
        ids = [i.strip() for i in match.group("ids").split(",") if i.strip()]
        return "related: [" + ", ".join(i for i in ids if not i.startswith("KU-")) + "]"

    return _RELATED.sub(keep, text)


def _auditor_names(path: Path) -> list[str]:
    data = load_rt(path.read_text(encoding="utf-8"))
    return [str(a["name"]) for a in data.get("auditors") or [] if a.get("name")]


def _empty_list(path: Path, key: str) -> None:
    data = load_rt(path.read_text(encoding="utf-8"))
    data[key] = []
    write_atomic(path, dump_rt(data))


def substitution(office: Office, contact: Contact, auditors: list[str]) -> Callable[[str], str]:
    """One pass over a text: every example-office phrase becomes the office's own or a
    placeholder (one regular expression, so a replacement is never replaced again)."""
    address = contact.address or placeholder("adres urzędu")
    bip = contact.bip_url or placeholder("adres Biuletynu Informacji Publicznej")
    territory = office.territory.split()[0]  # Gminy / Powiatu / Miasta
    full = {
        "Wójt": office.head,
        "Wójta": office.head_genitive,
        "Wójtowi": office.head_dative,
        "Wójtem": office.head_instrumental,
    }
    bare = {word: _bare_title(title) for word, title in full.items()}
    accusative = _bare_title(office.head_accusative)
    # "gmina" in five cases -> the same case of this kind's territory
    territory_word = territory_words(office.kind)
    deputy = "Wicestarosta" if office.kind == "powiat" else f"Zastępca {office.head_genitive}"

    def same_case(word: str) -> str:
        title = bare[word[0].upper() + word[1:]]
        return title if word[0].isupper() else title[0].lower() + title[1:]

    def by_accusative(text: str) -> str:
        words = text.split()
        return f"{words[0]} {office.head_accusative if len(words) > 2 else accusative}"

    statute_name = f"o samorządzie {'powiatowym' if office.kind == 'powiat' else 'gminnym'}"

    def statute(text: str) -> str:
        if office.kind != "powiat":
            return text
        return placeholder("przepis ustawy z dnia 5 czerwca 1998 r. o samorządzie powiatowym")

    def powiat_act(value: str) -> Callable[[str], str]:
        """The gmina statute (EXT-02 of the example) becomes the powiat statute in a powiat."""
        return lambda text: value if office.kind == "powiat" else text

    def fixed(value: str) -> Callable[[str], str]:
        return lambda _: value

    table: list[tuple[str, Callable[[str], str]]] = [
        (r"ul\. Dworcowa 5, 62-345 Przykładowo", fixed(address)),
        (r"(?:ul\. )?Dworcowej 5 w Przykładowie", fixed(placeholder("adres siedziby urzędu"))),
        (r"(?:ul\. )?Szkolnej 3 w Przykładowie", fixed(placeholder("adres archiwum zakładowego"))),
        (r"Przykładowo, dnia", fixed("……………………, dnia")),
        (r"Przykładowo, (?=\d)", fixed(placeholder("miejscowość") + ", ")),
        (r"https?://bip\.przykladowo\.pl[^\s\"'<>)]*", fixed(bip)),
        (r"[\w.+-]+@przykladowo\.pl", fixed(placeholder("adres e-mail"))),
        (r"/ugprzykladowo/SkrytkaESP", fixed(placeholder("adres skrytki ePUAP"))),
        (r"Zastępca Wójta(?: Gminy(?: Przykładowo)?)?\b", fixed(deputy)),
        (r"Wójt Gminy Przykładowo", fixed(office.head)),
        (r"Wójta Gminy Przykładowo", fixed(office.head_genitive)),
        (r"Wójtowi Gminy Przykładowo", fixed(office.head_dative)),
        (r"Wójtem Gminy Przykładowo", fixed(office.head_instrumental)),
        (r"Urzędu Gminy(?: Przykładowo)?\b", fixed(office.name_genitive)),
        (r"Urzędzie Gminy(?: Przykładowo)?\b", fixed(office.name_locative)),
        (r"Urząd Gminy(?: Przykładowo)?\b", fixed(office.name)),
        (r"Rady Gminy Przykładowo", fixed(f"Rady {office.territory}")),
        (r"Rada Gminy Przykładowo", fixed(f"Rada {office.territory}")),
        (r"gminy Przykładowo", fixed(office.territory[0].lower() + office.territory[1:])),
        (r"Gminy Przykładowo", fixed(office.territory)),
        (r"Gmina Przykładowo", fixed(office.territory_nominative)),
        (r"\b(?:przez|na) [Ww]ójta(?: Gminy(?: Przykładowo)?)?\b", by_accusative),
        (r"\bWójt(?:a|owi|em)? Gminy\b", lambda text: full[text.split()[0]]),
        (r"\b[Gg]min\w*", lambda text: territory_word.get(text, text)),
        (
            r"\b(?:Sekretarz(?:a|owi|em)?|Skarbnik(?:a|owi|iem)?|Rad(?:a|y|zie|ą|ę)) Gminy\b",
            lambda text: f"{text.split()[0]} {territory}",
        ),
        (r"\b[Ww]ójt(?:a|owi|em)?\b", same_case),
        (r"\bw Przykładowie\b", fixed(placeholder("w miejscowości (w Sanoku, w Zielonce…)"))),
        (r"\+48 63 240 15 \d\d", fixed(placeholder("numer telefonu"))),
        (r"\b\d\d(?: \d{4}){6}\b", fixed(placeholder("numer rachunku bankowego"))),
        (
            r"Dz\. Urz\. Woj\. Wielkopolskiego \d{4} poz\. \d+",
            fixed(placeholder("Dz. Urz. Woj. … poz. … (dziennik urzędowy województwa)")),
        ),
        (r" Wielkopolsk\w*", fixed("")),
        (
            r"Archiwum Państwowego w Poznaniu Oddział w Koninie",
            fixed("właściwego archiwum państwowego"),
        ),
        (
            r"art\. 33 ust\. 3 ustawy z dnia 8 marca 1990 r\. o samorządzie gminnym \([^)]*\)",
            statute,
        ),
        (r"art\. [\w .]+? ustawy o samorządzie gminnym", statute),
        (r"(?<=ustawy )o samorządzie gminnym", lambda text: statute_name),
        (r"Ustawa z dnia 8 marca 1990 r\. o samorządzie gminnym", powiat_act(POWIAT_ACT)),
        (r"Dz\.U\. 2024 poz\. 1465", powiat_act(placeholder("Dz.U. … (tekst jednolity)"))),
        (r"https://isap\S*WDU20240001465", powiat_act(placeholder("adres aktu w ISAP"))),
        (r'(?<=act: EXT-02, provision: )"[^"]*"', powiat_act(f'"{statute("")}"')),
        (r"\b62-345\b", fixed(placeholder("kod pocztowy"))),
        (r"\bPrzykładow\w*", fixed(placeholder("nazwa miejscowości"))),
        *((re.escape(n), fixed(placeholder("imię i nazwisko auditora"))) for n in auditors),
    ]
    pattern = re.compile("|".join(f"({regex})" for regex, _ in table))

    def replace(match: re.Match[str]) -> str:
        index = (match.lastindex or 1) - 1
        return table[index][1](match.group(0))

    return lambda text: pattern.sub(replace, text)


def _bare_title(title: str) -> str:
    """The head of office without the territory: Wójt, Starosta, Prezydent Miasta."""
    words = title.split()
    return " ".join(words[:2]) if words[0].startswith("Prezydent") else words[0]


def _profile(config: Path, office: Office, contact: Contact) -> None:
    """qms.yaml: the office's data, no certificate, an accessibility statement to write."""
    data: Any = load_rt(config.read_text(encoding="utf-8"))
    profile = data["office"]
    profile["name"] = office.name
    profile["kind"] = office.kind
    profile["head_title"] = office.head
    profile["head_title_genitive"] = office.head_genitive
    profile["address"] = contact.address or placeholder("adres urzędu")
    profile["bip_url"] = contact.bip_url or placeholder("adres Biuletynu Informacji Publicznej")
    for key, what in (
        ("email", "adres e-mail urzędu"),
        ("epuap", "adres elektronicznej skrzynki podawczej ePUAP"),
        ("nip", "NIP urzędu"),
        ("regon", "REGON urzędu"),
        ("phone", "telefon urzędu"),
    ):
        profile[key] = placeholder(what)
    for day in profile.get("hours") or {}:
        profile["hours"][day] = placeholder("godziny pracy urzędu, np. 7:30–15:30")
    for slot in profile.get("complaint_hours") or []:
        slot["hours"] = placeholder("godziny przyjęć w sprawach skarg i wniosków, np. 13:00–17:00")
        slot.pop("by", None)
    data["certificate"] = None
    data["bip"]["produced_by"] = f"Sekretarz {office.territory.split()[0]}"
    data["bip"]["publisher"] = office.name
    statement = data["accessibility"]
    statement["entity"] = office.name
    statement["url"] = profile["bip_url"]
    statement["contact"]["email"] = placeholder("adres e-mail do spraw dostępności")
    statement["published"] = placeholder("data publikacji strony (rrrr-mm-dd)")
    statement["updated"] = placeholder("data ostatniej aktualizacji (rrrr-mm-dd)")
    statement["prepared"] = placeholder("data sporządzenia deklaracji (rrrr-mm-dd)")
    statement.pop("reviewed", None)  # a new statement has not been reviewed yet
    statement["status"] = placeholder("zgodna, częściowo zgodna albo niezgodna")
    statement["failures"] = [placeholder("treści niedostępne i powody")]
    statement["contact"]["phone"] = placeholder("telefon osoby kontaktowej")
    statement["contact"]["name"] = placeholder("imię i nazwisko osoby kontaktowej")
    statement["architectural"] = placeholder("dostępność architektoniczna budynków urzędu")
    statement["sign_language"] = placeholder("jak skorzystać z tłumacza języka migowego")
    statement["mobile_apps"] = f"{office.name} nie udostępnia aplikacji mobilnych."
    write_atomic(config, dump_rt(data))
