"""Approvals (QMS200–QMS215): signed commits bound to the approved text, and the signers'
registry they rely on. The verification itself runs once per check (``services.approvals``,
``services.trust``); each rule reports its own kind of finding at the document's ``id`` line
or at the key's entry in ``org/signers.yaml``."""

from __future__ import annotations

from collections.abc import Iterator

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import Hit, repo_rule
from qms_cli.model import approvals as A
from qms_cli.model import governed
from qms_cli.model.findings import Pointer, Severity
from qms_cli.model.record_approvals import records_by_id
from qms_cli.model.signers import SIGNERS_PATH, key_mismatch, normalize_fingerprint


def _doc_hits(ctx: CheckContext, code: str) -> Iterator[Hit]:
    report = ctx.approvals
    if report is None:
        return
    records = records_by_id(ctx.repo)
    for found in report.doc_findings:
        if found.code != code:
            continue
        doc = ctx.repo.docs_by_id.get(found.doc_id)
        if doc is not None:
            yield Hit(doc.path, found.message, pointer=("id",))
        elif governed.is_governed(found.doc_id):  # a configuration file: its path is its id
            yield Hit(found.doc_id, f"{found.message} ({_approve_hint(found.doc_id)})")
        elif (record := records.get(found.doc_id)) is not None:
            yield Hit(
                record.path,
                f"{record.title}: {found.message} (qms approve {record.id})",
                pointer=("id",) if record.type != "audit-programme" else ("year",),
            )


def _approve_hint(path: str) -> str:
    return f"plik konfiguracji: qms approve {path}"


def _key_pointer(ctx: CheckContext, fingerprint: str | None) -> Pointer:
    if fingerprint:
        for _, index, signer in ctx.repo.items("signers", "signers"):
            keys = signer.get("keys")
            for k_index, key in enumerate(keys if isinstance(keys, list) else []):
                fpr = key.get("fingerprint") if isinstance(key, dict) else None
                if isinstance(fpr, str) and normalize_fingerprint(fpr) == fingerprint:
                    return ("signers", index, "keys", k_index)
    return ("signers",)


def _registry_hits(ctx: CheckContext, code: str) -> Iterator[Hit]:
    report = ctx.approvals
    for found in report.registry_findings if report is not None else []:
        if found.code == code:
            yield Hit(SIGNERS_PATH, found.message, pointer=_key_pointer(ctx, found.fingerprint))


@repo_rule(
    A.NO_TRUST_ROOT,
    "approval-trust-root",
    Severity.WARNING,
    "Gdy urząd rejestruje klucze i zatwierdza, zaufanie liczy się od trust_root (qms.yaml, "
    "--trust-root)",
)
def approval_trust_root(ctx: CheckContext) -> Iterator[Hit]:
    report = ctx.approvals
    if report is not None and report.trust_root is None and report.in_use:
        yield Hit(
            "qms.yaml",
            "zatwierdzenia nie są weryfikowane: brak trust_root (odcisk klucza kierownika "
            "urzędu w qms.yaml, --trust-root albo QMS_TRUST_ROOT)",
            pointer=("trust_root",),
        )


@repo_rule(
    A.ROOT_MOVED,
    "approval-trust-root-moved",
    Severity.ERROR,
    "trust_root w qms.yaml jest ten, który historia zapisała jako pierwszy (zmienia się tylko z "
    "zewnątrz)",
)
def approval_trust_root_moved(ctx: CheckContext) -> Iterator[Hit]:
    report = ctx.approvals
    if report is not None and report.root_moved:
        yield Hit("qms.yaml", report.root_moved, pointer=("trust_root",))


@repo_rule(
    A.NO_HISTORY,
    "approval-history",
    Severity.ERROR,
    "Historia git jest dostępna w całości, by sprawdzić zatwierdzenia",
)
def approval_history(ctx: CheckContext) -> Iterator[Hit]:
    report = ctx.approvals
    if report is not None and report.trust_root is not None and not report.available:
        yield Hit(
            "qms.yaml", f"nie można sprawdzić zatwierdzeń: {report.reason}", pointer=("trust_root",)
        )


@repo_rule(
    A.MISSING,
    "approval-missing",
    Severity.ERROR,
    "Dokument obowiązujący ma każdy podpis wymagany przez macierz zatwierdzeń",
)
def approval_missing(ctx: CheckContext) -> Iterator[Hit]:
    yield from _doc_hits(ctx, A.MISSING)


@repo_rule(
    A.STALE,
    "approval-stale",
    Severity.ERROR,
    "Podpis dotyczy bieżącej treści dokumentu (po zmianie treści trzeba podpisać ponownie)",
)
def approval_stale(ctx: CheckContext) -> Iterator[Hit]:
    yield from _doc_hits(ctx, A.STALE)


@repo_rule(
    A.NOT_SIGNED,
    "approval-unsigned",
    Severity.ERROR,
    "Commit z trailerem QMS-Approve jest podpisany",
)
def approval_unsigned(ctx: CheckContext) -> Iterator[Hit]:
    yield from _doc_hits(ctx, A.NOT_SIGNED)


@repo_rule(
    A.BAD_SIGNATURE,
    "approval-bad-signature",
    Severity.ERROR,
    "Podpis commita zatwierdzającego jest poprawny (commit nie zmieniony po podpisaniu)",
)
def approval_bad_signature(ctx: CheckContext) -> Iterator[Hit]:
    yield from _doc_hits(ctx, A.BAD_SIGNATURE)


@repo_rule(
    A.UNKNOWN_KEY,
    "approval-unknown-key",
    Severity.ERROR,
    "Zatwierdzenie podpisano kluczem z rejestru podpisujących obowiązującego w tej chwili",
)
def approval_unknown_key(ctx: CheckContext) -> Iterator[Hit]:
    yield from _doc_hits(ctx, A.UNKNOWN_KEY)


@repo_rule(
    A.REVOKED_KEY,
    "approval-revoked-key",
    Severity.ERROR,
    "Zatwierdzenie nie pochodzi od klucza unieważnionego wcześniejszą zmianą rejestru",
)
def approval_revoked_key(ctx: CheckContext) -> Iterator[Hit]:
    yield from _doc_hits(ctx, A.REVOKED_KEY)


@repo_rule(
    A.KEY_EXPIRED,
    "approval-key-expired",
    Severity.ERROR,
    "Klucz był w okresie ważności (valid_from, valid_until) w chwili zatwierdzenia",
)
def approval_key_expired(ctx: CheckContext) -> Iterator[Hit]:
    yield from _doc_hits(ctx, A.KEY_EXPIRED)


@repo_rule(
    A.WRONG_ROLE,
    "approval-wrong-role",
    Severity.ERROR,
    "Podpisujący pełni rolę, której macierz zatwierdzeń wymaga dla tego znaczenia podpisu",
)
def approval_wrong_role(ctx: CheckContext) -> Iterator[Hit]:
    yield from _doc_hits(ctx, A.WRONG_ROLE)


@repo_rule(
    A.SELF_APPROVAL,
    "approval-four-eyes",
    Severity.ERROR,
    "Ostatni autor treści nie podpisuje jej sam (zasada czterech oczu)",
)
def approval_four_eyes(ctx: CheckContext) -> Iterator[Hit]:
    yield from _doc_hits(ctx, A.SELF_APPROVAL)


@repo_rule(
    A.SAME_PERSON,
    "approval-distinct-people",
    Severity.ERROR,
    "Każde znaczenie podpisu pod tą samą treścią składa inna osoba (zasada czterech oczu), "
    "chyba że qms.yaml na to pozwala (four_eyes.same_person_allowed)",
)
def approval_distinct_people(ctx: CheckContext) -> Iterator[Hit]:
    yield from _doc_hits(ctx, A.SAME_PERSON)


@repo_rule(
    A.BAD_TRAILERS,
    "approval-trailers",
    Severity.ERROR,
    "Trailery zatwierdzenia są kompletne, a QMS-Blob to treść dokumentu w tym commicie",
)
def approval_trailers(ctx: CheckContext) -> Iterator[Hit]:
    yield from _doc_hits(ctx, A.BAD_TRAILERS)


@repo_rule(
    A.OTHER_CHANGES,
    "approval-other-changes",
    Severity.ERROR,
    "Commit zatwierdzający nie zmienia żadnych plików (zwłaszcza innych dokumentów)",
)
def approval_other_changes(ctx: CheckContext) -> Iterator[Hit]:
    yield from _doc_hits(ctx, A.OTHER_CHANGES)


@repo_rule(
    A.UNTRUSTED_REGISTRY,
    "signers-untrusted-change",
    Severity.ERROR,
    "Zmiany org/signers.yaml podpisał kierownik urzędu (pierwszą: korzeń zaufania)",
)
def signers_untrusted_change(ctx: CheckContext) -> Iterator[Hit]:
    yield from _registry_hits(ctx, A.UNTRUSTED_REGISTRY)


@repo_rule(
    A.UNCOMMITTED_REGISTRY,
    "signers-uncommitted",
    Severity.WARNING,
    "Zmiany org/signers.yaml są zapisane w podpisanym commicie (inaczej nie obowiązują)",
)
def signers_uncommitted(ctx: CheckContext) -> Iterator[Hit]:
    yield from _registry_hits(ctx, A.UNCOMMITTED_REGISTRY)


@repo_rule(
    A.KEY_MISMATCH,
    "signers-key-fingerprint",
    Severity.ERROR,
    "Odcisk klucza SSH w org/signers.yaml odpowiada kluczowi publicznemu",
)
def signers_key_fingerprint(ctx: CheckContext) -> Iterator[Hit]:
    for source, index, signer in ctx.repo.items("signers", "signers"):
        keys = signer.get("keys")
        for k_index, key in enumerate(keys if isinstance(keys, list) else []):
            computed = key_mismatch(key) if isinstance(key, dict) else None
            if computed is not None:
                text = (
                    "klucza publicznego nie da się odczytać"
                    if computed == "?"
                    else f"klucz publiczny ma odcisk {computed}"
                )
                yield Hit(
                    source.path,
                    f"odcisk {key.get('fingerprint')} nie pasuje do klucza: {text} "
                    "— klucz nie jest uznawany",
                    pointer=("signers", index, "keys", k_index),
                )
