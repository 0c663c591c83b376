"""Issue 15: a two-month KPA deadline can be entered honestly (``deadline.complex``), and a
deadline set by another act is rendered with that act in the PDF and on the BIP page."""

from __future__ import annotations

import re
from pathlib import Path

from qms_cli.render.bip_views import service_card
from qms_cli.render.pdf_facts import facts
from qms_cli.services.check import run_check
from qms_cli.services.loading import load_repository

CARD = "documents/service-cards/KU-USC-01.md"


def set_deadline(root: Path, deadline: str) -> None:
    path = root / CARD
    text = re.sub(r"^deadline: .*$", deadline, path.read_text(encoding="utf-8"), flags=re.M)
    path.write_text(text, encoding="utf-8")


def codes(root: Path) -> set[str]:
    return {f.code for f in run_check(root, use_cache=False).findings if f.path == CARD}


def test_two_months_for_a_complicated_case(minimal: Path) -> None:
    set_deadline(minimal, 'deadline: {days: 60, text: "do 2 miesięcy"}')
    assert codes(minimal) == {"QMS041"}
    set_deadline(minimal, 'deadline: {days: 60, text: "do 2 miesięcy", complex: true}')
    assert not codes(minimal)  # no QMS041, and the schema knows the field


def test_a_deadline_set_by_another_act_is_shown_with_it(minimal: Path) -> None:
    set_deadline(
        minimal,
        'deadline: {days: 90, text: "do 3 miesięcy", statute: {act: EXT-01, provision: "art. 5"}}',
    )
    assert not codes(minimal)
    repo = load_repository(minimal).repo
    doc = repo.docs_by_id["KU-USC-01"]
    rows = {r["label"]: r["value"] for r in facts(doc, repo)}
    assert rows["Termin załatwienia sprawy"][0] == "do 3 miesięcy"
    assert rows["Termin załatwienia sprawy"][1].startswith("termin określa: art.\u00a05 – ")
    page = service_card(repo, doc, lambda _id: None, {})
    assert page["deadline"]["statute"].startswith("art. 5 ")  # raw; the template applies |pl
