"""The suite does not depend on the day it runs: the date-dependent tests (marked ``any_day``)
pass with "today" pinned on a year's last day and on the next year's first.

Every "today" of the suite comes from ``tests.conftest.pinned_day`` (``QMS_TEST_TODAY``), which
the code's clock (``QMS_TODAY``) and git's commit dates also read; this test moves it.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("day", ["2026-12-31", "2027-01-01"])
def test_date_dependent_tests_pass_on_another_day(day: str) -> None:
    env = {**os.environ, "QMS_TEST_TODAY": day}
    env.pop("PYTEST_ADDOPTS", None)
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-m", "any_day", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout and " failed" not in proc.stdout


def test_the_clock_is_the_pinned_day(today: object) -> None:
    """The code's clock and git's clock read the suite's one pinned day."""
    from qms_cli.io import clock

    assert clock.today() == today
    assert os.environ["GIT_COMMITTER_DATE"].startswith(str(today))
