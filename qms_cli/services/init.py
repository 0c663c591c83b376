"""``qms init``: a new office repository from the example office, committed to git."""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.io.atomic import write_atomic
from qms_cli.io.roundtrip import dump_rt, load_rt
from qms_cli.resources import data_path
from qms_cli.vcs.git import init_and_commit

KINDS = ("gmina", "powiat", "miasto")
# kind -> (office name pattern, head title, head title in the genitive)
HEAD_TITLES = {
    "gmina": (r"Urząd Gminy (?P<place>.+)", "Wójt Gminy {place}", "Wójta Gminy {place}"),
    "miasto": (
        r"Urząd Miasta (?P<place>.+)",
        "Burmistrz Miasta {place}",
        "Burmistrza Miasta {place}",
    ),
    "powiat": (r"Starostwo Powiatowe w (?P<place>.+)", "Starosta", "Starosty"),
}


@dataclass(frozen=True)
class InitResult:
    path: Path
    commit: str
    files: int


def head_titles(kind: str, name: str) -> tuple[str, str]:
    pattern, title, genitive = HEAD_TITLES[kind]
    match = re.fullmatch(pattern, name.strip())
    place = match.group("place") if match else ""
    if not place and "{place}" in title:
        return title.replace(" {place}", ""), genitive.replace(" {place}", "")
    return title.format(place=place), genitive.format(place=place)


def init_office(target: Path, kind: str | None = None, name: str | None = None) -> InitResult:
    if kind is not None and kind not in KINDS:
        raise QmsError(f"nieznany rodzaj urzędu „{kind}”", hint="Dozwolone: " + ", ".join(KINDS))
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
        _fill_profile(office / "qms.yaml", kind, name)
        commit = init_and_commit(office, "Utworzenie repozytorium dokumentacji SZJ (qms init)")
        count = sum(1 for p in office.rglob("*") if p.is_file() and ".git" not in p.parts)
        if target.exists():
            target.rmdir()
        office.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return InitResult(target, commit, count)


def _fill_profile(config: Path, kind: str | None, name: str | None) -> None:
    if kind is None and name is None:
        return
    data = load_rt(config.read_text(encoding="utf-8"))
    office = data["office"]
    if kind is not None:
        office["kind"] = kind
    if name is not None:
        office["name"] = name
    if kind is not None or name is not None:
        title, genitive = head_titles(str(office["kind"]), str(office["name"]))
        office["head_title"] = title
        office["head_title_genitive"] = genitive
    write_atomic(config, dump_rt(data))
