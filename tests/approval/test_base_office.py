"""The approved minimal office of the approval tests has nothing to report at all on the day
its records describe (its calendar rules are not part of the ``any_day`` set)."""

from __future__ import annotations

from tests.approval.conftest import Office


def test_base_office_has_nothing_to_report_on_the_example_day(office: Office) -> None:
    assert office.all_findings() == []
