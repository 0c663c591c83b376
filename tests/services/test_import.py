"""`qms import`: an office's Word and OpenDocument files, made by pandoc itself from a Markdown
text laid out like a real procedure (header table, numbered sections, a table, an image,
footnotes), imported into the minimal office and read back."""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pypandoc
import pytest
from typer.testing import CliRunner

from qms_cli.cli.main import app
from qms_cli.io.roundtrip import load_rt
from qms_cli.model.findings import Severity
from qms_cli.services.check import run_check

runner = CliRunner()

SOURCE = """\
| Symbol | P-07 | Wydanie | 3 |
|---|---|---|---|
| Data | 2025-03-01 | Strona | 1 z 4 |
| Opracował | Jan Kowalski | Zatwierdził | Anna Nowak |

# 1. Cel

Procedura określa zasady\u200b nadzoru nad dokumentacją[^1].

# 2. Zakres

## 2.1. Dokumenty wewnętrzne

- księga jakości,
- procedury.

# 3. Zapisy

| Zapis | Miejsce przechowywania |
|---|---|
| Rejestr dokumentów | sekretariat |

![Schemat obiegu dokumentów](schemat.png)

[^1]: Zgodnie z normą PN-EN ISO 9001:2015.
"""


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """in.docx (title as Word's Title paragraph) and in.odt, both made by pandoc."""
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "schemat.png").write_bytes(tiny_png())
    text = "---\ntitle: Nadzór nad dokumentacją\n---\n\n" + SOURCE
    out = {}
    for fmt in ("docx", "odt"):
        target = folder / f"Procedura nadzoru.{fmt}"
        pypandoc.convert_text(
            text,
            fmt,
            format="markdown",
            outputfile=str(target),
            extra_args=[f"--resource-path={folder}"],
        )
        out[fmt] = target
    return out


def rewritten(source: Path, target: Path, edits: dict[str, Callable[[str], str]]) -> Path:
    """A copy of a .docx with some of its XML parts edited (and a file renamed when an
    edit's key is ``old name -> new name``)."""
    with zipfile.ZipFile(source) as original:
        files = {name: original.read(name) for name in original.namelist()}
    for key, edit in edits.items():
        old, _, new = key.partition(" -> ")
        data = files.pop(old)
        files[new or old] = edit(data.decode()).encode() if new == "" else data
    with zipfile.ZipFile(target, "w") as out:
        for name, data in files.items():
            out.writestr(name, data)
    return target


def run_import(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["import", *args, "--path", str(root)])
    return result.exit_code, result.stdout, result.stderr


def split(path: Path) -> tuple[dict[str, object], str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    meta = load_rt(front)
    return dict(meta), body


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_import_reads_header_table_and_keeps_structure(
    minimal: Path, inputs: dict[str, Path], fmt: str
) -> None:
    code, out, err = run_import(minimal, str(inputs[fmt]), "--type", "procedure")
    assert code == 0, out + err
    target = minimal / "documents" / "procedures" / "P-07.md"
    assert f"jako P-07: {target}" in out
    meta, body = split(target)
    assert meta == {
        "id": "P-07",  # the symbol of the header table fits P-{n:02} and is free
        "type": "procedure",
        "title": "Nadzór nad dokumentacją",
        "owner": "⟦do uzupełnienia: właściciel⟧",
        "status": "draft",
        "process": "⟦do uzupełnienia: proces⟧",
        "clauses": [],
        "related": [],
        "forms": [],
        "public": False,
    }
    # the header table is gone, its facts are reported
    assert "Wydanie" not in body and "Kowalski" not in body
    for fact in ("wydanie: 3", "data: 2025-03-01", "opracował: Jan Kowalski"):
        assert fact in err
    assert "zatwierdził: Anna Nowak" in err
    assert "Uzupełnij miejsca „⟦do uzupełnienia: …⟧”" in out
    # headings without typed numbering, under the title; lists, tables, footnotes
    lines = body.strip().split("\n")
    assert lines[0] == "# Nadzór nad dokumentacją"
    headings = [line for line in lines if line.startswith("#")]
    assert headings == [
        "# Nadzór nad dokumentacją",
        "## Cel",
        "## Zakres",
        "### Dokumenty wewnętrzne",
        "## Zapisy",
    ]
    assert "\u200b" not in body
    assert "Procedura określa zasady nadzoru nad dokumentacją[^1]." in body
    assert "[^1]: Zgodnie z normą PN-EN ISO 9001:2015." in body
    assert "- księga jakości," in body
    assert "| Rejestr dokumentów | sekretariat" in body
    # the image, next to the document and referenced relatively
    image = minimal / "documents" / "procedures" / "P-07" / "obraz-1.png"
    assert image.read_bytes() == tiny_png()
    assert "](P-07/obraz-1.png)" in body


def test_check_finds_only_the_placeholders(minimal: Path, inputs: dict[str, Path]) -> None:
    code, out, err = run_import(minimal, str(inputs["docx"]), "--type", "procedure")
    assert code == 0, out + err
    errors = [f for f in run_check(minimal).findings if f.severity is Severity.ERROR]
    # the owner and the process are still to be written: nothing else is wrong
    assert {(f.code, f.path) for f in errors} == {
        ("QMS011", "documents/procedures/P-07.md"),
        ("QMS016", "documents/procedures/P-07.md"),
    }
    assert all("⟦do uzupełnienia" in f.message for f in errors)


def test_import_with_owner_process_and_id_is_clean(minimal: Path, inputs: dict[str, Path]) -> None:
    before = {(f.code, f.path) for f in run_check(minimal).findings}
    code, out, err = run_import(
        minimal,
        str(inputs["odt"]),
        "--type",
        "procedure",
        "--id",
        "P-12",
        "--owner",
        "pelnomocnik",
        "--process",
        "PR-01",
    )
    assert code == 0, out + err
    meta, _ = split(minimal / "documents" / "procedures" / "P-12.md")
    assert (meta["id"], meta["owner"], meta["process"]) == ("P-12", "pelnomocnik", "PR-01")
    assert "Uzupełnij" not in out
    assert {(f.code, f.path) for f in run_check(minimal).findings} == before


def test_many_files_get_the_next_free_ids(minimal: Path, inputs: dict[str, Path]) -> None:
    code, out, err = run_import(
        minimal, str(inputs["docx"]), str(inputs["odt"]), "--type", "instruction"
    )
    assert code == 0, out + err
    # P-07 does not fit I-{n:02}: the next free numbers, and the report says why
    assert "nie pasuje do numeracji" in err
    for doc_id in ("I-01", "I-02"):
        meta, _ = split(minimal / "documents" / "instructions" / f"{doc_id}.md")
        assert meta["id"] == doc_id


def test_taken_symbol_gets_the_next_free_id(minimal: Path, inputs: dict[str, Path]) -> None:
    assert run_import(minimal, str(inputs["docx"]), "--type", "procedure")[0] == 0
    code, out, err = run_import(minimal, str(inputs["docx"]), "--type", "procedure")
    assert code == 0, out + err
    assert "symbol P-07 z tabeli nagłówkowej jest już zajęty" in err
    assert (minimal / "documents" / "procedures" / "P-08.md").is_file()


def test_never_overwrites(minimal: Path, inputs: dict[str, Path]) -> None:
    existing = minimal / "documents" / "procedures" / "P-01.md"
    text = existing.read_bytes()
    code, _out, err = run_import(
        minimal, str(inputs["docx"]), "--type", "procedure", "--id", "P-01"
    )
    assert code == 3
    assert "P-01 już istnieje" in err and "niczego nie nadpisano" in err
    assert existing.read_bytes() == text
    assert not (minimal / "documents" / "procedures" / "P-01").exists()


def test_unknown_type_is_a_usage_error(minimal: Path, inputs: dict[str, Path]) -> None:
    code, _out, err = run_import(minimal, str(inputs["docx"]), "--type", "procedura")
    assert code == 2
    assert "nieznany typ „procedura”" in err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notatka.txt", b"zwykly tekst", "to nie jest dokument Word (.docx) ani OpenDocument"),
        ("stary.docx", b"to nie jest zip", "pandoc nie odczytał pliku stary.docx"),
    ],
)
def test_not_a_word_file(
    minimal: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    code, _out, err = run_import(minimal, str(source), "--type", "procedure")
    assert code == 3
    assert message in err
    assert not (minimal / "documents" / "procedures" / "P-02.md").exists()


@pytest.mark.slow
def test_imported_document_renders_to_pdf(minimal: Path, inputs: dict[str, Path]) -> None:
    from tests.render.pdfread import text

    code, out, err = run_import(
        minimal, str(inputs["docx"]), "--type", "procedure", "--owner", "pelnomocnik",
        "--process", "PR-01",
    )  # fmt: skip
    assert code == 0, out + err
    result = runner.invoke(app, ["render", "pdf", "P-07", "--path", str(minimal)])
    assert result.exit_code == 0, result.output
    pdf = text((minimal / "dist" / "pdf" / "P-07.pdf").read_bytes())
    for words in ("Nadzór nad dokumentacją", "Dokumenty wewnętrzne", "Rejestr dokumentów"):
        assert words in pdf
    assert "PN-EN ISO 9001:2015" in pdf  # the footnote


def test_service_card_needs_its_unit(minimal: Path, inputs: dict[str, Path]) -> None:
    code, _out, err = run_import(minimal, str(inputs["docx"]), "--type", "service-card")
    assert code == 3
    assert "Podaj --unit" in err
    code, out, err = run_import(
        minimal, str(inputs["docx"]), "--type", "service-card", "--unit", "USC"
    )
    assert code == 0, out + err
    meta, _ = split(minimal / "documents" / "service-cards" / "KU-USC-02.md")
    assert (meta["unit"], meta["status"], meta["public"]) == ("USC", "draft", True)
    errors = [f for f in run_check(minimal).findings if f.severity is Severity.ERROR]
    assert {f.code for f in errors} <= {"QMS011", "QMS016"}


def test_a_bad_file_stops_the_run_after_the_good_ones(
    minimal: Path, inputs: dict[str, Path], tmp_path: Path
) -> None:
    bad = tmp_path / "stary.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    code, out, err = run_import(minimal, str(inputs["docx"]), str(bad), "--type", "procedure")
    assert code == 3
    assert "Zaimportowano Procedura nadzoru.docx jako P-07" in out
    assert "nie umiem zaimportować pliku stary.doc" in err
    assert "zapisz najpierw w programie jako .docx lub .odt" in err


def test_linked_images_are_reported_not_copied(tmp_path: Path) -> None:
    from qms_cli.services.documents.importer import _move_images

    staging = tmp_path / "staging"
    (staging / "media").mkdir(parents=True)
    (staging / "media" / "a.png").write_bytes(tiny_png())
    outside = tmp_path / "secret.png"
    outside.write_bytes(tiny_png())

    def image(src: str) -> dict[str, object]:
        return {"t": "Image", "c": [["", [], []], [], [src, ""]]}

    blocks = [{"t": "Para", "c": [image(str(staging / "media" / "a.png")), image(str(outside))]}]
    media = tmp_path / "documents" / "P-07"
    images, linked = _move_images(blocks, staging, media, "P-07")
    assert images == [media / "obraz-1.png"]
    assert linked == [str(outside)]
    assert sorted(p.name for p in media.iterdir()) == ["obraz-1.png"]


def test_tracked_changes_are_accepted_and_reported(
    minimal: Path, inputs: dict[str, Path], tmp_path: Path
) -> None:
    """Word's tracked changes, written into pandoc's .docx by hand: the insertion stays, the
    deletion goes, and the report says so."""

    def track(xml: str) -> str:
        old = '<w:r><w:t xml:space="preserve">Procedura określa zasady\u200b nadzoru'
        stamp = 'w:author="Jan Kowalski" w:date="2025-01-01T00:00:00Z"'
        new = (
            '<w:r><w:t xml:space="preserve">Procedura określa </w:t></w:r>'
            f'<w:del w:id="901" {stamp}><w:r><w:delText xml:space="preserve">stare </w:delText>'
            f'</w:r></w:del><w:ins w:id="902" {stamp}><w:r><w:t xml:space="preserve">zasady </w:t>'
            '</w:r></w:ins><w:r><w:t xml:space="preserve">nadzoru'
        )
        assert old in xml
        return xml.replace(old, new)

    tracked = rewritten(inputs["docx"], tmp_path / "zmiany.docx", {"word/document.xml": track})
    code, out, err = run_import(minimal, str(tracked), "--type", "procedure")
    assert code == 0, out + err
    _, body = split(minimal / "documents" / "procedures" / "P-07.md")
    assert "Procedura określa zasady nadzoru nad dokumentacją[^1]." in body
    assert "stare" not in body
    assert "uwaga: przyjęto zmiany śledzone (wstawienia: 1, usunięcia: 1)" in err


def test_images_that_pdf_cannot_show_are_reported(
    minimal: Path, inputs: dict[str, Path], tmp_path: Path
) -> None:
    """Word keeps drawings as EMF, which neither Typst nor a browser shows."""
    with zipfile.ZipFile(inputs["docx"]) as original:
        png = next(n for n in original.namelist() if n.startswith("word/media/"))
    name = png.removeprefix("word/")
    emf = rewritten(
        inputs["docx"],
        tmp_path / "emf.docx",
        {
            f"{png} -> {png[:-4]}.emf": str,
            "word/_rels/document.xml.rels": lambda xml: xml.replace(name, name[:-4] + ".emf"),
        },
    )
    code, out, err = run_import(minimal, str(emf), "--type", "procedure")
    assert code == 0, out + err
    assert (minimal / "documents" / "procedures" / "P-07" / "obraz-1.emf").is_file()
    assert "uwaga: obraz obraz-1.emf w formacie EMF, którego PDF i BIP nie pokażą" in err
