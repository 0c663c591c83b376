"""Inputs a), b), d), e) and f) of ISO 9001 9.3.2 for the review draft."""

from __future__ import annotations

from qms_cli.model.audits import FINDING_TYPES
from qms_cli.model.context_records import (
    CONTEXT_FILE,
    ISSUE_GROUPS,
    RISKS_FILE,
    context_of,
    parse_context,
    parse_risks,
    risks_of,
)
from qms_cli.model.objectives import Status, assess
from qms_cli.model.review import STATE_PL, action_state, all_actions
from qms_cli.model.transition import TransitionPlan, parse_plan
from qms_cli.model.typography import format_date_pl
from qms_cli.render.markdown import table
from qms_cli.services.records.objectives import load_objectives
from qms_cli.services.review.context import ACTIONS_FILE, ReviewContext, Section
from qms_cli.services.survey.data import survey_config


def previous_actions(ctx: ReviewContext) -> Section:
    earlier = [r for r in ctx.reviews if r.year < int(ctx.review_id[3:])]
    found = all_actions(earlier)
    files = [r.path for r in earlier if r.held is not None]
    if not found:
        text = (
            "Poprzednie przeglądy nie zawierają ustaleń do śledzenia."
            if files
            else "W repozytorium nie ma wcześniejszego przeglądu zarządzania."
        )
        return Section(text + "\n", files)
    rows, counts = [], dict.fromkeys(STATE_PL, 0)
    for action in found:
        state = action_state(action, ctx.progress, ctx.today)
        counts[state] += 1
        entry = ctx.progress.get(action.id)
        note = " ".join(x for x in (str(entry.date or ""), entry.note) if x) if entry else ""
        rows.append(
            [
                action.id,
                action.text,
                action.owner or "–",
                str(action.due or "–"),
                STATE_PL[state],
                note,
            ]
        )
    summary = (
        f"Ustalenia z poprzednich przeglądów: {len(found)}; stan na {ctx.today}: "
        + ", ".join(f"{STATE_PL[k]}: {v}" for k, v in counts.items())
        + ".\n"
    )
    if ctx.progress:
        files.append(ACTIONS_FILE)
    return Section(
        summary
        + "\n"
        + table(["Ustalenie", "Treść", "Odpowiada", "Termin", "Stan", "Realizacja"], rows),
        files,
    )


def context_changes(ctx: ReviewContext) -> Section:
    context = context_of(ctx.repo)
    if context is None:
        return Section(f"Brak analizy kontekstu ({CONTEXT_FILE}).\n", [])
    earlier = ctx.earlier(context.path)
    before = parse_context(context.path, earlier[1]).issue_texts() if earlier else set()
    rows = []
    for issue in context.issues:
        new = earlier is not None and issue.text not in before
        label = ISSUE_GROUPS[issue.group] + (" (nowy)" if new else "")
        rows.append([label, issue.text, issue.impact])
    parts = [table(["Czynnik", "Opis", "Wpływ na SZJ"], rows)]
    if ctx.previous is None or ctx.previous.held is None:
        parts.append("Brak poprzedniego przeglądu: pokazano wszystkie czynniki.\n")
    elif earlier is None:
        parts.append(
            f"Historia repozytorium nie sięga przeglądu {ctx.previous.id} "
            f"({ctx.previous.held}): zmian nie da się wskazać automatycznie — uzupełnij.\n"
        )
    else:
        gone = before - context.issue_texts()
        parts.append(
            f"Porównanie ze stanem z dnia przeglądu {ctx.previous.id} ({ctx.previous.held}, "
            f"commit {earlier[0][:10]}): nowe czynniki oznaczono „(nowy)”; "
            f"czynniki usunięte: {len(gone)}"
            + (": " + "; ".join(sorted(gone)) if gone else "")
            + ".\n"
        )
    climate = context.climate
    if climate is not None:
        relevant = "istotna" if climate.relevant else "nieistotna"
        parts.append(
            f"Zmiana klimatu (ISO 9001 Amd 1:2024): {relevant} — decyzja z dnia "
            f"{climate.decided or '–'}.\n"
        )
    parts.append(f"Strony zainteresowane w analizie kontekstu: {context.interested_parties}.\n")
    plans = ctx.repo.of_kind("transition-plan")
    parts += [transition_note(parse_plan(p.path, p.data)) for p in plans]
    return Section("\n".join(parts), [context.path, *(p.path for p in plans)])


def transition_note(plan: TransitionPlan) -> str:
    """One paragraph on the plan of the move to a new edition of the standard."""
    open_ids, count = plan.open_ids, len(plan.requirements)
    return (
        f"Przejście na nowe wydanie normy, {plan.standard or 'ISO 9001'}: plan {plan.path}"
        + (f" z dnia {format_date_pl(plan.prepared)}" if plan.prepared else "")
        + f" – wymagań nowych lub zmienionych {count}, spełnionych "
        f"{count - len(open_ids)}, do uzupełnienia {len(open_ids)}"
        + (f" ({', '.join(open_ids)})" if open_ids else "")
        + ". Koniec okresu przejściowego: "
        + (
            format_date_pl(plan.transition_until)
            if plan.transition_until
            else "jeszcze nieustalony"
        )
        + ".\n"
    )


def resources(ctx: ReviewContext) -> Section:
    found = load_objectives(ctx.repo, ctx.period_year)
    rows = []
    if found is not None:
        source, objectives = found
        data = ctx.repo.files[source].data
        by_id = {o.get("id"): o for o in data.get("objectives") or [] if isinstance(o, dict)}
        rows = [[o.id, str(by_id.get(o.id, {}).get("resources") or "–")] for o in objectives]
    parts = [
        "Zasoby zaplanowane do realizacji celów jakości:\n",
        table(["Cel", "Zasoby"], rows) if rows else "Brak celów jakości za ten okres.\n",
        "<!-- Ocena adekwatności zasobów (kadry, kompetencje, budżet, infrastruktura, "
        "środowisko pracy, wiedza organizacji) – uzupełnia Pełnomocnik ze Skarbnikiem. -->\n",
    ]
    return Section("\n".join(parts), [found[0]] if found else [])


def risk_actions(ctx: ReviewContext) -> Section:
    source = ctx.repo.single("risks")
    if source is None:
        return Section(f"Brak rejestru ryzyk i szans ({RISKS_FILE}).\n", [])
    earlier = ctx.earlier(source.path)
    before_ids = {r.id for r in parse_risks(source, earlier[1])} if earlier else set()
    rows, totals = [], {"done": 0, "all": 0, "overdue": 0}
    for risk in risks_of(ctx.repo):
        done = sum(a.done for a in risk.actions)
        overdue = sum(not a.done and (a.due or ctx.today) < ctx.today for a in risk.actions)
        totals["done"] += done
        totals["all"] += len(risk.actions)
        totals["overdue"] += overdue
        new = earlier is not None and risk.id not in before_ids
        rows.append(
            [
                f"{risk.id}" + (" (nowe)" if new else ""),
                risk.process or "–",
                "szansa" if risk.opportunity else "ryzyko",
                _level(risk.score),
                f"{done} z {len(risk.actions)}",
                str(overdue),
                risk.reviewed or "–",
            ]
        )
    summary = (
        f"Pozycje rejestru: {len(rows)}; działania wykonane: {totals['done']} z {totals['all']}; "
        f"po terminie: {totals['overdue']} (stan na {ctx.today}).\n"
    )
    return Section(
        summary
        + "\n"
        + table(
            [
                "Pozycja",
                "Proces",
                "Rodzaj",
                "Poziom",
                "Działania wykonane",
                "Po terminie",
                "Przegląd",
            ],
            rows,
            (3, 5),
        ),
        [source.path],
    )


def _level(score: int | None) -> str:
    if score is None:
        return "–"
    band = "wysoki" if score >= 15 else "średni" if score >= 8 else "niski"
    return f"{score} ({band})"


def improvement(ctx: ReviewContext) -> Section:
    lines: list[str] = []
    files: list[str] = []
    for audit in [*ctx.internal_audits(), *ctx.external_audits()]:
        if not ctx.in_period(audit.date):
            continue
        for f in audit.findings:
            if f.type in ("improvement", "observation"):
                kind = FINDING_TYPES[f.type]
                criterion = f.reference or "bez wskazania kryterium"
                lines.append(f"- {audit.id}/{f.no} ({kind}): {criterion}")
                files.extend(audit.sources)
    for risk in risks_of(ctx.repo):
        if risk.opportunity and not all(a.done for a in risk.actions):
            lines.append(f"- szansa {risk.id}: {risk.description}")
            files.append(risk.path)
    requests = [c for c in ctx.complaints() if c.kind == "request"]
    if requests:
        lines.append(f"- wnioski klientów w okresie: {len(requests)} (rejestr skarg i wniosków)")
        files.extend(c.path for c in requests)
    data, summary = ctx.surveys(ctx.period_year)
    if data.responses:
        config = survey_config(ctx.repo)
        low = [
            g.label
            for g in summary.units
            if g.index is not None and config.threshold is not None and g.index < config.threshold
        ]
        if low:
            lines.append("- komórki z wskaźnikiem zadowolenia poniżej progu: " + ", ".join(low))
            files.extend(data.sources)
    found = load_objectives(ctx.repo, ctx.period_year)
    if found is not None:
        weak = [
            a.objective.id
            for o in found[1]
            if (a := assess(o, ctx.today)).status in (Status.AT_RISK, Status.MISSED)
        ]
        if weak:
            lines.append("- cele zagrożone lub nieosiągnięte: " + ", ".join(weak))
            files.append(found[0])
    text = "\n".join(lines) + "\n" if lines else "Zapisy nie wskazują możliwości doskonalenia.\n"
    note = "<!-- Dopisz propozycje pracowników, klientów i kierowników komórek. -->\n"
    return Section(text + "\n" + note, files)
