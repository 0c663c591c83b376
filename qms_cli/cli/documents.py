"""``qms init`` and ``qms new``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import typer

from qms_cli.cli.app import app, run
from qms_cli.model import offices
from qms_cli.model.doctypes import DOC_TYPES
from qms_cli.model.paths import shown


@app.command()
def init(
    path: Path = typer.Argument(..., help="Nowy (albo pusty) folder repozytorium."),
    name: str | None = typer.Option(
        None, "--name", help="Nazwa urzędu, np. „Starostwo Powiatowe w Sanoku”."
    ),
    kind: str | None = typer.Option(
        None,
        "--kind",
        help="Rodzaj urzędu: gmina, powiat (starostwo), miasto (urząd miasta); "
        "domyślnie wynika z nazwy.",
    ),
    head_title: str | None = typer.Option(
        None,
        "--head-title",
        help="Kierownik urzędu: wójt, burmistrz, prezydent miasta, starosta "
        "(domyślnie: gmina – wójt, powiat – starosta, miasto – burmistrz).",
    ),
    address: str | None = typer.Option(
        None, "--address", help="Adres urzędu, np. „ul. Kościuszki 36, 38-500 Sanok”."
    ),
    bip_url: str | None = typer.Option(
        None, "--bip-url", help="Adres Biuletynu Informacji Publicznej urzędu."
    ),
    example: bool = typer.Option(
        False, "--example", help="Urząd przykładowy (Urząd Gminy Przykładowo) do nauki i pokazu."
    ),
) -> None:
    """Utwórz repozytorium dokumentacji SZJ urzędu (git init i pierwszy commit)."""

    def body() -> int:
        from qms_cli.services.documents.init import NamedOffice, init_office

        given = [name, kind, head_title, address, bip_url]
        if example and any(value is not None for value in given):
            raise typer.BadParameter(
                "urząd przykładowy ma swoje dane: użyj --example bez --name, --kind, "
                "--head-title, --address i --bip-url",
                param_hint="--example",
            )
        if not example and name is None:
            raise typer.BadParameter(
                "podaj nazwę urzędu, np. --name „Starostwo Powiatowe w Sanoku” "
                "(urząd przykładowy: --example)",
                param_hint="--name",
            )
        _known_choice(kind, offices.normalise_kind, "--kind", "gmina, powiat (starostwo), miasto")
        _known_choice(
            head_title,
            offices.normalise_head,
            "--head-title",
            "wójt, burmistrz, prezydent miasta, starosta",
        )
        request = (
            None
            if example or name is None
            else NamedOffice(name, kind, head_title, address, bip_url)
        )
        result = init_office(path, request)
        typer.echo(
            f"Utworzono repozytorium SZJ w {shown(result.path)} ({result.files} plików, "
            f"commit {result.commit[:10]})."
        )
        if request is not None:
            typer.echo(
                "Miejsca oznaczone „⟦do uzupełnienia: …⟧” wypełnij danymi urzędu: "
                "qms check wskaże każde z nich."
            )
        typer.echo(f"Dalej: cd {shown(result.path)} && qms check")
        return 0

    run(body)


@app.command()
def new(
    doc_type: str = typer.Argument(..., metavar="TYP", help="Typ: " + ", ".join(DOC_TYPES)),
    title: str | None = typer.Option(None, "--title", help="Tytuł dokumentu."),
    owner: str | None = typer.Option(None, "--owner", help="Właściciel: rola albo stanowisko."),
    process: str | None = typer.Option(None, "--process", help="Proces (np. PR-02)."),
    unit: str | None = typer.Option(None, "--unit", help="Komórka (np. USC) dla kart usług."),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
) -> None:
    """Utwórz nowy dokument (projekt) z kolejnym wolnym numerem."""

    def body() -> int:
        from qms_cli.services.documents.new import NewRequest, new_document

        result = new_document(path, NewRequest(doc_type, title, owner, process, unit))
        typer.echo(f"Utworzono {result.id}: {shown(result.path)} (status: projekt).")
        return 0

    run(body)


def _known_choice(
    value: str | None, known: Callable[[str], str | None], option: str, allowed: str
) -> None:
    """A value outside an option's choices is a usage error (exit 2), named with the choices."""
    if value is not None and known(value) is None:
        raise typer.BadParameter(
            f"nieznana wartość „{value}”; dozwolone: {allowed}", param_hint=option
        )
