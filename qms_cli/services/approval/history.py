"""The history of documents: changes from git; signatures from verified approval commits."""

from __future__ import annotations

from pathlib import Path

from qms_cli.model.approvals import Approval, ApprovalReport, Authorship, CommitRecord
from qms_cli.model.history import DocumentHistory, Signature
from qms_cli.model.record_approvals import record_infos
from qms_cli.services.lookup import no_such_documents
from qms_cli.services.workspace import Workspace
from qms_cli.vcs.log import file_changes

TRAILER_SUMMARY = "qms-summary"  # what changed, written by the signer (qms approve --summary)


def document_histories(
    target: Path | Workspace,
    doc_ids: list[str] | None = None,
    trust_root: str | None = None,
) -> dict[str, DocumentHistory]:
    """History of the given documents (all when None), read from git in one pass.

    ``signatures`` hold every approval of the document (``review``, ``approval``) and, when a
    change of the text was signed with a registered key, its ``authorship``; each with
    ``status``: ``verified`` (holds for the current text, anchored in the trust root),
    ``unverified`` (the same, but no trust root is configured), ``stale`` (an earlier text)
    or ``invalid`` (``problem`` says why). Given a workspace, each document's history is made
    once, and approvals are judged only for the documents asked for (unless the workspace has
    judged them all already).
    """
    ws = Workspace.of(target)
    docs = ws.repo.docs_by_id
    paths = {r.id: r.path for r in record_infos(ws.repo)} if doc_ids is not None else {}
    paths.update((d, doc.path) for d, doc in docs.items())  # records approved like documents
    wanted = list(docs) if doc_ids is None else doc_ids
    unknown = [d for d in wanted if d not in paths]
    if unknown:
        raise no_such_documents(ws.repo, unknown)
    missing = [d for d in dict.fromkeys(wanted) if (trust_root, d) not in ws.histories]
    if missing:
        changes = file_changes(ws.root, [paths[d] for d in missing])
        evaluation = ws.evaluation(trust_root, None if doc_ids is None else missing)
        report = evaluation.report
        records = evaluation.history.records if evaluation.history else {}
        titles = {
            str(p["id"]): str(p.get("title", p["id"]))
            for _, _, p in ws.repo.items("structure", "positions")
            if "id" in p
        }
        for doc_id in missing:
            path = paths[doc_id]
            history = DocumentHistory(doc_id, path, changes=changes[path])
            history.signatures.extend(
                _signatures(report, doc_id, history.current_blob, titles, records)
            )
            ws.histories[(trust_root, doc_id)] = history
    return {d: ws.histories[(trust_root, d)] for d in wanted}


def _signatures(
    report: ApprovalReport,
    doc_id: str,
    current: str | None,
    titles: dict[str, str],
    records: dict[str, CommitRecord],
) -> list[Signature]:
    found = [
        (a.when, 1, _authored(a, doc_id, current, report, titles))
        for a in report.authorship.get(doc_id, [])
        if a.name is not None
    ]
    found += [
        (
            a.when,
            2 if a.meaning == "review" else 3,
            _approved(a, current, report, titles, records.get(a.commit)),
        )
        for a in report.approvals.get(doc_id, [])
    ]
    return [signature for _, _, signature in sorted(found, key=lambda item: (item[0], item[1]))]


def _status(problem: str | None, blob: str, current: str | None, report: ApprovalReport) -> str:
    if problem is not None:
        return "invalid"
    if blob != current:
        return "stale"
    return "verified" if report.verified else "unverified"


def _approved(
    approval: Approval,
    current: str | None,
    report: ApprovalReport,
    titles: dict[str, str],
    record: CommitRecord | None,
) -> Signature:
    problem = "; ".join(p.message for p in approval.problems) or None
    summaries = record.trailer_values(TRAILER_SUMMARY) if record is not None else []
    return Signature(
        doc_id=approval.doc_id,
        meaning=approval.meaning or "approval",
        name=approval.name or "(nieznany klucz)",
        position=titles.get(approval.position or "", approval.position or ""),
        when=approval.when,
        fingerprint=approval.fingerprint,
        commit=approval.commit,
        blob=approval.blob,
        status=_status(problem, approval.blob, current, report),
        problem=problem,
        summary=summaries[0] if summaries else "",
    )


def _authored(
    change: Authorship,
    doc_id: str,
    current: str | None,
    report: ApprovalReport,
    titles: dict[str, str],
) -> Signature:
    return Signature(
        doc_id=doc_id,
        meaning="authorship",
        name=change.name or "",
        position=titles.get(change.position or "", change.position or ""),
        when=change.when,
        fingerprint=change.fingerprint,
        commit=change.commit,
        blob=change.blob,
        status=_status(None, change.blob, current, report),
    )
