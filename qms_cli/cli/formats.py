"""``qms check`` output formats: text, json, junit, sarif, github, gitlab. Pure functions."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from html import escape

from qms_cli import __version__
from qms_cli.model.findings import CheckReport, Finding, Severity
from qms_cli.services.rules import all_codes


def _where(f: Finding) -> str:
    return f"{f.path}:{f.line}" if f.line else f.path


def summary(report: CheckReport) -> str:
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    infos = report.count(Severity.INFO)
    text = f"Sprawdzono plików: {report.files}. Błędy: {errors}, ostrzeżenia: {warnings}"
    return text + (f", informacje: {infos}." if infos else ".")


def as_text(report: CheckReport) -> str:
    lines = [f"{_where(f)}: {f.code} {f.severity.label_pl}: {f.message}" for f in report.findings]
    return "\n".join([*lines, summary(report)]) + "\n"


def as_json(report: CheckReport) -> str:
    codes = all_codes()
    payload = {
        "tool": "qms",
        "version": __version__,
        "files": report.files,
        "summary": {s.label: report.count(s) for s in Severity},
        "findings": [
            {
                "code": f.code,
                "rule": codes[f.code][0],
                "severity": f.severity.label,
                "message": f.message,
                "path": f.path,
                "line": f.line,
            }
            for f in report.findings
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def as_junit(report: CheckReport) -> str:
    failures = [f for f in report.findings if f.severity == Severity.ERROR]
    cases = []
    for f in report.findings:
        name = quoteattr(f"{f.code} {_where(f)}")
        if f.severity == Severity.ERROR:
            body = f"<failure message={quoteattr(f.message)} type={quoteattr(f.code)}/>"
        else:
            body = f"<system-out>{_xml_text(f.severity.label_pl + ': ' + f.message)}</system-out>"
        cases.append(f'    <testcase classname="qms.{f.code}" name={name}>{body}</testcase>')
    if not cases:
        cases.append('    <testcase classname="qms" name="qms check"/>')
    tests = max(len(report.findings), 1)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites><testsuite name="qms check" tests="{tests}" failures="{len(failures)}">\n'
        + "\n".join(cases)
        + "\n</testsuite></testsuites>\n"
    )


def quoteattr(text: str) -> str:
    """An XML attribute value in double quotes (xml.sax.saxutils would pull in urllib)."""
    return '"' + escape(text, quote=True) + '"'


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def as_sarif(report: CheckReport) -> str:
    codes = all_codes()
    rules = [
        {
            "id": code,
            "name": name,
            "shortDescription": {"text": title},
            "defaultConfiguration": {"level": _SARIF_LEVEL[severity]},
        }
        for code, (name, severity, title) in codes.items()
    ]
    results = []
    for f in report.findings:
        location: dict[str, object] = {"artifactLocation": {"uri": f.path}}
        if f.line:
            location["region"] = {"startLine": f.line}
        results.append(
            {
                "ruleId": f.code,
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": location}],
            }
        )
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "qms", "version": __version__, "rules": rules}},
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


_GH_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def as_github(report: CheckReport) -> str:
    lines = []
    for f in report.findings:
        props = f"file={_gh_escape(f.path, True)}"
        if f.line:
            props += f",line={f.line}"
        props += f",title={_gh_escape(f.code, True)}"
        lines.append(f"::{_GH_COMMAND[f.severity]} {props}::{_gh_escape(f.message)}")
    return "\n".join([*lines, summary(report)]) + "\n"


_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def as_gitlab(report: CheckReport) -> str:
    issues = []
    for f in report.findings:
        fingerprint = hashlib.sha256(f"{f.code}|{f.path}|{f.line}|{f.message}".encode()).hexdigest()
        issues.append(
            {
                "description": f"{f.code}: {f.message}",
                "check_name": f.code,
                "fingerprint": fingerprint,
                "severity": _GITLAB_SEVERITY[f.severity],
                "location": {"path": f.path, "lines": {"begin": f.line or 1}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[CheckReport], str]] = {
    "text": as_text,
    "json": as_json,
    "junit": as_junit,
    "sarif": as_sarif,
    "github": as_github,
    "gitlab": as_gitlab,
}
