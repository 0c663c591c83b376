"""Inputs a), b), d), e) and f) of ISO 9001 9.3.2 for the review draft."""

from __future__ import annotations

from typing import Any

from qms_cli.model.audits import FINDING_TYPES
from qms_cli.model.calendar import parse_date
from qms_cli.model.objectives import Status, assess
from qms_cli.model.review import STATE_PL, action_state, all_actions
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


def _texts(data: Any, group: str) -> list[tuple[str, str]]:
    issues = data.get("issues") if isinstance(data, dict) else None
    items = issues.get(group) if isinstance(issues, dict) else None
    return [
        (str(i.get("text", "")), str(i.get("impact", "")))
        for i in (items if isinstance(items, list) else [])
        if isinstance(i, dict)
    ]


def context_changes(ctx: ReviewContext) -> Section:
    rel = "records/context.yaml"
    data = ctx.repo.data("context")
    if not data:
        return Section("Brak analizy kontekstu (records/context.yaml).\n", [])
    earlier = ctx.earlier(rel)
    before: set[str] = set()
    if earlier is not None:
        before = {t for g in ("external", "internal") for t, _ in _texts(earlier[1], g)}
    rows = []
    for group, label in (("external", "zewnętrzny"), ("internal", "wewnętrzny")):
        for text, impact in _texts(data, group):
            new = earlier is not None and text not in before
            rows.append([label + (" (nowy)" if new else ""), text, impact])
    parts = [table(["Czynnik", "Opis", "Wpływ na SZJ"], rows)]
    if ctx.previous is None or ctx.previous.held is None:
        parts.append("Brak poprzedniego przeglądu: pokazano wszystkie czynniki.\n")
    elif earlier is None:
        parts.append(
            f"Historia repozytorium nie sięga przeglądu {ctx.previous.id} "
            f"({ctx.previous.held}): zmian nie da się wskazać automatycznie — uzupełnij.\n"
        )
    else:
        gone = before - {t for g in ("external", "internal") for t, _ in _texts(data, g)}
        parts.append(
            f"Porównanie ze stanem z dnia przeglądu {ctx.previous.id} ({ctx.previous.held}, "
            f"commit {earlier[0][:10]}): nowe czynniki oznaczono „(nowy)”; "
            f"czynniki usunięte: {len(gone)}"
            + (": " + "; ".join(sorted(gone)) if gone else "")
            + ".\n"
        )
    climate = data.get("climate_change") if isinstance(data.get("climate_change"), dict) else {}
    if climate:
        relevant = "istotna" if climate.get("relevant") else "nieistotna"
        parts.append(
            f"Zmiana klimatu (ISO 9001 Amd 1:2024): {relevant} — decyzja z dnia "
            f"{climate.get('decided', '–')}.\n"
        )
    parties = data.get("interested_parties")
    parts.append(f"Strony zainteresowane w analizie kontekstu: {len(parties or [])}.\n")
    plans = ctx.repo.of_kind("transition-plan")
    parts += [transition_note(p.path, p.data) for p in plans]
    return Section("\n".join(parts), [rel, *(p.path for p in plans)])


def transition_note(rel: str, data: Any) -> str:
    """One paragraph on the plan of the move to a new edition of the standard."""
    items = data.get("requirements") if isinstance(data, dict) else None
    items = [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []
    open_ids = [str(i.get("id")) for i in items if i.get("state") != "covered"]
    prepared = parse_date(data.get("prepared")) if isinstance(data, dict) else None
    until = parse_date(data.get("transition_until")) if isinstance(data, dict) else None
    standard = data.get("standard") if isinstance(data, dict) else None
    return (
        f"Przejście na nowe wydanie normy, {standard or 'ISO 9001'}: plan {rel}"
        + (f" z dnia {format_date_pl(prepared)}" if prepared else "")
        + f" – wymagań nowych lub zmienionych {len(items)}, spełnionych "
        f"{len(items) - len(open_ids)}, do uzupełnienia {len(open_ids)}"
        + (f" ({', '.join(open_ids)})" if open_ids else "")
        + ". Koniec okresu przejściowego: "
        + (format_date_pl(until) if until else "jeszcze nieustalony")
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
        return Section("Brak rejestru ryzyk i szans (records/risks.yaml).\n", [])
    earlier = ctx.earlier(source.path)
    before_ids: set[str] = set()
    if earlier is not None and isinstance(earlier[1], dict):
        before_ids = {
            str(r.get("id")) for r in earlier[1].get("risks") or [] if isinstance(r, dict)
        }
    rows, totals = [], {"done": 0, "all": 0, "overdue": 0}
    for _, _, risk in ctx.repo.items("risks", "risks"):
        actions = [a for a in risk.get("actions") or [] if isinstance(a, dict)]
        done = sum(a.get("status") == "done" for a in actions)
        overdue = sum(
            a.get("status") != "done" and (parse_date(a.get("due")) or ctx.today) < ctx.today
            for a in actions
        )
        totals["done"] += done
        totals["all"] += len(actions)
        totals["overdue"] += overdue
        level = _level(risk)
        new = earlier is not None and str(risk.get("id")) not in before_ids
        rows.append(
            [
                f"{risk.get('id')}" + (" (nowe)" if new else ""),
                str(risk.get("process", "–")),
                "szansa" if risk.get("type") == "opportunity" else "ryzyko",
                level,
                f"{done} z {len(actions)}",
                str(overdue),
                str(risk.get("reviewed", "–")),
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


def _level(risk: dict[str, Any]) -> str:
    likelihood, impact = risk.get("likelihood"), risk.get("impact")
    if not isinstance(likelihood, int) or not isinstance(impact, int):
        return "–"
    score = likelihood * impact
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
    for _, _, risk in ctx.repo.items("risks", "risks"):
        open_actions = [
            a
            for a in risk.get("actions") or []
            if isinstance(a, dict) and a.get("status") != "done"
        ]
        if risk.get("type") == "opportunity" and open_actions:
            lines.append(f"- szansa {risk.get('id')}: {risk.get('description', '')}")
            files.append("records/risks.yaml")
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
