"""``qms pending``: what waits for whose signature."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from qms_cli.cli.app import app, check_format, run, trust_root_param
from qms_cli.model.history import MEANINGS_PL
from qms_cli.model.pending import Person, Waiting


@app.command()
def pending(
    person: str | None = typer.Option(
        None, "--person", metavar="ID", help="Tylko ta osoba (identyfikator z org/signers.yaml)."
    ),
    me: bool = typer.Option(
        False, "--me", help="Tylko osoba, której kluczem podpisuje git na tym komputerze."
    ),
    output_format: str = typer.Option("text", "--format", "-f", help="text albo json."),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
    trust_root: str | None = trust_root_param(),
) -> None:
    """Co czeka na czyj podpis: dokumenty i pliki konfiguracji, od kiedy, kto je zmienił."""
    check_format(output_format, ("text", "json"))
    if me and person is not None:
        raise typer.BadParameter("podaj --person albo --me, nie oba", param_hint="--me")

    def body() -> int:
        from qms_cli.services.pending import pending as find_pending
        from qms_cli.services.workspace import Workspace

        with Workspace.open(path) as ws:
            found = find_pending(ws, trust_root, person, me)
        if output_format == "json":
            data = {
                "people": [person_json(p) for p in found.people],
                "release_blockers": found.release_blockers,
            }
            typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return 0
        for one in found.people:
            typer.echo("\n".join(person_lines(one)))
        if found.release_blockers is not None:
            if found.release_blockers:
                typer.echo("Następne wydanie (qms release) blokuje:")
                typer.echo("\n".join(f"  - {r}" for r in found.release_blockers))
            else:
                typer.echo("Następne wydanie (qms release): nic go nie blokuje.")
        return 0

    run(body)


def waiting_line(w: Waiting) -> str:
    meaning = f"„{MEANINGS_PL.get(w.meaning, w.meaning)}” ({w.meaning})"
    again = ", ponownie po zmianie" if w.stale else ""
    since = (
        f"treść z {w.since_when.date().isoformat()}, commit {w.since[:10]}"
        if w.since and w.since_when is not None
        else "treść niezapisana w commicie"
    )
    return f"  {w.doc_id} „{w.title}”: {meaning}{again}; {since}; zmienił(a): {w.changed_by}"


def person_lines(person: Person) -> list[str]:
    head = f"{person.name} ({person.position}, {person.id})"
    if not person.waiting:
        return [f"{head}: nic nie czeka na podpis."]
    return [f"{head}: czeka na podpis {len(person.waiting)}:"] + [
        waiting_line(w) for w in person.waiting
    ]


def person_json(person: Person) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.name,
        "position": person.position,
        "waiting": [
            {
                "id": w.doc_id,
                "title": w.title,
                "path": w.path,
                "meaning": w.meaning,
                "meaning_pl": MEANINGS_PL.get(w.meaning, w.meaning),
                "again": w.stale,
                "since_commit": w.since or None,
                "since": w.since_when.isoformat() if w.since_when else None,
                "changed_by": w.changed_by,
            }
            for w in person.waiting
        ],
    }
