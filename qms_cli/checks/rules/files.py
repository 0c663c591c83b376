"""Files a PDF or the BIP site would copy out of the repository: symbolic links and image
paths that could publish something else (a non-public document behind ``schemat.png``, a file
outside the repository behind ``../``)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from urllib.parse import unquote

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, file_rule, repo_rule
from qms_cli.model.documents import SourceFile
from qms_cli.model.findings import Severity

MARKDOWN = ("document", "audit-report", "survey-report", "review")
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)", re.I)
_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


@repo_rule(
    "QMS109",
    "symlink",
    Severity.ERROR,
    "Dowiązanie symboliczne prowadzi do pliku tego samego rodzaju w repozytorium (z documents/ "
    "— w documents/); logo z qms.yaml jest obrazem w repozytorium",
)
def refused_files(ctx: CheckContext) -> Iterator[Hit]:
    for path, problem in ctx.refused_files:
        yield Hit(path, problem, pointer=("pdf", "logo") if path == "qms.yaml" else ())


@file_rule(
    "QMS110",
    "image-path",
    Severity.ERROR,
    "Obraz w treści leży w repozytorium (obraz dokumentu — w documents/); ścieżka nie wychodzi "
    "poza nie przez ../",
    kinds=MARKDOWN,
)
def image_path(source: SourceFile) -> Iterator[Hit]:
    folder = posixpath.dirname(source.path)
    body = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), source.body)
    for match in _IMAGE.finditer(body):
        src = match.group(1) or match.group(2)
        if _SCHEME.match(src) or src.startswith("#"):
            continue
        written = unquote(src.partition("?")[0].partition("#")[0])
        path = posixpath.normpath(
            written.lstrip("/") if written.startswith("/") else posixpath.join(folder, written)
        )
        line = source.body_line + body.count("\n", 0, match.start())
        if path == ".." or path.startswith("../"):
            yield Hit(source.path, f"obraz „{src}” wskazuje poza repozytorium dokumentacji", line)
        elif source.kind == "document" and not path.startswith("documents/"):
            yield Hit(
                source.path,
                f"obraz „{src}” leży poza documents/ ({path}): obrazy dokumentów umieszcza się "
                "w documents/, tylko stamtąd trafiają do BIP",
                line,
            )
