"""What a user can get wrong, and the sandbox: a clear Polish message, exit 3, no half-written
file, nothing outside the repository read."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from tests.conftest import git
from tests.edit import append, edit_yaml
from tests.render.pdfread import reader, text
from tests.render.test_pdf_office import png

runner = CliRunner()
P01 = "documents/procedures/P-01.md"


def render(repo: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["render", "pdf", "--path", str(repo), *args])
    return result.exit_code, result.stdout, result.stderr


def commit(repo: Path) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "zmiana")


def test_renders_into_dist_pdf_and_lists_files(minimal: Path) -> None:
    code, out, err = render(minimal, "P-01", "PJ")
    assert (code, err) == (0, "")
    assert "Zapisano plików PDF: 2" in out
    assert (minimal / "dist/pdf/P-01.pdf").is_file() and (minimal / "dist/pdf/PJ.pdf").is_file()
    assert git(minimal, "status", "--porcelain") == ""  # the output folder is git-ignored


def test_current_folder_is_the_repository(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(minimal / "documents")
    result = runner.invoke(app, ["render", "pdf", "PJ"])
    assert result.exit_code == 0, result.stderr
    assert "  ../dist/pdf/PJ.pdf" in result.stdout or "dist/pdf/PJ.pdf" in result.stdout
    assert (minimal / "dist/pdf/PJ.pdf").is_file()


def test_out_option(minimal: Path, tmp_path: Path) -> None:
    code, _, _ = render(minimal, "F-01", "--out", str(tmp_path / "pdf"))
    assert code == 0
    assert [p.name for p in (tmp_path / "pdf").iterdir()] == ["F-01.pdf"]


def test_manual_brings_the_quality_book(minimal: Path) -> None:
    code, _, _ = render(minimal, "KJ")
    assert code == 0
    assert sorted(p.name for p in (minimal / "dist/pdf").glob("*.pdf")) == [
        "KJ.pdf",
        "ksiega-jakosci.pdf",
    ]


def test_unknown_document(minimal: Path) -> None:
    code, _, err = render(minimal, "P-99", "X-1")
    assert code == 3
    assert "qms: błąd: nie ma dokumentu: P-99, X-1" in err
    assert not (minimal / "dist").exists()


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("../../../outside.png", "P-01: obraz „../../../outside.png” wskazuje poza repozytorium"),
        ("/etc/hostname", "P-01: brak pliku: obraz „/etc/hostname”"),
        ("img/brak.png", "P-01: brak pliku: obraz „img/brak.png”"),
        ("https://example.invalid/x.png", "P-01: obraz „https://example.invalid/x.png” nie jest"),
        ("../../qms.yaml", "P-01: obraz „../../qms.yaml” ma nieobsługiwany format"),
    ],
)
def test_bad_image_names_the_document_and_writes_nothing(
    minimal: Path, image: str, message: str
) -> None:
    (minimal.parent / "outside.png").write_bytes(png(4, 4))
    append(minimal / P01, f"\n![Rysunek]({image})\n")
    commit(minimal)
    code, out, err = render(minimal, "P-01", "PJ")
    assert code == 3
    assert message in err
    assert "Nie udało się złożyć dokumentów: 1" in err
    assert sorted(p.name for p in (minimal / "dist/pdf").iterdir()) == [".gitignore", "PJ.pdf"]
    assert "PJ.pdf" in out


@pytest.mark.posix_only("symbolic links: Windows needs Developer Mode or admin rights")
def test_image_through_a_symlink_out_of_the_repository(minimal: Path) -> None:
    (minimal.parent / "secret.png").write_bytes(png(4, 4))
    (minimal / "documents/procedures/link.png").symlink_to(minimal.parent / "secret.png")
    append(minimal / P01, "\n![Rysunek](link.png)\n")
    code, _, err = render(minimal, "P-01")
    assert code == 3
    assert "P-01: obraz „link.png” wskazuje poza repozytorium" in err


def test_failed_render_keeps_the_previous_file_whole(minimal: Path) -> None:
    assert render(minimal, "P-01")[0] == 0
    before = (minimal / "dist/pdf/P-01.pdf").read_bytes()
    append(minimal / P01, "\n![Rysunek](img/brak.png)\n")
    assert render(minimal, "P-01")[0] == 3
    assert (minimal / "dist/pdf/P-01.pdf").read_bytes() == before
    assert [p.name for p in (minimal / "dist/pdf").iterdir() if p.suffix == ".tmp"] == []


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        ("assets/brak.png", "brak pliku: logo (pdf.logo w qms.yaml) „assets/brak.png”"),
        (
            "../outside.png",
            "logo (pdf.logo w qms.yaml) „../outside.png” wskazuje poza repozytorium",
        ),
    ],
)
def test_bad_logo(minimal: Path, logo: str, message: str) -> None:
    (minimal.parent / "outside.png").write_bytes(png(4, 4))
    edit_yaml(minimal / "qms.yaml", lambda d: d["pdf"].update({"logo": logo}))
    code, _, err = render(minimal)
    assert code == 3
    assert message in err
    assert not (minimal / "dist").exists()


def test_unknown_font(minimal: Path) -> None:
    edit_yaml(minimal / "qms.yaml", lambda d: d["pdf"].update({"font": "Arial"}))
    code, _, err = render(minimal, "PJ")
    assert code == 3
    assert "qms.yaml: nieznany krój pisma „Arial”" in err
    assert "Libertinus Serif" in err


ODD_MARKDOWN = """
## Sekcja

#### Za głęboko

###### Jeszcze głębiej

| a |
|---|

| | |
|-|-|
| x | |

-

1.

>

***

[]()

**

Termin
:

[^x]

[^x]:

```nieznany-język
kod
```

<https://example.invalid/bardzo/długi/adres/bez/spacji/który/nie/mieści/się/w/wierszu/wcale>
"""


def test_odd_but_valid_markdown_renders(minimal: Path) -> None:
    append(minimal / P01, ODD_MARKDOWN)
    code, _, err = render(minimal, "P-01")
    assert (code, err) == (0, "")


def test_dirty_document_is_a_project_without_signatures(minimal: Path) -> None:
    append(minimal / P01, "\nNowy akapit, jeszcze niezapisany.\n")
    code, _, _ = render(minimal, "P-01")
    assert code == 0
    body = " ".join(text((minimal / "dist/pdf/P-01.pdf").read_bytes()).split())
    assert "Nowy akapit, jeszcze niezapisany." in body
    assert "Tekst różni się od wersji zapisanej w repozytorium (git)" in body
    assert "zmiany niezapisane w repozytorium (git)" in body
    assert "z późniejszymi zmianami niezapisanymi w git" in body


def test_new_document_not_in_git_yet_is_dated_by_head(minimal: Path) -> None:
    (minimal / "documents/procedures/P-02.md").write_text(
        "---\nid: P-02\ntype: procedure\ntitle: Nowa procedura\nowner: pelnomocnik\n"
        "status: draft\nprocess: PR-01\n---\n## 1. Cel\n\nOpis.\n",
        encoding="utf-8",
    )
    code, _, err = render(minimal, "P-02")
    assert (code, err) == (0, "")
    pdf = (minimal / "dist/pdf/P-02.pdf").read_bytes()
    body = " ".join(text(pdf).split())
    assert "plik niezapisany w repozytorium git" in body and "PROJEKT" in body
    head = dt.datetime.fromisoformat(git(minimal, "log", "-1", "--format=%cI").strip())
    created = reader(pdf).metadata["/CreationDate"]
    assert created == head.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%SZ")


def test_no_git_history_means_no_dates(minimal: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(minimal, copy, ignore=shutil.ignore_patterns(".git"))
    code, _, err = render(copy, "PJ")
    assert code == 3
    assert "repozytorium nie ma jeszcze historii git" in err


# --- templates: the office's own, and the sandbox they run in ----------------------------


def office_template(repo: Path, name: str, source: str) -> None:
    folder = repo / "templates/typst"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(source, encoding="utf-8")


def test_office_overrides_a_template(minimal: Path) -> None:
    office_template(
        minimal,
        "layouts.typ",
        '#import "qms.typ": doc-title\n#import "markdown.typ": md-body\n'
        "#let document-content(d) = { doc-title(d.header); [WZÓR URZĘDU]; md-body(d.body) }\n",
    )
    code, _, err = render(minimal, "P-01")
    assert (code, err) == (0, "")
    body = " ".join(text((minimal / "dist/pdf/P-01.pdf").read_bytes()).split())
    assert "WZÓR URZĘDU" in body
    assert "Karta zmian" not in body  # the office's layout has none


def test_broken_office_template_is_named(minimal: Path) -> None:
    office_template(minimal, "layouts.typ", '#import "brak.typ": x\n')
    code, _, err = render(minimal, "P-01")
    assert code == 3
    assert "qms: błąd: P-01: nie udało się złożyć PDF" in err
    assert "templates/typst/" in err  # the hint points at the office's templates
    assert not (minimal / "dist/pdf/P-01.pdf").exists()


@pytest.mark.parametrize(
    "path", ["/etc/passwd", "../../../../../../etc/passwd", "/qms.yaml", "../qms.yaml"]
)
def test_templates_cannot_read_outside_the_sandbox(minimal: Path, path: str) -> None:
    office_template(minimal, "document.typ", f'#let render(ctx) = read("{path}")\n')
    code, _, err = render(minimal, "PJ")
    assert code == 3
    assert "PJ: nie udało się złożyć PDF" in err
    assert "root:" not in err and "office:" not in err


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda root: (root / "documents/procedures/schemat.png").symlink_to("P-02.md"),
            "P-01: obraz „schemat.png” to dowiązanie symboliczne do pliku innego rodzaju: "
            "documents/procedures/P-02.md (Markdown, a nie obraz)",
        ),
        (
            lambda root: (root / "documents/procedures/schemat.png").write_text("# P-02\n"),
            "P-01: obraz „schemat.png” zawartość nie jest w formacie PNG",
        ),
    ],
)
def test_image_that_is_not_an_image_is_refused(minimal: Path, make: Any, message: str) -> None:
    (minimal / "documents/procedures/P-02.md").write_text("---\nid: P-02\n---\nTAJNE\n")
    make(minimal)
    append(minimal / P01, "\n![Rysunek](schemat.png)\n")
    code, _, err = render(minimal, "P-01")
    assert code == 3
    assert message in err
    assert not (minimal / "dist/pdf/P-01.pdf").exists()


@pytest.mark.posix_only("symbolic links: Windows needs Developer Mode or admin rights")
def test_logo_symlink_to_a_document_is_refused(minimal: Path) -> None:
    (minimal / "assets").mkdir()
    (minimal / "assets/herb.png").symlink_to("../" + P01)
    edit_yaml(minimal / "qms.yaml", lambda d: d["pdf"].update({"logo": "assets/herb.png"}))
    code, _, err = render(minimal)
    assert code == 3
    assert "logo (pdf.logo w qms.yaml) „assets/herb.png” to dowiązanie symboliczne" in err


@pytest.mark.posix_only("symbolic links: Windows needs Developer Mode or admin rights")
def test_font_symlink_out_of_the_repository_is_refused(minimal: Path) -> None:
    (minimal / "templates/fonts").mkdir(parents=True)
    (minimal / "templates/fonts/Herb.ttf").symlink_to("/etc/hostname")
    code, _, err = render(minimal, "P-01")
    assert code == 3
    assert "templates/fonts/Herb.ttf: dowiązanie symboliczne wskazuje poza repozytorium" in err
