"""``with_floor`` is ``replace(state, floor=…)`` for every field of a trust state."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields, replace

from qms_cli.model.signers import Registry
from qms_cli.model.trust.state import State, with_floor


def test_with_floor_copies_every_field() -> None:
    when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    state = State(
        registry=Registry(),
        revoked=frozenset({"a"}),
        clock=when,
        clock_commit="c",
        pending=("p",),
        chain=frozenset({"r"}),
        discarded=frozenset({"d"}),
        revocations=frozenset({("a", "r")}),
        file_blob="b",
        floor=None,
    )
    assert all(getattr(state, f.name) != getattr(State(), f.name) for f in fields(State)[:-1])
    later = when + dt.timedelta(days=1)
    assert with_floor(state, later) == replace(state, floor=later)
