"""``qms audit``: programme, plan and checklist, findings, report, closing, renumbering,
external audits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from qms_cli.cli.app import app, run
from qms_cli.cli.prompts import INTERACTIVE, Asker, date_option, day, is_interactive, one_of
from qms_cli.io import clock
from qms_cli.model.audits import EXTERNAL_KINDS, FINDING_TYPES
from qms_cli.model.paths import shown

audit_app = typer.Typer(
    help="Audity wewnętrzne i zewnętrzne: program, plan, ustalenia, raport.",
    no_args_is_help=True,
)
app.add_typer(audit_app, name="audit")

PATH = typer.Option(Path(), "--path", help="Folder repozytorium.")


def _date_check(answer: str) -> str | None:
    try:
        dt.date.fromisoformat(answer)
    except ValueError:
        return "podaj datę w postaci RRRR-MM-DD, np. 2027-03-12"
    return None


def _audit_name(asker: Asker, name: str | None, path: Path) -> str:
    if name is not None or not asker.interactive:
        return asker.required(name, "numeru auditu (np. AW-2027-01)", "Audit")
    from qms_cli.services.audit.audits import audit_names

    names = audit_names(path)
    return asker.required(None, "numeru auditu", "Audit", check=one_of(names), options=names)


@audit_app.command("programme")
def programme(
    year: int | None = typer.Argument(None, help="Rok programu, np. 2027."),
    path: Path = PATH,
    interactive: bool | None = INTERACTIVE,
) -> None:
    """Przygotuj projekt rocznego programu auditów (records/audits/programme-ROK.yaml)."""
    asker = Asker(is_interactive(interactive))
    if year is None:
        next_year = str(clock.today().year + 1)
        answer = asker.required(
            None,
            "roku programu (np. 2027)",
            "Rok programu",
            default=next_year,
            check=lambda a: None if a.isdigit() and len(a) == 4 else "podaj rok, np. 2027",
        )
        year = int(answer)
    chosen = year

    def body() -> int:
        from qms_cli.services.audit.programme import new_programme

        result = new_programme(path, chosen)
        typer.echo(f"Utworzono projekt programu auditów na {chosen} r.: {shown(result.path)}")
        for audit in result.audits:
            typer.echo(
                f"  {audit.id}  {audit.month}  {', '.join(audit.processes)}  "
                f"komórki: {', '.join(audit.units)}  auditor wiodący: {audit.lead}"
            )
        typer.echo("Program można zmienić w pliku; „qms check” sprawdzi jego kompletność.")
        return 0

    run(body)


@audit_app.command("new")
def new(
    process: str | None = typer.Option(None, "--process", help="Auditowany proces, np. PR-02."),
    date: str | None = typer.Option(None, "--date", help="Data auditu RRRR-MM-DD."),
    lead: str | None = typer.Option(None, "--lead", help="Auditor wiodący, np. AUD-03."),
    auditor: list[str] = typer.Option([], "--auditor", help="Auditor (można powtórzyć)."),
    unit: list[str] = typer.Option(
        [], "--unit", help="Auditowana komórka (można powtórzyć); domyślnie według programu."
    ),
    unplanned: bool = typer.Option(False, "--unplanned", help="Audit spoza programu auditów."),
    path: Path = PATH,
    interactive: bool | None = INTERACTIVE,
) -> None:
    """Utwórz plan auditu i listę pytań kontrolnych (records/audits/AW-ROK-NR/)."""
    asker = Asker(is_interactive(interactive))
    if asker.interactive and (process is None or lead is None):
        from qms_cli.services.audit.plan import audit_choices

        processes, auditors = audit_choices(path)
    else:
        processes, auditors = [], {}
    chosen_process = asker.required(
        process,
        "--process",
        "Proces",
        check=one_of([p for p, _ in processes]),
        options=[f"{p} {t}" for p, t in processes],
    )
    chosen_date = asker.required(date, "--date", "Data auditu (RRRR-MM-DD)", check=_date_check)
    chosen_lead = asker.required(
        lead,
        "--lead",
        "Auditor wiodący",
        check=one_of(list(auditors)),
        options=[f"{a} {d.get('name')} ({d.get('unit')})" for a, d in auditors.items()],
    )

    def body() -> int:
        from qms_cli.services.audit.plan import NewAuditRequest, new_audit

        result = new_audit(
            path,
            NewAuditRequest(
                chosen_process, chosen_date, chosen_lead, tuple(auditor), tuple(unit), unplanned
            ),
        )
        kind = "planowy" if result.planned else "pozaplanowy"
        typer.echo(f"Utworzono audit {result.id} ({kind}): {shown(result.folder)}")
        typer.echo(f"  plan.yaml, checklist.yaml ({result.questions} pytań kontrolnych)")
        for note in result.notes:
            typer.echo(f"  uwaga: {note}")
        return 0

    run(body)


@audit_app.command("finding")
def finding(
    audit: str | None = typer.Argument(
        None, help="Audit: AW-2027-01 albo 2027-05-18-surveillance."
    ),
    finding_type: str | None = typer.Option(
        None, "--type", help="Rodzaj: " + ", ".join(f"{k} ({v})" for k, v in FINDING_TYPES.items())
    ),
    criterion: str | None = typer.Option(
        None, "--criterion", help="Kryterium: dokument (np. P-04) albo punkt normy (np. 8.5.1)."
    ),
    evidence: str | None = typer.Option(None, "--evidence", help="Dowód z auditu."),
    description: str | None = typer.Option(None, "--description", help="Opis ustalenia."),
    clause: str | None = typer.Option(None, "--clause", help="Punkt normy, np. 10.2."),
    unit: str | None = typer.Option(None, "--unit", help="Komórka, której dotyczy ustalenie."),
    question: int | None = typer.Option(None, "--question", help="Numer pytania z listy."),
    when: str | None = date_option("Data ustalenia"),
    path: Path = PATH,
    interactive: bool | None = INTERACTIVE,
) -> None:
    """Zapisz ustalenie z auditu (findings.yaml); niezgodność wymaga kryterium i dowodu."""
    asker = Asker(is_interactive(interactive))
    name = _audit_name(asker, audit, path)
    chosen_type = asker.required(
        finding_type,
        "--type",
        "Rodzaj ustalenia",
        check=one_of(list(FINDING_TYPES)),
        options=[f"{k} — {v}" for k, v in FINDING_TYPES.items()],
    )
    if asker.interactive and chosen_type in ("nc-major", "nc-minor"):
        # without a terminal the service refuses a nonconformity without them (exit 3)
        criterion = asker.required(criterion, "--criterion", "Kryterium (dokument albo pkt normy)")
        evidence = asker.required(evidence, "--evidence", "Dowód")
        description = asker.optional(description, "Opis niezgodności (Enter — pomiń)")
    request = (chosen_type, criterion, evidence, description, clause, unit, question)

    on = day(when)

    def body() -> int:
        from qms_cli.services.audit.audits import FindingRequest, add_finding

        result = add_finding(path, name, FindingRequest(*request), on)
        typer.echo(
            f"Zapisano ustalenie {result.ref} ({FINDING_TYPES[chosen_type]}): {shown(result.path)}"
        )
        if result.nonconformity:
            typer.echo(f"Dalej: qms capa new --from {result.ref}")
        return 0

    run(body)


@audit_app.command("report")
def report(
    audit: str | None = typer.Argument(None, help="Audit, np. AW-2027-01."),
    conclusions: str | None = typer.Option(None, "--conclusions", help="Wnioski z auditu."),
    conformity: str | None = typer.Option(
        None, "--conformity", help="Stopień spełnienia kryteriów auditu."
    ),
    disagreements: str | None = typer.Option(
        None, "--disagreements", help="Nierozstrzygnięte rozbieżności (domyślnie „Brak.”)."
    ),
    force: bool = typer.Option(False, "--force", help="Utwórz raport od nowa."),
    pdf: bool = typer.Option(True, "--pdf/--no-pdf", help="Także PDF (gdy moduł PDF jest)."),
    final: bool = typer.Option(
        False,
        "--final",
        help="Raport ostateczny: tylko gdy lista pytań jest sprawdzona powyżej progu, a każde "
        "ustalenie ma opis, kryterium i dowód.",
    ),
    when: str | None = date_option("Data raportu"),
    path: Path = PATH,
    interactive: bool | None = INTERACTIVE,
) -> None:
    """Sporządź raport z auditu (report.md, ISO 19011 pkt 6.5.1) i jego PDF."""
    asker = Asker(is_interactive(interactive))
    name = _audit_name(asker, audit, path)

    on = day(when)

    def body() -> int:
        from qms_cli.services.audit.report import ReportNotFinal, ReportRequest, write_report

        request = ReportRequest(conclusions, conformity, disagreements, force, pdf, final)
        try:
            result = write_report(path, name, request, on)
        except ReportNotFinal as refused:
            typer.echo(f"qms: {refused.message}", err=True)
            for problem in refused.problems:
                typer.echo(f"  - {problem}", err=True)
            typer.echo(f"  wskazówka: {refused.hint}", err=True)
            return refused.exit_code
        typer.echo(f"Zapisano raport: {result.markdown}")
        if result.pdf is not None:
            typer.echo(f"PDF: {result.pdf}")
        elif result.pdf_note:
            typer.echo(f"Bez PDF: {result.pdf_note}.")
        return 0

    run(body)


@audit_app.command("close")
def close(
    audit: str | None = typer.Argument(None, help="Audit, np. AW-2027-01."),
    when: str | None = date_option("Data zamknięcia"),
    path: Path = PATH,
    interactive: bool | None = INTERACTIVE,
) -> None:
    """Zamknij audit: raport jest, a każda niezgodność ma kartę działań korygujących."""
    asker = Asker(is_interactive(interactive))
    name = _audit_name(asker, audit, path)

    on = day(when)

    def body() -> int:
        from qms_cli.services.audit.audits import close_audit

        plan = close_audit(path, name, on)
        typer.echo(f"Zamknięto audit {name} ({plan}).")
        return 0

    run(body)


@audit_app.command("renumber")
def renumber(
    folder: str = typer.Argument(..., help="Katalog auditu w records/audits/, np. AW-2027-08."),
    to: str | None = typer.Option(None, "--to", help="Nowy numer (domyślnie następny wolny)."),
    path: Path = PATH,
) -> None:
    """Nadaj auditowi nowy numer (np. gdy po scaleniu gałęzi numer powtarza się)."""

    def body() -> int:
        from qms_cli.services.audit.audits import renumber_audit

        result = renumber_audit(path, folder, to)
        typer.echo(f"Audit {result.old} ma teraz numer {result.new}: {shown(result.folder)}")
        for changed in result.changed:
            typer.echo(f"  zmieniono {changed}")
        return 0

    run(body)


@audit_app.command("external")
def external(
    kind: str = typer.Option(
        ..., "--kind", help="Rodzaj: " + ", ".join(f"{k} ({v})" for k, v in EXTERNAL_KINDS.items())
    ),
    date: str = typer.Option(..., "--date", help="Data auditu RRRR-MM-DD."),
    body_name: str | None = typer.Option(None, "--body", help="Jednostka certyfikująca."),
    stage: int | None = typer.Option(
        None, "--stage", help="Etap auditu certyfikującego: 1 albo 2."
    ),
    report_ref: str | None = typer.Option(None, "--report", help="Numer raportu jednostki."),
    path: Path = PATH,
) -> None:
    """Zapisz audit jednostki certyfikującej (records/audits/external/DATA-RODZAJ.yaml)."""

    def body() -> int:
        from qms_cli.services.audit.audits import new_external_audit

        target = new_external_audit(path, kind, date, body_name, stage, report_ref)
        typer.echo(f"Zapisano audit zewnętrzny: {target}")
        typer.echo(
            f"Ustalenia: qms audit finding {target.stem} --type … --criterion … --evidence …"
        )
        return 0

    run(body)


@audit_app.command("pack")
def pack(
    year: int | None = typer.Option(None, "--year", help="Rok (domyślnie bieżący)."),
    out: Path | None = typer.Option(
        None, "--out", help="Folder pakietu (domyślnie dist/pakiet-audytowy-<rok>)."
    ),
    path: Path = PATH,
) -> None:
    """Pakiet dla jednostki certyfikującej: zakres, polityka, cele, program i raporty auditów,
    działania korygujące, rejestr niezgodności, przegląd, wykaz dokumentów — bez danych
    osobowych; folder i plik .zip."""

    def body() -> int:
        from qms_cli.services.audit.pack import audit_pack
        from qms_cli.services.workspace import Workspace

        today = clock.today()
        chosen = year or today.year
        with Workspace.open(path) as ws:
            target = out.absolute() if out else ws.root / "dist" / f"pakiet-audytowy-{chosen}"
            archive = audit_pack(ws, chosen, target, today)
        typer.echo(
            f"Zapisano pakiet dla jednostki certyfikującej: {shown(target)} ({archive.name})."
        )
        return 0

    run(body)
