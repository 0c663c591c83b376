"""``qms due``: one list of everything that falls due or is overdue; ``qms review-doc``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from qms_cli.cli.app import app, check_format, run, trust_root_param
from qms_cli.cli.errors import EXIT_FINDINGS, EXIT_OK
from qms_cli.cli.tables import print_table, say

FORMATS = ("text", "json", "ics")  # services.due.FORMATS, without importing it at start
COLUMNS = ["Termin", "Stan", "Co", "Odpowiada", "Plik"]


def _within(value: str) -> int:
    from qms_cli.services.due import parse_within

    try:
        return parse_within(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--within") from None


@app.command("due")
def due_command(
    within: str = typer.Option(
        "30d",
        "--within",
        metavar="OKRES",
        help="Horyzont: terminy przeterminowane i przypadające w tym okresie "
        "(np. 30d, 6w, 3m; domyślnie 30d).",
    ),
    output_format: str = typer.Option(
        "text", "--format", "-f", help="Format wyniku: text, json, ics (iCalendar)."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="PLIK", help="Zapisz wynik do pliku zamiast na ekran."
    ),
    strict: bool = typer.Option(
        False, "--strict", help="Zakończ kodem 1, gdy jest coś po terminie."
    ),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
    trust_root: str | None = trust_root_param(
        "Odcisk klucza kierownika urzędu (zatwierdzenia liczą się jako przeglądy "
        "dokumentów; także zmienna QMS_TRUST_ROOT).",
    ),
) -> None:
    """Pokaż terminy: przeglądy dokumentów, działania korygujące, ustalenia przeglądu
    zarządzania, audity, certyfikat, skargi i wnioski, deklarację dostępności i cele jakości."""
    check_format(output_format, FORMATS)
    days = _within(within)

    def body() -> int:
        from qms_cli.model.due import when_pl
        from qms_cli.services.due import as_ics, as_json, due_list, write_output
        from qms_cli.services.workspace import Workspace

        with Workspace.open(path) as ws:
            found = due_list(ws, days, trust_root=trust_root)
        code = EXIT_FINDINGS if strict and found.overdue else EXIT_OK
        if output_format != "text":
            text = as_json(found) if output_format == "json" else as_ics(found)
            if output is None:
                sys.stdout.write(text)
            else:
                write_output(output, text)
                say(f"Zapisano {output} (terminów: {len(found.items)}).")
            return code
        rows = [
            [i.due.isoformat(), when_pl(i, found.today), i.title, i.owner or "–", i.source]
            for i in found.items
        ]
        styles = ["overdue" if i.overdue(found.today) else None for i in found.items]
        if output is not None:  # tab-separated, for a spreadsheet
            lines = ["\t".join(row) for row in [COLUMNS, *rows]]
            write_output(output, "\n".join(lines) + "\n")
            say(f"Zapisano {output} (terminów: {len(found.items)}).")
            return code
        if not rows:
            say(f"Brak terminów do {found.days} dni od {found.today.isoformat()}.")
            return code
        print_table(
            f"Terminy na {found.today.isoformat()} (do {found.days} dni naprzód)",
            COLUMNS,
            rows,
            styles,
            wrap=(2, 4),
        )
        say(f"Terminów: {len(found.items)}, po terminie: {len(found.overdue)}.")
        return code

    run(body)


@app.command("review-doc")
def review_doc_command(
    doc_id: str = typer.Argument(..., metavar="ID", help="Dokument, np. P-03."),
    note: str | None = typer.Option(
        None, "--note", "-n", help="Co sprawdzono (np. zgodność z aktualnymi przepisami)."
    ),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
    trust_root: str | None = trust_root_param(
        "Odcisk klucza kierownika urzędu (także zmienna QMS_TRUST_ROOT).",
    ),
) -> None:
    """Zapisz przegląd okresowy dokumentu, który pozostaje bez zmian: wpis w
    records/doc-reviews.yaml w podpisanym commicie; okres przeglądu (qms due) liczy się od nowa."""

    def body() -> int:
        from qms_cli.services.approval.review_doc import review_document
        from qms_cli.services.workspace import Workspace

        with Workspace.open(path) as ws:
            done = review_document(ws, doc_id, note, trust_root)
        say(
            f"Zapisano przegląd {done.doc_id} z {done.date.isoformat()} (bez zmian): "
            f"{done.signer}, commit {done.commit[:12]}."
        )
        return 0

    run(body)
