"""The safe, mechanical repairs of ``qms fix``: what text pasted from Word or saved by an old
editor breaks, repaired without changing what the text says. Pure: bytes in, text out.

- the encoding: a file that is not UTF-8 but reads as Windows-1250 (Polish letters) becomes
  UTF-8; a byte-order mark is dropped; CRLF and CR line ends become LF;
- in YAML (a ``.yaml`` file, or a document's front matter): hard and other space-like
  characters become plain spaces, zero-width characters are removed, trailing spaces are
  removed, and a value wrapped in typographic quotes („…”, “…”) gets plain double quotes.

The body of a Markdown document keeps its hard spaces (typography: "r." after a date, a
one-letter word before a line end) and its trailing spaces (a line break); only its line ends
and encoding are repaired. A YAML repair is kept only when the repaired text still parses
wherever the original did (the caller checks that with ``parses``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from qms_cli.model.hints import INVISIBLE

SPACES = {c for c, name in INVISIBLE.items() if "spacja" in name}
ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_QUOTED = re.compile(
    r"(?P<lead>(?::[ ]+|[\[,][ ]*|^[ ]*-[ ]+))"
    r"(?P<open>[„“”\"])(?P<text>[^„“”\"\n]*)(?P<close>[”“\"])"
    r"(?P<tail>[ ]*(?:[,\]]|#|$))",
    re.MULTILINE,
)


Loader = Callable[[str], Any]


@dataclass
class Fixed:
    text: str
    repairs: list[str] = field(default_factory=list)  # Polish, one per kind of repair

    def note(self, what: str) -> None:
        if what not in self.repairs:
            self.repairs.append(what)


def decode(raw: bytes, fixed: Fixed) -> str:
    """UTF-8, or Windows-1250 when that is what the bytes are (noted)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1250", errors="replace")
        fixed.note("kodowanie Windows-1250 zamienione na UTF-8")
    if text.startswith("\ufeff"):
        text = text[1:]
        fixed.note("usunięty znacznik BOM")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        fixed.note("końce wierszy CRLF zamienione na LF")
    return text


_SYNTAX_SPACE = re.compile(
    "(?P<before>^|[:,\\[\\]{}-])(?P<run>[ \t]*["
    + "".join(sorted(SPACES))
    + "][ \t"
    + "".join(sorted(SPACES))
    + "]*)",
    re.MULTILINE,
)
_TRAILING_SPACE = re.compile("[ \t" + "".join(sorted(SPACES)) + "]+$", re.MULTILINE)


def fix_yaml_text(text: str, fixed: Fixed) -> str:
    """The YAML repairs of one YAML text (a file or a front matter): hard spaces where they
    are syntax (indentation, after ``:``, ``-``, ``,`` and brackets, line ends), zero-width
    characters, trailing spaces, typographic quotes around a whole value."""
    out = _SYNTAX_SPACE.sub(lambda m: m["before"] + " " * len(m["run"]), text)
    if out != text:
        fixed.note("twarde spacje w składni YAML zamienione na zwykłe")
    if any(c in out for c in ZERO_WIDTH):
        out = "".join(c for c in out if c not in ZERO_WIDTH)
        fixed.note("usunięte znaki o zerowej szerokości")
    stripped = _TRAILING_SPACE.sub("", out)
    if stripped != out:
        out = stripped
        fixed.note("usunięte spacje na końcach wierszy")
    quoted = _QUOTED.sub(_plain_quotes, out)
    if quoted != out:
        out = quoted
        fixed.note("cudzysłowy drukarskie wokół wartości zamienione na proste")
    return out


def _plain_quotes(match: re.Match[str]) -> str:
    if match["open"] == '"' and match["close"] == '"':
        return match.group(0)  # already plain
    text = match["text"].replace("\\", "\\\\")
    return f'{match["lead"]}"{text}"{match["tail"]}'


_FRONT = re.compile(r"\A(---\n)(.*?\n)(---\n)", re.DOTALL)


def fix_file(rel: str, raw: bytes, load: Loader) -> Fixed:
    """Repair one file of the repository (``load``: YAML text -> data; raises on a syntax
    error)."""
    fixed = Fixed("")
    text = decode(raw, fixed)
    if rel.endswith((".yaml", ".yml")):
        fixed.text = _guarded(text, load, fixed)
        return fixed
    front = _FRONT.match(text) if rel.endswith(".md") else None
    if front is None:
        fixed.text = text
        return fixed
    fixed.text = front[1] + _guarded(front[2], load, fixed) + front[3] + text[front.end() :]
    return fixed


def _guarded(text: str, load: Loader, fixed: Fixed) -> str:
    """The repaired text, unless the repair changes what the YAML says (beyond the invisible
    characters and the quotes it exists to remove): then the text as it was."""
    before = list(fixed.repairs)
    repaired = fix_yaml_text(text, fixed)
    if repaired == text:
        return text
    try:
        old = load(text)
    except Exception:  # broken before: the repair can only help; it is checked again later
        return repaired
    try:
        new = load(repaired)
    except Exception:
        new = _BROKEN
    if normalized(old) != normalized(new, quotes=False):
        fixed.repairs[:] = before
        return text
    return repaired


_BROKEN = object()
_WRAPPED = re.compile(r"\A[„“”](.*)[”“]\Z", re.DOTALL)


def normalized(data: Any, quotes: bool = True) -> Any:
    """What the data says once the repairs are made: strings without zero-width characters,
    trailing spaces or (``quotes``) typographic quotes around the whole value; other scalars
    as text (a quoted date becomes a date)."""
    if isinstance(data, dict):
        return {normalized(k, quotes): normalized(v, quotes) for k, v in data.items()}
    if isinstance(data, list):
        return [normalized(v, quotes) for v in data]
    if not isinstance(data, str):
        return data if data is None or isinstance(data, bool) else str(data)
    text = "".join(c for c in data if c not in ZERO_WIDTH).rstrip(" \t" + "".join(SPACES))
    wrapped = _WRAPPED.match(text) if quotes else None
    return wrapped[1] if wrapped else text
