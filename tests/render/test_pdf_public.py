"""What a public PDF shows: approved editions instead of commit subjects and git authors, and
no title of a document that is not public (issue 13 item 10)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from qms_cli.model.history import Change, DocumentHistory, Signature
from qms_cli.model.typography import format_date_pl
from qms_cli.render.pdf_context import DocState, Edition, document_context
from qms_cli.render.pdf_facts import facts
from tests.render.test_pdf_context import CONFIG, document, repository, source

CET = dt.timezone(dt.timedelta(hours=1))
OLD, NEW = "a" * 40, "b" * 40
SECRET_SUBJECT = "Poprawka po skardze pana Kowalskiego"
GIT_AUTHOR = "Zenon Gitowy"


def signed(meaning: str, blob: str, day: int, summary: str = "") -> Signature:
    return Signature(
        doc_id="KU-01",
        meaning=meaning,
        name="Anna Sekretarz",
        position="Sekretarz Gminy",
        when=dt.datetime(2026, 3, day, 12, 0, tzinfo=CET),
        fingerprint="SHA256:abc",
        commit=str(day) * 40,
        blob=blob,
        status="verified" if blob == NEW else "stale",
        summary=summary,
    )


def card_state(dirty: bool = False) -> DocState:
    changes = [
        Change("1" * 40, dt.datetime(2026, 3, 1, 9, tzinfo=CET), GIT_AUTHOR, "Pierwsza", OLD),
        Change("2" * 40, dt.datetime(2026, 3, 9, 9, tzinfo=CET), GIT_AUTHOR, SECRET_SUBJECT, NEW),
    ]
    signatures = [
        signed("approval", OLD, 2),
        signed("review", NEW, 10),
        signed("approval", NEW, 11, "Nowy termin odbioru odpisu"),
    ]
    history = DocumentHistory("KU-01", "documents/x/KU-01.md", changes, signatures)
    edition = Edition("2", dt.date(2026, 4, 1), texts=((OLD, "1"), (NEW, "2")))
    return DocState(history, edition, dirty=dirty)


CARD = document("KU-01", "service-card", public=True, related=["P-01", "PJ"], process="PR-01")
INTERNAL = document("P-01", "procedure", process="PR-01")
POLICY = document("PJ", "policy", public=True)
PROCESS = document("PR-01", "process")


def test_public_change_sheet_shows_editions_approvers_and_their_summary() -> None:
    repo = repository(CARD, INTERNAL, POLICY, PROCESS)
    rows = document_context(repo.docs_by_id["KU-01"], repo, card_state())["changes"]
    assert rows == [
        {
            "no": "1",
            "edition": "1",
            "date": format_date_pl(dt.date(2026, 3, 2)),
            "summary": "wydanie dokumentu",
            "approved": "Zatwierdził: Anna Sekretarz (Sekretarz Gminy)",
        },
        {
            "no": "2",
            "edition": "2",
            "date": format_date_pl(dt.date(2026, 3, 11)),
            "summary": "Nowy termin odbioru odpisu",
            "approved": "Sprawdził: Anna Sekretarz (Sekretarz Gminy); "
            "Zatwierdził: Anna Sekretarz (Sekretarz Gminy)",
        },
    ]
    text = repr(rows)
    assert SECRET_SUBJECT not in text and GIT_AUTHOR not in text


def test_unapproved_change_of_a_public_document_shows_no_subject() -> None:
    repo = repository(CARD, INTERNAL, POLICY, PROCESS)
    state = card_state()
    assert state.history is not None
    unapproved = dataclasses.replace(state.history, signatures=state.history.signatures[:1])
    rows = document_context(repo.docs_by_id["KU-01"], repo, DocState(unapproved, state.edition))[
        "changes"
    ]
    assert rows[-1]["summary"] == "projekt zmiany — treść niezatwierdzona"
    assert SECRET_SUBJECT not in repr(rows) and GIT_AUTHOR not in repr(rows)


def test_commit_messages_setting_brings_back_the_commit_sheet() -> None:
    config = {**CONFIG, "bip": {"commit_messages": True}}
    repo = repository(CARD, INTERNAL, POLICY, PROCESS)
    others = [s for s in repo.files.values() if s.kind != "config"]
    repo = type(repo).build([source("qms.yaml", "config", config), *others])
    rows = document_context(repo.docs_by_id["KU-01"], repo, card_state())["changes"]
    assert rows[-1]["summary"] == SECRET_SUBJECT and rows[-1]["author"] == GIT_AUTHOR


def test_internal_document_keeps_its_commit_sheet() -> None:
    repo = repository(CARD, INTERNAL, POLICY, PROCESS)
    rows = document_context(repo.docs_by_id["P-01"], repo, card_state())["changes"]
    assert rows[-1]["author"] == GIT_AUTHOR


def test_public_document_names_internal_documents_by_id_only() -> None:
    repo = repository(CARD, INTERNAL, POLICY, PROCESS)
    rows = {r["label"]: r["value"] for r in facts(repo.docs_by_id["KU-01"], repo)}
    assert rows["Proces"] == ["PR-01 (dokument wewnętrzny)"]
    internal = {r["label"]: r["value"] for r in facts(repo.docs_by_id["P-01"], repo)}
    assert internal["Proces"] == ["PR-01 Tytuł PR-01"]  # an internal output names it
