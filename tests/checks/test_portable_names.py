"""QMS111: file names and document ids that Windows and macOS keep apart, each finding on the
file (and the line of ``id`` in front matter for an id)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_cli.model import portable
from qms_cli.services.check import run_check

IMG = "documents/procedures"


def qms111(root: Path) -> list[tuple[str, int | None, str]]:
    found = run_check(root, use_cache=False).findings
    return [(f.path, f.line, f.message) for f in found if f.code == "QMS111"]


def touch(root: Path, rel: str, data: bytes = b"x") -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_bytes(data)


def test_the_minimal_office_has_portable_names(minimal: Path) -> None:
    assert qms111(minimal) == []


def test_two_files_that_differ_in_case_only(minimal: Path) -> None:
    touch(minimal, f"{IMG}/Schemat.pdf")
    touch(minimal, f"{IMG}/schemat.pdf")
    found = qms111(minimal)
    assert [(path, line) for path, line, _ in found] == [
        (f"{IMG}/Schemat.pdf", None),
        (f"{IMG}/schemat.pdf", None),
    ]
    assert found[0][2] == (
        f"nazwa różni się od {IMG}/schemat.pdf tylko wielkością liter (lub zapisem polskich "
        "znaków) — w Windows i macOS to ten sam plik i jeden zastąpi drugi"
    )


def test_folders_that_differ_in_case_are_reported_once(minimal: Path) -> None:
    touch(minimal, "documents/Zalaczniki/a.pdf")
    touch(minimal, "documents/zalaczniki/a.pdf")
    touch(minimal, "documents/zalaczniki/b.pdf")
    assert [p for p, _, _ in qms111(minimal)] == ["documents/Zalaczniki", "documents/zalaczniki"]


def test_composed_and_decomposed_polish_letters_clash(minimal: Path) -> None:
    touch(minimal, f"{IMG}/wz\u00f3r.pdf")  # ó as one character
    touch(minimal, f"{IMG}/wzo\u0301r.pdf")  # o + combining acute: the same name on a Mac
    assert len(qms111(minimal)) == 2


def test_document_ids_that_differ_in_case_only(minimal: Path) -> None:
    text = (minimal / "documents/procedures/P-01.md").read_text(encoding="utf-8")
    (minimal / "documents/procedures/p-01-kopia.md").write_text(
        text.replace("id: P-01", "id: p-01"), encoding="utf-8"
    )
    ids = [(p, line, m) for p, line, m in qms111(minimal) if "identyfikator" in m]
    assert ids == [
        (
            "documents/procedures/P-01.md",
            2,
            "identyfikator P-01 różni się od p-01 (documents/procedures/p-01-kopia.md) tylko "
            "wielkością liter — nadaj dokumentowi inny identyfikator",
        ),
        (
            "documents/procedures/p-01-kopia.md",
            2,
            "identyfikator p-01 różni się od P-01 (documents/procedures/P-01.md) tylko "
            "wielkością liter — nadaj dokumentowi inny identyfikator",
        ),
    ]


@pytest.mark.parametrize(
    "name", ["CON", "nul.txt", "Aux.png", "com1.pdf", "LPT9", "prn.tar.gz", "COM\u00b9.txt"]
)
def test_names_reserved_on_windows(minimal: Path, name: str) -> None:
    touch(minimal, f"{IMG}/{name}")
    [(path, line, message)] = qms111(minimal)
    assert (path, line) == (f"{IMG}/{name}", None)
    assert message.startswith(f"nazwa „{name}” jest zastrzeżona w Windows")


def test_reserved_folder_name(minimal: Path) -> None:
    touch(minimal, "documents/con/a.pdf")
    [(path, _, message)] = qms111(minimal)
    assert path == "documents/con/a.pdf" and "„con”" in message


@pytest.mark.parametrize("name", ["console.pdf", "nullable.png", "com10.pdf", "lpt.txt"])
def test_names_that_only_look_reserved(minimal: Path, name: str) -> None:
    touch(minimal, f"{IMG}/{name}")
    assert qms111(minimal) == []


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("a<b.pdf", "„<”"),
        ("co?.pdf", "„?”"),
        ('cytat"x".pdf', '„"”'),
        ("a:b.pdf", "„:”"),
        ("rura|x.pdf", "„|”"),
        ("gwiazd*a.pdf", "„*”"),
        ("ukos\\nik.pdf", "„\\”"),
        ("tab\tx.pdf", "U+0009"),
    ],
)
def test_characters_windows_refuses(minimal: Path, name: str, shown: str) -> None:
    touch(minimal, f"{IMG}/{name}")
    [(_, _, message)] = qms111(minimal)
    assert message.endswith(f"zawiera znaki niedozwolone w Windows: {shown}")


@pytest.mark.parametrize("name", ["koniec.", "spacja ", "folder./a.pdf"])
def test_trailing_dot_or_space(minimal: Path, name: str) -> None:
    touch(minimal, f"{IMG}/{name}")
    [(_, _, message)] = qms111(minimal)
    assert "kończy się kropką lub spacją" in message


def test_a_path_too_long_with_the_clone_folder(minimal: Path) -> None:
    folder = f"{IMG}/" + "/".join(["d" * 40] * 4)
    fits = f"{folder}/" + "a" * (portable.MAX_RELATIVE - len(folder) - 5) + ".pdf"
    assert len(fits) == portable.MAX_RELATIVE
    touch(minimal, fits)
    assert qms111(minimal) == []
    longer = fits[:-4] + "b.pdf"
    touch(minimal, longer)
    [(path, _, message)] = qms111(minimal)
    assert path == longer
    assert message.startswith(f"ścieżka ma {portable.MAX_RELATIVE + 1} znaków, najwyżej 199")
    assert portable.MAX_RELATIVE + portable.CLONE_PREFIX + 1 == 260


def test_templates_and_assets_are_named_too(minimal: Path) -> None:
    touch(minimal, "templates/typst/nul.typ")
    touch(minimal, "assets/Herb.png")
    touch(minimal, "assets/herb.png")
    assert sorted(p for p, _, _ in qms111(minimal)) == [
        "assets/Herb.png",
        "assets/herb.png",
        "templates/typst/nul.typ",
    ]


def test_ids_in_the_example_office_are_portable(office: Path) -> None:
    assert qms111(office) == []


def test_the_same_name_in_other_folders_is_not_a_clash() -> None:
    assert portable.case_clashes(["a/B.md", "a/c.md", "b/b.md", "B/c.md"]) == {
        "B": ["b"],
        "b": ["B"],
    }
