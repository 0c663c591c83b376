"""pandoc in a few runs for all BIP pages gives every body the HTML it gets alone: ids,
footnotes, link references, title blocks and unclosed fences never reach another body."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from qms_cli.render import bip_site
from qms_cli.render.html import pandoc_html
from qms_cli.render.html_batch import pandoc_html_many
from qms_cli.services.documents.render_bip import render_bip
from tests.bip.bip_helpers import make_office

# what one body could leak into the next, if pandoc read them as one text
TRICKY = [
    "## Cel\n\nZob. [Cel] i [tu](#cel), [brak](#nic), [pusty](#).\n\n## Cel\n\n## !!!\n",
    "## Cel\n\n[Cel]\n\n## !!!\n",
    "% Tytuł z bloku tytułowego\n\nTreść po bloku.\n",
    "```\nniezamknięty blok kodu\n\n## Nie nagłówek\n",
    "Tekst [odnośnika][ref] i [drugi][inny].\n\n[ref]: https://a.example/\n",
    "Tekst [odnośnika][ref].\n",
    "(@) pierwszy\n(@) drugi\n",
    "(@) trzeci?\n",
    "Przypis[^1] i drugi^[w tekście].\n\n[^1]: Treść przypisu.\n",
    "Przypis[^1].\n\n[^1]: Inny przypis.\n\n## Cel\n",
    "",
    "   \n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n![obraz](img/a.png)\n\n[P-04](P-04.md#cel)\n",
    "# Tytuł\n\n## Podrozdział\n\n### Podrozdział\n\n> ## Cel\n",
    "QMSPART w tekście i <script>alert(1)</script>\n\n* [ ] zadanie\n",
    "Linia\\\nłamana \\(x^2\\) i `kod` oraz 10-15 dni.\n",
]


def test_batched_bodies_equal_bodies_alone() -> None:
    assert list(pandoc_html_many(TRICKY, chunk=4)) == [pandoc_html(t) for t in TRICKY]


def test_batched_in_any_order_and_chunk() -> None:
    texts = TRICKY * 3
    random.Random(17).shuffle(texts)
    alone = [pandoc_html(t) for t in texts]
    for chunk in (1, 5, 64):
        assert list(pandoc_html_many(texts, workers=2, chunk=chunk)) == alone


def _alone(sources: list[str], workers: int | None = None) -> list[str]:
    return [pandoc_html(s) for s in sources]


@pytest.mark.parametrize("fixture", ["office", "bip_office"])
def test_site_equals_site_rendered_one_body_at_a_time(
    fixture: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root: Path = request.getfixturevalue(fixture)
    if fixture == "bip_office":  # a copy: the session's office stays as it is
        root = make_office(tmp_path / "copy")
    render_bip(root, out=tmp_path / "batched", draft=True)
    monkeypatch.setattr(bip_site, "pandoc_html_many", _alone)
    render_bip(root, out=tmp_path / "alone", draft=True)
    batched = sorted((tmp_path / "batched").rglob("*"))
    alone = sorted((tmp_path / "alone").rglob("*"))
    assert [p.relative_to(tmp_path / "batched") for p in batched] == [
        p.relative_to(tmp_path / "alone") for p in alone
    ]
    assert len(batched) > 10
    for one, other in zip(batched, alone, strict=True):
        if one.is_file():
            assert one.read_bytes() == other.read_bytes(), one.name
