"""``qms ack``: who has read the edition in force of each document."""

from __future__ import annotations

from pathlib import Path

import typer

from qms_cli.cli.app import app, run, trust_root_param
from qms_cli.cli.errors import EXIT_FINDINGS, EXIT_OK
from qms_cli.cli.tables import print_table, say

ack_app = typer.Typer(
    help="Zapoznanie się z dokumentami: kto musi przeczytać obowiązujące wydanie i kto "
    "jeszcze tego nie potwierdził.",
    no_args_is_help=True,
)
app.add_typer(ack_app, name="ack")

PATH = typer.Option(Path(), "--path", help="Folder repozytorium.")


@ack_app.command("import")
def ack_import(
    file: Path = typer.Argument(
        ..., metavar="PLIK", help="CSV: osoba, dokument, wydanie, data (UTF-8 lub Windows-1250)."
    ),
    path: Path = PATH,
) -> None:
    """Wczytaj potwierdzenia zapoznania się z dokumentami z pliku CSV do records/acks/."""

    def body() -> int:
        from qms_cli.services.acks import import_acks
        from qms_cli.services.workspace import Workspace

        with Workspace.open(path) as ws:
            done = import_acks(ws, file)
        say(
            f"Wczytano {done.source} ({done.encoding}): wierszy {done.rows}, nowych potwierdzeń "
            f"{done.added}, już zapisanych {done.repeated}."
        )
        for rel in done.files:
            say(f"  {rel}")
        return 0

    run(body)


@ack_app.command("record")
def ack_record(
    doc_id: str = typer.Argument(..., metavar="ID", help="Dokument, np. P-03."),
    people: str = typer.Option(
        ...,
        "--people",
        metavar="OSOBY",
        help="Identyfikatory osób z org/people.yaml, po przecinku.",
    ),
    path: Path = PATH,
    trust_root: str | None = trust_root_param(
        "Odcisk klucza kierownika urzędu (także zmienna QMS_TRUST_ROOT).",
    ),
) -> None:
    """Kierownik komórki potwierdza, że jej pracownicy zapoznali się z obowiązującym wydaniem:
    wpisy w records/acks/ w podpisanym commicie."""

    def body() -> int:
        from qms_cli.services.acks import record_acks
        from qms_cli.services.workspace import Workspace

        ids = [p for p in people.replace(",", " ").split() if p]
        with Workspace.open(path) as ws:
            done = record_acks(ws, doc_id, ids, trust_root)
        say(
            f"Zapisano potwierdzenia zapoznania się z wydaniem {done.edition} {done.document} "
            f"({done.added} os., {done.date.isoformat()}): {done.signer}, "
            f"commit {done.commit[:12]}."
        )
        return 0

    run(body)


@ack_app.command("status")
def ack_status_command(
    doc_id: str | None = typer.Argument(None, metavar="[ID]", help="Tylko ten dokument."),
    unit: str | None = typer.Option(None, "--unit", help="Tylko osoby z tej komórki."),
    person: str | None = typer.Option(None, "--person", help="Tylko ta osoba."),
    strict: bool = typer.Option(
        False, "--strict", help="Kod 1, gdy ktoś nie potwierdził w terminie z qms.yaml."
    ),
    path: Path = PATH,
) -> None:
    """Pokaż, kto nie potwierdził zapoznania się z obowiązującym wydaniem i od kiedy."""

    def body() -> int:
        from qms_cli.services.acks import ack_status
        from qms_cli.services.workspace import Workspace

        with Workspace.open(path) as ws:
            status = ack_status(ws, doc_id, unit, person)
        if status.people == 0:
            say(
                "Brak pracowników w org/people.yaml — nie wiadomo, kto ma zapoznać się "
                "z dokumentami."
            )
            return EXIT_OK
        if status.in_force == 0:
            say(
                "Brak obowiązujących wydań w register.yaml (wydaje je qms release) — nic "
                "do potwierdzenia."
            )
            return EXIT_OK
        if not status.missing:
            say(
                f"Wszyscy zapoznali się z obowiązującymi wydaniami (wydań: {status.in_force}, "
                f"osób w org/people.yaml: {status.people})."
            )
            return EXIT_OK
        rows = [
            [
                m.document,
                str(m.edition),
                m.person,
                m.since.isoformat(),
                f"{m.days} dni" + (" — po terminie" if m.overdue else ""),
            ]
            for m in status.missing
        ]
        print_table(
            f"Brak potwierdzenia zapoznania się (termin: {status.period} dni od wejścia w życie)",
            ["Dokument", "Wydanie", "Osoba", "Obowiązuje od", "Od"],
            rows,
            ["overdue" if m.overdue else None for m in status.missing],
        )
        say(f"Brakujących potwierdzeń: {len(status.missing)}, po terminie: {len(status.overdue)}.")
        return EXIT_FINDINGS if strict and status.overdue else EXIT_OK

    run(body)
