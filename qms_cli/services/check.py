"""``qms check``: read every file, validate, run every rule, return all findings at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qms_cli.checks.context import CheckContext
from qms_cli.checks.registry import BUILTIN, RULES, Hit, iter_repo_rules
from qms_cli.io import clock, repofiles
from qms_cli.io.cache import RuleMemo
from qms_cli.model import placeholders
from qms_cli.model.documents import SourceFile
from qms_cli.model.findings import CheckReport, Finding, Pointer, Severity
from qms_cli.model.repository import Repository
from qms_cli.services.loading import CodedHit, LoadedRepository, cache_key, located
from qms_cli.services.workspace import Workspace


def run_check(
    target: Path | Workspace,
    today: dt.date | None = None,
    use_cache: bool = True,
    trust_root: str | None = None,
) -> CheckReport:
    """Every finding of the repository; once per workspace (``use_cache`` is the
    workspace's when one is given)."""
    if not isinstance(target, Workspace):  # git reads the history while Python reads the files
        with Workspace.open(target, use_cache=use_cache, bodies=False, strict=False) as ws:
            return run_check(ws, today, use_cache, trust_root)
    ws, key = target, (today, trust_root)
    if key in ws.reports:
        return ws.reports[key]
    loaded = ws.loaded
    approvals = ws.evaluation(trust_root).report
    refused = repofiles.refused(loaded.root, loaded.links, loaded.repo.config)
    day = today or clock.today()
    ctx = _Watched(loaded.root, loaded.repo, day, approvals, refused, loaded.paths)
    coded = list(loaded.file_hits)
    for code, hits in _repo_rule_hits(ctx, loaded.rules_input, ws.use_cache):
        coded.extend((code, hit) for hit in hits)
    report = CheckReport(loaded.root, files=len(loaded.repo.files))
    found = one_per_fact(list(_findings(loaded, coded)), loaded.repo)
    report.findings = sorted(found, key=Finding.sort_key)
    ws.reports[key] = report
    return report


@dataclass(frozen=True)
class _Watched(CheckContext):
    """A rule's context that notes whether the rule looked at the approvals: those change with
    any edit of a document (its body too), so such a rule runs every time."""

    looked: list[str] = field(default_factory=list)

    def __getattribute__(self, name: str) -> Any:
        if name == "approvals":
            object.__getattribute__(self, "looked").append(name)
        return object.__getattribute__(self, name)


def _repo_rule_hits(ctx: _Watched, inputs: str, use_cache: bool) -> Iterator[tuple[str, list[Hit]]]:
    """Each repository rule's hits. A rule that did not look at the approvals depends only on
    what ``inputs`` digests (every file as the rules see it, the paths), the day and the
    refused files; when those are as at the last check, its stored findings are taken."""
    key = repr((inputs, ctx.today.isoformat(), ctx.refused_files))
    memo = RuleMemo(ctx.root, cache_key()) if use_cache and inputs else None
    known = memo.get(key) if memo else None
    fresh: dict[str, list[Any]] = {}
    for rule in iter_repo_rules():
        if known is not None and rule.code in known:
            yield rule.code, [Hit(p, m, line, tuple(ptr)) for p, m, line, ptr in known[rule.code]]
            continue
        ctx.looked.clear()
        hits = list(rule.func(ctx))
        if not ctx.looked:
            fresh[rule.code] = [(h.path, h.message, h.line, list(h.pointer)) for h in hits]
        yield rule.code, hits
    if memo is not None and known is None:
        memo.put(key, fresh)


SCHEMA = "QMS001"
PLACEHOLDER = "QMS009"


def one_per_fact(findings: list[Finding], repo: Repository | None = None) -> list[Finding]:
    """One problem, one finding: where the schema already says what is wrong with an item or a
    field (objective 2 lacks its measure, say), the rules do not say it again about that item
    or anything in it; where QMS009 reports a file's placeholders, the rules do not judge a
    field (or item) still holding one: the text is not written yet (in a draft QMS009 is
    silent, and the rules speak). The approval rules always speak."""
    reported = {f.path for f in findings if f.code == PLACEHOLDER}
    if repo is not None and reported:
        findings = [
            f for f in findings if f.path not in reported or not _about_placeholder(f, repo)
        ]
    schema = {(f.path, f.pointer) for f in findings if f.code == SCHEMA and len(f.pointer) >= 2}
    if not schema:
        return findings
    return [
        f for f in findings if f.code == SCHEMA or is_locked(f.code) or not _overlaps(f, schema)
    ]


def _about_placeholder(finding: Finding, repo: Repository) -> bool:
    """A rule's finding about a field (or item) whose value still holds a placeholder."""
    if not finding.pointer or finding.code in (SCHEMA, PLACEHOLDER) or is_locked(finding.code):
        return False
    source = repo.files.get(finding.path)
    value = _at(source.data, finding.pointer) if source is not None else None
    return any(placeholders.contains(text) for text in _strings(value))


def _at(data: object, pointer: Pointer) -> object:
    for step in pointer:
        in_list = isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data)
        if not (in_list or (isinstance(data, dict) and step in data)):
            return None
        data = data[step]  # type: ignore[index]
    return data


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _overlaps(finding: Finding, schema: set[tuple[str, Pointer]]) -> bool:
    mine = finding.pointer
    if len(mine) < 2:
        return False
    return any(path == finding.path and mine[: len(p)] == p for path, p in schema)


def _severity_overrides(repo: Repository) -> dict[str, Severity | None]:
    rules = repo.config.get("rules")
    overrides: dict[str, Severity | None] = {}
    if isinstance(rules, dict):
        for code, value in rules.items():
            if isinstance(value, str) and value.lower() in ("error", "warning", "info", "off"):
                overrides[str(code)] = Severity.parse(value)
    return overrides


def suppressions(source: SourceFile | None) -> set[str]:
    """Rule codes a document switches off for itself, each with a written reason."""
    if source is None or not isinstance(source.data, dict):
        return set()
    entries = source.data.get("suppress")
    if not isinstance(entries, list):
        return set()
    return {
        str(e["rule"])
        for e in entries
        if isinstance(e, dict) and isinstance(e.get("reason"), str) and e["reason"].strip()
    }


def _findings(loaded: LoadedRepository, coded: Iterable[CodedHit]) -> Iterator[Finding]:
    repo = loaded.repo
    overrides = _severity_overrides(repo)
    suppressed: dict[str, set[str]] = {}
    for code, hit in coded:
        if hit.path not in suppressed:
            suppressed[hit.path] = suppressions(repo.files.get(hit.path))
        locked = is_locked(code)
        if code in suppressed[hit.path] and not locked:
            continue
        severity = (
            _default_severity(code) if locked else overrides.get(code, _default_severity(code))
        )
        if severity is None:
            continue
        place = hit
        if hit.line is None and hit.pointer and hit.path in repo.files:
            place = located(repo.files[hit.path], hit, loaded.root)
        yield Finding(hit.path, place.line, code, severity, hit.message, hit.pointer)


LOCKED = ("QMS200", "QMS249")  # approvals: the trust rules, never switched off or lowered


def is_locked(code: str) -> bool:
    """Whether a rule's severity is fixed: ``rules:`` in qms.yaml and a document's
    ``suppress`` do not apply to it (an unapproved edit must not be able to hide itself)."""
    return LOCKED[0] <= code <= LOCKED[1]


def _default_severity(code: str) -> Severity:
    if code in RULES:
        return RULES[code].severity
    return BUILTIN[code][1]
