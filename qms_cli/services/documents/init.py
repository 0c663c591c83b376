"""``qms init``: a new office repository, committed to git.

``example=True`` copies the example office (Urząd Gminy Przykładowo) as it is: ``make demo``
and the tests use it. Otherwise the copy becomes the office the user named
(``services/init_named.py``): its name, kind, head of office, address and BIP address, with
placeholders where qms cannot know the facts.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.model import offices
from qms_cli.resources import data_path
from qms_cli.services.documents.init_named import Contact, make_named
from qms_cli.vcs.git import init_and_commit

KINDS = offices.KINDS


@dataclass(frozen=True)
class InitResult:
    path: Path
    commit: str
    files: int


@dataclass(frozen=True)
class NamedOffice:
    """What the user said about the office: ``--name``, ``--kind``, ``--head-title``…"""

    name: str
    kind: str | None = None
    head_title: str | None = None
    address: str | None = None
    bip_url: str | None = None


def head_titles(kind: str, name: str) -> tuple[str, str]:
    """The head of office's title and its genitive for an office of ``kind`` called ``name``."""
    forms = offices.office(kind, name)
    return forms.head, forms.head_genitive


def resolve(request: NamedOffice) -> offices.Office:
    """The office's names from the request; QmsError for an unknown kind or head of office."""
    if request.kind is None:
        kind = offices.kind_from_name(request.name)
        if kind is None:
            raise QmsError(
                f"z nazwy „{request.name}” nie wynika rodzaj urzędu",
                hint="Podaj --kind gmina, powiat (starostwo) albo miasto.",
            )
    else:
        kind = offices.normalise_kind(request.kind)
        if kind is None:
            raise QmsError(
                f"nieznany rodzaj urzędu „{request.kind}”",
                hint="Dozwolone: gmina, powiat (albo starostwo), miasto (albo urząd miasta).",
            )
    head = None
    if request.head_title is not None:
        head = offices.normalise_head(request.head_title)
        if head is None:
            raise QmsError(
                f"nieznany tytuł kierownika urzędu „{request.head_title}”",
                hint="Dozwolone: wójt, burmistrz, prezydent miasta, starosta.",
            )
    if not request.name.strip():
        raise QmsError("nazwa urzędu jest pusta", hint="Podaj --name, np. „Urząd Gminy Zielonka”.")
    return offices.office(kind, request.name, head)


def init_office(target: Path, request: NamedOffice | None = None) -> InitResult:
    """A new repository in ``target``: the office of ``request``, or the example office when
    ``request`` is None."""
    named = resolve(request) if request is not None else None
    target = target.absolute()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise QmsError(
            f"folder {target} nie jest pusty — niczego nie zapisano",
            hint="Wskaż nowy albo pusty folder.",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.qms-init-"))
    try:
        office = staging / "office"
        shutil.copytree(data_path("docs-repo-template"), office)
        shutil.copytree(data_path("schemas"), office / ".qms" / "schemas")
        if named is not None and request is not None:
            make_named(office, named, Contact(request.address, request.bip_url))
        commit = init_and_commit(office, "Utworzenie repozytorium dokumentacji SZJ (qms init)")
        count = sum(1 for p in office.rglob("*") if p.is_file() and ".git" not in p.parts)
        if target.exists():
            target.rmdir()
        office.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return InitResult(target, commit, count)
