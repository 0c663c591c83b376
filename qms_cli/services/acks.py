"""``qms ack import FILE`` and ``qms ack status``: who has read the edition in force of each
document. Acknowledgements are kept in ``records/acks/<document>.yaml`` (person id, edition,
date), never published.

An import checks every row before anything is written: a row that does not fit (unknown
person or document, an edition the register does not know, a bad or future date) stops it,
and every such row is listed by its line. A person who acknowledged the same edition twice
keeps the first date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qms_cli.errors import QmsError
from qms_cli.io import clock, yamlfast
from qms_cli.io.records import (
    append_to_last_list,
    create_file,
    flow_item,
    load_yaml_rt,
    new_map,
    new_seq,
    read_optional,
    save_yaml_rt,
)
from qms_cli.io.surveycsv import ENCODING_PL, read_table
from qms_cli.model import acks as K
from qms_cli.model.register import Register
from qms_cli.model.repository import Repository
from qms_cli.model.signers import Signer
from qms_cli.services.approval.signed_record import commit_record
from qms_cli.services.loading import register_of
from qms_cli.services.lookup import no_such_documents
from qms_cli.services.workspace import Workspace

MAX_LISTED = 30
COLUMNS = {
    "person": ("osoba", "pracownik", "person", "identyfikator osoby", "id osoby"),
    "document": ("dokument", "document", "symbol", "id dokumentu"),
    "edition": ("wydanie", "edition", "nr wydania", "numer wydania"),
    "date": ("data", "date", "data zapoznania", "data zapoznania się"),
}
COLUMN_PL = {"person": "osoba", "document": "dokument", "edition": "wydanie", "date": "data"}
HEADER = (
    "# yaml-language-server: $schema=../../.qms/schemas/acks.schema.json\n"
    "# Potwierdzenia zapoznania się z wydaniami dokumentu (ISO 9001, pkt 7.3 i 7.5.3).\n"
    "# Tylko identyfikator osoby, wydanie i data; wpisy dodaje „qms ack import”.\n"
    "# Zapis wewnętrzny: nigdy nie jest publikowany.\n"
)
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


@dataclass(frozen=True)
class BadRow:
    line: int
    reason: str


@dataclass
class ImportResult:
    source: str
    encoding: str
    rows: int
    added: int = 0
    repeated: int = 0  # already recorded (same person and edition)
    files: list[str] = field(default_factory=list)


def _column_map(headers: list[str], name: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = " ".join(header.lower().split())
        for column, names in COLUMNS.items():
            if key in names and column not in found:
                found[column] = index
    absent = [COLUMN_PL[c] for c in COLUMNS if c not in found]
    if absent:
        raise QmsError(
            f"{name}: brak kolumn: {', '.join(absent)}",
            hint="Nagłówek pliku: osoba, dokument, wydanie, data (np. P-0042;P-01;2;2027-01-12).",
        )
    return found


def parse_day(text: str) -> dt.date | None:
    """``2027-01-12`` or ``12.01.2027`` (what Excel writes on a Polish Windows)."""
    value = text.strip()
    match = _DOTTED.fullmatch(value)
    try:
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _editions(register: Register) -> dict[str, set[int]]:
    known: dict[str, set[int]] = {}
    for entry in register.documents:
        known.setdefault(entry.id, set()).update(
            {entry.edition, *(s.edition for s in entry.superseded)}
        )
    for gone in register.withdrawn:
        known.setdefault(gone.id, set()).add(gone.edition)
    return known


def _check_row(
    cells: list[str],
    columns: dict[str, int],
    repo: Repository,
    staff: dict[str, K.Person],
    editions: dict[str, set[int]],
    today: dt.date,
) -> K.Ack | str:
    def cell(name: str) -> str:
        index = columns[name]
        return cells[index].strip() if index < len(cells) else ""

    person, document, edition_text, day_text = (cell(c) for c in COLUMNS)
    problems = []
    if person not in staff:
        problems.append(f"osoby „{person}” nie ma w org/people.yaml" if person else "brak osoby")
    if document not in repo.docs_by_id:
        problems.append(f"nie ma dokumentu „{document}”" if document else "brak dokumentu")
    edition = int(edition_text) if edition_text.isdigit() else None
    if edition is None:
        problems.append(f"wydanie „{edition_text}” nie jest numerem")
    elif document in repo.docs_by_id and edition not in editions.get(document, set()):
        known = ", ".join(map(str, sorted(editions.get(document, set())))) or "żadnych"
        problems.append(f"{document} nie ma wydania {edition} (wydania w register.yaml: {known})")
    day = parse_day(day_text)
    if day is None:
        problems.append(f"data „{day_text}” nie jest datą RRRR-MM-DD ani DD.MM.RRRR")
    elif day > today:
        problems.append(f"data {day} jest w przyszłości")
    if problems or edition is None or day is None:
        return "; ".join(problems)
    return K.Ack(person, document, edition, day)


def import_acks(
    target: Path | Workspace, source: Path, today: dt.date | None = None
) -> ImportResult:
    ws = Workspace.of(target)
    repo, root = ws.repo, ws.root
    day = today or clock.today()
    table = read_table(source, nothing="żadnego potwierdzenia")
    columns = _column_map(table.headers, source.name)
    staff = K.people(repo)
    if not staff:
        raise QmsError(
            "brak pracowników w org/people.yaml — nie wiadomo, czyje potwierdzenia wczytać",
            hint="Dopisz osoby i ich stanowiska do org/people.yaml (zob. docs/ack.md).",
        )
    editions = _editions(register_of(repo))
    found: list[K.Ack] = []
    bad: list[BadRow] = []
    for line, cells in table.rows:
        checked = _check_row(cells, columns, repo, staff, editions, day)
        if isinstance(checked, str):
            bad.append(BadRow(line, checked))
        else:
            found.append(checked)
    if bad:
        listed = "\n".join(f"  {source.name}:{b.line}: {b.reason}" for b in bad[:MAX_LISTED])
        more = f"\n  … i {len(bad) - MAX_LISTED} więcej" if len(bad) > MAX_LISTED else ""
        raise QmsError(
            f"{source.name}: błędnych wierszy: {len(bad)} — nic nie zapisano:\n{listed}{more}",
            hint="Popraw wiersze w pliku i wczytaj go ponownie.",
        )
    result = ImportResult(source.name, ENCODING_PL.get(table.encoding, table.encoding), len(found))
    by_doc: dict[str, list[K.Ack]] = {}
    for ack in found:
        by_doc.setdefault(ack.document, []).append(ack)
    for document, items in sorted(by_doc.items()):
        added = _write(repo, root, document, items)
        result.added += added
        result.repeated += len(items) - added
        if added:
            result.files.append(f"{K.ACKS_DIR}/{document}.yaml")
    return result


def _write(repo: Repository, root: Path, document: str, items: list[K.Ack]) -> int:
    """Add the acknowledgements not yet recorded; a long file is appended to, not rewritten.
    What is recorded already comes from the workspace (parsed once, when it was opened)."""
    rel = f"{K.ACKS_DIR}/{document}.yaml"
    path = root / rel
    text = read_optional(path, rel)
    known = repo.files.get(rel)
    data: Any = known.data if known is not None and known.ok else None
    if text is not None and data is None:
        try:
            data = yamlfast.load(text)
        except yamlfast.YamlProblem as exc:
            raise QmsError(
                f"{exc.message} — popraw plik (qms check)", path=rel, line=exc.line
            ) from None
    entries = data.get("acks") if isinstance(data, dict) else None
    seen = {
        (str(e.get("person")), e.get("edition"))
        for e in (entries if isinstance(entries, list) else [])
        if isinstance(e, dict)
    }
    new: list[K.Ack] = []
    for ack in sorted(items, key=lambda a: (a.date, a.person)):
        if (ack.person, ack.edition) not in seen:
            seen.add((ack.person, ack.edition))
            new.append(ack)
    if not new:
        return 0
    lines = [flow_item({"person": a.person, "edition": a.edition, "date": a.date}) for a in new]
    if text is None:
        create_file(path, HEADER + f"document: {document}\nacks:\n" + "".join(lines))
    elif not append_to_last_list(path, rel, "acks", lines):
        _edit(path, rel, document, new)
    return len(new)


def _edit(path: Path, rel: str, document: str, new: list[K.Ack]) -> None:
    """A file laid out otherwise (``acks`` not last, or empty): edited round trip."""
    data: Any = load_yaml_rt(path, rel)
    if not isinstance(data, dict):
        data = new_map([("document", document)])
    if not isinstance(data.get("acks"), list):
        data["acks"] = new_seq()
    for ack in new:
        data["acks"].append(
            new_map(
                [("person", ack.person), ("edition", ack.edition), ("date", ack.date)], flow=True
            )
        )
    save_yaml_rt(path, data)


@dataclass(frozen=True)
class Status:
    today: dt.date
    period: int
    missing: list[K.Missing]
    in_force: int  # editions in force that concern somebody
    people: int

    @property
    def overdue(self) -> list[K.Missing]:
        return [m for m in self.missing if m.overdue]


def ack_status(
    target: Path | Workspace,
    doc_id: str | None = None,
    unit: str | None = None,
    person: str | None = None,
    today: dt.date | None = None,
) -> Status:
    ws = Workspace.of(target)
    repo = ws.repo
    day = today or clock.today()
    staff = K.people(repo)
    if doc_id is not None and doc_id not in repo.docs_by_id:
        raise no_such_documents(repo, [doc_id])
    if unit is not None and unit not in repo.unit_ids:
        raise QmsError(
            f"nie ma komórki „{unit}” w org/structure.yaml",
            hint="Komórki: " + ", ".join(sorted(repo.unit_ids)),
        )
    if person is not None and person not in staff:
        raise QmsError(f"osoby „{person}” nie ma w org/people.yaml")
    entries = [e for e in register_of(repo).documents if doc_id is None or e.id == doc_id]
    found = K.missing(repo, entries, day)
    if unit is not None:
        found = [m for m in found if unit in staff[m.person].units]
    if person is not None:
        found = [m for m in found if m.person == person]
    return Status(day, K.period_days(repo.config), found, len(entries), len(staff))


def _add(repo: Repository, root: Path, document: str, items: list[K.Ack]) -> None:
    _write(repo, root, document, items)


@dataclass(frozen=True)
class Recorded:
    document: str
    edition: int
    date: dt.date
    added: int
    commit: str
    signer: str


def record_acks(
    target: Path | Workspace,
    doc_id: str,
    people_ids: list[str],
    trust_root: str | None = None,
    today: dt.date | None = None,
) -> Recorded:
    """The head of a unit confirms that people of the unit have read the edition in force:
    their acknowledgements in one signed commit (``signed_record``)."""
    ws = Workspace.of(target)
    repo = ws.repo
    if doc_id not in repo.docs_by_id:
        raise no_such_documents(repo, [doc_id])
    entry = register_of(repo).entry(doc_id)
    if entry is None:
        raise QmsError(
            f"{doc_id} nie ma obowiązującego wydania w register.yaml — nie ma czego potwierdzać",
            hint="Wydanie ustala qms release.",
        )
    staff = K.people(repo)
    wanted = list(dict.fromkeys(people_ids))
    unknown = [p for p in wanted if p not in staff]
    if not wanted or unknown:
        raise QmsError(
            f"osób {', '.join(unknown)} nie ma w org/people.yaml"
            if unknown
            else "podaj osoby: --people P-0042,P-0043"
        )
    done = {(a.person, a.edition) for a in K.acks(repo) if a.document == doc_id}
    new = [p for p in wanted if (p, entry.edition) not in done]
    if not new:
        raise QmsError(
            f"nic do zapisania: te osoby potwierdziły już wydanie {entry.edition} {doc_id}"
        )
    day = today or clock.today()
    heads = {str(u["id"]): u.get("head") for _, _, u in repo.items("structure", "units")}

    def may_sign(signer: Signer) -> str | None:
        led = {unit for unit, head in heads.items() if head == signer.position}
        if not led:
            return f"{signer.name} nie kieruje żadną komórką — potwierdzenia zapisuje jej kierownik"
        outside = [p for p in new if not staff[p].units & led]
        if outside:
            return (
                f"{', '.join(outside)} nie pracuje w komórce, którą kieruje {signer.name} "
                f"({', '.join(sorted(led))})"
            )
        return None

    items = [K.Ack(p, doc_id, entry.edition, day) for p in new]
    message = (
        f"{doc_id}: zapoznanie się z wydaniem {entry.edition}\n\n"
        f"Potwierdzenia osób: {', '.join(new)} ({day.isoformat()}).\n\n"
        f"QMS-Ack: {doc_id}/{entry.edition}\n"
    )
    committed = commit_record(
        ws,
        f"{K.ACKS_DIR}/{doc_id}.yaml",
        lambda path, signer: _add(repo, ws.root, doc_id, items),
        message,
        may_sign,
        day,
        trust_root,
    )
    return Recorded(
        doc_id, entry.edition, day, len(new), committed.commit, str(committed.signer.name)
    )
