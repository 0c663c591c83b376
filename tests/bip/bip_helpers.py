"""Building BIP fixture offices (with git history) and rendering them, for the BIP tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SECRET = "TAJNE-7f3a9c"


def commit(repo: Path, message: str, when: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Anna Urzędniczka",
        "GIT_AUTHOR_EMAIL": "anna@testowo.invalid",
        "GIT_COMMITTER_NAME": "Anna Urzędniczka",
        "GIT_COMMITTER_EMAIL": "anna@testowo.invalid",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "commit", "-q", "-m", message],
        cwd=repo,
        check=True,
        env=env,
    )


def make_office(target: Path, source: Path = FIXTURES / "bip", edit: bool = True) -> Path:
    """The BIP fixture office with two commits: the first version, then an edit of P-01 in a
    commit that also touches an internal procedure and names the secret in its message."""
    shutil.copytree(source, target)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=target, check=True)
    commit(target, "Pierwsza wersja dokumentacji", "2026-03-02T10:15:00+01:00")
    if not edit:
        return target
    p01 = target / "documents" / "procedures" / "P-01.md"
    p01.write_text(p01.read_text(encoding="utf-8") + "\nDodano zdanie.\n", encoding="utf-8")
    p02 = target / "documents" / "procedures" / "P-02.md"
    p02.write_text(
        p02.read_text(encoding="utf-8") + f"\nUzupełnienie {SECRET}.\n", encoding="utf-8"
    )
    commit(target, f"Poprawki po skardze {SECRET}", "2026-04-15T09:05:00+02:00")
    return target


def render(office: Path, out: Path) -> Path:
    from qms_cli.services.documents.render_bip import render_bip

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("QMS_CACHE_DIR", str(out.parent / "qms-cache"))
        render_bip(office, out=out, draft=True)  # the fixture office has no release
    return out


# Known XSS payloads (OWASP cheat sheet, PortSwigger, mutation-XSS classics) and Markdown and
# pandoc specific ones. Each must reach a page as inert text, or not at all.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<style>@import 'javascript:alert(1)';</style>",
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="vbscript:msgbox(1)">klik</a>',
    '<base href="javascript:alert(1)//">',
    '<form action="javascript:alert(1)"><button>wyślij</button></form>',
    "<input autofocus onfocus=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<!--><script>alert(1)</script>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](javascript&#58;alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klik](vbscript:msgbox(1))",
    "![obraz](javascript:alert(1))",
    "![obraz](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<javascript:alert(1)>",
    '[klik](https://example.invalid){onclick="alert(1)"}',
    '::: {onclick="alert(1)"}\ntekst\n:::',
    "```{=html}\n<script>alert(1)</script>\n```",
    "`<script>alert(1)</script>`{=html}",
    "{{ 7*7 }} {% raw %}",
]
# a payload in a file name: an attachment the document links to
PAYLOAD_FILE = '"><img src=x onerror=alert(1)>.png'


def make_xss_office(target: Path) -> Path:
    """The fixture office with every payload in titles, bodies, front matter, the office profile
    and a file name; committed to git."""
    shutil.copytree(FIXTURES / "bip", target)
    cards = target / "documents" / "service-cards"
    for n, payload in enumerate(PAYLOADS, 1):
        one_line = payload.replace("\n", " ")
        quoted = one_line.replace("\\", "\\\\").replace('"', '\\"')
        (cards / f"KU-OR-{n:02}.md").write_text(
            f"""---
id: KU-OR-{n:02}
type: service-card
title: "Sprawa {n} {quoted}"
owner: kierownik-or
status: active
process: PR-01
unit: OR
public: true
legal_basis:
  - {{act: EXT-01, provision: "{quoted}"}}
required_documents: ["{quoted}"]
documents_to_show: ["{quoted}"]
fees:
  - {{description: "{quoted}", amount: "{quoted}", basis: "{quoted}", account: "{quoted}"}}
place: {{address: "{quoted}", room: "{quoted}", hours: "{quoted}"}}
channels: {{epuap: "{quoted}", in_person: true, post: false}}
deadline: {{days: 7, text: "{quoted}", statute: "{quoted}"}}
appeal: {{body: "{quoted}", days: "{quoted}", via: "{quoted}", fee: "{quoted}"}}
forms: [F-01]
notes: "{quoted}"
---
# Sprawa {n}

{payload}

Akapit: {payload} i dalej.

- {one_line}

| nagłówek {one_line} |
| --- |
| {one_line} |

![plik](../forms/{quote(PAYLOAD_FILE)})
""",
            encoding="utf-8",
        )
    (target / "documents" / "forms" / PAYLOAD_FILE).write_bytes(b"\x89PNG\r\n\x1a\n")
    (target / "documents" / "service-cards" / "<svg onload=alert(1)>.md").write_text(
        "---\nid: KU-OR-99\ntype: service-card\ntitle: Plik o dziwnej nazwie\nowner: kierownik-or\n"
        "status: active\nprocess: PR-01\nunit: OR\npublic: true\n---\nTreść.\n",
        encoding="utf-8",
    )
    config = target / "qms.yaml"
    text = config.read_text(encoding="utf-8")
    text = (
        text.replace(
            "  name: Urząd Gminy Testowo\n", '  name: "Urząd Gminy <script>alert(1)</script>"\n', 1
        )
        .replace("  url: https://bip.testowo.invalid\n", '  url: "javascript:alert(1)"\n')
        .replace(
            "    email: dostepnosc@testowo.invalid\n",
            '    email: "x@y\\" onmouseover=\\"alert(1)"\n',
        )
        .replace("  method: samoocena\n", '  method: "<img src=x onerror=alert(1)>"\n')
        .replace("bip:\n", "bip:\n  commit_messages: true\n")
    )
    config.write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=target, check=True)
    commit(target, "<script>alert(1)</script> w opisie zmiany", "2026-03-02T10:15:00+01:00")
    return target


DANGEROUS_TAGS = {
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "style",
    "base",
    "form",
    "input",
    "button",
    "meta",
    "body",
    "details",
    "noscript",
}


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.head = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.head = False
            return
        if tag == "script" and attrs != [("src", "szukaj.js"), ("defer", None)]:
            self.problems.append(f"script {attrs}")
        if tag == "meta" and self.head:
            return
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "formaction", "srcdoc"}:
                self.problems.append(f"{tag} {name}")
            if name in {"href", "src", "action", "data"}:
                url = (value or "").strip().lower()
                if url.startswith(("javascript:", "data:", "vbscript:")):
                    self.problems.append(f"{tag} {name}={value}")
                if tag == "img" and not url.startswith("zalaczniki/"):
                    self.problems.append(f"img {value}")


def audit(page: str) -> list[str]:
    """What in an HTML page could run script: script elements other than the site's own,
    dangerous elements, event and style attributes, script-capable URLs, foreign images."""
    parser = _Audit()
    parser.feed(page)
    parser.close()
    return parser.problems
