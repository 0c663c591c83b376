"""``qms survey import FILE --channel paper|online``: questionnaires into the repository.

All rows are checked before anything is written. A bad row (unreadable date, unknown unit, an
answer outside 1–5) stops the import with every such row listed by its line, unless
``skip_bad`` is given; then the bad rows are left out and listed in ``imports.yaml``. An
invalid questionnaire (fewer than half of the questions answered, P-06) is left out and
counted. The same file (same bytes) is never imported twice.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import clock
from qms_cli.io.records import create_file, load_yaml_rt, new_map, new_seq, save_yaml_rt
from qms_cli.io.surveycsv import (
    DELIMITER_PL,
    ENCODING_PL,
    canonical_text,
    list_canonical,
    read_table,
)
from qms_cli.model.repository import Repository
from qms_cli.model.surveys import CHANNELS, Checked, Response, RowProblem, check_rows, map_headers
from qms_cli.services.loading import load_repository
from qms_cli.services.survey.data import IMPORTS, lookup, survey_config, year_folder

MAX_LISTED = 30  # bad rows shown in one error message
IMPORTS_HEADER = (
    "# yaml-language-server: $schema=../../../.qms/schemas/survey-imports.schema.json\n"
    "# Wczytane wyniki ankiet F-05 (procedura P-06). Wpisy dodaje „qms survey import”;\n"
    "# sha256 – skrót pliku źródłowego (ten sam plik nie zostanie wczytany drugi raz).\n"
)
_FILE_RE = re.compile(r"ankiety-(\d{3,})\.csv")


@dataclass(frozen=True)
class Written:
    year: int
    path: str
    responses: int


@dataclass
class ImportResult:
    source: str
    channel: str
    encoding: str
    delimiter: str
    written: list[Written] = field(default_factory=list)
    skipped: list[RowProblem] = field(default_factory=list)
    invalid: list[RowProblem] = field(default_factory=list)

    @property
    def responses(self) -> int:
        return sum(w.responses for w in self.written)

    def describe_format(self) -> str:
        return f"{ENCODING_PL[self.encoding]}, separator: {DELIMITER_PL[self.delimiter]}"


def _already_imported(repo: Repository, digest: str) -> str | None:
    for source, _, entry in repo.items("survey-imports", "imports"):
        if entry.get("sha256") == digest:
            folder = source.path.rsplit("/", 1)[0]
            return f"{folder}/{entry.get('file')} ({entry.get('imported')})"
    return None


def _bad_rows_error(name: str, problems: list[RowProblem]) -> QmsError:
    lines = [f"  wiersz {p.line}: {p.message}" for p in problems[:MAX_LISTED]]
    if len(problems) > MAX_LISTED:
        lines.append(f"  … i {len(problems) - MAX_LISTED} kolejnych")
    return QmsError(
        f"{name}: błędne wiersze: {len(problems)} — niczego nie zapisano\n" + "\n".join(lines),
        hint="Popraw plik i wczytaj go ponownie albo pomiń błędne wiersze opcją --skip-bad.",
    )


def import_survey(
    path: Path,
    file: Path,
    channel: str,
    *,
    skip_bad: bool = False,
    today: dt.date | None = None,
) -> ImportResult:
    today = today or clock.today()
    if channel not in CHANNELS:
        raise QmsError(f"nieznany kanał „{channel}”", hint="Dozwolone: paper, online.")
    loaded = load_repository(path)
    repo, root = loaded.repo, loaded.root
    table = read_table(file)
    digest = table.sha256
    previous = _already_imported(repo, digest)
    if previous is not None:
        raise QmsError(
            f"{file.name}: ten plik został już wczytany jako {previous}",
            hint="Ten sam plik wczytany dwa razy podwoiłby wyniki; niczego nie zapisano.",
        )
    config = survey_config(repo)
    mapping, missing = map_headers(table.headers, config)
    if missing:
        raise QmsError(
            f"{file.name}: brak kolumn: " + "; ".join(missing),
            hint="Nagłówki w pliku: "
            + ", ".join(f"„{h}”" for h in table.headers)
            + ". Nazwy kolumn ustawia się w qms.yaml (sekcja surveys.columns i "
            "surveys.questions).",
        )
    checked = check_rows(table.rows, mapping, config, lookup(repo), channel, today)
    if checked.problems and not skip_bad:
        raise _bad_rows_error(file.name, checked.problems)
    if not checked.responses:
        raise QmsError(
            f"{file.name}: żadna ankieta nie nadaje się do wczytania — niczego nie zapisano"
        )
    result = ImportResult(file.name, channel, table.encoding, table.delimiter)
    result.skipped, result.invalid = checked.problems, checked.invalid
    questions = [q.id for q in config.questions]
    for year, responses in _by_year(checked).items():
        rel = _next_file(root, year)
        create_file(root / rel, canonical_text(responses, questions))
        _record_import(root, year, rel, result, digest, today, responses)
        result.written.append(Written(year, rel, len(responses)))
    return result


def _by_year(checked: Checked) -> dict[int, list[Response]]:
    years: dict[int, list[Response]] = {}
    for response in sorted(checked.responses, key=lambda r: r.date):
        years.setdefault(response.date.year, []).append(response)
    return years


def _next_file(root: Path, year: int) -> str:
    numbers = [
        int(m.group(1))
        for p in list_canonical(root / year_folder(year))
        if (m := _FILE_RE.fullmatch(p.name))
    ]
    return f"{year_folder(year)}/ankiety-{max(numbers, default=0) + 1:03d}.csv"


def _record_import(
    root: Path,
    year: int,
    rel: str,
    result: ImportResult,
    digest: str,
    today: dt.date,
    responses: list[Response],
) -> None:
    imports_rel = f"{year_folder(year)}/{IMPORTS}"
    data: Any = load_yaml_rt(root / imports_rel, imports_rel)
    header = ""
    if data is None:
        data, header = new_map(), IMPORTS_HEADER
    if not isinstance(data.get("imports"), list):
        data["imports"] = new_seq()
    entry = new_map()
    entry["file"] = rel.rsplit("/", 1)[1]
    entry["source"] = result.source
    entry["sha256"] = digest
    entry["channel"] = result.channel
    entry["imported"] = today
    entry["responses"] = len(responses)
    entry["invalid"] = len(result.invalid) if not result.written else 0
    skipped = new_seq()
    if not result.written:  # bad and invalid rows are listed once, with the first year
        for problem in result.skipped:
            skipped.append(
                new_map([("line", problem.line), ("reason", problem.message)], flow=True)
            )
    entry["skipped"] = skipped
    data["imports"].append(entry)
    save_yaml_rt(root / imports_rel, data, header=header)
