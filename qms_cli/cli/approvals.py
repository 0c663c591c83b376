"""``qms approve`` and ``qms history``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from qms_cli.cli.app import app, check_format, run, trust_root_param
from qms_cli.cli.errors import EXIT_USAGE
from qms_cli.cli.prompts import INTERACTIVE, yes_no
from qms_cli.model.history import MEANINGS_PL, DocumentHistory
from qms_cli.model.signers import MEANINGS

STATUS_PL = {
    "verified": "zweryfikowany",
    "unverified": "niezweryfikowany (brak trust_root)",
    "stale": "nieaktualny (wcześniejsza treść)",
    "invalid": "nieważny",
}


@app.command()
def approve(
    doc_ids: list[str] = typer.Argument(
        ...,
        metavar="ID...",
        help="Dokument(y), np. P-03, zapis (programme-2026, AW-2026-01, PZ-2026, DK-2026-001) "
        "albo plik konfiguracji, np. qms.yaml.",
    ),
    meaning: str = typer.Option(
        "approval",
        "--meaning",
        "-m",
        help="review (Sprawdził), approval (Zatwierdził) albo acknowledgement (Przyjął do "
        "wiadomości: auditowany pod raportem z auditu).",
    ),
    summary: str | None = typer.Option(
        None,
        "--summary",
        "-s",
        help="Opis zmiany Twoimi słowami (trailer QMS-Summary); pokazuje go karta zmian "
        "publicznego PDF.",
    ),
    yes: bool = typer.Option(
        False,
        "--yes",
        "-y",
        help="Podpisz bez pytania o potwierdzenie (skrypty, CI); podsumowanie zmian i tak "
        "zostanie wypisane.",
    ),
    interactive: bool | None = INTERACTIVE,
    show: bool = typer.Option(
        False,
        "--show",
        help="Przed podpisem zapisz zestawienie zmian jako PDF (dist/porownania/<ID>.pdf).",
    ),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
    trust_root: str | None = trust_root_param(),
) -> None:
    """Podpisz bieżącą treść dokumentu: podpisany commit z trailerami QMS-Approve. Najpierw
    pokazuje, co zmieniono od wydania obowiązującego, i pyta o potwierdzenie."""
    if meaning not in MEANINGS:
        raise typer.BadParameter(
            f"nieznane znaczenie podpisu „{meaning}”; dozwolone: review, approval, acknowledgement",
            param_hint="--meaning",
        )
    asking = not yes and (sys.stdin.isatty() if interactive is None else interactive)
    if not yes and not asking:
        typer.echo(
            "qms: błąd: qms approve pyta o potwierdzenie podpisu, a nie działa w terminalu — "
            "przeczytaj zmiany (qms diff) i uruchom polecenie z --yes",
            err=True,
        )
        raise typer.Exit(EXIT_USAGE)

    def body() -> int:
        from qms_cli.services.approval.approve import approve as approve_docs
        from qms_cli.services.diff import approval_previews, redline_pdfs
        from qms_cli.services.workspace import Workspace

        with Workspace.open(path) as ws:
            for preview in approval_previews(ws, doc_ids, trust_root):
                typer.echo("\n".join(preview.lines))
            for line in redline_pdfs(ws, doc_ids, trust_root) if show else []:
                typer.echo(line)
            if asking and not confirm(f"Złożyć podpis „{MEANINGS_PL[meaning]}” ({meaning})?"):
                typer.echo("Nic nie podpisano.")
                return 0
            signatures = approve_docs(ws, doc_ids, meaning, trust_root, summary)
        for signed in signatures:
            who = f"{signed.name} ({signed.position})" if signed.name else "?"
            typer.echo(
                f"Podpisano {signed.doc_id} — „{MEANINGS_PL[signed.meaning]}” ({signed.meaning}): "
                f"{who}, klucz {signed.fingerprint}, commit {signed.commit[:12]}."
            )
        return 0

    run(body)


def confirm(question: str) -> bool:
    """``tak`` or ``nie`` in a terminal (Enter: nie)."""
    while True:
        answer = str(typer.prompt(f"{question} [tak/nie]", default="nie", show_default=False))
        value = yes_no(answer)
        if value is not None:
            return value
        typer.echo("  Odpowiedz „tak” albo „nie”.")


@app.command()
def history(
    doc_id: str = typer.Argument(..., metavar="ID", help="Dokument, np. P-03."),
    output_format: str = typer.Option("text", "--format", "-f", help="text albo json."),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
    trust_root: str | None = trust_root_param(),
) -> None:
    """Historia dokumentu: zmiany treści i podpisy (kto, kiedy, w jakim znaczeniu, klucz)."""
    check_format(output_format, ("text", "json"))

    def body() -> int:
        from qms_cli.services.approval.history import document_histories
        from qms_cli.services.lookup import document_id
        from qms_cli.services.workspace import Workspace

        with Workspace.open(path) as ws:
            wanted = document_id(ws.repo, doc_id)  # also a file, with \ on Windows
            found = document_histories(ws, [wanted], trust_root)[wanted]
        if output_format == "json":
            typer.echo(json.dumps(history_json(found), ensure_ascii=False, indent=2))
        else:
            wide_console().print(history_table(found))
        return 0

    run(body)


def wide_console() -> Console:
    """A terminal's own width; 200 columns when the output goes to a file or a pipe, so that
    fingerprints and names are not folded into narrow columns."""
    return Console(highlight=False, width=None if sys.stdout.isatty() else 200)


def history_rows(found: DocumentHistory) -> list[dict[str, Any]]:
    """Changes and signatures in order; a change signed with a registered key appears once,
    as its authorship signature."""
    signed_changes = {s.commit for s in found.signatures if s.meaning == "authorship"}
    rows: list[tuple[Any, int, dict[str, Any]]] = [
        (
            c.when,
            0,
            {
                "when": c.when,
                "meaning": "zmiana treści",
                "name": c.author,
                "position": "(wg git)",
                "fingerprint": "",
                "commit": c.commit,
                "status": "—",
                "summary": c.summary,
            },
        )
        for c in found.changes
        if c.commit not in signed_changes
    ]
    for order, s in enumerate(found.signatures, start=1):
        status = STATUS_PL.get(s.status, s.status)
        rows.append(
            (
                s.when,
                order,
                {
                    "when": s.when,
                    "meaning": MEANINGS_PL.get(s.meaning, s.meaning),
                    "name": s.name,
                    "position": s.position,
                    "fingerprint": s.fingerprint,
                    "commit": s.commit,
                    "status": f"{status}: {s.problem}" if s.problem else status,
                    "summary": "",
                },
            )
        )
    return [row for _, _, row in sorted(rows, key=lambda r: (r[0], r[1]))]


def history_table(found: DocumentHistory) -> Table:
    table = Table(title=f"Historia {found.doc_id} ({found.path})", show_lines=False)
    for name in ("Data i czas", "Osoba", "Stanowisko", "Znaczenie", "Odcisk klucza", "Commit"):
        table.add_column(name, overflow="fold")
    table.add_column("Status", overflow="fold")
    for row in history_rows(found):
        table.add_row(
            row["when"].isoformat(sep=" "),
            row["name"],
            row["position"],
            row["meaning"],
            row["fingerprint"] or "—",
            row["commit"][:12],
            row["status"],
        )
    return table


def history_json(found: DocumentHistory) -> dict[str, Any]:
    return {
        "id": found.doc_id,
        "path": found.path,
        "current_blob": found.current_blob,
        "changes": [
            {
                "commit": c.commit,
                "when": c.when.isoformat(),
                "author": c.author,
                "summary": c.summary,
                "blob": c.blob,
            }
            for c in found.changes
        ],
        "signatures": [
            {
                "meaning": s.meaning,
                "meaning_pl": MEANINGS_PL.get(s.meaning, s.meaning),
                "name": s.name,
                "position": s.position,
                "when": s.when.isoformat(),
                "fingerprint": s.fingerprint,
                "commit": s.commit,
                "blob": s.blob,
                "status": s.status,
                "problem": s.problem,
            }
            for s in found.signatures
        ],
    }
