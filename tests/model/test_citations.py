"""Issue 15: citations of the Journal of Laws as real registers write them normalise to the one
form qms prints; property-style: every spelling generated from a citation normalises to it, the
normal form is a fixed point, and what is not a citation stays unread."""

from __future__ import annotations

import random

import pytest

from qms_cli.model.citations import (
    MONITOR,
    VOIVODESHIP,
    VOIVODESHIPS,
    normalise_citation,
    read_citation,
)


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("Dz. U. z 2006r., Nr 156, poz. 1118", "Dz.U. 2006 nr 156 poz. 1118"),
        ("Dz.U. 04.92.880", "Dz.U. 2004 nr 92 poz. 880"),
        ("Dz. U. z 2024 r. poz. 572", "Dz.U. 2024 poz. 572"),
        ("Dz.U. 2024 poz. 572", "Dz.U. 2024 poz. 572"),
        ("Dz.U.2004.92.880", "Dz.U. 2004 nr 92 poz. 880"),
        ("Dz.U.2024.572", "Dz.U. 2024 poz. 572"),
        ("Dz.U. 98.12.3", "Dz.U. 1998 nr 12 poz. 3"),
        ("Dz. U. z 2023 r. poz. 775 i 1641", "Dz.U. 2023 poz. 775, 1641"),
        ("Dz.U. 2024 poz. 572 ze zm.", "Dz.U. 2024 poz. 572"),
        ("Dz. U. z 2020 r. poz. 1, z późn. zm.", "Dz.U. 2020 poz. 1"),
        ("Dz. Urz. Woj. Wlkp. 2024 poz. 10214", "Dz. Urz. Woj. Wielkopolskiego 2024 poz. 10214"),
        ("Dz.Urz.Woj.Podk.2023.1234", "Dz. Urz. Woj. Podkarpackiego 2023 poz. 1234"),
        (
            "Dz. Urz. Woj. Śląskiego z 2011 r. Nr 45, poz. 987",
            "Dz. Urz. Woj. Śląskiego 2011 nr 45 poz. 987",
        ),
        (
            "Dz. Urz. Woj. Warm.-Maz. z 2019 r. poz. 55 ze zm.",
            "Dz. Urz. Woj. Warmińsko-Mazurskiego 2019 poz. 55",
        ),
        ("M.P. 2024 poz. 10", "M.P. 2024 poz. 10"),
        ("M. P. z 2005 r. Nr 12, poz. 123", "M.P. 2005 nr 12 poz. 123"),
        ("Monitor Polski z 2023 r. poz. 1", "M.P. 2023 poz. 1"),
    ],
)
def test_real_spellings(written: str, normal: str) -> None:
    assert normalise_citation(written) == normal


@pytest.mark.parametrize(
    "text",
    [
        "brak",
        "",
        "Dz. Urz. Woj. Lub. 2024 poz. 1",  # Lubelskiego or Lubuskiego: not guessed
        "Dz. Urz. Woj. Nieznanego 2024 poz. 1",
        "Dz. Urz. Min. Fin. 2020 poz. 3",
        "M.P. 2024",
        "Dz.U. 2024 poz. 572 (tekst jednolity)",
        "Dz.U. 2024",
        "Dz.U. 2024 poz. 0",
        "Dz.U. 1900 poz. 5",
    ],
)
def test_what_is_not_a_citation(text: str) -> None:
    assert normalise_citation(text) is None


def spellings(rng: random.Random, year: int, issue: int | None, position: int) -> str:
    """One way of writing the citation, as a register might."""
    space = lambda: rng.choice(["", " "])  # noqa: E731
    prefix = rng.choice(["Dz.U.", "Dz. U.", "Dz.U. ", "Dz. U. ", "Dz U "])
    if rng.random() < 0.25:  # the short form of legal databases
        short_year = f"{year % 100:02d}" if issue is not None and rng.random() < 0.5 else str(year)
        middle = f"{issue}." if issue is not None else ""
        return f"{prefix}{space()}{short_year}.{middle}{position}"
    year_part = rng.choice([f"{year}", f"z {year} r.", f"z {year}r.", f"{year} r."])
    comma = rng.choice(["", ","])
    nr = (
        ""
        if issue is None
        else f" {rng.choice(['Nr', 'nr', 'NR'])}{rng.choice(['', ' '])}{issue}{comma}"
    )
    tail = rng.choice(["", " ze zm.", ", z późn. zm."])
    return f"{prefix} {year_part}{comma}{nr} poz.{space()}{position}{tail}"


def test_every_spelling_normalises_to_the_one_form() -> None:
    rng = random.Random(15)
    for _ in range(2000):
        issue = rng.choice([None, rng.randint(1, 250)])
        year = rng.randint(1990, 2011) if issue is not None else rng.randint(2012, 2026)
        position = rng.randint(1, 2500)
        normal = f"Dz.U. {year}{'' if issue is None else f' nr {issue}'} poz. {position}"
        written = spellings(rng, year, issue, position)
        assert normalise_citation(written) == normal, written
        assert normalise_citation(normal) == normal  # a fixed point


def test_normalising_twice_changes_nothing() -> None:
    rng = random.Random(2006)
    for _ in range(500):
        text = "".join(rng.choice("Dz.U 0123456789zr,Nrpo.i") for _ in range(rng.randint(0, 30)))
        once = normalise_citation(text)
        assert once is None or normalise_citation(once) == once


def test_long_text_is_no_citation() -> None:
    assert normalise_citation("Dz.U. 2024 poz. 1" + " " * 5000 + "x") is None
    assert normalise_citation("Dz.U. 2024 poz. 1" + " ," * 90 + "x") is None


def test_every_journal_and_voivodeship_spelling_normalises_to_its_one_form() -> None:
    """The same property for Monitor Polski and the sixteen voivodeship journals, each written
    out or abbreviated; the journal read is the one written."""
    rng = random.Random(16)
    for _ in range(2000):
        issue = rng.choice([None, rng.randint(1, 250)])
        year = rng.randint(1999, 2011) if issue is not None else rng.randint(2012, 2026)
        position = rng.randint(1, 12000)
        nr = "" if issue is None else f" nr {issue}"
        if rng.random() < 0.3:
            normal = f"M.P. {year}{nr} poz. {position}"
            prefix = rng.choice(["M.P.", "M. P.", "MP", "Monitor Polski"])
            journal = MONITOR
        else:
            name = rng.choice(sorted(VOIVODESHIPS))
            normal = f"Dz. Urz. Woj. {name} {year}{nr} poz. {position}"
            spelled = rng.choice([name, *VOIVODESHIPS[name]])
            prefix = rng.choice(["Dz. Urz. Woj.", "Dz.Urz.Woj.", "Dz. Urz. Woj"]) + " " + spelled
            journal = VOIVODESHIP
        issue_part = "" if issue is None else rng.choice([f", Nr {issue},", f" nr {issue}"])
        written = f"{prefix} {rng.choice([f'z {year} r.', str(year)])}{issue_part} poz. {position}"
        found = read_citation(written)
        assert found is not None and (found.text, found.journal) == (normal, journal), written
        assert normalise_citation(normal) == normal
