"""Files a PDF may use, each checked to lie inside the office repository: templates (qms's
own, overridden by the office's ``templates/typst/``), the logo (``pdf.logo``), fonts
(``templates/fonts/``) and the images a document shows."""

from __future__ import annotations

import posixpath
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typst

from qms_cli.errors import QmsError
from qms_cli.io import repofiles
from qms_cli.model import governed
from qms_cli.resources import data_path

TEMPLATE_FOLDER = "templates/typst"
FONT_FOLDER = "templates/fonts"
ENTRY_TEMPLATES = ("document.typ", "book.typ", "record.typ")
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"})


@dataclass(frozen=True)
class Assets:
    """What every rendering sandbox gets (absolute paths, picklable for worker processes)."""

    root: str  # the office repository: images are looked up inside it
    templates: tuple[tuple[str, str], ...]  # (name in the sandbox, file to copy)
    logo: str | None
    font_dirs: tuple[str, ...]
    font: str | None


def inside_repository(root: Path, written: str, what: str, base: str = "") -> Path:
    """The file ``written`` refers to — relative to the folder ``base`` of the repository, or to
    the repository when it starts with ``/`` — provided it is an existing file inside the
    repository, of the kind its name promises (``repofiles.resolve``). Anything else is a
    ``QmsError`` naming ``what``."""
    if "://" in written or written.lower().startswith(("data:", "file:")):
        raise QmsError(
            f"{what} „{written}” nie jest plikiem w repozytorium",
            hint="Umieść plik w repozytorium i podaj ścieżkę względną, np. documents/img/x.png.",
        )
    rel = urllib.parse.unquote(written)
    rel = rel.lstrip("/") if rel.startswith("/") else posixpath.join(base, rel)
    path, problem = repofiles.resolve(root, rel)
    if problem is not None:
        raise QmsError(f"{what} „{written}” {problem}", hint=refusal_hint(problem))
    if path is None:
        raise QmsError(f"brak pliku: {what} „{written}”", hint="Sprawdź nazwę i ścieżkę pliku.")
    return path


def refusal_hint(problem: str) -> str:
    if problem.startswith(repofiles.OUTSIDE):
        return "Dozwolone są tylko pliki z repozytorium urzędu."
    return (
        "Wskaż sam plik (obraz, szablon, czcionkę), a nie dowiązanie symboliczne do dokumentu "
        "lub rekordu; qms check pokazuje takie dowiązania (QMS109)."
    )


def image_file(root: Path, written: str, base: str) -> Path:
    path = inside_repository(root, written, "obraz", base)
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise QmsError(
            f"obraz „{written}” ma nieobsługiwany format",
            hint="Dozwolone formaty: " + ", ".join(sorted(IMAGE_SUFFIXES)) + ".",
        )
    return path


def template_files(root: Path) -> dict[str, Path]:
    """qms's Typst templates, each replaced by the office's file of the same name if any."""
    try:
        packaged = data_path("templates") / "typst"
    except FileNotFoundError as exc:
        raise QmsError(
            "brak szablonów PDF w instalacji qms", hint="Zainstaluj qms ponownie."
        ) from exc
    files = {p.name: p for p in sorted(packaged.glob("*")) if p.is_file()}
    office = root / TEMPLATE_FOLDER
    if office.is_dir():
        for path in sorted(office.iterdir()):
            if path.is_file() and not path.name.startswith("."):
                rel = f"{TEMPLATE_FOLDER}/{path.name}"
                files[path.name] = inside_repository(root, rel, "szablon")
    missing = [name for name in ENTRY_TEMPLATES if name not in files]
    if missing:
        raise QmsError(
            "brak szablonu PDF: " + ", ".join(missing),
            hint=f"Szablony qms są w {packaged}; urząd może je zastąpić w {TEMPLATE_FOLDER}/.",
        )
    return files


def logo_file(root: Path, config: dict[str, Any]) -> Path | None:
    pdf = config.get("pdf")
    logo = pdf.get("logo") if isinstance(pdf, dict) else None
    if not logo:
        return None
    path = inside_repository(root, str(logo), "logo (pdf.logo w qms.yaml)")
    if not governed.is_governed(str(logo).lstrip("/")):
        raise QmsError(f"logo „{logo}” {repofiles.UNGOVERNED_LOGO}", path="qms.yaml")
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise QmsError(f"logo „{logo}” ma nieobsługiwany format", path="qms.yaml")
    return path


def font_dirs(root: Path) -> list[Path]:
    folder = root / FONT_FOLDER
    if not folder.is_dir():
        return []
    resolved = folder.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise QmsError(f"folder czcionek {FONT_FOLDER} wskazuje poza repozytorium dokumentacji")
    for rel in repofiles.symlinks(root, FONT_FOLDER):
        problem = repofiles.link_problem(root, rel)
        if problem is not None:
            raise QmsError(f"{rel}: {problem}", hint=refusal_hint(problem))
    return [resolved]


def available_fonts(dirs: list[Path]) -> list[str]:
    """Font families Typst can use: its embedded fonts and the office's, never the system's."""
    fonts = typst.Fonts(include_system_fonts=False, font_paths=[str(d) for d in dirs])
    return sorted(fonts.families())


def chosen_font(config: dict[str, Any], dirs: list[Path]) -> str | None:
    pdf = config.get("pdf")
    font = pdf.get("font") if isinstance(pdf, dict) else None
    if not font:
        return None
    families = available_fonts(dirs)
    if str(font) not in families:
        raise QmsError(
            f"nieznany krój pisma „{font}” (pdf.font w qms.yaml)",
            hint="Dostępne: " + ", ".join(families) + f". Pliki czcionek umieść w {FONT_FOLDER}/.",
            path="qms.yaml",
        )
    return str(font)


def office_assets(root: Path, config: dict[str, Any]) -> Assets:
    """Everything a render needs from the office, checked; a problem is a ``QmsError``."""
    templates = template_files(root)
    logo = logo_file(root, config)
    dirs = font_dirs(root)
    return Assets(
        root=str(root.resolve()),
        templates=tuple((name, str(path)) for name, path in sorted(templates.items())),
        logo=str(logo) if logo else None,
        font_dirs=tuple(str(d) for d in dirs),
        font=chosen_font(config, dirs),
    )
