"""``qms approve`` and ``qms signers commit``: signed commits that are checked before they are
published.

The commit object is made with git's normal signing, then verified and judged exactly as
``qms check`` will judge it (``TrustWalk.judge`` / ``registry_problem``); only an acceptable
commit moves the branch. Refusals are ``QmsError`` (exit 3) and leave the branch as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from qms_cli.errors import QmsError
from qms_cli.io import yamlfast
from qms_cli.model import approvals as A
from qms_cli.model import governed
from qms_cli.model.approvals import CommitRecord, SignatureCheck, approval_message
from qms_cli.model.signers import (
    MEANING_LABELS,
    MEANINGS,
    SIGNERS_PATH,
    registry_from_data,
)
from qms_cli.model.trust.walk import signer_label
from qms_cli.services.approval.evaluation import Evaluation, read_record
from qms_cli.services.loading import LoadedRepository
from qms_cli.services.lookup import document_id, no_such_documents
from qms_cli.services.workspace import Workspace
from qms_cli.vcs import commits, signing

REGISTER_HINT = (
    "Klucz rejestruje się poleceniem qms signers add, a zmianę rejestru podpisuje kierownik "
    "urzędu: qms signers commit."
)


@dataclass(frozen=True)
class Signed:
    commit: str
    fingerprint: str
    name: str | None
    position: str | None
    doc_id: str = ""
    meaning: str = ""


def approve(
    target: Path | Workspace,
    doc_ids: list[str],
    meaning: str = "approval",
    trust_root: str | None = None,
    summary: str | None = None,
) -> list[Signed]:
    """One signed approval commit per document, each refused unless ``qms check`` would
    accept it. ``summary``: what changed, in the signer's words (``QMS-Summary``; the change
    sheet of a public PDF shows it)."""
    if meaning not in MEANINGS:
        raise QmsError(
            f"nieznane znaczenie podpisu „{meaning}”: review, approval albo acknowledgement"
        )
    summary = " ".join((summary or "").split())
    ws = Workspace.of(target)
    loaded = ws.loaded
    doc_ids = [document_id(loaded.repo, d) for d in doc_ids]  # also files, with \ on Windows
    evaluation = _evaluated(ws, trust_root)
    assert evaluation.walk is not None
    unknown = [d for d in doc_ids if d not in evaluation.walk.docs]
    if unknown:
        raise no_such_documents(
            loaded.repo,
            unknown,
            hint="Podaj identyfikator dokumentu (np. P-01), zapisu (np. AW-2026-01, PZ-2026, "
            "programme-2026, DK-2026-001 — gdy macierz zatwierdzeń w qms.yaml obejmuje jego "
            "rodzaj) albo ścieżkę pliku konfiguracji (np. qms.yaml, "
            "templates/typst/document.typ).",
        )
    setup = signing.signing_setup(loaded.root)
    return [
        _approve_one(loaded, evaluation, doc_id, meaning, setup, summary)
        for doc_id in dict.fromkeys(doc_ids)
    ]


def _evaluated(ws: Workspace, trust_root: str | None) -> Evaluation:
    evaluation = ws.evaluation(trust_root)
    if evaluation.walk is None or evaluation.history is None:
        raise QmsError(f"nie można zatwierdzać: {evaluation.report.reason}")
    return evaluation


def _approve_one(
    loaded: LoadedRepository,
    evaluation: Evaluation,
    doc_id: str,
    meaning: str,
    setup: signing.SigningSetup,
    summary: str = "",
) -> Signed:
    walk, history = evaluation.walk, evaluation.history
    assert walk is not None and history is not None
    root, doc = loaded.root, walk.docs[doc_id]
    known = loaded.repo.docs_by_id.get(doc_id)
    kind = governed.RECORD_LABELS.get(doc.type)
    if known is not None:
        title = known.title
    else:
        title = f"{kind} {doc_id}" if kind else f"plik konfiguracji {doc.path}"
    state = signing.file_state(root, doc.path)
    if state == "untracked":
        raise QmsError(
            f"{doc.path} nie jest zapisany w repozytorium — zatwierdza się treść z commita",
            hint=f"git add {doc.path} && git commit",
        )
    if state == "modified":
        raise QmsError(
            f"{doc.path} ma niezapisane zmiany — zatwierdza się tylko treść zapisaną w commicie",
            hint="Zapisz zmiany (git commit) albo je wycofaj (git restore), potem zatwierdź.",
        )
    blob = history.head_tree[doc.path]
    before = evaluation.state_at_head()
    label = f"„{MEANING_LABELS[meaning]}” ({meaning})"
    steps = [s for s in walk.matrix.get(doc.type, []) if s.meaning == meaning]
    signed = [
        a
        for a in walk.approvals.get(doc_id, [])
        if a.valid and a.blob == blob and a.meaning == meaning
    ]
    one_person = any(  # signed, but by one person in two meanings: another may still sign
        f.doc_id == doc_id and f.code == A.SAME_PERSON for f in evaluation.report.doc_findings
    )
    held = all(
        any(s.held(a.roles, a.position, doc.owner, doc.parties) for a in signed) for s in steps
    )
    if steps and held and not one_person:
        last = signed[-1]
        raise QmsError(
            f"nic do zatwierdzenia: bieżąca treść {doc_id} ma już podpis {label} "
            f"({signer_label(last.name, last.position)}, commit {last.commit[:10]})"
        )
    message = approval_message(doc_id, title, meaning, blob)
    if summary:  # one more line of the trailer block, which ends the message
        message += f"QMS-Summary: {summary}\n"
    if setup.fingerprint:
        probe = _probe(history.head, setup.fingerprint, message)
        walk.target_blobs[(probe.id, doc.path)] = blob
        _refuse_if(walk.judge(probe, before).problems, doc_id, label)
    new = signing.commit_signed(root, signing.head_tree(root), history.head, message)
    record = read_record(root, new, history)
    walk.target_blobs[(new, doc.path)] = blob
    verdict = walk.judge(record, before)
    _refuse_if(verdict.problems, doc_id, label)
    signing.advance_head(root, new, history.head, f"qms approve {doc_id} ({meaning})")
    history.records[new] = record  # the next document is judged after this approval
    history.order.append(new)
    history.head = new
    walk.step(record)
    return Signed(new, verdict.fingerprint, verdict.name, verdict.position, doc_id, meaning)


def _probe(head: str, fingerprint: str, message: str) -> CommitRecord:
    """The approval as it would look once signed with the configured key (checked first, so a
    refusal does not even ask for the key's passphrase)."""
    return CommitRecord(
        id="0" * 40,
        parents=(head,),
        author="",
        author_email="",
        committer_email="",
        when=dt.datetime.now(dt.UTC).astimezone(),
        summary=message.split("\n", 1)[0],
        trailers=A.parse_trailers(message),
        changes=(),
        signature=SignatureCheck(A.GOOD, "ssh", fingerprint),
    )


def _refuse_if(problems: tuple[A.Problem, ...], doc_id: str, label: str) -> None:
    if not problems:
        return
    hint = REGISTER_HINT if any(p.code == A.UNKNOWN_KEY for p in problems) else None
    raise QmsError(
        f"nie można złożyć podpisu {label} pod {doc_id}: "
        + "; ".join(p.message for p in problems)
        + " — nic nie zapisano",
        hint=hint,
    )


def commit_registry(
    target: Path | Workspace, message: str, trust_root: str | None = None
) -> Signed:
    """Commit the changed ``org/signers.yaml`` (and ``qms.yaml``, e.g. a new trust root),
    signed; refused unless the signer holds the head-of-office role in the registry in force
    (for the first registry: the trust root key)."""
    ws = Workspace.of(target)
    root = ws.root
    evaluation = _evaluated(ws, trust_root)
    walk, history = evaluation.walk, evaluation.history
    assert walk is not None and history is not None
    dirty = commits.dirty_paths(root, [SIGNERS_PATH, "qms.yaml"])
    if SIGNERS_PATH not in dirty:
        raise QmsError("nic do zapisania: org/signers.yaml nie ma zmian")
    files = {p: (root / p).read_bytes() for p in (SIGNERS_PATH, "qms.yaml") if p in dirty}
    try:
        data = yamlfast.load(files[SIGNERS_PATH].decode("utf-8"))
    except yamlfast.YamlProblem as exc:
        raise QmsError(
            f"{exc.message} — popraw plik (qms check)", path=SIGNERS_PATH, line=exc.line
        ) from None
    except UnicodeDecodeError as exc:
        raise QmsError(
            "org/signers.yaml nie jest zapisany w UTF-8 — popraw go (qms check)"
        ) from exc
    signing.signing_setup(root)
    new = signing.commit_signed(root, signing.tree_with(root, files), history.head, message)
    record = read_record(root, new, history)
    problem = walk.registry_problem(record, evaluation.state_at_head(), registry_from_data(data))
    if problem is not None:
        raise QmsError(
            f"zmiana rejestru nie byłaby uznana: {problem} — nic nie zapisano",
            hint="Zmianę org/signers.yaml podpisuje kierownik urzędu (pierwszą: klucz trust_root).",
        )
    signing.advance_head(root, new, history.head, "qms signers commit", tuple(files))
    held = registry_from_data(data).key(record.signature.fingerprint)
    return Signed(
        new,
        record.signature.fingerprint,
        held[0].name if held else None,
        held[0].position if held else None,
    )
