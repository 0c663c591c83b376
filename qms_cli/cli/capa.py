"""``qms capa``: corrective actions — list open ones, open, close, verify effectiveness."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from qms_cli.cli.app import app, run
from qms_cli.cli.prompts import INTERACTIVE, Asker, date_option, day, is_interactive, yes_no
from qms_cli.model.dates import days_pl
from qms_cli.model.paths import shown

capa_app = typer.Typer(
    help="Działania korygujące (karty DK): lista otwartych, nowa karta, zamknięcie, ocena "
    "skuteczności.",
    invoke_without_command=True,
)
app.add_typer(capa_app, name="capa")

PATH = typer.Option(Path(), "--path", help="Folder repozytorium.")
ALL = typer.Option(False, "--all", help="Także zamknięte karty.")


def _date_check(answer: str) -> str | None:
    try:
        dt.date.fromisoformat(answer)
    except ValueError:
        return "podaj datę w postaci RRRR-MM-DD"
    return None


def _yes_no_check(answer: str) -> str | None:
    return None if yes_no(answer) is not None else "odpowiedz „tak” albo „nie”"


def _effective(value: str | None) -> bool | None:
    if value is None:
        return None
    result = yes_no(value)
    if result is None:
        raise typer.BadParameter("podaj tak/yes albo nie/no", param_hint="--effective")
    return result


def _show(path: Path, everything: bool) -> int:
    from qms_cli.services.audit.capa import list_capa

    rows = list_capa(path, everything)
    if not rows:
        typer.echo("Brak otwartych działań korygujących." if not everything else "Brak kart DK.")
        return 0
    table = Table(title="Działania korygujące" + ("" if everything else " (otwarte)"))
    for column in ("Karta", "Źródło", "Odpowiedzialny", "Termin", "Stan"):
        table.add_column(column, no_wrap=True)
    table.add_column("Opis", overflow="fold")
    for row in rows:
        if row.status != "open":
            left, style = f"zamknięta: {row.effectiveness}", "dim"
        elif row.days_left is None:
            left, style = "otwarta", ""
        elif row.days_left < 0:
            left, style = f"po terminie {days_pl(-row.days_left)}", "bold red"
        else:
            left = f"zostało {days_pl(row.days_left)}"
            style = "yellow" if row.days_left <= 14 else ""
        due = row.due.isoformat() if row.due else "—"
        table.add_row(row.id, row.source, row.owner, due, left, row.description, style=style)
    # outside a terminal (a pipe, a file) the table is not squeezed into 80 columns
    width = None if sys.stdout.isatty() else 160
    Console(highlight=False, width=width).print(table)
    return 0


@capa_app.callback()
def capa_main(ctx: typer.Context, everything: bool = ALL, path: Path = PATH) -> None:
    """Bez polecenia: lista otwartych działań korygujących z terminami."""
    if ctx.invoked_subcommand is None:
        run(lambda: _show(path, everything))


@capa_app.command("list")
def list_command(everything: bool = ALL, path: Path = PATH) -> None:
    """Lista działań korygujących (otwartych; z --all wszystkich)."""
    run(lambda: _show(path, everything))


@capa_app.command("new")
def new(
    source: str | None = typer.Option(
        None, "--from", help="Źródło: ustalenie auditu AW-2027-01/3, skarga SK-…, przegląd PZ-…"
    ),
    description: str | None = typer.Option(None, "--description", help="Opis niezgodności."),
    owner: str | None = typer.Option(None, "--owner", help="Odpowiedzialny: stanowisko lub rola."),
    due: str | None = typer.Option(None, "--due", help="Termin RRRR-MM-DD (domyślnie 60 dni)."),
    correction: str | None = typer.Option(None, "--correction", help="Korekcja."),
    why: list[str] = typer.Option([], "--why", help="Kolejne „dlaczego?” (5 x dlaczego)."),
    cause: str | None = typer.Option(None, "--cause", help="Przyczyna źródłowa."),
    action: list[str] = typer.Option([], "--action", help="Działanie korygujące (powtarzalne)."),
    effectiveness: str | None = typer.Option(
        None, "--effectiveness", help="Termin oceny skuteczności RRRR-MM-DD."
    ),
    opened: str | None = typer.Option(
        None, "--opened", help="Data rejestracji RRRR-MM-DD (domyślnie dziś); z niej rok numeru."
    ),
    consequences: str | None = typer.Option(
        None, "--consequences", help="Postępowanie ze skutkami niezgodności (10.2.1 a)."
    ),
    similar: str | None = typer.Option(
        None, "--similar", help="Czy podobne niezgodności występują lub mogą wystąpić (10.2.1 b)."
    ),
    path: Path = PATH,
    interactive: bool | None = INTERACTIVE,
) -> None:
    """Otwórz kartę działań korygujących DK-ROK-NR."""
    asker = Asker(is_interactive(interactive))
    if asker.interactive:
        source = asker.optional(source, "Źródło (np. AW-2027-01/3; Enter — brak)")
        if source is None:
            description = asker.required(description, "--description", "Opis niezgodności")
        owner = asker.optional(owner, "Odpowiedzialny (Enter — kierownik komórki)")
        due = asker.optional(due, "Termin (RRRR-MM-DD; Enter — za 60 dni)", check=_date_check)
        correction = asker.optional(correction, "Korekcja (Enter — później)")
    whys = asker.several(why, "Dlaczego?")
    cause = asker.optional(cause, "Przyczyna źródłowa (Enter — ostatnie „dlaczego”)")
    actions = asker.several(action, "Działanie korygujące", limit=10)
    values = (source, description, owner, due, correction, tuple(whys), cause, tuple(actions))

    def body() -> int:
        from qms_cli.services.audit.capa import CapaRequest, new_capa

        request = CapaRequest(
            *values, effectiveness, opened, consequences=consequences, similar=similar
        )
        result = new_capa(path, request)
        typer.echo(f"Otwarto kartę {result.id}: {shown(result.path)}")
        for warning in result.warnings:
            typer.echo(f"  uwaga: {warning}")
        return 0

    run(body)


@capa_app.command("close")
def close(
    card: str = typer.Argument(..., help="Karta, np. DK-2027-001."),
    evidence: str | None = typer.Option(None, "--evidence", help="Dowody wykonania działań."),
    effective: str | None = typer.Option(
        None, "--effective", help="Skuteczne? tak/nie (pominięte: ocena później, qms capa verify)."
    ),
    consequences: str | None = typer.Option(
        None, "--consequences", help="Postępowanie ze skutkami niezgodności (10.2.1 a)."
    ),
    similar: str | None = typer.Option(
        None, "--similar", help="Podobne niezgodności: co sprawdzono (10.2.1 b)."
    ),
    risks: str | None = typer.Option(
        None, "--risks", help="Aktualizacja ryzyk i szans albo dlaczego niepotrzebna (10.2.1 e)."
    ),
    changes: str | None = typer.Option(
        None, "--changes", help="Zmiany w SZJ albo dlaczego niepotrzebne (10.2.1 f)."
    ),
    when: str | None = date_option("Data zamknięcia"),
    path: Path = PATH,
    interactive: bool | None = INTERACTIVE,
) -> None:
    """Zamknij kartę po wykonaniu działań (ISO 9001 10.2.1 a–f); z --effective także ocena."""
    asker = Asker(is_interactive(interactive))
    chosen_evidence = asker.required(evidence, "--evidence", "Dowody wykonania działań")
    effective = asker.optional(
        effective,
        "Czy działania są skuteczne? (tak/nie; Enter — ocena później)",
        check=_yes_no_check,
    )
    result_effective = _effective(effective)

    on = day(when)

    def body() -> int:
        from qms_cli.model.capa import ClosureParts
        from qms_cli.services.audit.capa import close_capa

        parts = ClosureParts(consequences, similar, risks, changes)
        result = close_capa(path, card, chosen_evidence, result_effective, on, parts)
        typer.echo(f"Zamknięto kartę {result.id}.")
        _report_effectiveness(result_effective, result.follow_up)
        return 0

    run(body)


@capa_app.command("verify")
def verify(
    card: str = typer.Argument(..., help="Karta, np. DK-2027-001."),
    effective: str | None = typer.Option(None, "--effective", help="Skuteczne? tak/nie."),
    evidence: str | None = typer.Option(None, "--evidence", help="Podstawa oceny skuteczności."),
    when: str | None = date_option("Data oceny"),
    path: Path = PATH,
    interactive: bool | None = INTERACTIVE,
) -> None:
    """Zapisz ocenę skuteczności zamkniętej karty; nieskuteczna otwiera nową kartę."""
    asker = Asker(is_interactive(interactive))
    answer = asker.required(
        effective, "--effective", "Czy działania są skuteczne? (tak/nie)", check=_yes_no_check
    )
    chosen_evidence = asker.required(evidence, "--evidence", "Podstawa oceny")
    result_effective = bool(_effective(answer))

    on = day(when)

    def body() -> int:
        from qms_cli.services.audit.capa import verify_capa

        result = verify_capa(path, card, result_effective, chosen_evidence, on)
        _report_effectiveness(result_effective, result.follow_up)
        return 0

    run(body)


@capa_app.command("approve")
def approve(
    card: str = typer.Argument(..., help="Karta, np. DK-2027-001."),
    by: str = typer.Option(
        ..., "--by", help="Właściciel procesu zatwierdzający zamknięcie: stanowisko lub rola."
    ),
    when: str | None = date_option("Data zatwierdzenia"),
    path: Path = PATH,
) -> None:
    """Zatwierdź zamknięcie karty po ocenie skuteczności (właściciel procesu)."""
    on = day(when)

    def body() -> int:
        from qms_cli.services.audit.capa_closure import approve_closure

        target = approve_closure(path, card, by, day=on)
        typer.echo(f"Zatwierdzono zamknięcie karty {card}: {target}")
        return 0

    run(body)


def _report_effectiveness(effective: bool | None, follow_up: str | None) -> None:
    if effective is True:
        typer.echo("Działania ocenione jako skuteczne.")
    elif effective is False:
        typer.echo(f"Działania nieskuteczne: otwarto nową kartę {follow_up} (follows).")
    else:
        typer.echo("Skuteczność oceń w zaplanowanym terminie: qms capa verify …")
