"""The generated part of the yearly satisfaction report (P-06 5.3.4) as Markdown. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from qms_cli.model.numbers import change, pl_number, with_unit
from qms_cli.model.surveys import CHANNELS, Group, Summary, SurveyConfig
from qms_cli.render.markdown import image, sources, table


@dataclass(frozen=True)
class Previous:
    year: int
    responses: int
    index: float | None
    units: Mapping[str, float | None]
    sources: Sequence[str]


def index_sentence(summary: Summary, config: SurveyConfig, previous: Previous | None) -> str:
    question = config.question(config.index_question)
    text = f"„{question.text}”" if question else ""
    overall = summary.overall
    sentence = (
        f"Wskaźnik zadowolenia (odsetek ocen 4 „dobrze” i 5 „bardzo dobrze” w pytaniu "
        f"{config.index_question} {text}, procedura P-06): "
        f"**{with_unit(overall.index, '%')}** ({overall.satisfied} z {overall.answered} "
        "odpowiedzi na to pytanie)"
    )
    if previous is not None:
        sentence += (
            f"; w {previous.year} r.: {with_unit(previous.index, '%')} "
            f"(zmiana: {change(overall.index, previous.index)})"
        )
    return sentence + ".\n"


def _group_rows(groups: Sequence[Group], previous: Previous | None) -> list[list[str]]:
    rows = []
    for g in groups:
        row = [g.label, str(g.responses), with_unit(g.index, "%")]
        if previous is not None:
            before = previous.units.get(g.key)
            row += [with_unit(before, "%"), change(g.index, before)]
        rows.append(row)
    return rows


def report_body(
    summary: Summary,
    config: SurveyConfig,
    previous: Previous | None,
    files: Sequence[str],
    invalid: int,
    charts: Mapping[str, str],
) -> str:
    """Sections 1–6 of the report; ``charts`` maps a chart name to its path from the report."""
    overall, year = summary.overall, summary.year
    channels = ", ".join(f"{CHANNELS.get(g.key, g.key)}: {g.responses}" for g in summary.channels)
    parts = [
        "## 1. Zakres badania\n",
        f"Okres: od 1 stycznia do 31 grudnia {year} r. Ważne ankiety F-05: "
        f"**{overall.responses}** ({channels}); ankiety nieważne (mniej niż połowa odpowiedzi): "
        f"{invalid}.\n",
        sources(files),
        "## 2. Wskaźnik zadowolenia\n",
        index_sentence(summary, config, previous),
    ]
    if previous is not None:
        parts.append(sources(previous.sources))
    head = ["Komórka", "Ankiety", f"Wskaźnik {year}"]
    head += [f"Wskaźnik {previous.year}", "Zmiana"] if previous is not None else []
    parts += [
        "## 3. Wyniki według komórek\n",
        table(head, _group_rows(summary.units, previous), (1, 2, 3)),
    ]
    if "units" in charts:
        parts.append(image(f"Wskaźnik zadowolenia według komórek, {year} r.", charts["units"]))
    if config.threshold is not None:
        below = [
            g.label for g in summary.units if g.index is not None and g.index < config.threshold
        ]
        limit = with_unit(config.threshold, "%", 0)
        parts.append(
            f"Komórki z wskaźnikiem poniżej {limit} (analiza przyczyn, P-06 pkt 5.3.2): "
            + (", ".join(below) if below else "brak")
            + ".\n"
        )
    service_rows = [[g.label, str(g.responses), with_unit(g.index, "%")] for g in summary.services]
    parts += [
        "## 4. Wyniki według spraw\n",
        table(["Sprawa (usługa)", "Ankiety", "Wskaźnik"], service_rows, (1, 2)),
        "## 5. Oceny w poszczególnych pytaniach\n",
        table(
            ["Pytanie", "Odpowiedzi", "Średnia ocena (1–5)", "Oceny 4–5"],
            [
                [f"{q.id} {q.text}", str(q.answered), pl_number(q.mean, 2), with_unit(q.index, "%")]
                for q in summary.questions
            ],
            (1, 2, 3),
        ),
    ]
    if "questions" in charts:
        parts.append(image(f"Średnie oceny w pytaniach ankiety, {year} r.", charts["questions"]))
    parts += [
        "## 6. Uwagi klientów\n",
        f"Ankiety z uwagami lub propozycjami: {summary.remarks}. Ich treść jest w plikach "
        "źródłowych wymienionych w punkcie 1.\n",
    ]
    return "\n".join(parts)
