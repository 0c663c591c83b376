"""Release planning: editions, superseded editions, withdrawals, change log."""

from __future__ import annotations

import datetime as dt

from qms_cli.model.register import (
    CHANGED,
    NEW,
    WITHDRAWN,
    Candidate,
    Register,
    from_data,
    plan_release,
    release_id,
    to_data,
)


def cand(doc_id: str, blob: str, status: str = "active") -> Candidate:
    return Candidate(
        doc_id,
        f"Tytuł {doc_id}",
        "procedure",
        f"documents/procedures/{doc_id}.md",
        status,
        blob,
        False,
        summary=f"zmiana {doc_id}",
    )


def test_first_release_gives_edition_1_to_documents_in_force() -> None:
    plan = plan_release(
        Register(), [cand("P-01", "a"), cand("P-02", "b", "draft")], dt.date(2026, 3, 1), "c1"
    )
    assert plan.release.id == "2026-03" and plan.release.tag == "release/2026-03"
    assert [(i.id, i.change, i.new_edition) for i in plan.items] == [("P-01", NEW, 1)]
    entry = plan.register.entry("P-01")
    assert entry is not None and entry.edition == 1 and entry.in_force == "2026-03-01"
    assert plan.register.entry("P-02") is None
    assert [(c.id, c.change, c.summary) for c in plan.register.changes] == [
        ("P-01", NEW, "zmiana P-01")
    ]


def test_changed_text_gets_next_edition_and_keeps_the_old_one() -> None:
    first = plan_release(
        Register(), [cand("P-01", "a"), cand("P-03", "x")], dt.date(2026, 3, 1), "c1"
    ).register
    plan = plan_release(first, [cand("P-01", "b"), cand("P-03", "x")], dt.date(2026, 12, 1), "c2")
    assert [(i.id, i.change, i.old_edition, i.new_edition) for i in plan.items] == [
        ("P-01", CHANGED, 1, 2)
    ]
    entry = plan.register.entry("P-01")
    assert entry is not None and (entry.edition, entry.blob, entry.release) == (2, "b", "2026-12")
    gone = entry.superseded[0]
    assert (gone.edition, gone.in_force, gone.until, gone.blob) == (
        1,
        "2026-03-01",
        "2026-11-30",
        "a",
    )
    unchanged = plan.register.entry("P-03")
    assert unchanged is not None and unchanged.edition == 1 and unchanged.release == "2026-03"


def test_withdrawn_and_deleted_documents_leave_the_register() -> None:
    first = plan_release(
        Register(), [cand("P-01", "a"), cand("P-02", "b")], dt.date(2026, 3, 1), "c1"
    ).register
    plan = plan_release(first, [cand("P-01", "a", "withdrawn")], dt.date(2026, 4, 2), "c2")
    assert {(i.id, i.change) for i in plan.items} == {("P-01", WITHDRAWN), ("P-02", WITHDRAWN)}
    assert plan.register.documents == ()
    assert {w.id for w in plan.register.withdrawn} == {"P-01", "P-02"}


def test_nothing_changed_is_an_empty_plan() -> None:
    first = plan_release(Register(), [cand("P-01", "a")], dt.date(2026, 3, 1), "c1").register
    plan = plan_release(first, [cand("P-01", "a")], dt.date(2026, 3, 20), "c2")
    assert plan.empty and plan.register.releases == first.releases


def test_second_release_in_a_month_gets_a_suffix() -> None:
    first = plan_release(Register(), [cand("P-01", "a")], dt.date(2026, 3, 1), "c1").register
    assert release_id(dt.date(2026, 3, 20), first) == "2026-03-2"


def test_register_data_round_trip() -> None:
    first = plan_release(Register(), [cand("P-01", "a")], dt.date(2026, 3, 1), "c1").register
    second = plan_release(first, [cand("P-01", "b")], dt.date(2026, 5, 1), "c2").register
    assert from_data(to_data(second)) == second
