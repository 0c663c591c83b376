"""The ``qms`` command group that imports a command's module only when the command is used.

``qms --help`` lists every command from the table below (the first sentence of each
command's help: what Click shows), so it imports no command module, nor pandoc, Typst or
Jinja2 behind them; ``qms check`` imports only ``cli/check.py``. A name is looked up in its
module the first time Click asks for it (running it, its ``--help``, completion).
``tests/cli/test_startup.py`` holds the table to the commands' own help and order.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

# command name -> (the module of qms_cli.cli that defines it, the first sentence of its
# help), in the order the commands are registered (commands, then groups), as Typer lists them
COMMANDS: dict[str, tuple[str, str]] = {
    "approve": (
        "approvals",
        "Podpisz bieżącą treść dokumentu: podpisany commit z trailerami QMS-Approve.",
    ),
    "history": (
        "approvals",
        "Historia dokumentu: zmiany treści i podpisy (kto, kiedy, w jakim znaczeniu, klucz).",
    ),
    "check": ("check", "Sprawdź całe repozytorium: schematy, odwołania, reguły SZJ."),
    "diff": (
        "diff",
        "Zmiany w dokumencie: wydanie obowiązujące a bieżąca treść (albo dwie dowolne wersje).",
    ),
    "init": (
        "documents",
        "Utwórz repozytorium dokumentacji SZJ urzędu (git init i pierwszy commit).",
    ),
    "new": ("documents", "Utwórz nowy dokument (projekt) z kolejnym wolnym numerem."),
    "due": (
        "due",
        "Pokaż terminy: przeglądy dokumentów, działania korygujące, ustalenia przeglądu "
        "zarządzania, audity, certyfikat, skargi i wnioski, deklarację dostępności i cele "
        "jakości.",
    ),
    "review-doc": (
        "due",
        "Zapisz przegląd okresowy dokumentu, który pozostaje bez zmian: wpis w records/doc-"
        "reviews.yaml w podpisanym commicie; okres przeglądu (qms due) liczy się od nowa.",
    ),
    "fix": (
        "fix",
        "Napraw mechanicznie tekst wklejony z edytora: twarde spacje i znaki o zerowej "
        "szerokości w YAML, cudzysłowy drukarskie wokół wartości, spacje na końcach "
        "wierszy, CRLF, kodowanie Windows-1250.",
    ),
    "import": (
        "importer",
        "Zaimportuj dokumenty urzędu z Worda lub OpenDocument jako projekty (status: projekt).",
    ),
    "metrics": (
        "metrics",
        "Wskaźniki urzędu za rok do porównań z innymi urzędami: tylko liczby zbiorcze, te "
        "wskaźniki, które urząd udostępnia (metrics.share w qms.yaml).",
    ),
    "compare": (
        "metrics",
        "Porównaj wskaźniki urzędów: sprawdź podpisy plików kluczami z listy urzędów i zapisz "
        "zestawienie (strona HTML i PDF) z medianą, kwartylami i wykresami.",
    ),
    "objectives": (
        "objectives",
        "Pokaż stan celów jakości (osiągnięty, na dobrej drodze, zagrożony, nieosiągnięty) "
        "i zapisz wykres każdego celu (SVG i PNG).",
    ),
    "pending": (
        "pending",
        "Co czeka na czyj podpis: dokumenty i pliki konfiguracji, od kiedy, kto je zmienił.",
    ),
    "preview": (
        "preview",
        "Podgląd zmian dla merge requestu: zestawienia zmian (HTML, PDF) i PDF zmienionych "
        "dokumentów, strona BIP jako projekt, podsumowanie w Markdown (podsumowanie.md).",
    ),
    "rules": ("rules", "Pokaż wszystkie reguły sprawdzane przez „qms check”."),
    "ack": (
        "ack",
        "Zapoznanie się z dokumentami: kto musi przeczytać obowiązujące wydanie i kto "
        "jeszcze tego nie potwierdził.",
    ),
    "audit": ("audit", "Audity wewnętrzne i zewnętrzne: program, plan, ustalenia, raport."),
    "capa": (
        "capa",
        "Działania korygujące (karty DK): lista otwartych, nowa karta, zamknięcie, ocena "
        "skuteczności.",
    ),
    "complaint": (
        "complaint",
        "Rejestr skarg i wniosków (niepubliczny): wpisy, terminy KPA, zwłoka, przekazanie.",
    ),
    "nc": (
        "nc",
        "Rejestr niezgodnych usług (ISO 9001, pkt 8.7): wystąpienia, korekcja, odstępstwa.",
    ),
    "training": (
        "training",
        "Szkolenia (ISO 9001, pkt 7.2; procedura P-09): plan, odbyte szkolenia, dowody.",
    ),
    "release": (
        "release",
        "Wydanie dokumentacji: wykaz dokumentów obowiązujących, PDF, BIP, podpisany znacznik.",
    ),
    "render": ("render", "Publikacje z repozytorium: urzędowe PDF i strony BIP."),
    "review": (
        "review",
        "Przegląd zarządzania: projekt raportu z danych repozytorium i śledzenie ustaleń.",
    ),
    "signers": (
        "signers",
        "Osoby podpisujące: kto może podpisywać co, klucze, ważność (org/signers.yaml).",
    ),
    "survey": ("survey", "Badanie satysfakcji klientów: wczytywanie ankiet i raport roczny."),
    "transition": (
        "transition",
        "Przejście na nowe wydanie normy ISO 9001: lista luk w dokumentach urzędu.",
    ),
}


def load(names: list[str]) -> None:
    """Import the modules that register ``names``."""
    for module in dict.fromkeys(COMMANDS[name][0] for name in names):
        importlib.import_module(f"qms_cli.cli.{module}")


class LazyCommands(MutableMapping[str, Any]):
    """A group's commands by name: every name is there; a command is imported when it is
    first looked up (names alone, for the help and for Typer's "did you mean", import none)."""

    def __init__(self, loaded: Mapping[str, Any]) -> None:
        self.loaded = dict(loaded)

    def __getitem__(self, name: str) -> Any:
        if name not in self.loaded and name in COMMANDS:
            from qms_cli.cli.app import app

            load([name])
            self.loaded.update(typer.main.get_command(app).commands.loaded)  # type: ignore[attr-defined]
        return self.loaded[name]

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self.loaded

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*COMMANDS, *self.loaded]))

    def __len__(self) -> int:
        return len(dict.fromkeys([*COMMANDS, *self.loaded]))

    def __setitem__(self, name: str, command: Any) -> None:
        self.loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self.loaded[name]


class LazyGroup(TyperGroup):
    """The root group: lists every command without importing it (``LazyCommands``)."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(self.commands)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The help's list of commands from the table, for those not imported."""
        commands = self.commands
        loaded = commands.loaded if isinstance(commands, LazyCommands) else commands
        listed = {name: TyperCommand(name, help=text) for name, (_, text) in COMMANDS.items()}
        self.commands = {**listed, **loaded}
        try:
            super().format_commands(ctx, formatter)
        finally:
            self.commands = commands
