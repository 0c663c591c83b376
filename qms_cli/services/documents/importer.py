"""``qms import``: the office's Word and OpenDocument files as documents (drafts) of the
repository.

pandoc reads the file (``render.docreader``), ``model.docimport`` cleans the AST and reads the
header table, and the document is written as ``qms new`` writes one: front matter valid
against its schema, ``status: draft``, never over an existing file. What is not known yet (the
owner, the process) is a placeholder ``⟦do uzupełnienia: …⟧`` that ``qms check`` points at.
Images go to ``documents/<folder>/<id>/`` next to the document, referenced relatively.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io.atomic import write_atomic
from qms_cli.io.records import create_file
from qms_cli.io.roundtrip import dump_rt
from qms_cli.model import docimport
from qms_cli.model.doctypes import DOC_TYPES
from qms_cli.model.filekinds import FORMATS
from qms_cli.model.ids import is_valid_id, next_id, pattern_fields, pattern_regex
from qms_cli.model.placeholders import placeholder
from qms_cli.render.docreader import read_document, write_markdown
from qms_cli.services.documents.new import NewRequest, numbering_pattern, type_fields
from qms_cli.services.loading import load_repository


@dataclass(frozen=True)
class ImportRequest:
    doc_type: str
    doc_id: str | None = None
    title: str | None = None
    owner: str | None = None
    process: str | None = None
    unit: str | None = None


@dataclass
class Imported:
    """One imported file: where it went, its front matter, what the header table said that
    front matter has no key for (``info``) and what could not be carried over (``lost``)."""

    source: Path
    id: str
    path: Path
    meta: dict[str, Any]
    images: list[Path] = field(default_factory=list)
    info: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)


def import_documents(
    path: Path, sources: list[Path], request: ImportRequest, today: dt.date | None = None
) -> Iterator[Imported]:
    """Import ``sources`` one by one, each as soon as the previous is written (a file that
    cannot be imported stops the run; the files before it stay imported)."""
    today = today or clock.today()
    if request.doc_type not in DOC_TYPES:
        raise QmsError(
            f"nieznany typ dokumentu „{request.doc_type}”",
            hint="Dozwolone: " + ", ".join(DOC_TYPES),
        )
    if request.doc_id is not None and len(sources) > 1:
        raise QmsError("--id można podać tylko przy imporcie jednego pliku")
    loaded = load_repository(path)
    repo = loaded.repo
    _check_names(repo, request)
    taken: dict[str, Any] = dict(repo.docs_by_id)
    for source in sources:
        result = _import_one(loaded.root, repo, taken, source, request, today)
        taken[result.id] = result
        yield result


def _check_names(repo: Any, request: ImportRequest) -> None:
    if request.owner is not None and request.owner not in repo.role_ids | repo.position_ids:
        raise QmsError(f"„{request.owner}” nie jest rolą ani stanowiskiem z org/structure.yaml")
    if request.process is not None:
        processes = sorted(d.id for d in repo.documents_of_type("process"))
        if request.process not in processes:
            raise QmsError(
                f"nie ma procesu „{request.process}”",
                hint="Dostępne: " + (", ".join(processes) or "brak — qms new process"),
            )
    if request.unit is not None and request.unit not in repo.unit_ids:
        raise QmsError(
            f"nie ma komórki „{request.unit}” w org/structure.yaml",
            hint="Dostępne: " + ", ".join(sorted(repo.unit_ids)),
        )


def _import_one(
    root: Path,
    repo: Any,
    taken: dict[str, Any],
    source: Path,
    request: ImportRequest,
    today: dt.date,
) -> Imported:
    doc_type = DOC_TYPES[request.doc_type]
    folder = root / "documents" / doc_type.folder
    with tempfile.TemporaryDirectory(
        ignore_cleanup_errors=True, prefix="qms-import-media-"
    ) as staging:
        ast, warnings = read_document(source, Path(staging))
        cleaned = docimport.clean(ast)
        doc_id, id_note = _choose_id(repo, taken, request, cleaned.header, today)
        target = folder / f"{doc_id}.md"
        media = folder / doc_id
        if target.exists() or doc_id in taken:
            raise QmsError(
                f"dokument {doc_id} już istnieje ({target}) — niczego nie nadpisano",
                hint="Podaj inny numer: --id.",
            )
        if media.exists():
            raise QmsError(f"folder {media} już istnieje — niczego nie nadpisano")
        images, outside = _move_images(cleaned.blocks, Path(staging), media, doc_id)
    title = request.title or cleaned.title or source.stem
    meta = _front_matter(repo, request, doc_id, title, today)
    body = f"# {title}\n\n" + write_markdown({**ast, "blocks": cleaned.blocks})
    create_file(target, "---\n" + dump_rt(meta) + "---\n\n" + body)
    result = Imported(source, doc_id, target, meta, images)
    result.info = ([id_note] if id_note else []) + _header_info(cleaned.header)
    result.lost = [f"pandoc: {w}" for w in warnings] + cleaned.notes
    result.lost += [f"obraz spoza pliku (dołącz go ręcznie): {src}" for src in outside]
    result.lost += [
        f"obraz {image.name} w formacie {image.suffix.lstrip('.').upper() or '?'}, którego "
        "PDF i BIP nie pokażą — zapisz go jako PNG lub JPEG i popraw odwołanie"
        for image in images
        if image.suffix.lower() not in FORMATS or FORMATS[image.suffix.lower()] == "PDF"
    ]
    return result


def _choose_id(
    repo: Any,
    taken: dict[str, Any],
    request: ImportRequest,
    header: dict[str, str],
    today: dt.date,
) -> tuple[str, str | None]:
    """The id: ``--id``; the header table's symbol when it fits the numbering and is free;
    otherwise the next free one."""
    pattern = numbering_pattern(repo, request.doc_type)
    if request.doc_id is not None:
        if not is_valid_id(request.doc_id):
            raise QmsError(
                f"„{request.doc_id}” nie jest poprawnym numerem dokumentu",
                hint="Wielkie litery, cyfry i myślniki, np. P-07.",
            )
        return request.doc_id, None
    symbol = " ".join(header.get("symbol", "").split())
    if symbol and pattern_regex(pattern).fullmatch(symbol):
        if symbol not in taken:
            return symbol, None
        note = f"symbol {symbol} z tabeli nagłówkowej jest już zajęty — nadano kolejny numer"
    elif symbol:
        note = f"symbol „{symbol}” z tabeli nagłówkowej nie pasuje do numeracji ({pattern})"
    else:
        note = None
    if "unit" in pattern_fields(pattern) and request.unit is None:
        raise QmsError(
            f"numer dokumentu typu {request.doc_type} zawiera symbol komórki",
            hint="Podaj --unit, np. --unit USC, albo --id.",
        )
    return next_id(pattern, taken, unit=request.unit, year=today.year), note


def _move_images(
    blocks: list[Any], staging: Path, media: Path, doc_id: str
) -> tuple[list[Path], list[str]]:
    """Write the images the body shows to ``media`` as ``obraz-1.png`` …, and point the
    body at them relatively (``<id>/obraz-1.png``); also the sources of images that were not
    in the file (linked, not embedded)."""
    written: dict[str, str] = {}
    out: list[Path] = []
    outside: list[str] = []
    for image in _images(blocks):
        src = image["c"][2][0]
        if src not in written:
            found = Path(src).resolve()
            if not found.is_file() or staging.resolve() not in found.parents:
                outside.append(src)
                continue
            name = f"obraz-{len(written) + 1}{found.suffix.lower()}"
            write_atomic(media / name, found.read_bytes(), exclusive=True)
            written[src] = f"{doc_id}/{name}"
            out.append(media / name)
        image["c"][2][0] = written[src]
    return out, outside


def _images(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, list):
        return [image for item in node for image in _images(item)]
    if isinstance(node, dict):
        if node.get("t") == "Image":
            return [node]
        return _images(node.get("c"))
    return []


def _front_matter(
    repo: Any, request: ImportRequest, doc_id: str, title: str, today: dt.date
) -> dict[str, Any]:
    doc_type = DOC_TYPES[request.doc_type]
    meta: dict[str, Any] = {
        "id": doc_id,
        "type": doc_type.id,
        "title": title,
        "owner": request.owner or placeholder("właściciel"),
        "status": "draft",
    }
    if doc_type.process_bound:
        meta["process"] = request.process or placeholder("proces")
    new = NewRequest(request.doc_type, title=title, unit=request.unit)
    meta.update(type_fields(repo, new, doc_id, today))
    meta["public"] = doc_type.public
    return meta


def _header_info(header: dict[str, str]) -> list[str]:
    return [
        f"tabela nagłówkowa — {docimport.FIELD_NAMES[key]}: {header[key]}"
        for key in docimport.FIELD_NAMES
        if header.get(key)
    ]
