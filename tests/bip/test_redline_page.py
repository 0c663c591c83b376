"""The HTML redline (``qms diff --format html``) in a real headless Chromium: axe-core finds
no WCAG 2.1 A/AA violation, and the changes are announced in words, not only by colour."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from qms_cli.model.redline import redline
from qms_cli.model.redline_fields import FieldChange
from qms_cli.render.redline import Header, as_html
from tests.bip.test_bip_browser import AXE_RUN, WCAG_TAGS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.linux_only("Debian's chromium and axe-core: installed on the ubuntu runners only"),
]

OLD = """# Procedura

## 1. Cel

Opis celu procedury.

## 2. Zapisy

| Zapis | Okres |
| --- | --- |
| Raport | trwale |

## 3. Załączniki

1. Formularz F-01.
"""
NEW = """# Procedura

## 2. Zapisy

| Zapis | Okres |
| --- | --- |
| Raport | 10 lat |
| Lista | 5 lat |

## 1. Cel

Nowy opis celu procedury.

## 3. Załączniki
"""


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(bypass_csp=True)
    tab = context.new_page()
    yield tab
    context.close()


def test_the_redline_page_is_accessible(page: Any, axe_source: str, tmp_path: Any) -> None:
    fields = (FieldChange("Termin załatwienia", "30 dni", "14 dni"),)
    head = Header("P-01", "Procedura", "documents/procedures/P-01.md", "wydanie 1", "bieżąca")
    html = tmp_path / "zmiany.html"
    html.write_text(as_html(head, redline(OLD, NEW, fields)), encoding="utf-8")
    page.goto(html.as_uri())
    page.add_script_tag(content=axe_source)
    assert page.evaluate(AXE_RUN, WCAG_TAGS) == []
    spoken = page.evaluate("() => document.querySelector('tr del').textContent")
    assert spoken == "[usunięto: trwale]"
