"""Drafts never look released (issue 15): outside a release, `qms render bip` refuses a site
that would show a public text other than its edition in force; with --draft it renders, and
every page says PROJEKT and asks not to be indexed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.render.bip_context import published_documents
from qms_cli.services.approval.approve import approve
from qms_cli.services.loading import load_repository
from qms_cli.services.release.release import release
from tests.approval.conftest import Keys, Office

pytestmark = pytest.mark.slow  # releases the base office

BANNER = "<strong>PROJEKT</strong> – ta strona nie jest publikacją w Biuletynie Informacji"


def bip(office: Office, out: Path, *extra: str) -> tuple[int, str]:
    args = ["render", "bip", *extra, "--path", str(office.root), "--out", str(out)]
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.output


def test_released_text_renders_and_a_changed_one_needs_draft(
    office: Office, keys: Keys, tmp_path: Path
) -> None:
    office.use_key(keys.sekretarz)
    release(office.root, dt.date(2026, 12, 1))
    public, _ = published_documents(load_repository(office.root).repo)
    assert public, "the base office publishes documents"
    code, output = bip(office, tmp_path / "wydane")
    assert code == 0, output
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "wydane").glob("*.html")]
    assert pages and not [p for p in pages if "PROJEKT" in p]

    doc = public[0]
    path = office.root / doc.path
    path.write_text(path.read_text(encoding="utf-8") + "\nNowe zdanie.\n", encoding="utf-8")
    office.commit("Zmiana po wydaniu")
    code, output = bip(office, tmp_path / "projekt")
    assert code == 3
    assert (
        f"qms: błąd: strony BIP pokazałyby treść, która nie jest wydana: {doc.id} "
        "(zmieniony po wydaniu 1)"
    ) in output
    assert "qms render bip --draft" in output
    assert not (tmp_path / "projekt").exists()  # nothing written

    code, output = bip(office, tmp_path / "projekt", "--draft")
    assert code == 0, output
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "projekt").glob("*.html")]
    assert len(pages) > 3
    for page in pages:
        assert BANNER in page
        assert '<meta name="robots" content="noindex, nofollow">' in page
        assert "<title>PROJEKT – " in page


def test_the_release_names_who_entered_the_information(office: Office, keys: Keys) -> None:
    """Art. 8 ust. 6 u.d.i.p.: the person who released (the pełnomocnik's signature) is
    recorded in register.yaml and shown as "Informację wprowadził" on every document page."""
    office.use_key(keys.sekretarz)
    result = release(office.root, dt.date(2026, 12, 1))
    register = (office.root / "register.yaml").read_text(encoding="utf-8")
    assert "released_by: Anna Sekretarz, Sekretarz Gminy" in register
    assert result.dist is not None
    page = (result.dist / "bip" / "PJ.html").read_text(encoding="utf-8")
    assert "<dd>Anna Sekretarz, Sekretarz Gminy</dd>" in page
    assert "<dd>Jan Wójt, Wójt Gminy Testowo</dd>" in page  # produced: the approver


def test_an_earlier_edition_stays_published_as_an_archive(office: Office, keys: Keys) -> None:
    """Issue 15: after a second edition of the Policy, edition 1 keeps a page of its own
    (its text then, its dates, "Wydanie archiwalne", a link to the edition in force), and the
    current page links to it."""
    office.use_key(keys.sekretarz)
    release(office.root, dt.date(2026, 12, 1))
    office.append("documents/policy/PJ.md", "\nDodano zobowiązanie do ciągłego doskonalenia.\n")
    office.commit("Polityka Jakości: zobowiązanie")
    office.use_key(keys.wojt)
    approve(office.root, ["PJ"], "approval")
    office.use_key(keys.sekretarz)
    result = release(office.root, dt.date(2026, 12, 15))
    assert result.dist is not None
    bip = result.dist / "bip"
    current = (bip / "PJ.html").read_text(encoding="utf-8")
    assert '<a href="PJ-wydanie-1.html">wydanie 1</a> (obowiązywało od 1 grudnia 2026 r.' in current
    assert "Dodano zobowiązanie do ciągłego doskonalenia." in current
    archive = (bip / "PJ-wydanie-1.html").read_text(encoding="utf-8")
    assert (
        "<strong>Wydanie archiwalne</strong> – wydanie 1 obowiązywało od 1 grudnia 2026 r."
        in archive
    )
    assert '<a href="PJ.html">Wydanie obowiązujące</a>' in archive
    assert "Dodano zobowiązanie" not in archive
    assert "wydanie 1, obowiązywało od 1 grudnia 2026 r. do 14 grudnia 2026 r." in archive
