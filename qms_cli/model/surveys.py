"""Customer satisfaction surveys (ISO 9001, 9.1.2; procedure P-06): the questionnaire as
``qms.yaml`` describes it, checking imported rows, and the satisfaction index. Pure.

The satisfaction index (wskaźnik zadowolenia) is the share of answers 4 ("dobrze") and 5
("bardzo dobrze") to the index question among all answers to it; a questionnaire with fewer
than half of the questions answered is invalid (P-06 5.2.3) and counts nowhere.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from qms_cli.model.numbers import percent

SCALE = (1, 5)
SATISFIED = frozenset({4, 5})
CHANNELS = {"paper": "papierowa", "online": "elektroniczna"}
FIELDS = ("date", "unit", "service", "remarks")
REQUIRED_FIELDS = ("date", "unit")
FIELD_PL = {"date": "data", "unit": "komórka", "service": "sprawa", "remarks": "uwagi"}
BLANK_ANSWERS = frozenset({"", "-", "–", "n/d", "nd", "nie dotyczy"})

# The questions of form F-05 of the example office, used when qms.yaml has no ``surveys``.
DEFAULT_QUESTIONS = (
    ("P1", "Uprzejmość i życzliwość pracowników"),
    ("P2", "Kompetencje pracowników i jasność udzielonych informacji"),
    ("P3", "Czas oczekiwania na obsługę"),
    ("P4", "Czas załatwienia sprawy"),
    ("P5", "Dostępność informacji o sposobie załatwienia sprawy"),
    ("P6", "Możliwość załatwienia sprawy elektronicznie"),
    ("P7", "Warunki obsługi"),
    ("P8", "Ogólna ocena obsługi w Urzędzie"),
)
DEFAULT_COLUMNS = {
    "date": ("Data", "Data wypełnienia"),
    "unit": ("Komórka", "Komórka organizacyjna"),
    "service": ("Sprawa", "Usługa"),
    "remarks": ("Uwagi", "Uwagi i propozycje"),
}


def normal(text: str) -> str:
    """Compare headers and names loosely: case, diacritics, spaces and end punctuation."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("\ufeff", "")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", plain).strip().rstrip(":.").strip()


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    headers: tuple[str, ...]


@dataclass(frozen=True)
class SurveyConfig:
    questions: tuple[Question, ...]
    index_question: str
    columns: Mapping[str, tuple[str, ...]]
    unit_aliases: Mapping[str, str] = field(default_factory=dict)  # normal(alias) -> unit id
    threshold: float | None = 85.0

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def config_from(qms: Mapping[str, Any]) -> SurveyConfig:
    """The survey settings of ``qms.yaml`` (section ``surveys``) over the F-05 defaults."""
    section = qms.get("surveys")
    section = section if isinstance(section, dict) else {}
    questions = []
    for item in section.get("questions") or []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            text = str(item.get("text") or item["id"])
            headers = _strings(item.get("columns")) or (item["id"], text)
            questions.append(Question(item["id"], text, headers))
    if not questions:
        questions = [Question(qid, text, (qid, text)) for qid, text in DEFAULT_QUESTIONS]
    columns: dict[str, tuple[str, ...]] = dict(DEFAULT_COLUMNS)
    raw_columns = section.get("columns")
    for name, headers in (raw_columns if isinstance(raw_columns, dict) else {}).items():
        if name in FIELDS and _strings(headers):
            columns[name] = _strings(headers)
    index = section.get("index_question")
    if not isinstance(index, str) or index not in {q.id for q in questions}:
        index = questions[-1].id
    aliases = section.get("units")
    aliases = (
        {normal(str(k)): str(v) for k, v in aliases.items()} if isinstance(aliases, dict) else {}
    )
    threshold = section.get("threshold", 85.0)
    return SurveyConfig(
        tuple(questions),
        index,
        columns,
        aliases,
        float(threshold) if isinstance(threshold, int | float) else None,
    )


def map_headers(headers: Sequence[str], config: SurveyConfig) -> tuple[dict[str, int], list[str]]:
    """Column index per field and question id; and a Polish description of each required
    column that is missing."""
    found = {normal(h): i for i, h in reversed(list(enumerate(headers)))}
    wanted: dict[str, tuple[str, ...]] = dict(config.columns)
    wanted.update({q.id: q.headers for q in config.questions})
    mapping: dict[str, int] = {}
    missing: list[str] = []
    for name, accepted in wanted.items():
        index = next((found[normal(a)] for a in accepted if normal(a) in found), None)
        if index is not None:
            mapping[name] = index
        elif name in REQUIRED_FIELDS or name not in FIELDS:
            label = FIELD_PL.get(name, f"pytanie {name}")
            missing.append(f"{label} (nagłówek: " + " albo ".join(f"„{a}”" for a in accepted) + ")")
    return mapping, missing


@dataclass(frozen=True)
class Response:
    date: dt.date
    channel: str
    unit: str
    service: str
    answers: Mapping[str, int]  # question id -> 1..5; unanswered questions are absent
    remarks: str = ""


@dataclass(frozen=True)
class RowProblem:
    line: int
    message: str


@dataclass
class Checked:
    responses: list[Response] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)  # bad rows: fix or --skip-bad
    invalid: list[RowProblem] = field(default_factory=list)  # too few answers (P-06 5.2.3)


_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")


def parse_day(text: str) -> dt.date | None:
    """``2026-10-05`` (also with a time, as Excel writes it), ``5.10.2026`` or ``05.10.2026``."""
    text = text.strip()
    try:
        if match := _ISO.fullmatch(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DMY.fullmatch(text):
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None
    return None


def parse_answer(text: str) -> int | str | None:
    """1..5, None for no answer, or a Polish complaint about the value."""
    value = text.strip()
    if value.casefold() in BLANK_ANSWERS:
        return None
    if re.fullmatch(r"\d+(?:[.,]0+)?", value):
        number = int(re.split(r"[.,]", value)[0])
        if SCALE[0] <= number <= SCALE[1]:
            return number
    return f"„{value}” spoza skali {SCALE[0]}–{SCALE[1]}"


@dataclass(frozen=True)
class Lookup:
    """How unit and service cells are recognised: normal(id or name) -> id."""

    units: Mapping[str, str]
    services: Mapping[str, str]


def check_rows(
    rows: Iterable[tuple[int, Sequence[str]]],
    mapping: Mapping[str, int],
    config: SurveyConfig,
    lookup: Lookup,
    channel: str,
    today: dt.date,
) -> Checked:
    """Turn CSV rows (file line, cells) into responses; every problem names its line."""
    out = Checked()
    headers = {q.id: q.headers[0] for q in config.questions}
    for line, cells in rows:

        def cell(name: str, cells: Sequence[str] = cells) -> str:
            index = mapping.get(name)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        problems: list[str] = []
        day = parse_day(cell("date"))
        if day is None:
            problems.append(f"nieczytelna data „{cell('date')}” (RRRR-MM-DD albo DD.MM.RRRR)")
        elif day > today:
            problems.append(f"data {day} jest w przyszłości")
        unit_text = cell("unit")
        unit = lookup.units.get(normal(unit_text)) or config.unit_aliases.get(normal(unit_text))
        if unit is None:
            problems.append(f"nieznana komórka „{unit_text}”" if unit_text else "brak komórki")
        answers: dict[str, int] = {}
        for question in config.questions:
            value = parse_answer(cell(question.id))
            if isinstance(value, str):
                problems.append(f"odpowiedź {value} w kolumnie „{headers[question.id]}”")
            elif value is not None:
                answers[question.id] = value
        if problems:
            out.problems.append(RowProblem(line, "; ".join(problems)))
            continue
        if len(answers) * 2 < len(config.questions):
            out.invalid.append(
                RowProblem(
                    line,
                    f"ankieta nieważna: odpowiedzi na {len(answers)} z "
                    f"{len(config.questions)} pytań (P-06 pkt 5.2.3)",
                )
            )
            continue
        service_text = cell("service")
        service = lookup.services.get(normal(service_text), service_text)
        assert day is not None and unit is not None
        out.responses.append(Response(day, channel, unit, service, answers, cell("remarks")))
    return out


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    responses: int
    answered: int  # answers to the index question
    satisfied: int  # of them 4 or 5

    @property
    def index(self) -> float | None:
        return percent(self.satisfied, self.answered)


@dataclass(frozen=True)
class QuestionResult:
    id: str
    text: str
    answered: int
    mean: float | None
    satisfied: int

    @property
    def index(self) -> float | None:
        return percent(self.satisfied, self.answered)


@dataclass(frozen=True)
class Summary:
    year: int
    overall: Group
    units: list[Group]
    services: list[Group]
    channels: list[Group]
    questions: list[QuestionResult]
    remarks: int


def _group(key: str, label: str, responses: Sequence[Response], index_question: str) -> Group:
    scores = [r.answers[index_question] for r in responses if index_question in r.answers]
    return Group(key, label, len(responses), len(scores), sum(s in SATISFIED for s in scores))


def _groups(
    responses: Sequence[Response], key: str, labels: Mapping[str, str], index_question: str
) -> list[Group]:
    buckets: dict[str, list[Response]] = {}
    for response in responses:
        buckets.setdefault(getattr(response, key), []).append(response)
    groups = [
        _group(k, labels.get(k, k) if k else "(nie podano)", rows, index_question)
        for k, rows in buckets.items()
    ]
    return sorted(groups, key=lambda g: (not g.key, normal(g.label)))


def summarize(
    year: int,
    responses: Sequence[Response],
    config: SurveyConfig,
    unit_names: Mapping[str, str],
    service_names: Mapping[str, str],
) -> Summary:
    qid = config.index_question
    questions = []
    for question in config.questions:
        scores = [r.answers[question.id] for r in responses if question.id in r.answers]
        mean = sum(scores) / len(scores) if scores else None
        satisfied = sum(s in SATISFIED for s in scores)
        questions.append(QuestionResult(question.id, question.text, len(scores), mean, satisfied))
    return Summary(
        year=year,
        overall=_group("", "Urząd", responses, qid),
        units=_groups(responses, "unit", unit_names, qid),
        services=_groups(responses, "service", service_names, qid),
        channels=_groups(responses, "channel", CHANNELS, qid),
        questions=questions,
        remarks=sum(1 for r in responses if r.remarks.strip()),
    )
