"""Survey CSV files: the exports people bring (Excel, online forms) and the canonical files
qms keeps in ``records/surveys/<year>/``.

An export may be UTF-8 (with or without a byte order mark) or Windows-1250 (what Excel writes
on a Polish Windows), separated by commas or semicolons. A canonical file is always UTF-8
without BOM, comma separated, LF line ends, with the header
``date,channel,unit,service,<question ids…>,remarks``.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.model.surveys import CHANNELS, Response, parse_answer, parse_day

CANONICAL_HEAD = ("date", "channel", "unit", "service")
ENCODING_PL = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 z BOM", "cp1250": "Windows-1250"}
DELIMITER_PL = {",": "przecinek", ";": "średnik", "\t": "tabulator"}


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (line in the file where the row starts, cells)
    encoding: str
    delimiter: str
    sha256: str  # of the file's bytes: the same export is never imported twice


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """The text and the encoding: strict UTF-8 first (BOM allowed), else Windows-1250."""
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _encoding_error(name, raw, exc.start + 3) from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1250"), "cp1250"
    except UnicodeDecodeError as exc:
        raise _encoding_error(name, raw, exc.start) from None


def _encoding_error(name: str, raw: bytes, offset: int) -> QmsError:
    line = raw.count(b"\n", 0, offset) + 1
    return QmsError(
        f"{name}: wiersz {line}: nieznane kodowanie znaków (ani UTF-8, ani Windows-1250)",
        hint="Zapisz plik w Excelu jako „CSV UTF-8 (rozdzielany przecinkami)”.",
    )


def sniff(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the header line into most columns,
    checked against the next lines."""
    lines = [line for line in text.splitlines() if line.strip()][:20]
    if not lines:
        return ","
    best, best_score = ",", 0
    for delimiter in (";", ",", "\t"):
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        if counts[0] < 2:
            continue
        score = counts[0] * 10 + sum(c == counts[0] for c in counts)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_table(path: Path, display: str | None = None, nothing: str = "żadnej ankiety") -> Table:
    """Read an export (any CSV with a header line, also ``qms ack import``'s); an empty file or
    a file without data rows is a QmsError (``nothing``: what the file lacks, in Polish)."""
    name = display or path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise QmsError(f"nie ma pliku {path}") from None
    except OSError as exc:
        raise QmsError(f"nie można odczytać pliku {path}: {exc.strerror}") from None
    text, encoding = decode(raw, name)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise QmsError(f"{name}: plik jest pusty", hint="Wyeksportuj ankiety ponownie.")
    delimiter = sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if headers is None:
                headers = [c.strip() for c in cells]
            else:
                rows.append((start, cells))
    except csv.Error as exc:
        raise QmsError(f"{name}: wiersz {reader.line_num}: błąd formatu CSV ({exc})") from None
    if headers is None or not rows:
        raise QmsError(
            f"{name}: plik nie zawiera {nothing} (są tylko nagłówki albo nic)",
            hint="Sprawdź, czy wyeksportowano właściwy arkusz.",
        )
    return Table(headers, rows, encoding, delimiter, hashlib.sha256(raw).hexdigest())


def canonical_text(responses: Sequence[Response], questions: Sequence[str]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*CANONICAL_HEAD, *questions, "remarks"])
    for r in responses:
        answers = [str(r.answers[q]) if q in r.answers else "" for q in questions]
        writer.writerow([r.date.isoformat(), r.channel, r.unit, r.service, *answers, r.remarks])
    return buffer.getvalue()


def read_canonical(path: Path, rel: str) -> list[Response]:
    """Responses of a canonical file; anything that does not fit is a QmsError with the line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise QmsError(f"{rel}: nie można odczytać pliku ({exc})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or tuple(header[:4]) != CANONICAL_HEAD or header[-1] != "remarks":
        raise QmsError(
            f"{rel}: to nie jest plik wyników ankiet zapisany przez qms",
            hint="Nagłówek: date,channel,unit,service,<pytania>,remarks. "
            "Pliki z ankietami wczytuje się poleceniem „qms survey import”.",
        )
    questions = header[4:-1]
    out = []
    for cells in reader:
        if not any(cells):
            continue
        out.append(_canonical_row(cells, questions, rel, reader.line_num))
    return out


def _canonical_row(cells: list[str], questions: list[str], rel: str, line: int) -> Response:
    if len(cells) != len(questions) + 5:
        raise QmsError(f"{rel}:{line}: zła liczba kolumn")
    day = parse_day(cells[0])
    if day is None or cells[1] not in CHANNELS:
        raise QmsError(f"{rel}:{line}: zła data albo kanał ankiety")
    answers = {}
    for qid, value in zip(questions, cells[4:-1], strict=True):
        parsed = parse_answer(value)
        if isinstance(parsed, str):
            raise QmsError(f"{rel}:{line}: odpowiedź {parsed}")
        if parsed is not None:
            answers[qid] = parsed
    return Response(day, cells[1], cells[2], cells[3], answers, cells[-1])


def list_canonical(folder: Path) -> list[Path]:
    """The canonical files of one year folder, in name order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.csv") if p.is_file())
