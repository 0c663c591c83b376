"""Input c) of ISO 9001 9.3.2 for the review draft: performance and effectiveness, 1)–7)."""

from __future__ import annotations

from collections import Counter

from qms_cli.model.audit_records import AUDIT_KIND_PL, Audit
from qms_cli.model.audits import FINDING_TYPES_PLURAL as FINDING_TYPES
from qms_cli.model.calendar import parse_date
from qms_cli.model.capa import SOURCE_TYPES as CAPA_SOURCE_PL
from qms_cli.model.certification import certificate_of
from qms_cli.model.complaints import OUTCOME_PL
from qms_cli.model.numbers import change, percent, with_unit
from qms_cli.model.objectives import assess
from qms_cli.render.markdown import image, table
from qms_cli.services.records.objectives import chart_path, load_objectives, write_charts
from qms_cli.services.review.context import ReviewContext, Section
from qms_cli.services.survey.data import figures_from_summary, report_path, survey_config
from qms_cli.services.survey.report import previous_from, survey_charts


def satisfaction(ctx: ReviewContext) -> Section:
    year = ctx.period_year
    data, summary = ctx.surveys(year)
    parts: list[str] = []
    files: list[str] = []
    if data.responses:
        figures = figures_from_summary(summary, data.sources)
        before = ctx.survey_figures(year - 1)
        overall = summary.overall
        line = (
            f"Badanie satysfakcji (ankieta F-05, procedura P-06) w {year} r.: ważne ankiety: "
            f"{overall.responses}, wskaźnik zadowolenia: {with_unit(figures.index, '%')}"
        )
        if before is not None:
            line += (
                f" (w {before.year} r.: {with_unit(before.index, '%')}, zmiana: "
                f"{change(figures.index, before.index)})"
            )
            files.extend(before.sources)
        parts.append(line + ".\n")
        rows = [[g.label, str(g.responses), with_unit(g.index, "%")] for g in summary.units]
        parts.append(table(["Komórka", "Ankiety", "Wskaźnik zadowolenia"], rows, (1, 2)))
        charts = survey_charts(ctx.root, summary, survey_config(ctx.repo), previous_from(before))
        parts.append(
            image(
                f"Wskaźnik zadowolenia według komórek, {year} r.", ctx.chart_link(charts["units"])
            )
        )
        files.extend([*data.sources, *([data.imports_file] if data.imports_file else [])])
        report = ctx.repo.files.get(report_path(year))
        if report is not None:
            parts.append(f"Raport z badania satysfakcji: `{report.path}`.\n")
            files.append(report.path)
    else:
        parts.append(f"Brak wyników ankiet za {year} r. w repozytorium.\n")
    parts.append(_complaints(ctx, files))
    return Section("\n".join(parts), files)


def _complaints(ctx: ReviewContext, files: list[str]) -> str:
    found = ctx.complaints()
    if not found:
        return "Skargi i wnioski: w okresie nie wpłynęły.\n"
    files.extend(c.path for c in found)
    rows = []
    for kind, label in (("complaint", "Skargi"), ("request", "Wnioski")):
        group = [c for c in found if c.kind == kind]
        closed = [c for c in group if c.closed is not None]
        on_time = sum(1 for c in closed if c.on_time())
        outcomes = Counter(OUTCOME_PL.get(c.outcome or "", "–") for c in closed)
        rows.append(
            [
                label,
                str(len(group)),
                str(len(closed)),
                f"{on_time} z {len(closed)}",
                str(sum(1 for c in group if c.closed is None)),
                ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())) or "–",
            ]
        )
    units = Counter(c.unit for c in found)
    return (
        "Skargi i wnioski (rejestr niepubliczny, bez danych osobowych):\n\n"
        + table(
            ["Rodzaj", "Wpłynęło", "Załatwiono", "W terminie", "W toku", "Sposób załatwienia"],
            rows,
            (1, 2, 4),
        )
        + "\nWedług komórek: "
        + ", ".join(f"{u}: {n}" for u, n in sorted(units.items()))
        + ".\n"
    )


def objectives(ctx: ReviewContext) -> Section:
    year = ctx.period_year
    found = load_objectives(ctx.repo, year)
    if found is None:
        return Section(f"Brak celów jakości na {year} r. (records/objectives/{year}.yaml).\n", [])
    source, items = found
    assessed = [assess(o, ctx.today) for o in items]
    write_charts(ctx.root, year, assessed)
    counts = Counter(a.status.label_pl for a in assessed)
    rows = [
        [
            a.objective.id,
            a.objective.kpi,
            ("≤ " if a.objective.direction == "max" else "≥ ")
            + with_unit(a.objective.target, a.objective.unit),
            with_unit(a.objective.latest.value, a.objective.unit) if a.objective.latest else "–",
            str(a.objective.latest.date) if a.objective.latest else "–",
            a.status.label_pl,
        ]
        for a in assessed
    ]
    parts = [
        f"Cele jakości na {year} r.: {len(items)}; stan na {ctx.today}: "
        + ", ".join(f"{k}: {v}" for k, v in counts.items())
        + ".\n",
        table(
            ["Cel", "Miernik", "Wartość docelowa", "Ostatni pomiar", "Data pomiaru", "Stan"], rows
        ),
        *(
            image(
                f"{a.objective.id}: {a.objective.kpi}",
                ctx.chart_link(chart_path(year, a.objective.id)),
            )
            for a in assessed
        ),
    ]
    return Section("\n".join(parts), [source])


def processes(ctx: ReviewContext) -> Section:
    found = load_objectives(ctx.repo, ctx.period_year)
    by_process: dict[str, list[str]] = {}
    for o in found[1] if found else []:
        if o.process:
            by_process.setdefault(o.process, []).append(
                f"{o.id}: {assess(o, ctx.today).status.label_pl}"
            )
    nonconformities: Counter[str] = Counter()
    for audit in ctx.internal_audits():
        if ctx.in_period(audit.date):
            count = sum(1 for f in audit.findings if f.type.startswith("nc-"))
            for process in audit.processes:
                nonconformities[process] += count
    rows, files = [], []
    for doc in sorted(ctx.repo.documents_of_type("process"), key=lambda d: d.id):
        if doc.status == "withdrawn":
            continue
        measures = "; ".join(
            f"{k.name} (cel: {k.target}{'' if k.unit == '%' else ' '}{k.unit})"
            for k in ctx.repo.process_card(doc).kpis
        )
        rows.append(
            [
                doc.id,
                doc.title,
                doc.owner or "–",
                measures or "–",
                "; ".join(by_process.get(doc.id, [])) or "–",
                str(nonconformities[doc.id]),
            ]
        )
        files.append(doc.path)
    if found:
        files.append(found[0])
    text = table(
        [
            "Proces",
            "Nazwa",
            "Właściciel",
            "Mierniki procesu",
            "Cele jakości",
            "Niezgodności z auditów",
        ],
        rows,
        (5,),
    )
    note = (
        "<!-- Właściciele procesów: ocena efektów procesów i zgodności usług "
        "(P-05 pkt 5.2.1). -->\n"
    )
    return Section(text + "\n" + note, files)


def corrective(ctx: ReviewContext) -> Section:
    actions = [c for c in ctx.corrective_actions() if ctx.in_period(c.opened) or not c.closed]
    if not actions:
        return Section(
            "W okresie nie otwarto działań korygujących i żadne nie pozostaje otwarte "
            "(records/capa/).\n",
            [],
        )
    rows = [
        [
            c.id,
            CAPA_SOURCE_PL.get(c.source, c.source) + (f" {c.ref}" if c.ref else ""),
            str(c.opened or "–"),
            c.owner or "–",
            str(c.due or "–"),
            "zamknięte" if c.closed else "po terminie" if c.overdue(ctx.today) else "otwarte",
            "skuteczne"
            if c.effective
            else "nieskuteczne"
            if c.effective is False
            else "nie oceniono",
        ]
        for c in actions
    ]
    opened = sum(1 for c in actions if ctx.in_period(c.opened))
    closed = sum(1 for c in actions if c.closed)
    effective = sum(1 for c in actions if c.effective)
    summary = (
        f"Działania korygujące otwarte w okresie: {opened}; zamknięte: {closed}; skuteczne: "
        f"{effective}; po terminie: {sum(1 for c in actions if c.overdue(ctx.today))} "
        f"(stan na {ctx.today}).\n"
    )
    return Section(
        summary
        + "\n"
        + table(["Karta", "Źródło", "Otwarta", "Odpowiada", "Termin", "Stan", "Skuteczność"], rows),
        [c.path for c in actions],
    )


def monitoring(ctx: ReviewContext) -> Section:
    found = load_objectives(ctx.repo, ctx.period_year)
    if found is None:
        return Section("Brak pomiarów: nie ustalono celów jakości za ten okres.\n", [])
    source, items = found
    dates = sorted({m.date for o in items for m in o.measurements if ctx.in_period(m.date)})
    rows = []
    for o in items:
        values = {m.date: m.value for m in o.measurements}
        rows.append(
            [
                o.id,
                o.unit or "–",
                with_unit(o.baseline, o.unit),
                *(with_unit(values.get(d), o.unit) for d in dates),
                with_unit(o.target, o.unit),
            ]
        )
    head = ["Miernik", "Jednostka", "Wartość wyjściowa", *(str(d) for d in dates), "Cel"]
    text = table(head, rows, tuple(range(2, len(head))))
    return Section(f"Pomiary mierników celów jakości w {ctx.period_year} r.:\n\n" + text, [source])


def _audit_row(audit: Audit) -> list[str]:
    counts = Counter(f.type for f in audit.findings)
    order = [*FINDING_TYPES, *sorted(set(counts) - set(FINDING_TYPES))]
    found = ", ".join(f"{FINDING_TYPES.get(t, t)}: {counts[t]}" for t in order if counts[t])
    return [
        audit.id,
        AUDIT_KIND_PL.get(audit.kind, audit.kind),
        str(audit.date or "–"),
        ", ".join(audit.processes) or "–",
        found or "bez ustaleń",
    ]


def audits(ctx: ReviewContext) -> Section:
    year = ctx.period_year
    found = ctx.audit_year()
    dated, done, coming, planned = found.dated, found.done, found.coming, found.planned
    files = [s for a in dated for s in a.sources]
    if found.programme is not None:
        files.append(found.programme)
    done_ids = {a.id for a in dated}
    parts = [
        f"Audity wewnętrzne {year} r.: zaplanowane w programie: {len(planned)}, "
        f"przeprowadzone: {len(done)}"
        + (
            "; zaplanowane na dalsze dni: " + ", ".join(f"{a.id} ({a.date})" for a in coming)
            if coming
            else ""
        )
        + (
            f"; bez zapisów z przeprowadzenia: {', '.join(p for p in planned if p not in done_ids)}"
            if any(p not in done_ids for p in planned)
            else ""
        )
        + ".\n"
    ]
    external = [a for a in ctx.external_audits() if ctx.in_period(a.date)]
    files += [s for a in external for s in a.sources]
    certificate = certificate_of(ctx.repo.config)
    for kind_id, date in certificate.arranged() if certificate is not None else []:
        day = date.isoformat()
        if date.year == year and not any(a.date == date for a in external):
            kind = AUDIT_KIND_PL.get(kind_id, kind_id)
            parts.append(
                f"Audit zewnętrzny ({kind}) {day}: według qms.yaml; brak zapisu "
                "z ustaleniami w records/audits/external/.\n"
            )
            files.append("qms.yaml")
    rows = [_audit_row(a) for a in [*done, *external]]
    if rows:
        parts.append(table(["Audit", "Rodzaj", "Data", "Procesy", "Ustalenia"], rows))
    return Section("\n".join(parts), files)


def suppliers(ctx: ReviewContext) -> Section:
    source = ctx.repo.single("suppliers")
    if source is None:
        return Section("Brak wykazu dostawców zewnętrznych (records/suppliers.yaml).\n", [])
    items = list(ctx.repo.items("suppliers", "suppliers"))
    rows = [
        [
            str(s.get("id")),
            str(s.get("name", "")),
            str(s.get("evaluated", "–")),
            str(s.get("score", "–")),
            str(s.get("result", "–")),
        ]
        for _, _, s in items
    ]
    results = Counter(str(s.get("result", "–")) for _, _, s in items)
    evaluated = sum(1 for _, _, s in items if ctx.in_period(parse_date(s.get("evaluated"))))
    summary = (
        f"Dostawcy zewnętrzni: {len(items)}; ocenieni w okresie: {evaluated}; wyniki: "
        + ", ".join(f"{k}: {v}" for k, v in sorted(results.items()))
        + ".\n"
    )
    share = percent(results.get("zatwierdzony", 0), len(items))
    summary += f"Odsetek dostawców zatwierdzonych bez warunków: {with_unit(share, '%')}.\n"
    return Section(
        summary
        + "\n"
        + table(["Dostawca", "Nazwa", "Ocena z dnia", "Punkty (1–5)", "Wynik"], rows, (3,)),
        [source.path],
    )
