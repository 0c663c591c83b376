"""Typst -> PDF in a sandbox: a folder holding only the templates, the logo and the current
job's data and images. It is the compile root, so a template (or anything else) can read no
other file; system fonts are ignored; the PDF date is the commit time given with the job.

Documents reach Typst only as JSON data (see ``render.pandoc``): the entry file that is
compiled is generated here and contains no text of any document.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typst

from qms_cli.errors import QmsError
from qms_cli.render.assets import Assets, image_file
from qms_cli.render.pandoc import convert, parse_many, parse_markdown

if TYPE_CHECKING:
    from typst import PDFStandard

# Archival and accessible: PDF/A-2a (tagged, Unicode) together with PDF/UA-1.
PDF_STANDARDS: list[PDFStandard] = ["a-2a", "ua-1"]

ENTRIES = {
    "document": '#import "/qms/document.typ": render\n#render(json("{ctx}"))\n',
    "book": '#import "/qms/book.typ": render-book\n#render-book(json("{ctx}"))\n',
    "record": '#import "/qms/record.typ": render-record\n#render-record(json("{ctx}"))\n',
}


@dataclass(frozen=True)
class BodySource:
    """A document's Markdown body; ``shown``: what the layout prints already (leading
    headings repeating it are dropped); ``folder`` (in the repository): where its images are
    looked up from; ``label`` names it in messages."""

    markdown: str
    shown: tuple[str, ...]
    folder: str
    label: str


@dataclass(frozen=True)
class PdfJob:
    """One PDF to make: ``template`` is ``document`` or ``record`` (context key ``doc``) or
    ``book`` (context key ``parts``, one body per part)."""

    name: str
    label: str
    template: str
    context: dict[str, Any]
    bodies: tuple[BodySource, ...]
    timestamp: dt.datetime


@dataclass(frozen=True)
class JobResult:
    name: str
    label: str
    pdf: bytes | None
    error: str | None = None
    hint: str | None = None


class Renderer:
    """A sandbox and a Typst compiler rooted in it; renders jobs one after another."""

    def __init__(self, assets: Assets, folder: Path) -> None:
        self.assets = assets
        self.folder = folder
        self.count = 0
        templates = folder / "qms"
        templates.mkdir(parents=True)
        for name, source in assets.templates:
            shutil.copyfile(source, templates / name)
        self.logo: str | None = None
        if assets.logo:
            suffix = Path(assets.logo).suffix.lower()
            (folder / "assets").mkdir()
            shutil.copyfile(assets.logo, folder / "assets" / f"logo{suffix}")
            self.logo = f"/assets/logo{suffix}"
        self.compiler = typst.Compiler(
            root=str(folder), ignore_system_fonts=True, font_paths=list(assets.font_dirs)
        )

    def render_many(self, jobs: Sequence[PdfJob]) -> list[JobResult]:
        """Render ``jobs`` in order, their Markdown parsed by one pandoc run."""
        sources = [body.markdown for job in jobs for body in job.bodies]
        try:
            asts = parse_many(sources)
        except QmsError:  # let each job report its own failure
            return [self.render(job) for job in jobs]
        results, start = [], 0
        for job in jobs:
            results.append(self.render(job, asts[start : start + len(job.bodies)]))
            start += len(job.bodies)
        return results

    def render(self, job: PdfJob, asts: list[dict[str, Any]] | None = None) -> JobResult:
        """The PDF, or the reason it could not be made (naming the document). ``asts``: the
        bodies already parsed by pandoc."""
        try:
            return JobResult(job.name, job.label, self._render(job, asts))
        except QmsError as error:
            return JobResult(job.name, job.label, None, f"{job.label}: {error.message}", error.hint)

    def _render(self, job: PdfJob, asts: list[dict[str, Any]] | None) -> bytes:
        self.count += 1
        work = self.folder / "job" / str(self.count)
        work.mkdir(parents=True)
        try:
            bodies = [
                self._body(
                    body, asts[index] if asts else None, work, index, body.label != job.label
                )
                for index, body in enumerate(job.bodies)
            ]
            context = self._with_bodies(job, bodies)
            (work / "ctx.json").write_bytes(json.dumps(context, ensure_ascii=False).encode("utf-8"))
            entry = ENTRIES[job.template].format(ctx=f"/job/{self.count}/ctx.json")
            return self._compile(entry, job.timestamp)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _with_bodies(self, job: PdfJob, bodies: list[dict[str, Any]]) -> dict[str, Any]:
        context = dict(job.context)
        context["office"] = {**context["office"], "logo": self.logo}
        if job.template in ("document", "record"):
            context["doc"] = {**context["doc"], "body": bodies[0]}
        else:
            parts = context["parts"]
            context["parts"] = [{**p, "body": b} for p, b in zip(parts, bodies, strict=True)]
        return context

    def _body(
        self,
        source: BodySource,
        ast: dict[str, Any] | None,
        work: Path,
        index: int,
        within: bool,
    ) -> dict[str, Any]:
        """The body as data, its images copied into the sandbox. ``within``: a part of a
        larger PDF, whose messages name the part too."""
        try:
            body = convert(
                ast if ast is not None else parse_markdown(source.markdown), source.shown
            )
            paths = []
            for number, ref in enumerate(body.images):
                image = image_file(Path(self.assets.root), ref.src, source.folder)
                name = f"img/{index}-{number}{image.suffix.lower()}"
                (work / "img").mkdir(exist_ok=True)
                shutil.copyfile(image, work / name)
                paths.append(f"/job/{self.count}/{name}")
        except QmsError as error:
            if not within:
                raise
            raise QmsError(f"{source.label}: {error.message}", hint=error.hint) from None
        return body.data(paths)

    def _compile(self, entry: str, timestamp: dt.datetime) -> bytes:
        try:
            pdf = self.compiler.compile(
                input=entry.encode("utf-8"),
                format="pdf",
                pdf_standards=PDF_STANDARDS,
                timestamp=int(timestamp.timestamp()),
            )
        except typst.TypstError as exc:
            raise QmsError(
                "nie udało się złożyć PDF: " + self._clean(str(exc.message)),
                hint=self._clean("; ".join(exc.hints)) if exc.hints else _TEMPLATE_HINT,
            ) from None
        if not isinstance(pdf, bytes):  # pragma: no cover - the binding returns bytes for PDF
            raise QmsError("Typst nie zwrócił pliku PDF")
        return pdf

    def _clean(self, text: str) -> str:
        """Typst's words without the sandbox's temporary path."""
        return text.replace(str(self.folder), "[folder roboczy qms]")


_TEMPLATE_HINT = (
    "Sprawdź obrazy w dokumencie i — jeśli urząd je zmienił — szablony w templates/typst/; "
    "jeśli to nie pomoże, zgłoś błąd qms."
)
