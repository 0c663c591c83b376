"""The regional comparison page (`qms compare`, issue 20) holds the BIP's accessibility
standard in a real headless Chromium: axe-core (WCAG 2.1 A and AA), named and anonymised, and
nothing is loaded from outside the report's folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from tests.approval.conftest import make_key
from tests.bip.test_bip_browser import AXE_RUN, WCAG_TAGS
from tests.metrics.helpers import metrics, offices_file, write_signed

pytestmark = [
    pytest.mark.slow,
    pytest.mark.linux_only("Debian's chromium and axe-core: installed on the ubuntu runners only"),
]


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("region")
    offices = []
    for n, name in enumerate(("Urząd Gminy Alfa", "Urząd Gminy Beta", "Urząd Miasta Gamma")):
        key = make_key(folder, f"urzad-{n}")
        values = {"satisfaction_index": 85.0 + 4 * n, "complaints_received": n, "capa_opened": 2}
        write_signed(folder / "in" / f"u-{n}", metrics(name, values), key)
        offices.append((f"u-{n}", name, key))
    listed = offices_file(folder / "offices.yaml", offices)
    out = []
    for extra, target in (([], "named"), (["--anonymous", "u-1"], "anonymous")):
        args = [
            "compare",
            str(folder / "in"),
            "--offices",
            str(listed),
            "--out",
            str(folder / target),
        ]
        result = CliRunner().invoke(app, [*args, *extra])
        assert result.exit_code == 0, result.output
        out.append(folder / target / "index.html")
    return out


def test_axe_finds_no_violation(page: Any, axe_source: str, reports: list[Path]) -> None:
    found = {}
    for html in reports:
        page.goto(html.as_uri())
        page.add_script_tag(content=axe_source)
        violations = page.evaluate(AXE_RUN, WCAG_TAGS)
        if violations:
            found[html.parent.name] = violations
    assert found == {}


def test_nothing_is_loaded_from_outside_the_folder(browser: Any, reports: list[Path]) -> None:
    context = browser.new_context()
    tab = context.new_page()
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    for html in reports:
        tab.goto(html.as_uri())
        folder = html.parent.as_uri()
        assert [u for u in requested if not u.startswith(folder)] == []
        assert tab.evaluate("getComputedStyle(document.body).fontFamily")  # bip.css applied
        requested.clear()
    context.close()
