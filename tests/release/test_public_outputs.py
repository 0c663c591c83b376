"""The outputs of a release that the public sees (the BIP folder: pages and public PDFs) carry
no commit subject, no git author and no title of a document that is not public (issue 13
item 10)."""

from __future__ import annotations

import datetime as dt

import pytest

from qms_cli.services.approval.approve import approve
from qms_cli.services.release.release import release
from tests.approval.conftest import Keys, Office
from tests.render import pdfread
from tests.render.test_pdf_public import GIT_AUTHOR, SECRET_SUBJECT

pytestmark = pytest.mark.slow  # renders and releases the signed base office


def test_released_public_pdf_and_bip_leak_no_commit_data_or_internal_titles(
    office: Office, keys: Keys
) -> None:
    card = "documents/service-cards/KU-USC-01.md"
    office.edit(card, "forms: []", "forms: []\nrelated: [P-01]")
    office.append(card, "\nNowy termin odbioru.\n")
    office.commit(SECRET_SUBJECT, author=(GIT_AUTHOR, "zenon@x.invalid"))
    office.use_key(keys.sekretarz)
    approve(office.root, ["KU-USC-01"], "approval", summary=" Nowy termin\nodbioru odpisu ")
    assert "\nQMS-Summary: Nowy termin odbioru odpisu\n" in office.git("log", "-1", "--format=%B")
    release(office.root, dt.date(2026, 12, 1))
    dist = office.root / "dist" / "2026-12"
    internal_titles = ("Nadzór nad dokumentacją", "Obsługa klienta")  # P-01, PR-01: not public
    public_pdf = pdfread.flat((dist / "bip" / "KU-USC-01.pdf").read_bytes())
    assert "Karta zmian" in public_pdf and "Nowy termin odbioru odpisu" in public_pdf
    assert "Zatwierdził: Anna Sekretarz" in public_pdf
    assert "PR-01 (dokument wewnętrzny)" in public_pdf  # the card's process
    for leak in (SECRET_SUBJECT, GIT_AUTHOR, *internal_titles, "Autor zmiany (git)"):
        assert leak not in public_pdf, leak
    # the BIP pages: "wprowadził" in the metryczka is the git author unless bip.entered_by
    # says otherwise (a field the BIP regulation asks for), so only these are checked here
    for page in sorted((dist / "bip").glob("*.html")):
        html = page.read_text("utf-8")
        for leak in (SECRET_SUBJECT, *internal_titles):
            assert leak not in html, (page.name, leak)
    # the internal copy of the same document (dist/<release>/pdf) is the same public PDF
    assert (dist / "pdf" / "KU-USC-01.pdf").read_bytes() == (
        dist / "bip" / "KU-USC-01.pdf"
    ).read_bytes()
    # an internal document's PDF keeps the commit sheet
    assert "Autor zmiany (git)" in pdfread.flat((dist / "pdf" / "P-01.pdf").read_bytes())
