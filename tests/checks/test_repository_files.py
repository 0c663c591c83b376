"""``qms check`` on files a PDF or the BIP site would copy out of the repository: symbolic
links that leave it or lead to a file of another kind (QMS109), image paths that climb out of
it (QMS110), images that are not images (QMS008). Each finding names the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.model import filekinds
from qms_cli.services.check import run_check
from tests.edit import append, edit_yaml
from tests.render.test_pdf_office import png

P01 = "documents/procedures/P-01.md"
IMG = "documents/procedures/img"


def findings(root: Path, *codes: str) -> list[tuple[str, str, str, int | None]]:
    report = run_check(root, use_cache=False)
    return [
        (f.code, f.path, f.message, f.line) for f in report.findings if not codes or f.code in codes
    ]


def link(root: Path, rel: str, target: str | Path) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).symlink_to(target)


@pytest.mark.posix_only("symbolic links: Windows needs Developer Mode or admin rights")
def test_png_symlink_to_a_document(minimal: Path) -> None:
    link(minimal, f"{IMG}/schemat.png", "../P-01.md")
    assert findings(minimal) == [
        (
            "QMS109",
            f"{IMG}/schemat.png",
            "dowiązanie symboliczne do pliku innego rodzaju: documents/procedures/P-01.md "
            "(Markdown, a nie obraz)",
            None,
        )
    ]


@pytest.mark.posix_only("symbolic links: Windows needs Developer Mode or admin rights")
def test_symlink_out_of_the_repository(minimal: Path) -> None:
    (minimal.parent / "secret.png").write_bytes(png(2, 2))
    link(minimal, f"{IMG}/secret.png", minimal.parent / "secret.png")
    [(code, path, message, _)] = findings(minimal)
    assert (code, path) == ("QMS109", f"{IMG}/secret.png")
    assert message.startswith("dowiązanie symboliczne wskazuje poza repozytorium dokumentacji")


@pytest.mark.posix_only("symbolic links: Windows needs Developer Mode or admin rights")
def test_symlinked_folder_out_of_the_repository(minimal: Path) -> None:
    link(minimal, "documents/img", "/etc")
    assert findings(minimal) == [
        (
            "QMS109",
            "documents/img",
            "dowiązanie symboliczne wskazuje poza repozytorium dokumentacji (/etc)",
            None,
        )
    ]


@pytest.mark.posix_only("symbolic links: Windows needs Developer Mode or admin rights")
def test_symlinked_folder_from_documents_into_records(minimal: Path) -> None:
    """Inside the repository, but what is under documents/ may be published: records are not."""
    link(minimal, "documents/forms/skany", "../../records")
    [(code, path, message, _)] = findings(minimal)
    assert (code, path) == ("QMS109", "documents/forms/skany")
    assert "z documents/ do records: to, co publikuje się w BIP, musi leżeć w documents/" in message


@pytest.mark.posix_only("symbolic links: Windows needs Developer Mode or admin rights")
def test_hard_to_spot_symlink_to_a_record(minimal: Path) -> None:
    """A form-like name, the same kind (YAML), but it is a non-public complaint register."""
    (minimal / "records/complaints").mkdir(parents=True, exist_ok=True)
    (minimal / "records/complaints/2026.yaml").write_text("complaints: []\n", encoding="utf-8")
    link(minimal, "documents/forms/wzory.yaml", "../../records/complaints/2026.yaml")
    codes = findings(minimal, "QMS109")
    assert [c[:2] for c in codes] == [("QMS109", "documents/forms/wzory.yaml")]
    assert "records/complaints/2026.yaml" in codes[0][2]


@pytest.mark.posix_only("symbolic links: Windows needs Developer Mode or admin rights")
def test_template_and_font_symlinks(minimal: Path) -> None:
    link(minimal, "templates/typst/document.typ", "../../" + P01)
    link(minimal, "templates/fonts/Herb.ttf", "/etc/hostname")
    assert [f[:2] for f in findings(minimal)] == [
        ("QMS109", "templates/fonts/Herb.ttf"),
        ("QMS109", "templates/typst/document.typ"),
    ]


@pytest.mark.posix_only("symbolic links: Windows needs Developer Mode or admin rights")
def test_logo_symlink_to_a_document(minimal: Path) -> None:
    link(minimal, "assets/herb.png", "../" + P01)  # assets/ is not scanned: qms.yaml is named
    edit_yaml(minimal / "qms.yaml", lambda d: d["pdf"].update({"logo": "assets/herb.png"}))
    [(code, path, message, _)] = findings(minimal)
    assert (code, path) == ("QMS109", "qms.yaml")
    assert message.startswith("logo „assets/herb.png” (pdf.logo) to dowiązanie symboliczne")


def test_logo_outside_the_signed_folders(minimal: Path) -> None:
    """Issue 13 item 5: a logo must be a file under signature (assets/ or templates/)."""
    (minimal / "herb.png").write_bytes(png(2, 2))
    edit_yaml(minimal / "qms.yaml", lambda d: d["pdf"].update({"logo": "herb.png"}))
    [(code, path, message, _)] = findings(minimal)
    assert (code, path) == ("QMS109", "qms.yaml")
    assert "leży poza assets/ i templates/" in message


@pytest.mark.posix_only("symbolic links: Windows needs Developer Mode or admin rights")
def test_allowed_symlinks_and_images(minimal: Path) -> None:
    """A link to an image of the same kind inside documents/, a real PNG, SVG with a prologue,
    an external image, an example in a code block: nothing to report."""
    (minimal / IMG).mkdir(parents=True)
    (minimal / IMG / "schemat.png").write_bytes(png(2, 2))
    (minimal / IMG / "plan.svg").write_text(
        '<?xml version="1.0"?>\n<!-- plan -->\n<svg xmlns="http://www.w3.org/2000/svg"/>\n',
        encoding="utf-8",
    )
    link(minimal, f"{IMG}/kopia.png", "schemat.png")
    append(
        minimal / P01,
        "\n![Schemat](img/kopia.png) ![Plan](img/plan.svg) ![Herb](https://x.invalid/h.png)\n"
        "\n```markdown\n![Przykład](../../../etc/passwd.png)\n```\n",
    )
    assert findings(minimal) == []


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("../../../etc/passwd", "obraz „../../../etc/passwd” wskazuje poza repozytorium"),
        ("%2E%2E/%2E%2E/%2E%2E/x.png", "wskazuje poza repozytorium dokumentacji"),
        ("../../records/skan.png", "leży poza documents/ (records/skan.png)"),
    ],
)
def test_image_path_out_of_the_repository(minimal: Path, written: str, message: str) -> None:
    lines = (minimal / P01).read_text(encoding="utf-8").count("\n")
    append(minimal / P01, f"\n![Rysunek]({written})\n")
    [(code, path, shown, line)] = findings(minimal)
    assert (code, path, line) == ("QMS110", P01, lines + 2)
    assert message in shown


def test_html_img_out_of_the_repository(minimal: Path) -> None:
    append(minimal / P01, '\n<img alt="x" src="../../../../etc/passwd">\n')
    assert [f[0] for f in findings(minimal)] == ["QMS110"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("schemat.png", b"---\nid: P-02\n---\n# Tajne\n"),  # Markdown behind an image name
        ("zdjecie.jpg", png(2, 2)),  # a PNG called JPEG
        ("plan.svg", b"# plan\n<svg/>"),
        ("ikona.webp", b"RIFF\x00\x00\x00\x00WAVE"),
        ("anim.gif", b"GIF90a"),
    ],
)
def test_image_that_is_not_what_its_name_says(minimal: Path, name: str, data: bytes) -> None:
    (minimal / IMG).mkdir(parents=True)
    (minimal / IMG / name).write_bytes(data)
    [(code, path, message, _)] = findings(minimal)
    assert (code, path) == ("QMS008", f"{IMG}/{name}")
    fmt = filekinds.FORMATS[Path(name).suffix]
    assert message == f"zawartość nie jest w formacie {fmt}, choć tak mówi nazwa pliku"


@pytest.mark.posix_only("symbolic links: Windows needs Developer Mode or admin rights")
def test_check_cli_reports_the_symlink_with_its_path(minimal: Path) -> None:
    link(minimal, f"{IMG}/schemat.png", "../P-01.md")
    result = CliRunner().invoke(app, ["check", str(minimal)])
    assert result.exit_code == 1
    assert f"{IMG}/schemat.png: QMS109 błąd: dowiązanie symboliczne do pliku innego" in (
        result.stdout
    )


@pytest.mark.posix_only("symbolic links: Windows needs Developer Mode or admin rights")
def test_release_is_refused_while_check_reports_it(minimal: Path) -> None:
    link(minimal, f"{IMG}/schemat.png", "../P-01.md")
    result = CliRunner().invoke(app, ["release", "--dry-run", "--path", str(minimal)])
    assert result.exit_code == 3
    assert f"{IMG}/schemat.png: QMS109 dowiązanie symboliczne do pliku innego rodzaju" in (
        " ".join(result.stderr.split())
    )


@pytest.mark.posix_only("symbolic links: Windows needs Developer Mode or admin rights")
def test_dangling_symlink(minimal: Path) -> None:
    link(minimal, f"{IMG}/brak.png", "nie-ma.png")
    assert findings(minimal) == [
        (
            "QMS109",
            f"{IMG}/brak.png",
            f"dowiązanie symboliczne do nieistniejącego pliku {IMG}/nie-ma.png",
            None,
        )
    ]
