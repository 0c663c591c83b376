"""``qms render bip`` copies only real images from ``documents/``: a symbolic link named like
an image that leads to a non-public document, a record or out of the repository, a ``../``
path and a file whose bytes are not an image stop the render with exit 3 and a Polish message
naming the document; nothing is written and the secret is never published."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from tests.bip.bip_helpers import commit, make_office
from tests.edit import append
from tests.render.test_pdf_office import png

P01 = "documents/procedures/P-01.md"
IMAGE = "documents/procedures/img/schemat.png"
SHOWN = "img/schemat.png"  # as P-01 writes it
SECRET = "POUFNE-51c2"


def replace_image(root: Path, target: str | Path) -> None:
    (root / IMAGE).unlink()
    (root / IMAGE).symlink_to(target)


def to_internal_document(root: Path) -> None:
    p02 = root / "documents/procedures/P-02.md"  # public: false
    p02.write_text(p02.read_text(encoding="utf-8") + f"\n{SECRET}\n", encoding="utf-8")
    replace_image(root, "../P-02.md")


def out_of_the_repository(root: Path) -> None:
    (root.parent / "secret.png").write_bytes(png(2, 2) + SECRET.encode())
    replace_image(root, root.parent / "secret.png")


def to_a_record(root: Path) -> None:
    register = root / "records/complaints/2026.yaml"
    register.write_text(register.read_text(encoding="utf-8") + f"# {SECRET}\n", encoding="utf-8")
    replace_image(root, "../../../records/complaints/2026.yaml")


def folder_into_records(root: Path) -> None:
    """A symbolic link to a folder: ``img`` now lives in records/, a real PNG there."""
    (root / "records/skany").mkdir()
    (root / "records/skany/schemat.png").write_bytes(png(2, 2) + SECRET.encode())
    for path in (root / "documents/procedures/img").iterdir():
        path.unlink()
    (root / "documents/procedures/img").rmdir()
    (root / "documents/procedures/img").symlink_to("../../records/skany")


def climbing_path(root: Path) -> None:
    (root.parent / "outside.png").write_bytes(png(2, 2) + SECRET.encode())
    append(root / P01, "\n![Poza](../../../outside.png)\n")


def markdown_as_png(root: Path) -> None:
    (root / IMAGE).write_text(f"---\nid: X\n---\n# {SECRET}\n", encoding="utf-8")


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "symlink .png to an internal .md": (
        to_internal_document,
        f"obraz „{SHOWN}” to dowiązanie symboliczne do pliku innego rodzaju: "
        "documents/procedures/P-02.md (Markdown, a nie obraz)",
    ),
    "symlink out of the repository": (
        out_of_the_repository,
        f"obraz „{SHOWN}” wskazuje poza repozytorium dokumentacji (dowiązanie symboliczne)",
    ),
    "symlink to a non-public record": (
        to_a_record,
        f"obraz „{SHOWN}” prowadzi poza folder documents/ (do records/complaints/2026.yaml)",
    ),
    "symlinked folder into records": (
        folder_into_records,
        f"obraz „{SHOWN}” prowadzi poza folder documents/ (do records/skany/schemat.png)",
    ),
    "../ path out of the repository": (
        climbing_path,
        "obraz „../../../outside.png” wskazuje poza repozytorium dokumentacji",
    ),
    "Markdown behind a .png name": (
        markdown_as_png,
        f"obraz „{SHOWN}” zawartość nie jest w formacie PNG",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_render_bip_refuses(tmp_path: Path, case: str) -> None:
    mutate, message = CASES[case]
    office = make_office(tmp_path / "office", edit=False)
    mutate(office)
    commit(office, "zmiana", "2026-05-04T10:00:00+02:00")
    out = tmp_path / "strona"
    result = CliRunner().invoke(
        app, ["render", "bip", "--draft", "--path", str(office), "--out", str(out)]
    )
    assert result.exit_code == 3, result.output
    assert f"qms: błąd: {P01}: {message}" in result.stderr
    assert "nie publikuje się go w BIP" in result.stderr
    assert not out.exists()
    check = CliRunner().invoke(app, ["check", str(office)])
    assert check.exit_code == 1  # qms check reports it too (QMS008, QMS109 or QMS110)
    assert any(f" QMS{code} błąd" in check.stdout for code in ("008", "109", "110"))


@pytest.mark.posix_only("symbolic links: Windows needs Developer Mode or admin rights")
def test_a_symlink_to_a_real_image_in_documents_is_published(tmp_path: Path) -> None:
    office = make_office(tmp_path / "office", edit=False)
    (office / "documents/procedures/img/kopia.png").symlink_to("schemat.png")
    append(office / P01, "\n![Kopia](img/kopia.png)\n")
    commit(office, "zmiana", "2026-05-04T10:00:00+02:00")
    out = tmp_path / "strona"
    result = CliRunner().invoke(
        app, ["render", "bip", "--draft", "--path", str(office), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    page = (out / "P-01.html").read_text(encoding="utf-8")
    assert page.count('<img src="zalaczniki/') == 2


def test_a_climbing_path_to_a_non_image_is_never_read(tmp_path: Path) -> None:
    """``../../etc/passwd`` has no image suffix: shown as its text, never opened."""
    office = make_office(tmp_path / "office", edit=False)
    append(office / P01, "\n![Hasła](../../../../../../etc/passwd)\n")
    commit(office, "zmiana", "2026-05-04T10:00:00+02:00")
    out = tmp_path / "strona"
    result = CliRunner().invoke(
        app, ["render", "bip", "--draft", "--path", str(office), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    site = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert b"root:" not in site
    assert "[Hasła]" in (out / "P-01.html").read_text(encoding="utf-8")
