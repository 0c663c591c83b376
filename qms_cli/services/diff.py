"""``qms diff``: the redline of a document between two of its texts — by default the edition
in force (``register.yaml``; before the first release, the last approved text) and the
working text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import layout, yamlfast
from qms_cli.io.atomic import write_atomic
from qms_cli.io.schemas import load_schema
from qms_cli.model import governed
from qms_cli.model.redline import Redline, redline
from qms_cli.model.redline_fields import field_changes
from qms_cli.render.redline import Header, as_html, as_text
from qms_cli.render.redline_pdf import as_pdf
from qms_cli.services.loading import read_register
from qms_cli.services.lookup import document_id, no_such_documents
from qms_cli.services.workspace import Workspace
from qms_cli.vcs import objects

WORKING = "bieżąca treść (folder roboczy)"


@dataclass(frozen=True)
class Side:
    label: str  # "wydanie 2 (obowiązuje od 2026-12-01)", "bieżąca treść (folder roboczy)"
    text: str


@dataclass(frozen=True)
class Comparison:
    doc_id: str
    title: str
    path: str
    old: Side
    new: Side
    redline: Redline


def compare(
    target: Path | Workspace,
    doc: str,
    old: str | None = None,
    new: str | None = None,
    trust_root: str | None = None,
) -> Comparison:
    """The redline of ``doc`` from ``old`` (an edition number or a git revision; None: the
    edition in force, else the last approved text) to ``new`` (the same; None: the working
    file)."""
    ws = Workspace.of(target)
    doc_id, title, path, doc_type = _target(ws, doc)
    before = baseline(ws, doc_id, path, trust_root) if old is None else side(ws, doc_id, path, old)
    after = working(ws.root, path) if new is None else side(ws, doc_id, path, new)
    red = text_redline(before.text, after.text, doc_type)
    return Comparison(doc_id, title, path, before, after, red)


def _target(ws: Workspace, given: str) -> tuple[str, str, str, str]:
    """(id, title, path, type) of a document, or of a configuration file approved like one
    (``qms.yaml``, ``templates/…``: the path is its id)."""
    doc_id = document_id(ws.repo, given)
    found = ws.repo.docs_by_id.get(doc_id)
    if found is not None:
        return doc_id, found.title, found.path, found.type
    if governed.is_governed(doc_id) and (ws.root / doc_id).is_file():
        return doc_id, f"plik konfiguracji {doc_id}", doc_id, ""
    raise no_such_documents(
        ws.repo, [doc_id], hint="Podaj identyfikator dokumentu (np. P-01) albo plik konfiguracji."
    )


def text_redline(old: str, new: str, doc_type: str) -> Redline:
    old_meta, old_body = _parts(old)
    new_meta, new_body = _parts(new)
    return redline(old_body, new_body, field_changes(old_meta, new_meta, field_schema(doc_type)))


def field_schema(doc_type: str) -> dict[str, Any]:
    """The properties of a document of this type: common keys and the type's own."""
    schema = load_schema("document")
    props = dict(schema.get("properties", {}))
    props.update(schema.get("$defs", {}).get(doc_type, {}).get("properties", {}))
    return props


def _parts(text: str) -> tuple[dict[str, Any], str]:
    parts = layout.split_front_matter(text.replace("\r\n", "\n"))
    if parts is None:
        return {}, text
    front, body, _ = parts
    try:
        meta = yamlfast.load(front, what="metryczka dokumentu")
    except yamlfast.YamlProblem as exc:
        raise QmsError(f"nie można odczytać metryczki: {exc.message}") from None
    return (meta if isinstance(meta, dict) else {}), body


def working(root: Path, path: str) -> Side:
    try:
        raw = (root / path).read_bytes()
    except OSError as exc:
        raise QmsError(f"nie można odczytać pliku {path}: {exc.strerror or exc}") from None
    return Side(WORKING, decoded(raw, path))


def decoded(raw: bytes, path: str) -> str:
    """UTF-8 text with LF line ends; anything else is refused (an image, a font)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise QmsError(
            f"{path} nie jest plikiem tekstowym (UTF-8) — zestawienia zmian nie ma",
            hint="Obejrzyj obie wersje pliku, np. git show HEAD~1:" + path,
        ) from None
    return text.replace("\r\n", "\n")


def baseline(
    ws: Workspace, doc_id: str, path: str, trust_root: str | None, every: bool = False
) -> Side:
    """The edition in force; before the first release, the last approved text. ``every``:
    judge the approvals of every document (a caller that needs them all anyway)."""
    entry = read_register(ws.loaded).entry(doc_id)
    if entry is not None:
        return _blob_side(
            ws.root, entry.blob, f"wydanie {entry.edition} (obowiązuje od {entry.in_force})"
        )
    approved = last_approved(ws, doc_id, trust_root, every)
    if approved is None:
        raise QmsError(
            f"nie ma z czym porównać: dokument {doc_id} nie ma wydania obowiązującego "
            "(register.yaml) ani zatwierdzonej treści",
            hint=f"Podaj, od czego porównać, np. qms diff {doc_id} --from HEAD~1.",
        )
    blob, label = approved
    return _blob_side(ws.root, blob, label, path)


def last_approved(
    ws: Workspace, doc_id: str, trust_root: str | None, every: bool = False
) -> tuple[str, str] | None:
    """(blob, label) of the last text with a valid approval ("Zatwierdził"), or None."""
    report = ws.evaluation(trust_root, docs=None if every else [doc_id]).report
    done = [a for a in report.approvals.get(doc_id, []) if a.valid and a.meaning == "approval"]
    if not done:
        return None
    last = done[-1]
    who = f", {last.name}" if last.name else ""
    return last.blob, f"ostatnia zatwierdzona treść (commit {last.commit[:10]}{who})"


def side(ws: Workspace, doc_id: str, path: str, given: str) -> Side:
    """An edition number (``2``) or a git revision (``HEAD~1``, a tag, a commit)."""
    if given.isdigit():
        register = read_register(ws.loaded)
        entry = register.entry(doc_id)
        texts = {w.edition: w.blob for w in register.withdrawn if w.id == doc_id}
        texts.update({int(n): blob for blob, n in entry.texts()} if entry is not None else {})
        if int(given) not in texts:
            known = ", ".join(map(str, sorted(texts)))
            raise QmsError(
                f"dokument {doc_id} nie ma wydania {given} w wykazie dokumentów (register.yaml)",
                hint=f"Wydania: {known}." if known else "Dokumentu jeszcze nie wydano.",
            )
        return _blob_side(ws.root, texts[int(given)], f"wydanie {given}", path)
    commit = objects.commit_id(ws.root, given)
    if commit is None:
        raise QmsError(
            f"nie ma takiej wersji w repozytorium: {given}",
            hint="Podaj numer wydania (np. 2) albo wersję gita (np. HEAD~1, znacznik wydania, "
            "skrót commita).",
        )
    raw = objects.bytes_at(ws.root, commit, path)
    if raw is None:
        raise QmsError(f"w wersji {given} (commit {commit[:10]}) nie ma pliku {path}")
    return Side(f"{given} (commit {commit[:10]})", decoded(raw, path))


def _blob_side(root: Path, blob: str, label: str, path: str = "") -> Side:
    raw = objects.blob_bytes(root, blob)
    if raw is None:
        raise QmsError(f"repozytorium nie ma treści {blob[:10]} ({label})")
    return Side(label, decoded(raw, path or blob[:10]))


FORMATS = ("text", "html", "pdf")
REDLINE_DIR = Path("dist") / "porownania"


def rendered(found: Comparison, output_format: str = "text") -> str:
    """The redline as text (``[-usunięte-]``, ``{+dodane+}``) or as a standalone HTML page."""
    head = Header(found.doc_id, found.title, found.path, found.old.label, found.new.label)
    if output_format == "html":
        return as_html(head, found.redline)
    return as_text(head, found.redline)


def write_pdf(ws: Workspace, found: Comparison, output: Path | None = None) -> Path:
    """The redline as a PDF (default ``dist/porownania/<id>.pdf``), written whole or not at
    all; dated with the last commit, so the same comparison gives the same bytes."""
    head = Header(found.doc_id, found.title, found.path, found.old.label, found.new.label)
    office = ws.repo.config.get("office")
    name = office.get("name") if isinstance(office, dict) else None
    when = objects.head_time(ws.root) or EPOCH
    pdf = as_pdf(head, found.redline, name if isinstance(name, str) else "", when)
    target = output if output is not None else ws.root / REDLINE_DIR / f"{found.doc_id}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, pdf)
    return target


EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # a repository without commits


def redline_pdfs(ws: Workspace, docs: list[str], trust_root: str | None = None) -> list[str]:
    """``qms approve --show``: the redline PDF of each committed text that is to be signed
    (against the edition in force or the last approved text), or why there is none."""
    lines = []
    for given in dict.fromkeys(docs):
        try:
            found = compare(ws, given, None, "HEAD", trust_root)
            lines.append(f"Zestawienie zmian {found.doc_id} (PDF): {write_pdf(ws, found)}")
        except QmsError as exc:
            lines.append(f"{given}: bez zestawienia zmian w PDF — {exc.message}")
    return lines


@dataclass(frozen=True)
class Preview:
    """What an approver is about to sign, against the edition in force (or the last approved
    text): a few lines for ``qms approve``."""

    doc_id: str
    lines: tuple[str, ...]
    unchanged: bool = False


def approval_previews(
    ws: Workspace, docs: list[str], trust_root: str | None = None
) -> list[Preview]:
    """A short summary per document of the committed text (what ``qms approve`` signs);
    documents and files qms does not know are left to ``approve`` to refuse."""
    out = []
    for given in dict.fromkeys(docs):
        try:
            doc_id, _, path, doc_type = _target(ws, given)
        except QmsError:
            continue
        raw = objects.bytes_at(ws.root, "HEAD", path)
        if raw is None:
            continue
        try:
            current = decoded(raw, path)
        except QmsError:
            note = f"{doc_id}: plik nie jest tekstem — zestawienia zmian nie ma; obejrzyj go."
            out.append(Preview(doc_id, (note,)))
            continue
        try:
            before: Side | None = baseline(ws, doc_id, path, trust_root, every=True)
        except QmsError:
            before = None
        out.append(_preview(doc_id, before, current, doc_type))
    return out


def _preview(doc_id: str, before: Side | None, current: str, doc_type: str) -> Preview:
    if before is None:
        return Preview(
            doc_id,
            (
                f"{doc_id}: nowy dokument — nie ma wydania ani zatwierdzonej treści do porównania; "
                "przeczytaj całą treść.",
            ),
        )
    red = text_redline(before.text, current, doc_type)
    if red.empty:
        return Preview(
            doc_id,
            (
                f"{doc_id}: treść taka sama jak {before.label} — "
                "nikt jej od tamtej pory nie zmienił.",
            ),
            unchanged=True,
        )
    lines = [f"{doc_id}: zmiany względem: {before.label}"]
    if red.sections:
        lines.append("  sekcje: " + "; ".join(red.sections))
    lines.extend(f"  pole {change.line()}" for change in red.fields)
    if red.changed:
        moved = f", przeniesiono fragmentów: {red.moved}" if red.moved else ""
        lines.append(f"  słowa: dodano {red.words_added}, usunięto {red.words_removed}{moved}")
    lines.append(f"  pełne zestawienie: qms diff {doc_id} --to HEAD")
    return Preview(doc_id, tuple(lines))
