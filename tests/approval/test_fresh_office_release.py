"""Issue 14, the whole story: a starostwo from ``qms init`` to a verified release.

A pełnomocnik of the Starostwo Powiatowe w Sanoku initialises the office, fills every
``⟦do uzupełnienia: …⟧`` that ``qms check`` points at, adds the service cards its processes
lack and the internal auditors, plans the year's audits, registers twelve-odd signers (the
demo's people and keys), has everything approved and releases. The invariant: nothing the
example office alone says (its name, head of office, address, certificate, statute, people)
reaches any published file — every PDF is read back, every HTML, JSON and XML file is read.

The scenario runs in January of the suite's year (its audit programme plans the months
ahead); the day is derived from the pinned day, never the real clock.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from qms_cli import demo, demo_signing
from qms_cli.vcs.git import run_git
from tests.conftest import pinned_day
from tests.render.pdfread import text as pdf_text

pytestmark = pytest.mark.slow  # 30 qms commands as subprocesses, every PDF and the BIP site

NAME = "Starostwo Powiatowe w Sanoku"
# what belongs to the example office (Urząd Gminy Przykładowo) alone, or to a gmina
EXAMPLE_ONLY = re.compile(
    r"Przykładow|przykladowo|CRT/QMS/1187/2025|[Ww]ójt|[Gg]min|Dworcow|62-345"
    r"|Zieliński|Lewandowska|poz\. 1465"  # (the demo signers carry demo names)
)
# what the pełnomocnik writes where init left a placeholder (by its label)
VALUES = {
    "NIP urzędu": "6871006830",
    "REGON urzędu": "370440695",
    "telefon urzędu": "+48 13 465 65 00",
    "adres e-mail urzędu": "starostwo@powiat-sanok.invalid",
    "adres e-mail": "starostwo@powiat-sanok.invalid",
    "adres e-mail do spraw dostępności": "dostepnosc@powiat-sanok.invalid",
    "adres elektronicznej skrzynki podawczej ePUAP": "/spsanok/SkrytkaESP",
    "zgodna, częściowo zgodna albo niezgodna": "częściowo zgodna",
    "true (istotna) albo false (nieistotna)": "true",
    "Dz.U. … (tekst jednolity)": "Dz.U. 2024 poz. 107",
    "adres aktu w ISAP": "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU20240000107",
    "Dz. Urz. Woj. … poz. … (dziennik urzędowy województwa)": (
        "Dz. Urz. Woj. Podkarpackiego 2024 poz. 5120"
    ),
}
PLACEHOLDER = re.compile(r"⟦do uzupełnienia: ([^⟧]*)⟧")
SKELETON_TODO = re.compile(r"\b[Dd]o uzupełnienia(?=[ \t]*(?:$|[,.:;|\]})\"'”]))", re.MULTILINE)
AUDITORS = """auditors:
  - id: AUD-01
    name: Maria Kowal
    position: inspektor-or-kadry
    unit: OR
    competence:
      - training: "Auditor wewnętrzny systemu zarządzania jakością wg ISO 9001 i ISO 19011"
        certificate: "AW/1/2025"
        date: 2025-10-01
        valid_until: 2028-10-01
  - id: AUD-02
    name: Jerzy Las
    position: inspektor-fn-ksiegowosc
    unit: FN
    competence:
      - training: "Auditor wewnętrzny systemu zarządzania jakością wg ISO 9001 i ISO 19011"
        certificate: "AW/2/2025"
        date: 2025-10-01
        valid_until: 2028-10-01
"""


def _value(match: re.Match[str]) -> str:
    label = match.group(1)
    if "rrrr-mm-dd" in label:
        return "2026-01-12"
    if label == "true (istotna) albo false (nieistotna)":
        return "true"
    if "godziny" in label and ", np. " in label:  # office hours: the example the label gives
        return label.rsplit(", np. ", 1)[1]
    return VALUES.get(label, f"Treść urzędu ({label})")


def fill_placeholders(root: Path) -> int:
    """The pełnomocnik's work: every placeholder written; new service cards put in force."""
    changed = 0
    for path in root.rglob("*"):
        if not path.is_file() or ".git" in path.parts or path.suffix not in (".md", ".yaml"):
            continue
        text = path.read_text(encoding="utf-8")
        new = PLACEHOLDER.sub(_value, text)
        new = re.sub(r"[\"']true[\"']", "true", new)  # a boolean, not the text "true"
        new = SKELETON_TODO.sub("uzupełnione przez urząd", new)
        if path.parent.name == "service-cards":
            new = new.replace("status: draft", "status: active")
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def published_text(dist: Path) -> dict[str, str]:
    """The text of every published file a reader sees: PDFs read back, HTML, JSON, XML."""
    out = {}
    for path in sorted(dist.rglob("*")):
        if path.suffix == ".pdf":
            out[path.relative_to(dist).as_posix()] = pdf_text(path.read_bytes())
        elif path.suffix in (".html", ".json", ".xml", ".txt", ".csv", ".md"):
            out[path.relative_to(dist).as_posix()] = path.read_text(encoding="utf-8")
    return out


@pytest.fixture
def january(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    day = dt.date(pinned_day().year, 1, 15)
    monkeypatch.setenv("QMS_TODAY", day.isoformat())
    for name in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.setenv(name, f"{day.isoformat()}T09:00:00+01:00")
    for name, value in demo.DEMO_IDENTITY.items():
        monkeypatch.setenv(name, value)
    return day


def test_a_starostwo_from_init_to_a_verified_release_without_example_facts(
    tmp_path: Path, january: dt.date
) -> None:
    root, q = tmp_path / "sanok", demo.qms
    address = "ul. Kościuszki 36, 38-500 Sanok"
    bip = "https://bip.powiat-sanok.invalid"
    args = ["--kind", "starostwo", "--address", address, "--bip-url", bip]
    assert q("init", str(root), "--name", NAME, *args) == 0
    for process in ("PR-03", "PR-04", "PR-05", "PR-07"):  # check: no card for these processes
        title = f"Sprawa załatwiana w procesie {process}"
        card = ["--title", title, "--process", process, "--unit", "OR", "--path", str(root)]
        assert q("new", "service-card", *card) == 0
    assert q("check", str(root)) == 1  # the placeholders stop it
    assert fill_placeholders(root) >= 10  # files with placeholders
    auditors = root / "org/auditors.yaml"
    text = auditors.read_text(encoding="utf-8").replace("auditors: []\n", AUDITORS)
    auditors.write_text(text, encoding="utf-8")
    assert q("audit", "programme", "--path", str(root), str(january.year)) == 0
    for git_args in (["add", "-A"], ["commit", "-q", "-m", "Dane starostwa uzupełnione"]):
        assert run_git(git_args, root).returncode == 0
    for name, step in [*demo_signing.steps(root, q), *demo_signing.release_steps(root, q)]:
        assert step() == 0, name
    (manifest,) = (root / "dist").glob("*/manifest.json")
    dist = manifest.parent
    texts = published_text(dist)
    assert len([p for p in texts if p.endswith(".pdf")]) > 40
    leaks = {
        path: sorted({m.group(0) for m in EXAMPLE_ONLY.finditer(body)})
        for path, body in texts.items()
        if EXAMPLE_ONLY.search(body)
    }
    assert leaks == {}
    book = re.sub(r"\s+", " ", texts["pdf/ksiega-jakosci.pdf"])
    assert "Starostwo Powiatowe w Sanoku" in book or "Starostwa Powiatowego w Sanoku" in book
    assert "o samorządzie powiatowym" in book
