"""The model -> PDF context mapping (pure): marks, approval block, change sheet, facts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from qms_cli.model.documents import SourceFile
from qms_cli.model.history import Change, DocumentHistory, Signature
from qms_cli.model.repository import Repository
from qms_cli.render.pdf_context import (
    DocState,
    Edition,
    approvals,
    book_documents,
    change_rows,
    document_context,
    header,
    mark,
    order_header,
    page_context,
)
from qms_cli.render.pdf_facts import facts, order_heading

CET = dt.timezone(dt.timedelta(hours=1))
BLOB, OLD_BLOB = "b" * 40, "a" * 40

CONFIG = {
    "office": {
        "name": "Urząd Gminy Testowo",
        "head_title": "Wójt Gminy Testowo",
        "head_title_genitive": "Wójta Gminy Testowo",
    },
    "approvals": {
        "procedure": [
            {"meaning": "review", "by": "owner"},
            {"meaning": "approval", "by": "pelnomocnik"},
        ],
        "policy": [{"meaning": "approval", "by": "kierownik-urzedu"}],
    },
    "pdf": {"footer": "Wydruk nie jest nadzorowany."},
}
STRUCTURE = {
    "units": [{"id": "USC", "name": "Urząd Stanu Cywilnego"}],
    "positions": [
        {"id": "wojt", "title": "Wójt Gminy Testowo"},
        {"id": "kierownik-usc", "title": "Kierownik USC"},
        {"id": "sekretarz", "title": "Sekretarz Gminy"},
    ],
    "roles": [
        {"id": "pelnomocnik", "name": "Pełnomocnik ds. SZJ", "positions": ["sekretarz"]},
        {"id": "kierownik-urzedu", "name": "Kierownik urzędu", "positions": ["wojt"]},
    ],
}
EXTERNAL = {
    "documents": [
        {
            "id": "EXT-01",
            "title": "Kodeks postępowania administracyjnego",
            "citation": "Dz.U. 2024 poz. 572",
        }
    ]
}


def source(path: str, kind: str, data: dict[str, Any], body: str = "") -> SourceFile:
    return SourceFile(path=path, kind=kind, digest="", data=data, body=body)


def document(doc_id: str, doc_type: str, **meta: Any) -> SourceFile:
    data = {
        "id": doc_id,
        "type": doc_type,
        "title": f"Tytuł {doc_id}",
        "owner": "sekretarz",
        "status": "active",
        **meta,
    }
    return source(f"documents/x/{doc_id}.md", "document", data, "Treść.")


def repository(*docs: SourceFile) -> Repository:
    return Repository.build(
        [
            source("qms.yaml", "config", CONFIG),
            source("org/structure.yaml", "structure", STRUCTURE),
            source("documents/external.yaml", "external", EXTERNAL),
            *docs,
        ]
    )


def history(doc_id: str, *signatures: Signature) -> DocumentHistory:
    first = dt.datetime(2026, 2, 1, 9, 0, tzinfo=CET)
    second = dt.datetime(2026, 3, 12, 0, 30, tzinfo=CET)
    changes = [
        Change("1" * 40, first, "Jan Kowalski", "Pierwsza wersja", OLD_BLOB),
        Change("2" * 40, second, "Anna Nowak", 'Zmiana "terminów" 10-15', BLOB),
    ]
    return DocumentHistory(doc_id, f"documents/x/{doc_id}.md", changes, list(signatures))


def signature(meaning: str, blob: str = BLOB, status: str = "verified") -> Signature:
    return Signature(
        doc_id="P-01",
        meaning=meaning,
        name="Jan Kowalski",
        position="Sekretarz Gminy",
        when=dt.datetime(2026, 3, 12, 14, 3, 5, tzinfo=CET),
        fingerprint="SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
        commit="c" * 40,
        blob=blob,
        status=status,
    )


P01 = document("P-01", "procedure", process="PR-01", forms=["F-01"], clauses=["7.5", "9.2"])
PR01 = document(
    "PR-01", "process", kind="main", kpis=[{"name": "Terminowość", "target": "98", "unit": "%"}]
)


@pytest.mark.parametrize(
    ("status", "state", "expected"),
    [
        ("withdrawn", DocState(None, Edition("1", dt.date(2026, 1, 1))), "NIEAKTUALNY"),
        (
            "active",
            DocState(None, Edition("1", dt.date(2026, 1, 1), superseded=True)),
            "NIEAKTUALNY",
        ),
        ("active", DocState(None, Edition("2", dt.date(2026, 1, 1)), dirty=True), "PROJEKT"),
        ("draft", DocState(None, Edition("2", dt.date(2026, 1, 1))), "PROJEKT"),
        ("active", DocState(None, None), "PROJEKT"),
        ("active", DocState(None, Edition("2", dt.date(2026, 1, 1))), None),
    ],
)
def test_mark(status: str, state: DocState, expected: str | None) -> None:
    doc = repository(document("P-01", "procedure", status=status)).docs_by_id["P-01"]
    page_mark, notice = mark(doc, state)
    assert page_mark == expected
    assert (notice is None) == (expected is None)


def test_header_before_and_after_a_release() -> None:
    doc = repository(P01).docs_by_id["P-01"]
    state = DocState(history("P-01"))
    unreleased = header(doc, state)
    assert (unreleased["edition"], unreleased["in_force"]) == ("—", "—")
    assert unreleased["type_name"] == "Procedura"
    assert (
        unreleased["source"]
        == "Źródło: documents/x/P-01.md, commit 222222222222 z 12 marca 2026 r."
    )
    released = header(doc, DocState(history("P-01"), Edition("3", dt.date(2026, 4, 1))))
    assert (released["edition"], released["in_force"]) == ("3", "1 kwietnia 2026 r.")


def test_approval_block_without_signatures_says_so() -> None:
    repo = repository(P01)
    block = approvals(repo.docs_by_id["P-01"], repo, DocState(history("P-01")))
    assert [(a["label"], len(a["entries"]), a["missing"], a["caveat"]) for a in block] == [
        ("Opracował", 1, "bez podpisu elektronicznego autora", False),
        ("Sprawdził", 0, "brak sprawdzenia", True),
        ("Zatwierdził", 0, "brak zatwierdzenia", True),
    ]
    (author,) = block[0]["entries"]  # who wrote it, as history says: a fact, not a fault
    assert (author["name"], author["fingerprint"], author["caveat"]) == ("Anna Nowak", None, False)
    assert block[0]["detail"] == "ostatnia zmiana treści: 12 marca 2026 r., commit 222222222222"
    assert block[1]["detail"] == "wymagany podpis: Sekretarz Gminy"  # the owner
    assert block[2]["detail"] == "wymagany podpis: Pełnomocnik ds. SZJ"


def test_approval_block_shows_only_signatures_of_the_current_text() -> None:
    repo = repository(P01)
    state = DocState(
        history(
            "P-01",
            signature("review"),
            signature("approval", blob=OLD_BLOB),  # signed an older text: stale
            signature("approval", status="invalid"),
        )
    )
    block = approvals(repo.docs_by_id["P-01"], repo, state)
    assert block[1]["entries"] == [
        {
            "name": "Jan Kowalski",
            "position": "Sekretarz Gminy",
            "when": "12 marca 2026 r., godz. 14:03:05 (czas polski, UTC+01:00)",
            "meaning": "sprawdzenie",
            "fingerprint": "SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
            "commit": "c" * 40,
            "note": None,
        }
    ]
    assert block[2]["entries"] == []
    dirty = approvals(repo.docs_by_id["P-01"], repo, DocState(state.history, dirty=True))
    assert all(a["entries"] == [] for a in dirty)


def test_signature_without_a_trust_root_is_shown_with_the_caveat() -> None:
    repo = repository(P01)
    state = DocState(history("P-01", signature("approval", status="unverified")))
    (entry,) = approvals(repo.docs_by_id["P-01"], repo, state)[2]["entries"]
    assert entry["note"] is not None and "trust_root" in entry["note"]


def test_a_change_after_the_release_is_a_project() -> None:
    doc = repository(P01).docs_by_id["P-01"]
    state = DocState(history("P-01"), Edition("2", dt.date(2026, 4, 1), current=False))
    page_mark, notice = mark(doc, state)
    assert page_mark == "PROJEKT"
    assert notice == (
        "Projekt zmiany: obowiązuje wydanie 2 z 1 kwietnia 2026 r., a ten tekst nie został "
        "jeszcze wydany."
    )
    assert (header(doc, state)["edition"], header(doc, state)["in_force"]) == ("—", "—")


def test_approval_columns_follow_the_matrix() -> None:
    repo = repository(document("PJ", "policy"))
    labels = [a["label"] for a in approvals(repo.docs_by_id["PJ"], repo, DocState(None))]
    assert labels == ["Opracował", "Zatwierdził"]


def test_change_sheet_dates_in_the_recorded_zone() -> None:
    rows = change_rows(DocState(history("P-01")))
    assert rows[1] == {
        "no": "2",
        "date": "12 marca 2026 r.",  # 11 March in UTC, 12 March where it was committed
        "summary": "Zmiana „terminów” 10–15",
        "author": "Anna Nowak",
        "commit": "2222222222",
    }
    dirty = change_rows(DocState(history("P-01"), dirty=True))
    assert dirty[-1]["summary"] == "zmiany niezapisane w repozytorium (git)"
    assert change_rows(DocState(None)) == []


def test_procedure_and_process_facts() -> None:
    repo = repository(P01, PR01, document("F-01", "form"))
    rows = {r["label"]: r["value"] for r in facts(repo.docs_by_id["P-01"], repo)}
    assert rows["Proces"] == ["PR-01 Tytuł PR-01"]
    assert rows["Formularze"] == ["F-01 Tytuł F-01"]
    assert rows["Właściciel dokumentu"] == ["Sekretarz Gminy"]
    assert rows["Punkty normy ISO 9001"] == ["7.5, 9.2"]
    process = {r["label"]: r["value"] for r in facts(repo.docs_by_id["PR-01"], repo)}
    assert process["Rodzaj procesu"] == ["główny"]
    assert process["Wskaźniki (KPI)"] == ["Terminowość: 98\u00a0%"]


def test_service_card_table() -> None:
    card = document(
        "KU-USC-01",
        "service-card",
        unit="USC",
        legal_basis=[{"act": "EXT-01", "provision": "art. 35 § 3"}],
        required_documents=["Wniosek"],
        fees=[],
        deadline={"days": 30, "text": "do 1 miesiąca"},
        appeal=None,
        appeal_note="Nie przysługuje – czynność materialno-techniczna.",
        channels={"epuap": None, "in_person": True, "post": False},
    )
    repo = repository(card)
    rows = {r["label"]: r["value"] for r in facts(repo.docs_by_id["KU-USC-01"], repo)}
    assert rows["Komórka organizacyjna"] == ["Urząd Stanu Cywilnego"]
    assert rows["Podstawa prawna"] == [
        "art.\u00a035 §\u00a03 – Kodeks postępowania administracyjnego "
        "(Dz.U.\u00a02024 poz.\u00a0572)"
    ]
    assert rows["Opłaty"] == ["brak opłat"]
    assert rows["Tryb odwoławczy"] == ["Nie przysługuje – czynność materialno-techniczna."]
    assert rows["Sposób złożenia dokumentów"] == ["osobiście w\u00a0urzędzie"]


def test_order_heading() -> None:
    order = document(
        "Z-2026-03",
        "order",
        number="3/2026",
        date="2026-02-28",
        subject="w sprawie zmian",
        signed_by="wojt",
    )
    repo = repository(order)
    assert order_heading(repo.docs_by_id["Z-2026-03"], repo) == {
        "title": "Zarządzenie Nr 3/2026",
        "issuer": "Wójta Gminy Testowo",
        "date": "z dnia 28 lutego 2026 r.",
        "subject": "w\u00a0sprawie zmian",
        "signer": "Wójt Gminy Testowo",
    }
    assert order_heading(repository(P01).docs_by_id["P-01"], repository(P01)) is None


def test_book_parts_in_order() -> None:
    repo = repository(
        document("P-10", "procedure"),
        document("P-2", "procedure"),
        document("P-03", "procedure", status="withdrawn"),
        document("PR-01", "process"),
        document("KJ", "manual"),
        document("PJ", "policy"),
        document("F-01", "form"),
    )
    assert [d.id for d in book_documents(repo)] == ["KJ", "PJ", "PR-01", "P-2", "P-10"]
    assert book_documents(repository(P01)) == []


def test_page_context_and_document_context() -> None:
    repo = repository(P01)
    page = page_context(repo, "P-01 Tytuł", ["P-01"])
    assert page["footer"] == "Wydruk nie jest nadzorowany."
    assert page["office"]["logo"] is None and page["style"] == {"font": None, "paper": "a4"}
    context = document_context(repo.docs_by_id["P-01"], repo, DocState(history("P-01")))
    assert set(context) == {"layout", "header", "notice", "approvals", "facts", "order", "changes"}
    assert context["layout"] == "procedure"


def test_a_public_document_does_not_name_git_authors() -> None:
    """Issue 13 item 10 holds for "Opracował" too: a public document's author is not a git
    name unless bip.commit_messages says so; the absence is not red either."""
    repo = repository(P01)
    doc = repo.docs_by_id["P-01"]
    public = type(doc)(doc.id, doc.type, doc.title, doc.path, {**doc.meta, "public": True},
                       doc.body, doc.body_line)  # fmt: skip
    block = approvals(public, repo, DocState(history("P-01")))
    assert block[0]["entries"] == [] and block[0]["caveat"] is False


@pytest.mark.parametrize(
    ("extra", "in_force"),
    [({}, "z dniem podjęcia"), ({"in_force": "2026-04-01"}, "1 kwietnia 2026 r.")],
)
def test_an_orders_header_shows_its_own_dates(extra: dict[str, str], in_force: str) -> None:
    fields = {"number": "3/2026", "date": "2026-02-28", "subject": "w sprawie zmian"}
    order = document("Z-2026-03", "order", signed_by="wojt", **fields, **extra)
    doc = repository(order).docs_by_id["Z-2026-03"]
    assert order_header(doc) == {
        "number": "3/2026",
        "date": "28 lutego 2026 r.",
        "in_force": in_force,
    }
