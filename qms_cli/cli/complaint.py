"""``qms complaint``: the non-public register of complaints and requests (P-07)."""

from __future__ import annotations

from pathlib import Path

import typer

from qms_cli.cli.app import app, run
from qms_cli.cli.prompts import iso_date
from qms_cli.cli.tables import print_table, say
from qms_cli.io import clock

complaint_app = typer.Typer(
    help="Rejestr skarg i wniosków (niepubliczny): wpisy, terminy KPA, zwłoka, przekazanie.",
)
app.add_typer(complaint_app, name="complaint")

PATH = typer.Option(Path(), "--path", help="Folder repozytorium.")
DATE_HELP = "Data (RRRR-MM-DD), domyślnie dziś."


@complaint_app.callback(invoke_without_command=True)
def complaint_list(
    ctx: typer.Context,
    everything: bool = typer.Option(False, "--all", help="Także sprawy załatwione."),
    year: int | None = typer.Option(None, "--year", help="Tylko wpisy z danego roku."),
    path: Path = PATH,
) -> None:
    """Pokaż skargi i wnioski w toku oraz po terminie (bez danych osobowych)."""
    if ctx.invoked_subcommand is not None:
        return

    def body() -> int:
        from qms_cli.services.records.complaints import list_complaints

        listed = list_complaints(path, everything=everything, year=year)
        today = clock.today()
        rows, styles = [], []
        for item in listed:
            c = item.complaint
            left = (c.due - today).days
            when = (
                f"{c.closed}"
                if c.closed
                else f"{c.due} ({left} dni)"
                if left >= 0
                else f"{c.due} ({-left} dni temu)"
            )
            rows.append(
                [c.id, c.kind_pl, str(c.received), c.unit, when, item.state.label_pl, c.subject]
            )
            styles.append(item.state.value if item.state.value != "closed" else None)
        if not rows:
            say("Brak skarg i wniosków w toku." if not everything else "Rejestr jest pusty.")
            return 0
        print_table(
            "Rejestr skarg i wniosków (niepubliczny)",
            ["Numer", "Rodzaj", "Wpływ", "Komórka", "Termin / załatwiono", "Stan", "Przedmiot"],
            rows,
            styles,
            wrap=(6,),
        )
        overdue = sum(1 for i in listed if i.state.value == "overdue")
        if overdue:
            say(
                f"Po terminie: {overdue}. Zawiadom wnoszącego o zwłoce: "
                'qms complaint delay NUMER --new-deadline RRRR-MM-DD --reason "…" (art. 36 KPA).'
            )
        return 0

    run(body)


@complaint_app.command("new")
def new_command(
    subject: str = typer.Option(..., "--subject", help="Przedmiot (bez danych osobowych)."),
    unit: str = typer.Option(..., "--unit", help="Komórka, której dotyczy (np. USC)."),
    case: str = typer.Option(..., "--case", help="Znak sprawy w EZD, np. OR.1510.4.2026."),
    kind: str = typer.Option("skarga", "--kind", help="skarga albo wniosek."),
    received: str | None = typer.Option(None, "--received", help="Data wpływu. " + DATE_HELP),
    channel: str | None = typer.Option(
        None, "--channel", help="epuap, e-delivery, post, email, in-person, oral."
    ),
    via: str | None = typer.Option(
        None, "--via", help="posel, senator albo radny: skarga wniesiona lub przekazana przez nich."
    ),
    path: Path = PATH,
) -> None:
    """Zarejestruj skargę lub wniosek (bez danych osobowych); termin: 1 miesiąc od wpływu."""

    def body() -> int:
        from qms_cli.services.records.complaints import NewComplaint, complaint_path, new_complaint

        request = NewComplaint(
            subject, unit, case, kind, iso_date(received, "--received"), channel, via
        )
        c = new_complaint(path, request)
        say(f"Zarejestrowano {c.id} ({c.kind_pl}, wpływ {c.received}): {complaint_path(c.id)}")
        say(f"Termin załatwienia: {c.deadline} (art. 237 § 1 / art. 244 § 1 KPA).")
        if c.intermediary_deadline is not None:
            say(
                f"Zawiadom o sposobie załatwienia do {c.intermediary_deadline} (art. 237 § 2 "
                f"KPA), potem: qms complaint inform {c.id}"
            )
        say(f"Jeżeli Urząd nie jest właściwy: przekaż do {c.forward_by} (art. 231 KPA).")
        return 0

    run(body)


@complaint_app.command("close")
def close_command(
    complaint_id: str = typer.Argument(..., metavar="NUMER", help="Np. SK-2026-004."),
    outcome: str = typer.Option(
        ...,
        "--outcome",
        help="zasadna, niezasadna, czesciowo-zasadna, uwzgledniony, nieuwzgledniony, "
        "bez-rozpatrzenia.",
    ),
    day: str | None = typer.Option(None, "--date", help="Data odpowiedzi. " + DATE_HELP),
    capa: str | None = typer.Option(None, "--capa", help="Karta DK dla skargi zasadnej."),
    path: Path = PATH,
) -> None:
    """Zapisz załatwienie sprawy i zawiadomienie wnoszącego."""

    def body() -> int:
        from qms_cli.services.records.complaints import close_complaint

        c = close_complaint(path, complaint_id, outcome, day=iso_date(day, "--date"), capa=capa)
        late = "" if c.on_time() else f" — po terminie {c.due}"
        say(f"{c.id}: załatwiona {c.closed}{late}.")
        if c.outcome in ("founded", "partly-founded") and not capa:
            say("Skarga zasadna: zarejestruj niezgodność i działanie korygujące (P-07 pkt 5.3.6).")
        return 0

    run(body)


@complaint_app.command("delay")
def delay_command(
    complaint_id: str = typer.Argument(..., metavar="NUMER", help="Np. SK-2026-004."),
    new_deadline: str = typer.Option(..., "--new-deadline", help="Nowy termin (RRRR-MM-DD)."),
    reason: str = typer.Option(..., "--reason", help="Przyczyna zwłoki."),
    day: str | None = typer.Option(None, "--date", help="Data zawiadomienia. " + DATE_HELP),
    path: Path = PATH,
) -> None:
    """Zapisz zawiadomienie o zwłoce z nowym terminem (art. 36 KPA)."""

    def body() -> int:
        from qms_cli.services.records.complaints import delay_complaint

        deadline = iso_date(new_deadline, "--new-deadline")
        assert deadline is not None
        c = delay_complaint(path, complaint_id, deadline, reason, day=iso_date(day, "--date"))
        say(f"{c.id}: zawiadomiono o zwłoce {c.delay_notice}; nowy termin {c.due}.")
        return 0

    run(body)


@complaint_app.command("forward")
def forward_command(
    complaint_id: str = typer.Argument(..., metavar="NUMER", help="Np. SK-2026-004."),
    to: str = typer.Option(..., "--to", help="Organ właściwy, np. „Rada Gminy Przykładowo”."),
    day: str | None = typer.Option(None, "--date", help="Data przekazania. " + DATE_HELP),
    path: Path = PATH,
) -> None:
    """Zapisz przekazanie pisma organowi właściwemu (art. 231 KPA: 7 dni)."""

    def body() -> int:
        from qms_cli.services.records.complaints import forward_complaint

        c, in_time = forward_complaint(path, complaint_id, to, day=iso_date(day, "--date"))
        say(f"{c.id}: przekazano {c.forwarded}.")
        if not in_time:
            say(f"Uwaga: termin 7 dni upłynął {c.forward_by} (art. 231 KPA).")
        return 0

    run(body)


@complaint_app.command("inform")
def inform_command(
    complaint_id: str = typer.Argument(..., metavar="NUMER", help="Np. SK-2026-004."),
    day: str | None = typer.Option(None, "--date", help="Data zawiadomienia. " + DATE_HELP),
    path: Path = PATH,
) -> None:
    """Zapisz zawiadomienie posła, senatora lub radnego o załatwieniu (art. 237 § 2 KPA)."""

    def body() -> int:
        from qms_cli.services.records.complaints import inform_intermediary

        c = inform_intermediary(path, complaint_id, day=iso_date(day, "--date"))
        late = (
            ""
            if c.intermediary_deadline is None
            or c.intermediary_informed is None
            or c.intermediary_informed <= c.intermediary_deadline
            else f" — po terminie {c.intermediary_deadline}"
        )
        say(f"{c.id}: zawiadomiono {c.intermediary_informed}{late}.")
        return 0

    run(body)
