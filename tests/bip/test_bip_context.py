"""The BIP site as data (render.bip_context, bip_metadata, bip_views): pure, no git, no pandoc."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qms_cli.model.documents import SourceFile
from qms_cli.model.history import Change, DocumentHistory, Signature
from qms_cli.model.repository import Repository
from qms_cli.model.typography import format_datetime_pl
from qms_cli.render.bip_context import (
    REGISTER,
    SiteInput,
    build_site,
    polish_key,
    published_documents,
)
from qms_cli.render.bip_metadata import (
    UNKNOWN,
    EarlierEdition,
    Release,
    merge_changes,
    metryczka,
    owner_title,
)
from qms_cli.render.bip_views import statement

WARSAW = dt.timezone(dt.timedelta(hours=1))
CONFIG = {
    "office": {"name": "Urząd Gminy Testowo"},
    "bip": {"produced_by": "Sekretarz Gminy"},
}
STRUCTURE = {
    "units": [{"id": "USC", "name": "Urząd Stanu Cywilnego"}],
    "positions": [
        {"id": "wojt", "title": "Wójt Gminy Testowo"},
        {"id": "kierownik-usc", "title": "Kierownik USC", "unit": "USC"},
    ],
    "roles": [{"id": "kierownik-urzedu", "name": "Kierownik urzędu", "positions": ["wojt"]}],
}


def doc(doc_id: str, doc_type: str, **meta: Any) -> SourceFile:
    data = {
        "id": doc_id,
        "type": doc_type,
        "title": f"Tytuł {doc_id}",
        "owner": "wojt",
        "status": "active",
        "public": True,
        **meta,
    }
    return SourceFile(f"documents/x/{doc_id}.md", "document", "d", data=data, body="Treść.")


def repository(*docs: SourceFile, config: dict[str, Any] | None = None) -> Repository:
    return Repository.build(
        [
            SourceFile("qms.yaml", "config", "d", data=config or CONFIG),
            SourceFile("org/structure.yaml", "structure", "d", data=STRUCTURE),
            *docs,
        ]
    )


def change(n: int, day: int, author: str = "Anna") -> Change:
    when = dt.datetime(2026, 3, day, 10, n, tzinfo=WARSAW)
    return Change(f"{n}" + "a" * 39, when, author, f"zmiana {n}", f"blob{n}")


def test_only_public_active_valid_documents_are_published() -> None:
    repo = repository(
        doc("P-01", "procedure"),
        doc("P-02", "procedure", public=False),
        doc("P-03", "procedure", public="yes"),  # YAML 1.2: a string, not true
        doc("P-04", "procedure", status="draft"),
        doc("P-05", "procedure", status="withdrawn"),
        doc("bad id", "procedure"),
    )
    docs, warnings = published_documents(repo)
    assert [d.id for d in docs] == ["P-01"]
    assert warnings == [
        "documents/x/bad id.md: niepoprawny identyfikator lub typ — pominięto w BIP"
    ]


def test_owner_title_of_a_position_and_of_a_role() -> None:
    repo = repository()
    assert owner_title(repo, "kierownik-usc") == "Kierownik USC"
    assert owner_title(repo, "kierownik-urzedu") == "Kierownik urzędu (Wójt Gminy Testowo)"
    assert owner_title(repo, "nieznany") is None


def test_merge_changes_is_chronological_and_unique() -> None:
    a, b, c = change(1, 2), change(2, 5), change(3, 3)
    assert merge_changes([[a, b], [c, a]]) == [a, c, b]


def test_metryczka_from_history() -> None:
    meta = metryczka(CONFIG, [change(1, 2, "Anna"), change(2, 9, "Jan")], produced_by="Wójt")
    assert meta.publisher == "Urząd Gminy Testowo"
    assert meta.produced_by == "Wójt"
    assert meta.entered_by == "Jan"  # no bip.entered_by: the author of the last change
    assert meta.produced == "2 marca 2026 r., godz. 10:01"
    assert meta.published == "9 marca 2026 r., godz. 10:02"
    assert meta.published_iso == "2026-03-09T10:02:00+01:00"
    assert [(r.kind, r.entered_by, r.description) for r in meta.changes] == [
        ("utworzenie", "Anna", None),
        ("aktualizacja", "Jan", None),
    ]


def test_metryczka_configuration_release_and_signatures() -> None:
    config = {
        **CONFIG,
        "bip": {
            "entered_by": "Administrator BIP",
            "commit_messages": True,
            "labels": {"published": "Data publikacji", "changes": ["zła wartość"]},
        },
    }
    released = dt.datetime(2026, 4, 1, 12, 0, tzinfo=WARSAW)
    signed = Signature(
        "P-01", "approval", "Jan Kowalski", "Wójt", released, "SHA256:x", "c", "b", "verified"
    )
    meta = metryczka(
        config, [change(1, 2)], release=Release("2", "2026-04-15", released), signatures=[signed]
    )
    assert meta.entered_by == "Administrator BIP"  # the register does not say who released
    assert meta.changes[0].entered_by == "Administrator BIP"
    assert meta.produced_by == "Jan Kowalski, Wójt"  # the approver of the edition in force
    unreleased = metryczka(config, [change(1, 2)], signatures=[signed])
    assert unreleased.changes[0].description == "zmiana 1"  # commit rows until released
    assert meta.labels["published"] == "Data publikacji"
    assert meta.labels["changes"] == "Rejestr zmian"  # not text: the default stays
    assert meta.published == format_datetime_pl(released)
    assert meta.published_note == "wydanie 2, obowiązuje od 15 kwietnia 2026 r."
    assert [(s.meaning, s.name, s.position) for s in meta.signatures] == [
        ("Zatwierdził", "Jan Kowalski", "Wójt")
    ]


def test_metryczka_without_history_says_so() -> None:
    meta = metryczka({}, [])
    assert (meta.produced, meta.published, meta.publisher) == (UNKNOWN, UNKNOWN, "—")
    assert meta.changes == ()


def test_polish_alphabetical_order() -> None:
    words = ["Żaba", "Łódź", "Lublin", "Ćma", "Cyna", "zebra", "Ala", "ąb"]
    assert sorted(words, key=polish_key) == [
        "Ala",
        "ąb",
        "Cyna",
        "Ćma",
        "Lublin",
        "Łódź",
        "zebra",
        "Żaba",
    ]


def site_input(repo: Repository, **kwargs: Any) -> SiteInput:
    histories = {
        d.id: DocumentHistory(d.id, d.path, changes=[change(1, 2)]) for d in repo.documents
    }
    return SiteInput(repo, histories, {"qms.yaml": [change(0, 1)]}, **kwargs)


def test_release_data_reaches_the_register_and_the_document() -> None:
    repo = repository(doc("P-01", "procedure"), doc("KU-USC-01", "service-card", unit="USC"))
    released = dt.datetime(2026, 4, 1, 12, 0, tzinfo=WARSAW)
    site = build_site(
        site_input(
            repo, releases={"P-01": Release("3", "2026-04-15", released)}, pdfs={"P-01": 5000}
        )
    )
    pages = {p.path: p for p in site.pages}
    rows = {r["id"]: r for r in pages[REGISTER].data["rows"]}
    assert (rows["P-01"]["edition"], rows["P-01"]["in_force"]) == ("3", "15 kwietnia 2026 r.")
    assert rows["KU-USC-01"]["edition"] is None
    p01 = pages["P-01.html"]
    assert p01.data["pdf"] == {"href": "P-01.pdf", "size": "5 KB"}
    assert p01.metryczka.published_note.startswith("wydanie 3")
    assert pages["KU-USC-01.html"].template == "service_card.html"
    assert pages["KU-USC-01.html"].data["card"]["unit"] == "Urząd Stanu Cywilnego"


def test_site_pages_use_the_union_of_their_sources() -> None:
    repo = repository(doc("PJ", "policy", owner="kierownik-urzedu"))
    site = build_site(site_input(repo))
    home = next(p for p in site.pages if p.path == "index.html")
    assert [c.commit[0] for c in home.metryczka.changes] == ["0", "1"]
    assert home.metryczka.produced_by == "Sekretarz Gminy"
    policy = next(p for p in site.pages if p.path == "PJ.html")
    assert policy.metryczka.produced_by == "Kierownik urzędu (Wójt Gminy Testowo)"
    assert [n.label for n in site.nav][:2] == ["Strona główna", "Polityka Jakości"]


def test_empty_office_still_has_every_fixed_page() -> None:
    site = build_site(SiteInput(repository(config={}), {}, {}))
    assert {p.path for p in site.pages} == {
        "index.html",
        "uslugi.html",
        "uslugi-a-z.html",
        "dokumenty.html",
        "rejestr-dokumentow.html",
        "certyfikat.html",
        "deklaracja-dostepnosci.html",
    }
    assert "policy" not in {n.key for n in site.nav}


def test_statement_defaults_and_unsafe_values() -> None:
    a11y = statement(
        {
            "office": {"name": "UG", "bip_url": "https://bip.ug.pl", "email": "a@ug.pl"},
            "accessibility": {"url": "javascript:alert(1)", "contact": {"phone": "12 34"}},
        }
    )
    assert a11y["entity"] == "UG"
    assert a11y["url_href"] is None
    assert a11y["email_href"] == "mailto:a@ug.pl"
    assert a11y["phone_href"] is None  # too short to be a number
    assert a11y["procedure"].startswith("Każdy ma prawo")
    assert a11y["status_text"] == "jest niezgodna"  # no status given: never claim compliance


def test_format_datetime_pl_shows_polish_time() -> None:
    summer = dt.datetime(2026, 7, 5, 9, 5, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert format_datetime_pl(summer) == "5 lipca 2026 r., godz. 9:05"
    utc = dt.datetime(2026, 12, 31, 23, 59, tzinfo=dt.UTC)
    assert format_datetime_pl(utc) == "1 stycznia 2027 r., godz. 0:59"  # Polish time, not UTC


def test_an_order_is_in_force_from_what_it_says_not_from_the_release() -> None:
    order = doc(
        "Z-2026-01", "order", number="1/2026", date="2026-01-05", subject="w sprawie SZJ",
        signed_by="wojt", in_force="2026-02-01",
    )  # fmt: skip
    released = dt.datetime(2026, 11, 21, 9, tzinfo=WARSAW)
    repo = repository(order, doc("P-01", "procedure"))
    releases = {d: Release("1", "2026-11-21", released) for d in ("Z-2026-01", "P-01")}
    site = build_site(SiteInput(repo, {}, {}, releases=releases))
    pages = {p.path: p for p in site.pages}
    rows = {r["id"]: r for r in pages[REGISTER].data["rows"]}
    assert rows["Z-2026-01"]["in_force"] == pages["Z-2026-01.html"].data["in_force"]
    assert rows["Z-2026-01"]["in_force"] == "1 lutego 2026 r."
    assert rows["P-01"]["in_force"] == "21 listopada 2026 r."


def test_metryczka_names_people_and_lists_the_editions() -> None:
    """Issue 15 (art. 8 ust. 6 u.d.i.p.): who produced is the approver, who entered is the
    person who signed the release, published is that release; earlier editions are listed,
    each entered by the signer of its own release."""
    released = dt.datetime(2026, 11, 21, 9, 0, tzinfo=WARSAW)
    approver = Signature(
        "P-01", "approval", "Jan Nowicki", "Wójt Gminy", released, "SHA256:x", "c", "b",
        "verified",
    )  # fmt: skip
    earlier = (EarlierEdition("1", "2026-03-01", "2026-11-20", "Ewa Nowak, Sekretarz Gminy"),)
    release = Release(
        "2", "2026-11-21", released, released_by="Anna Kowalczyk, Sekretarz Gminy", earlier=earlier
    )
    meta = metryczka(CONFIG, [change(1, 2)], release=release, signatures=[approver])
    assert meta.produced_by == "Jan Nowicki, Wójt Gminy"
    assert meta.entered_by == "Anna Kowalczyk, Sekretarz Gminy"
    assert meta.published == format_datetime_pl(released)
    assert [(r.when, r.entered_by, r.kind) for r in meta.changes] == [
        ("1 marca 2026 r.", "Ewa Nowak, Sekretarz Gminy",
         "wydanie 1 (obowiązywało do 20 listopada 2026 r.)"),
        ("21 listopada 2026 r.", "Anna Kowalczyk, Sekretarz Gminy", "wydanie 2 (obowiązuje)"),
    ]  # fmt: skip
    older = Release("2", "2026-11-21", dt.date(2026, 11, 21))  # released by an earlier release
    assert metryczka(CONFIG, [], release=older).published == "21 listopada 2026 r."
