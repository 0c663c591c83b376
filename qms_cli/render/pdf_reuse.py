"""The key of a PDF: a digest of everything its bytes depend on, so that a PDF rendered
before (``io.pdfstore``) can be used again instead of rendering it twice.

What goes in: the versions of qms, Typst and pandoc, and the source of qms's rendering code
(``render/*.py``: a development checkout changes it without a new version); every template,
the logo, every font file of the office and the chosen font (``assets_digest``); and the job
itself — template,
the whole context (office, header, edition and dates in force, the approvals shown, facts,
change sheet), each body's Markdown and what the layout already prints, and the PDF date.
A document showing images gets no key (the image files are not in the job): it is always
rendered.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
from pathlib import Path

from qms_cli import __version__
from qms_cli.render.assets import Assets
from qms_cli.render.typst_pdf import PdfJob

FORMAT = "1"  # change when what a key covers changes
IMAGE_MARKERS = ("![", "<img", "<IMG")


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - installed with qms
        return "?"


def assets_digest(assets: Assets) -> str:
    """The digest of the programs and the office's files that every PDF depends on."""
    digest = hashlib.sha256()
    for part in (FORMAT, __version__, _version("typst"), _version("pypandoc-binary")):
        digest.update(part.encode() + b"\0")
    code = sorted(Path(__file__).parent.glob("*.py"))
    files = [(f"code/{p.name}", p) for p in code]
    files += [(f"template/{name}", Path(path)) for name, path in assets.templates]
    if assets.logo:
        files.append(("logo" + Path(assets.logo).suffix.lower(), Path(assets.logo)))
    for folder in assets.font_dirs:
        fonts = sorted(p for p in Path(folder).rglob("*") if p.is_file())
        files += [(f"font/{p.relative_to(folder).as_posix()}", p) for p in fonts]
    for name, path in files:
        digest.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    digest.update(f"font={assets.font}".encode())
    return digest.hexdigest()


def job_key(job: PdfJob, assets: str) -> str | None:
    """The key of ``job``'s PDF given ``assets`` (``assets_digest``); None when it shows
    images."""
    if any(marker in body.markdown for body in job.bodies for marker in IMAGE_MARKERS):
        return None
    data = {
        "assets": assets,
        "template": job.template,
        "context": job.context,
        "bodies": [dataclasses.asdict(body) for body in job.bodies],
        "timestamp": job.timestamp.isoformat(),
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
