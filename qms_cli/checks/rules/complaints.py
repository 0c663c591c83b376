"""The complaint register without personal data (RODO art. 5 ust. 1 lit. c i f, art. 32),
the art. 237 § 2 KPA notice to an MP, senator or councillor, and the head of office's
reception hours (art. 253 § 3 KPA): QMS608–QMS610."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, file_rule, repo_rule
from qms_cli.model import placeholders
from qms_cli.model.complaints import INTERMEDIARY_PL
from qms_cli.model.documents import SourceFile
from qms_cli.model.findings import Severity
from qms_cli.model.personal_data import suspects
from qms_cli.model.reception import after_hours, reception_slots, working_hours
from qms_cli.model.record_views import complaints


@repo_rule(
    "QMS608",
    "complaint-reception-hours",
    Severity.ERROR,
    "Kierownik urzędu przyjmuje w sprawach skarg i wniosków także po godzinach pracy urzędu "
    "w ustalonym dniu tygodnia (art. 253 § 3 KPA; office.hours i office.complaint_hours "
    "w qms.yaml)",
)
def reception_hours(ctx: CheckContext) -> Iterator[Hit]:
    office = ctx.repo.config.get("office")
    if "config" in ctx.repo.broken or not isinstance(office, dict):
        return
    if placeholders.contains(repr([office.get("hours"), office.get("complaint_hours")])):
        return  # QMS009 asks for the hours
    slots = reception_slots(office)
    if not slots:
        yield Hit(
            "qms.yaml",
            "brak godzin przyjęć w sprawach skarg i wniosków (office.complaint_hours), np. "
            '{day: poniedziałek, hours: "13:00–17:00"} (art. 253 § 1–3 KPA)',
            pointer=("office",),
        )
        return
    hours = working_hours(office)
    if not hours:
        yield Hit(
            "qms.yaml",
            'brak godzin pracy urzędu (office.hours), np. poniedziałek: "8:00–16:00": bez nich '
            "nie da się sprawdzić przyjęć po godzinach pracy (art. 253 § 3 KPA)",
            pointer=("office",),
        )
        return
    if not any(after_hours(slot, hours) for slot in slots):
        listed = ", ".join(f"{s.day} {s.span.text}" for s in slots)
        yield Hit(
            "qms.yaml",
            f"przyjęcia w sprawach skarg i wniosków ({listed}) mieszczą się w godzinach pracy "
            "urzędu; art. 253 § 3 KPA wymaga także ustalonego dnia tygodnia po godzinach pracy "
            "— wydłuż jeden z terminów poza godzinę zamknięcia urzędu",
            pointer=("office", "complaint_hours"),
        )


@file_rule(
    "QMS609",
    "complaint-personal-data",
    Severity.ERROR,
    "Wpis w rejestrze skarg i wniosków albo niezgodnych usług nie zawiera danych osobowych: "
    "imion, nazwisk, adresów, numerów PESEL, adresów e-mail ani telefonów (RODO art. 5 ust. 1 "
    "lit. c i f; sprawę wskazuje znak sprawy w EZD)",
    kinds=("complaint", "nc"),
)
def complaint_personal_data(source: SourceFile) -> Iterator[Hit]:
    for suspect in suspects(source.data):
        where = ".".join(str(p) for p in suspect.pointer)
        if suspect.in_key:
            register, who = (
                ("skarg i wniosków", "wnoszącego")
                if source.kind == "complaint"
                else ("niezgodnych usług", "sprawę")
            )
            message = (
                f"pole „{where}” to dane osobowe ({suspect.what}); usuń je — rejestr {register} "
                f"prowadzi się bez danych osobowych, {who} wskazuje znak sprawy w EZD (case)"
            )
        else:
            message = (
                f"pole „{where}” zawiera coś, co wygląda na dane osobowe ({suspect.what}); "
                "usuń je z wpisu — zostają w sprawie w EZD"
            )
        yield Hit(source.path, message, pointer=suspect.pointer)


@repo_rule(
    "QMS615",
    "complaint-intermediary",
    Severity.ERROR,
    "Poseł, senator lub radny, który wniósł albo przekazał skargę, zawiadomiony o sposobie "
    "jej załatwienia w 14 dni (art. 237 § 2 KPA)",
)
def complaint_intermediary(ctx: CheckContext) -> Iterator[Hit]:
    for complaint in complaints(ctx.repo):
        if complaint.intermediary is None:
            continue
        deadline = complaint.intermediary_deadline
        informed = complaint.intermediary_informed
        who = INTERMEDIARY_PL.get(complaint.intermediary, complaint.intermediary)
        if deadline is None:
            continue
        if informed is None and deadline < ctx.today:
            yield Hit(
                complaint.path,
                f"{complaint.id}: {who} nie został zawiadomiony o sposobie załatwienia skargi "
                f"do {deadline} (art. 237 § 2 KPA); po zawiadomieniu wpisz intermediary.informed",
                pointer=("intermediary",),
            )
        elif informed is not None and informed > deadline:
            yield Hit(
                complaint.path,
                f"{complaint.id}: {who} zawiadomiony {informed}, po terminie {deadline} "
                "(art. 237 § 2 KPA)",
                pointer=("intermediary", "informed"),
            )
