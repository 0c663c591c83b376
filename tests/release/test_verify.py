"""`qms release verify`: the tag is judged by the trust walk, not by the registry file, and the
published files are hashed against the signed manifest."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.services.release.release import _execute, prepare, release
from qms_cli.services.release.verify import verify_release
from tests.approval.conftest import Keys, Office
from tests.approval.scenarios import add_attacker

pytestmark = pytest.mark.slow  # renders and tags the base office

DEC = dt.date(2026, 12, 1)


def verify(office: Office, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        app, ["release", "verify", "2026-12", "--path", str(office.root), *args]
    )
    return result.exit_code, result.output


def test_tag_signed_with_a_key_from_an_unsigned_registry_edit_is_refused(
    office: Office, keys: Keys
) -> None:
    add_attacker(office, keys)  # Mallory as pełnomocnik, in an unsigned commit
    office.commit("Rejestr: nowa pełnomocniczka", author=("Mallory", "m@x.invalid"))
    office.use_key(keys.attacker)
    # the attacker runs their own qms: the refusal reasons are ignored
    _, _, plan, reasons = prepare(office.root, DEC)
    assert any("nie jest w rejestrze" in r for r in reasons)
    _execute(office.root, plan, None)
    result = verify_release(office.root, "2026-12")
    assert not result.identical
    assert result.problems == [
        "podpis znacznika release/2026-12 jest nieważny albo pochodzi spoza rejestru kluczy"
    ]
    assert result.signer == ""
    code, output = verify(office)
    assert code == 1, output
    assert "Wynik: NIEZGODNE." in output and "identyczne" not in output


def test_tag_of_a_tree_with_an_unsigned_template_is_refused(office: Office, keys: Keys) -> None:
    """Issue 13 item 5: a template nobody approved shaped the published files."""
    template = office.path("templates/typst/document.typ")
    template.parent.mkdir(parents=True)
    shutil.copy(Path(__file__).parents[2] / "templates/typst/document.typ", template)
    template.write_text(template.read_text("utf-8") + "// opłata 999 zł\n", "utf-8")
    office.commit("Szablon")
    office.use_key(keys.sekretarz)
    _, _, plan, reasons = prepare(office.root, DEC)  # the attacker ignores the refusal
    assert any("templates/typst/document.typ" in r for r in reasons), reasons
    _execute(office.root, plan, None)
    result = verify_release(office.root, "2026-12")
    assert "templates/typst/document.typ: plik konfiguracji bez ważnego zatwierdzenia" in (
        result.problems
    )
    assert verify(office)[0] == 1


def test_published_files_are_checked_against_the_signed_manifest(
    office: Office, keys: Keys, tmp_path: Path
) -> None:
    office.use_key(keys.sekretarz)
    release(office.root, DEC)
    code, output = verify(office)
    assert code == 0, output
    assert "Wynik: identyczne — opublikowane pliki pochodzą z zatwierdzonej treści." in output
    assert f"klucz zaufania: {keys.wojt.fingerprint} (qms.yaml, commit " in output
    code, output = verify(office, "--trust-root", keys.wojt.fingerprint)
    assert code == 0 and f"{keys.wojt.fingerprint} (--trust-root)" in output, output
    # a copy on the BIP server, checked with --published
    server = tmp_path / "serwer"
    shutil.copytree(office.root / "dist" / "2026-12", server)
    assert verify(office, "--published", str(server))[0] == 0
    html = server / "bip" / "KU-USC-01.html"
    html.write_text(html.read_text("utf-8").replace("</main>", "<p>x</p></main>"), "utf-8")
    with (server / "pdf" / "P-01.pdf").open("ab") as pdf:
        pdf.write(b"\0")
    (server / "bip" / "index.html").unlink()
    (server / "bip" / "dodatek.html").write_text("<p>spoza wydania</p>", "utf-8")
    code, output = verify(office, "--published", str(server))
    assert code == 1, output
    lines = [line.strip() for line in output.splitlines() if "opublikowany plik:" in line]
    assert lines == [
        "opublikowany plik: bip/KU-USC-01.html: treść różni się od podpisanej w manifeście",
        "opublikowany plik: bip/dodatek.html: plik spoza podpisanego manifestu",
        "opublikowany plik: bip/index.html: brak pliku (jest w podpisanym manifeście)",
        "opublikowany plik: pdf/P-01.pdf: treść różni się od podpisanej w manifeście",
    ]
    assert "Wynik: NIEZGODNE." in output
    # dist/ itself is checked by default
    with (office.root / "dist" / "2026-12" / "pdf" / "P-01.pdf").open("ab") as pdf:
        pdf.write(b"\0")
    code, output = verify(office)
    assert code == 1 and "pdf/P-01.pdf: treść różni się" in output, output


def test_without_published_files_the_rebuild_is_compared(office: Office, keys: Keys) -> None:
    office.use_key(keys.sekretarz)
    release(office.root, DEC)
    shutil.rmtree(office.root / "dist" / "2026-12")
    code, output = verify(office)
    assert code == 0, output
    assert "opublikowanych plików nie sprawdzono" in output
    code, output = verify(office, "--published", str(office.root / "nie-ma"))
    assert code == 3 and "nie ma folderu z opublikowanymi plikami" in output
