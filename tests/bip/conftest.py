"""Shared, built-once material for the BIP tests: an office repository with history, the site
rendered from it, and one headless Chromium with axe-core for all browser tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.bip.bip_helpers import make_office, make_xss_office, render
from tests.conftest import ROOT, need_tool

AXE_VERSION = "4.14.1"
AXE_DIR = Path(os.environ.get("QMS_AXE_DIR", ROOT / ".cache" / "npm"))
CHROMIUM = os.environ.get("QMS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def bip_office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    office = make_office(tmp_path_factory.mktemp("bip") / "office")
    pdf = office / "dist" / "pdf" / "P-01.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(b"%PDF-1.7\n% test\n" + b"0" * 3000 + b"\n%%EOF\n")
    return office


@pytest.fixture(scope="session")
def site(bip_office: Path) -> Path:
    return render(bip_office, bip_office / "dist" / "bip")


@pytest.fixture(scope="session")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture office with known XSS payloads everywhere a user can write, rendered."""
    folder = tmp_path_factory.mktemp("xss")
    return render(make_xss_office(folder / "office"), folder / "out")


# --- the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def axe_source() -> str:
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file() and shutil.which("npm"):
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(AXE_DIR),
                f"axe-core@{AXE_VERSION}",
                "--no-audit",
                "--no-fund",
                "--silent",
            ],
            check=False,
            capture_output=True,
            timeout=300,
        )
    need_tool(script.is_file(), f"axe-core (npm install --prefix {AXE_DIR} axe-core)")
    return script.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need_tool(False, "playwright (pip install playwright)")
        raise
    need_tool(Path(CHROMIUM).is_file(), "chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script
    tab = context.new_page()
    yield tab
    context.close()
