"""``qms audit pack``: what a certification body asks for before an audit, in one folder and
one zip: the scope and exclusions, the Policy, the objectives and their status, the audit
programme with the reports of its audits, corrective actions, the register of nonconforming
outputs, the last management review, the register of documents in force, the trainings and
the supplier evaluations; an index of all of it as Markdown and as a PDF in the office's layout
(``record_pdf``, dated by HEAD: the same repository gives the same zip).

Invariant: the pack holds no personal data. Only records that carry none by design go in
whole (the programme, audit reports, corrective-action and 8.7 cards, the review, the
register); complaints, surveys and acknowledgements appear as counts only; every file that
goes in is a file of the repository in the places listed here — nothing else is read.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.io.atomic import write_atomic
from qms_cli.io.outdir import MARKER, replace_folder
from qms_cli.model import record_views
from qms_cli.model.objectives import assess
from qms_cli.model.register import Register
from qms_cli.services.documents.render_pdf import record_pdf
from qms_cli.services.loading import register_of
from qms_cli.services.workspace import Workspace

INDEX = "00-spis.md"
INDEX_PDF = "00-spis.pdf"


@dataclass
class Pack:
    year: int
    files: dict[str, bytes] = field(default_factory=dict)
    index: list[str] = field(default_factory=list)

    def add(self, name: str, data: bytes | str, what: str) -> None:
        self.files[name] = data.encode("utf-8") if isinstance(data, str) else data
        self.index.append(f"- `{name}` — {what}")


def audit_pack(ws: Workspace, year: int, out: Path, today: dt.date) -> Path:
    """Write the pack into ``out`` (replaced whole) and ``out`` + ``.zip``; return the zip."""
    pack = Pack(year)
    _scope(ws, pack)
    _copy(ws, pack, "documents/policy", "02-polityka", "Polityka Jakości (tekst źródłowy)")
    _objectives(ws, pack, today)
    _audits(ws, pack)
    _copy(ws, pack, "records/capa", "05-dzialania-korygujace", "karta działań korygujących")
    _copy(ws, pack, "records/nc", "06-niezgodnosci", "wpis rejestru niezgodności (8.7)")
    _copy(
        ws, pack, "records/trainings", "10-szkolenia", "szkolenie: plan, dowód, skuteczność (7.2)"
    )
    _copy(ws, pack, "records/suppliers", "11-dostawcy", "karta oceny dostawcy F-06 (8.4)")
    _review(ws, pack)
    _register(register_of(ws.repo), pack)
    _counts(ws, pack)
    office = ws.repo.config.get("office")
    name = office.get("name") if isinstance(office, dict) else ""
    head = [
        f"# Pakiet dla jednostki certyfikującej — {name or 'urząd'}, rok {year}",
        "",
        f"Przygotowano {today.isoformat()} poleceniem `qms audit pack`. Pakiet nie zawiera danych "
        "osobowych: skargi, ankiety i potwierdzenia zapoznania się z dokumentami są w nim "
        f"tylko policzone. Ten spis w układzie dokumentów urzędu: `{INDEX_PDF}`.",
        "",
    ]
    pack.files[INDEX] = ("\n".join([*head, *pack.index]) + "\n").encode("utf-8")
    pack.files[INDEX_PDF] = record_pdf(  # the same list in the office's layout
        ws.root,
        "\n".join([*head[2:], *pack.index]) + "\n",
        title=f"Pakiet dla jednostki certyfikującej {year}",
        record_id=f"Pakiet {year}",
        date=today,
    )
    archive = out.with_name(out.name + ".zip")
    if archive.exists() and not (out / MARKER).exists():  # a zip qms did not write beside it
        raise QmsError(
            f"plik {archive} już istnieje i nie jest pakietem qms — niczego nie zapisano"
        )
    replace_folder(out, dict(sorted(pack.files.items())), "qms audit pack\n")
    write_atomic(archive, _zip(pack.files))
    return archive


def _zip(files: dict[str, bytes]) -> bytes:
    """The same files in the same order with a fixed date: the same pack, the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _read(ws: Workspace, rel: str) -> bytes:
    return (ws.root / rel).read_bytes()


def _copy(ws: Workspace, pack: Pack, folder: str, target: str, what: str) -> None:
    sources = sorted(f for f in ws.repo.files if f.startswith(folder + "/"))
    for rel in sources:
        if rel.endswith(("README.md",)):
            continue
        pack.add(f"{target}/{rel.rsplit('/', 1)[1]}", _read(ws, rel), what)


def _scope(ws: Workspace, pack: Pack) -> None:
    context = ws.repo.single("context")
    if context is None:
        raise QmsError(
            "brak analizy kontekstu (records/context.yaml): pakiet zaczyna się od zakresu"
        )
    pack.add(
        "01-zakres-i-kontekst.yaml",
        _read(ws, context.path),
        "zakres systemu, wyłączenia, kontekst (4.1–4.3)",
    )


def _objectives(ws: Workspace, pack: Pack, today: dt.date) -> None:
    rel = f"records/objectives/{pack.year}.yaml"
    source = ws.repo.files.get(rel)
    if source is None:
        return
    lines = [
        "| Cel | Wskaźnik | Cel liczbowy | Stan | Dlaczego |",
        "| --- | --- | --- | --- | --- |",
    ]
    for objective in record_views.objectives_by_file(ws.repo).get(rel, []):
        found = assess(objective, today)
        target = (
            f"{'≥' if objective.direction == 'min' else '≤'} {objective.target:g} {objective.unit}"
        )
        status = found.status.label_pl
        lines.append(f"| {objective.id} | {objective.kpi} | {target} | {status} | {found.reason} |")
    pack.add("03-cele-jakosci.md", "\n".join(lines) + "\n", "cele jakości i ich stan (6.2)")
    pack.add(f"03-cele-jakosci-{pack.year}.yaml", _read(ws, rel), "cele jakości z pomiarami")


def _audits(ws: Workspace, pack: Pack) -> None:
    programme = f"records/audits/programme-{pack.year}.yaml"
    if programme in ws.repo.files:
        pack.add("04-audity/program.yaml", _read(ws, programme), "program auditów (9.2)")
    prefix = f"records/audits/AW-{pack.year}-"
    for rel in sorted(f for f in ws.repo.files if f.startswith(prefix)):
        audit, name = rel.split("/")[2], rel.rsplit("/", 1)[1]
        if name.startswith(("plan.", "report.", "findings.")):
            pack.add(f"04-audity/{audit}/{name}", _read(ws, rel), f"audit {audit}")
    for rel in sorted(f for f in ws.repo.files if f.startswith("records/audits/external/")):
        if rel.rsplit("/", 1)[1].startswith(str(pack.year)):
            pack.add(
                f"04-audity/zewnetrzne/{rel.rsplit('/', 1)[1]}", _read(ws, rel), "audit zewnętrzny"
            )


def _review(ws: Workspace, pack: Pack) -> None:
    reviews = sorted(f for f in ws.repo.files if f.startswith("records/reviews/PZ-"))
    if reviews:
        last = reviews[-1]
        pack.add(
            f"07-przeglad/{last.rsplit('/', 1)[1]}",
            _read(ws, last),
            "ostatni przegląd zarządzania (9.3)",
        )


def _register(register: Register, pack: Pack) -> None:
    lines = ["| Dokument | Tytuł | Wydanie | Obowiązuje od |", "| --- | --- | --- | --- |"]
    lines += [f"| {e.id} | {e.title} | {e.edition} | {e.in_force} |" for e in register.documents]
    pack.add(
        "08-wykaz-dokumentow.md", "\n".join(lines) + "\n", "wykaz dokumentów obowiązujących (7.5)"
    )


def _counts(ws: Workspace, pack: Pack) -> None:
    """Records about people, as numbers only."""
    year = str(pack.year)
    registered = [
        c for c in record_views.complaints(ws.repo) if c.path.rsplit("/", 1)[1][3:7] == year
    ]
    acks = sum(
        len(s.data.get("acks") or []) if isinstance(s.data, dict) else 0
        for s in ws.repo.of_kind("acks")
    )
    lines = [
        f"- skargi i wnioski zarejestrowane w {year} r.: {len(registered)}",
        f"- potwierdzenia zapoznania się z dokumentami (wszystkie): {acks}",
    ]
    pack.add(
        "09-liczby.md", "\n".join(lines) + "\n", "skargi, wnioski i potwierdzenia — tylko liczby"
    )
