"""``qms preview``: what a merge request changes, for the people who review and sign it —
the redlines (HTML and PDF) and the PDFs of the changed documents, the BIP site as a draft,
and a Markdown summary a forge shows (GitHub's job summary, GitLab's exposed artifact).

Nothing non-public reaches the preview unless asked: internal documents are named in the
summary by id only, and their redlines and PDFs are written only with ``internal`` (for a
repository whose CI artifacts only the office can read). The BIP site holds public content
by construction. Findings in the summary are those of public documents and of the
configuration; the others are counted, not quoted.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.io.outdir import replace_folder
from qms_cli.model.documents import Document
from qms_cli.model.findings import Finding, Severity
from qms_cli.render.pdf_public import is_public
from qms_cli.services.check import run_check
from qms_cli.services.diff import compare, rendered, write_pdf
from qms_cli.services.documents.render_bip import render_bip
from qms_cli.services.documents.render_pdf import render_pdf
from qms_cli.services.workspace import Workspace
from qms_cli.vcs import objects

SUMMARY = "podsumowanie.md"
SIGNATURES = ("QMS201", "QMS202", "QMS217")


@dataclass
class PreviewResult:
    out: Path
    documents: list[Document] = field(default_factory=list)  # changed, in path order
    shown: list[str] = field(default_factory=list)  # ids with redlines and PDFs
    new: list[str] = field(default_factory=list)  # ids the base does not have
    summary: str = ""


def preview(ws: Workspace, base: str, out: Path, *, internal: bool = False) -> PreviewResult:
    commit = objects.commit_id(ws.root, base)
    if commit is None:
        raise QmsError(f"nie ma takiej wersji w repozytorium: {base}")
    changed = set(objects.changed_paths(ws.root, commit))
    result = PreviewResult(out)
    result.documents = sorted(
        (d for d in ws.repo.documents if d.path in changed), key=lambda d: d.path
    )
    files: dict[str, bytes] = {}
    staging = out.parent / f".{out.name}.czesci"
    for doc in result.documents:
        if not (internal or is_public(doc)):
            continue
        result.shown.append(doc.id)
        if objects.bytes_at(ws.root, commit, doc.path) is None:
            result.new.append(doc.id)
            continue
        found = compare(ws, doc.id, commit, None)
        files[f"zmiany/{doc.id}.html"] = rendered(found, "html").encode("utf-8")
        files[f"zmiany/{doc.id}.pdf"] = write_pdf(ws, found, staging / f"{doc.id}.pdf").read_bytes()
    if result.shown:
        render_pdf(ws, result.shown, staging / "pdf")
        for pdf in sorted((staging / "pdf").glob("*.pdf")):
            files[f"pdf/{pdf.name}"] = pdf.read_bytes()
    render_bip(ws, staging / "bip", staging / "pdf", draft=True)
    for page in sorted((staging / "bip").rglob("*")):
        if page.is_file() and page.name != ".qms-generated":
            files[f"bip/{page.relative_to(staging / 'bip').as_posix()}"] = page.read_bytes()
    findings = run_check(ws).findings
    result.summary = summary_markdown(result, findings, base, internal)
    files[SUMMARY] = result.summary.encode("utf-8")
    replace_folder(out, dict(sorted(files.items())), "qms preview\n")
    shutil.rmtree(staging, ignore_errors=True)
    return result


def summary_markdown(
    result: PreviewResult, findings: list[Finding], base: str, internal: bool
) -> str:
    """The forge's summary: changed documents, signatures still missing, the check."""
    public_paths = {d.path for d in result.documents if is_public(d)}
    quoted = [f for f in findings if _quotable(f, public_paths, internal)]
    lines = [f"# Podgląd zmian (qms) względem {base}", ""]
    if not result.documents:
        lines += ["Zmiana nie dotyczy dokumentów.", ""]
    else:
        lines += ["| Dokument | Tytuł | Jawność | Zestawienie zmian |", "| --- | --- | --- | --- |"]
        for doc in result.documents:
            public = is_public(doc)
            title = doc.title if (public or internal) else "—"
            kind = "publiczny" if public else "wewnętrzny"
            if doc.id not in result.shown:
                note = "lokalnie: `qms diff " + doc.id + "`"
            elif doc.id in result.new:
                note = "nowy dokument (PDF: `pdf/" + doc.id + ".pdf`)"
            else:
                note = f"`zmiany/{doc.id}.html`, `zmiany/{doc.id}.pdf`"
            lines.append(f"| {doc.id} | {_cell(title)} | {kind} | {note} |")
        lines.append("")
    ids = {d.path: d.id for d in result.documents}
    waiting = [f for f in findings if f.code in SIGNATURES and f.path in ids]
    lines += ["## Podpisy, których jeszcze brakuje", ""]
    lines += [f"- {ids[f.path]}: {_cell(f.message)}" for f in waiting] or ["- brak"]
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    lines += ["", "## qms check", "", f"Błędy: {errors}, ostrzeżenia: {warnings}.", ""]
    shown = [f for f in quoted if f.severity is Severity.ERROR][:20]
    lines += [f"- `{f.path}:{f.line or ''}` {f.code}: {_cell(f.message)}" for f in shown]
    hidden = errors - len([f for f in quoted if f.severity is Severity.ERROR])
    if hidden > 0:
        lines.append(f"- błędów w plikach niepublicznych: {hidden} (szczegóły: `qms check`)")
    return "\n".join(lines).rstrip() + "\n"


def _quotable(finding: Finding, public_paths: set[str], internal: bool) -> bool:
    if internal:
        return True
    return finding.path in public_paths or finding.path == "qms.yaml"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
