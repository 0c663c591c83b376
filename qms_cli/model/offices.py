"""Kinds of office and the titles of their heads, with the Polish forms qms writes.

A gmina is led by a wójt (or a burmistrz, in a town), a powiat by a starosta, a city by a
burmistrz or a prezydent miasta. Pure data and functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("gmina", "powiat", "miasto")
# what the user may type for --kind -> the kind qms.yaml stores
KIND_ALIASES = {
    "gmina": "gmina",
    "urząd gminy": "gmina",
    "powiat": "powiat",
    "starostwo": "powiat",
    "starostwo powiatowe": "powiat",
    "miasto": "miasto",
    "urząd miasta": "miasto",
    "urząd miejski": "miasto",
}
# head of office -> (nominative, genitive, dative, instrumental, accusative) of the first word
HEADS = {
    "wójt": ("Wójt", "Wójta", "Wójtowi", "Wójtem", "Wójta"),
    "burmistrz": ("Burmistrz", "Burmistrza", "Burmistrzowi", "Burmistrzem", "Burmistrza"),
    "prezydent": ("Prezydent", "Prezydenta", "Prezydentowi", "Prezydentem", "Prezydenta"),
    "starosta": ("Starosta", "Starosty", "Staroście", "Starostą", "Starostę"),
}
HEAD_ALIASES = {
    "wójt": "wójt",
    "wojt": "wójt",
    "burmistrz": "burmistrz",
    "prezydent": "prezydent",
    "prezydent miasta": "prezydent",
    "starosta": "starosta",
}
DEFAULT_HEAD = {"gmina": "wójt", "powiat": "starosta", "miasto": "burmistrz"}
# the first words of an office name -> their (genitive, locative) forms
_OFFICE_HEADS = (
    ("Starostwo Powiatowe", "Starostwa Powiatowego", "Starostwie Powiatowym"),
    ("Urząd Miejski", "Urzędu Miejskiego", "Urzędzie Miejskim"),
    ("Urząd", "Urzędu", "Urzędzie"),
)
# kind -> (the territory "gminy/powiatu/miasta", its nominative "Gmina/Powiat/Miasto")
_TERRITORY = {
    "gmina": ("Gminy", "Gmina"),
    "powiat": ("Powiatu", "Powiat"),
    "miasto": ("Miasta", "Miasto"),
}


def normalise_kind(text: str) -> str | None:
    """``starostwo`` -> ``powiat``, ``urząd miasta`` -> ``miasto``…; None when unknown."""
    return KIND_ALIASES.get(" ".join(text.lower().split()))


def normalise_head(text: str) -> str | None:
    """``Prezydent Miasta`` -> ``prezydent``…; None when unknown."""
    return HEAD_ALIASES.get(" ".join(text.lower().split()))


def kind_from_name(name: str) -> str | None:
    """The kind an office name tells: ``Starostwo Powiatowe w Sanoku`` -> ``powiat``."""
    words = name.strip().lower()
    if words.startswith("starostwo"):
        return "powiat"
    if words.startswith(("urząd miasta", "urząd miejski")):
        return "miasto"
    if words.startswith("urząd gminy"):
        return "gmina"
    return None


@dataclass(frozen=True)
class Office:
    """The names qms writes for one office: ``name`` in three cases, the head of office's
    title in five, and the council, secretary and treasurer of its territory."""

    kind: str
    name: str
    name_genitive: str
    name_locative: str
    head: str
    head_genitive: str
    head_dative: str
    head_instrumental: str
    head_accusative: str
    territory: str  # "Gminy Zielonka", "Powiatu", "Miasta Sanoka" (genitive)
    territory_nominative: str  # "Gmina Zielonka", "Powiat", "Miasto Sanok"


def place_of(name: str) -> str:
    """The place in an office name written after Gminy/Miasta (``Urząd Gminy Zielonka`` ->
    ``Zielonka``); empty when the name has another form (``… w Sanoku``)."""
    match = re.fullmatch(r"Urząd (?:Gminy|Miasta) (?P<place>.+)", name.strip())
    return match.group("place") if match else ""


def office(kind: str, name: str, head: str | None = None) -> Office:
    """The forms for an office of ``kind`` called ``name``, led by ``head`` (the default of
    the kind when None: wójt, starosta, burmistrz)."""
    name = " ".join(name.split())
    head = head or DEFAULT_HEAD[kind]
    genitive, locative = name, name
    for nominative, gen, loc in _OFFICE_HEADS:
        if name.startswith(nominative + " "):
            rest = name[len(nominative) :]
            genitive, locative = gen + rest, loc + rest
            break
    place = place_of(name)
    territory_gen, territory_nom = _TERRITORY[kind]
    if kind == "powiat" or not place:
        suffix, territory, territory_nominative = "", territory_gen, territory_nom
    else:
        suffix = f" {territory_gen} {place}"
        territory, territory_nominative = suffix.strip(), f"{territory_nom} {place}"
    if head == "prezydent":
        suffix = f" Miasta {place}" if place else " Miasta"
    nom, gen, dat, ins, acc = (f"{word}{suffix}" for word in HEADS[head])
    return Office(
        kind, name, genitive, locative, nom, gen, dat, ins, acc, territory, territory_nominative
    )
