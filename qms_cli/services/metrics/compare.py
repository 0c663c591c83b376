"""``qms compare``: many offices' metrics files, each verified against the coordinator's list
of offices and keys before a single figure is read. Refused (QmsError, exit 3): a file
without a signature, a signature by a key not on the list, a file changed after signing,
a malformed file, one office twice, mixed schema versions, mixed years."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io.offices_file import load_offices
from qms_cli.io.schemas import schema_errors
from qms_cli.model import metrics as M
from qms_cli.services.metrics.files import signature_path
from qms_cli.vcs import sshsig

SCHEMA_FILE = f"metrics-{M.SCHEMA_VERSION}.json"
MAX_FILE = 1_000_000  # a metrics file is a few kilobytes
OFFICES_HINT = "Format listy urzędów opisuje docs/metrics.md („Lista urzędów”)."


@dataclass(frozen=True)
class Comparison:
    year: int
    schema_version: int
    entries: list[M.Entry]  # sorted by office id
    offices: list[M.Office]

    def distributions(self) -> list[M.Distribution]:
        return [M.distribution(i, self.entries) for i in M.INDICATORS]


def read_offices(path: Path) -> list[M.Office]:
    try:
        return M.parse_offices(load_offices(path))
    except ValueError as exc:
        raise QmsError(str(exc), hint=OFFICES_HINT, path=str(path)) from None


def metrics_files(targets: Sequence[Path]) -> list[Path]:
    """The ``*.json`` files given, and those inside the folders given (at any depth)."""
    found: list[Path] = []
    for target in targets:
        if target.is_dir():
            found.extend(sorted(p for p in target.rglob("*.json") if p.is_file()))
        elif target.is_file():
            found.append(target)
        else:
            raise QmsError(f"nie ma pliku ani folderu {target}")
    if not found:
        raise QmsError("nie wskazano żadnego pliku wskaźników (*.json)")
    return found


def compare(targets: Sequence[Path], offices_file: Path) -> Comparison:
    offices = read_offices(offices_file)
    by_key = {o.fingerprint: o for o in offices}
    entries = list(_verified(metrics_files(targets), by_key))
    _one_each(entries)
    version = _same(entries, "schema_version", "wersje schematu")
    if version != M.SCHEMA_VERSION:
        raise QmsError(
            f"nieobsługiwana wersja schematu pliku wskaźników: {version} "
            f"(ta wersja qms czyta wersję {M.SCHEMA_VERSION})",
            hint="Zaktualizuj qms albo poproś urzędy o pliki z tej samej wersji qms.",
        )
    for entry in entries:
        _valid(entry)
    year = _same(entries, "year", "lata")
    return Comparison(year, version, sorted(entries, key=lambda e: e.office_id), offices)


def _verified(files: Iterable[Path], by_key: dict[str, M.Office]) -> Iterator[M.Entry]:
    for path in files:
        payload = _read(path, MAX_FILE)
        office = _signed_by(path, payload, by_key)
        yield M.Entry(office.id, office.name, str(path), _parsed(path, payload))


def _read(path: Path, limit: int) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise QmsError(
            f"{path}: brak pliku",
            hint="Podpis leży obok pliku wskaźników: metrics-RRRR.json.sig (qms metrics --sign).",
        ) from None
    except OSError as exc:
        raise QmsError(f"{path}: nie można odczytać pliku ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise QmsError(f"{path}: plik jest większy niż {limit // 1000} kB — to nie plik qms")
    return data


def _signed_by(path: Path, payload: bytes, by_key: dict[str, M.Office]) -> M.Office:
    sig_file = signature_path(path)
    try:
        signature = sshsig.parse_armored(_read(sig_file, 64_000).decode("ascii", "replace"))
    except sshsig.SshSigError as exc:
        raise QmsError(f"{sig_file}: to nie jest podpis SSH ({exc})") from None
    office = by_key.get(signature.fingerprint)
    if office is None:
        raise QmsError(
            f"{path}: podpisany kluczem {signature.fingerprint}, którego nie ma na liście urzędów "
            "— plik odrzucony",
            hint="Dopisz urząd z jego kluczem publicznym do listy albo usuń plik z porównania.",
        )
    try:
        valid = sshsig.verify(signature, payload, namespace=M.NAMESPACE)
    except sshsig.UnsupportedKey as exc:
        raise QmsError(f"{sig_file}: nieobsługiwany rodzaj klucza {exc}") from None
    if not valid:
        raise QmsError(
            f"{path}: podpis urzędu {office.id} nie zgadza się z treścią — plik zmieniono po "
            "podpisaniu albo podpis dotyczy innego pliku; plik odrzucony",
            hint="Poproś urząd o plik prosto z qms metrics --sign.",
        )
    return office


def _parsed(path: Path, payload: bytes) -> dict[str, Any]:
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise QmsError(f"{path}: podpisany plik nie jest poprawnym JSON ({exc})") from None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("schema_version"), int)
        or not isinstance(data.get("year"), int)
        or not isinstance(data.get("indicators"), dict)
    ):
        raise QmsError(
            f"{path}: to nie jest plik qms metrics (brak schema_version, year lub indicators)"
        )
    return data


def _valid(entry: M.Entry) -> None:
    for error in schema_errors("metrics", entry.data, SCHEMA_FILE):
        where = "/".join(str(p) for p in error.pointer) or "(cały plik)"
        raise QmsError(
            f"{entry.source}: plik niezgodny ze schematem {SCHEMA_FILE} ({where}: {error.message})"
        )


def _one_each(entries: Sequence[M.Entry]) -> None:
    seen: dict[str, str] = {}
    for entry in entries:
        if entry.office_id in seen:
            raise QmsError(
                f"urząd {entry.office_id} ma dwa pliki: {seen[entry.office_id]} i {entry.source}",
                hint="Zostaw jeden plik na urząd.",
            )
        seen[entry.office_id] = entry.source


def _same(entries: Sequence[M.Entry], field: str, what: str) -> int:
    values = {int(e.data[field]) for e in entries}
    if len(values) > 1:
        listed = "; ".join(
            f"{value}: " + _some([e.source for e in entries if e.data[field] == value])
            for value in sorted(values)
        )
        raise QmsError(
            f"pliki wskaźników mają różne {what} ({listed}) — porównanie niemożliwe",
            hint="Porównuje się pliki z jednego roku i jednej wersji schematu.",
        )
    return values.pop()


def _some(names: list[str], shown: int = 3) -> str:
    more = f" i {len(names) - shown} innych" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more
