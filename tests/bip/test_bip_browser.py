"""The generated site in a real headless Chromium: axe-core (WCAG 2.1 A and AA) on every page,
keyboard reachability of every link with a visible focus, reflow at 320 px, print styles, the
optional filter, and no request leaving the site's folder. One browser for all tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from qms_cli.resources import data_path

pytestmark = [
    pytest.mark.slow,  # see benchmarks/README.md: make test-fast skips it
    pytest.mark.linux_only("Debian's chromium and axe-core: installed on the ubuntu runners only"),
]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, help: v.help,
                                      nodes: v.nodes.map(n => n.target.join(' '))}));
}"""


def html_pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example office (docs-repo-template) rendered as the demo does."""
    from tests.bip.bip_helpers import make_office, render

    template = data_path("docs-repo-template")
    office = make_office(tmp_path_factory.mktemp("example") / "office", template, edit=False)
    return render(office, office / "dist" / "bip")


@pytest.fixture(scope="module")
def sites(site: Path, example_site: Path) -> list[Path]:
    return [site, example_site]


def test_axe_finds_no_violation_on_any_page(page: Any, axe_source: str, sites: list[Path]) -> None:
    found: dict[str, Any] = {}
    checked = 0
    for folder in sites:
        for html in html_pages(folder):
            page.goto(html.as_uri())
            page.add_script_tag(content=axe_source)
            violations = page.evaluate(AXE_RUN, WCAG_TAGS)
            checked += 1
            if violations:
                found[f"{folder.parent.parent.name}/{html.name}"] = violations
    assert checked >= 20
    assert found == {}


def test_axe_would_report_a_violation(page: Any, axe_source: str, tmp_path: Path) -> None:
    """The harness can fail: a page without lang and with an unlabelled image is reported."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body><img src='x.png'></body></html>",
        encoding="utf-8",
    )
    page.goto(bad.as_uri())
    page.add_script_tag(content=axe_source)
    ids = {v["id"] for v in page.evaluate(AXE_RUN, WCAG_TAGS)}
    assert {"html-has-lang", "image-alt"} <= ids


KEYBOARD_WALK = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {idx: el.dataset.qmsIdx || null, outline: style.outlineStyle,
          width: parseFloat(style.outlineWidth) || 0, bg: style.backgroundColor};
}"""


def test_keyboard_reaches_every_link_with_visible_focus(browser: Any, sites: list[Path]) -> None:
    context = browser.new_context()
    tab = context.new_page()
    unreachable: dict[str, list[str]] = {}
    invisible: dict[str, list[str]] = {}
    for folder in sites:
        for html in html_pages(folder):
            tab.goto(html.as_uri())
            hrefs = tab.evaluate(
                "() => [...document.querySelectorAll('a[href]')].map((a, i) => "
                "{ a.dataset.qmsIdx = String(i); return a.getAttribute('href'); })"
            )
            focusable = tab.evaluate(
                "() => document.querySelectorAll('a[href], [tabindex=\"0\"], input').length"
            )
            seen: set[str] = set()
            for _ in range(focusable + 3):
                tab.keyboard.press("Tab")
                state = tab.evaluate(KEYBOARD_WALK)
                if state is None or state["idx"] is None:
                    continue
                seen.add(state["idx"])
                if state["outline"] == "none" or state["width"] < 2:
                    invisible.setdefault(html.name, []).append(hrefs[int(state["idx"])])
            missing = [hrefs[i] for i in range(len(hrefs)) if str(i) not in seen]
            if missing:
                unreachable[html.name] = missing
    context.close()
    assert unreachable == {}
    assert invisible == {}


def test_skip_link_moves_focus_to_the_content(browser: Any, site: Path) -> None:
    context = browser.new_context()
    tab = context.new_page()
    tab.goto((site / "index.html").as_uri())
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "Przejdź do treści"
    assert tab.evaluate("getComputedStyle(document.activeElement).top") == "16px"  # now visible
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "tresc"
    context.close()


def test_no_horizontal_scrolling_at_320_px(browser: Any, sites: list[Path]) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    too_wide = {}
    for folder in sites:
        for html in html_pages(folder):
            tab.goto(html.as_uri())
            width = tab.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                too_wide[html.name] = width
    context.close()
    assert too_wide == {}


def test_pages_load_nothing_from_outside_their_folder(browser: Any, site: Path) -> None:
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    for html in html_pages(site):
        tab.goto(html.as_uri())
    context.close()
    base = site.as_uri()
    assert requests
    assert [url for url in requests if not url.startswith(base)] == []
    assert any(url.endswith("/bip.css") for url in requests)
    assert any("/zalaczniki/" in url for url in requests)  # the image of P-01


def test_stylesheet_applies_under_the_content_security_policy(browser: Any, site: Path) -> None:
    context = browser.new_context()
    tab = context.new_page()
    tab.goto((site / "index.html").as_uri())
    assert tab.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") == (
        "rgb(11, 58, 110)"
    )
    tab.emulate_media(media="print")
    assert tab.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    context.close()


def test_index_filter_is_optional(browser: Any, site: Path) -> None:
    az = (site / "uslugi-a-z.html").as_uri()
    without_js = browser.new_context(java_script_enabled=False)
    tab = without_js.new_page()
    tab.goto(az)
    assert tab.locator("input").count() == 0
    assert tab.locator(".indeks li").count() == 3
    without_js.close()

    with_js = browser.new_context()
    tab = with_js.new_page()
    tab.goto(az)
    tab.get_by_label("Szukaj sprawy po tytule").fill("URODZ")
    assert tab.locator(".indeks li:visible").count() == 2
    assert tab.locator("[role=status]").text_content() == "Znaleziono kart usług: 2"
    assert tab.locator(".litera:visible h2").all_text_contents() == ["W", "Z"]
    with_js.close()


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "sanitiser-alone"])
def test_no_payload_runs_in_the_browser(
    browser: Any, xss_site: Path, bypass_csp: bool, tmp_path: Path
) -> None:
    """Every XSS page opened and tabbed through: no dialog, even with the page's CSP off."""
    context = browser.new_context(bypass_csp=bypass_csp)
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    canary = tmp_path / "canary.html"
    canary.write_text("<img src=x onerror=alert('canary')>", encoding="utf-8")
    tab.goto(canary.as_uri())
    tab.wait_for_timeout(100)
    assert dialogs == ["canary"]  # the listener sees a payload that does run
    dialogs.clear()
    pages = html_pages(xss_site)
    for html in pages:
        tab.goto(html.as_uri())
        tab.keyboard.press("Tab")
    context.close()
    assert len(pages) > 30
    assert dialogs == []
