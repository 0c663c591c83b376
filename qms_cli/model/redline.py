"""A redline a person reads: what changed between two texts of a document. Pure: no I/O.

The body is cut into blocks (paragraphs, headings, list items, table rows), the blocks are
aligned first (``difflib.SequenceMatcher``), then words are compared within a changed block
and cells within a changed table row. A block deleted in one place and inserted unchanged in
another is a move ("przeniesiono"), not a deletion and an insertion. The front matter is
compared field by field (``model/redline_fields.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from qms_cli.model.redline_fields import FieldChange

SAME, DELETED, INSERTED = "same", "del", "ins"
# what happened to a block
UNCHANGED, CHANGED, REMOVED, ADDED, MOVED_FROM, MOVED_TO = (
    "unchanged",
    "changed",
    "removed",
    "added",
    "moved-from",
    "moved-to",
)
START = "(początek dokumentu)"
SIMILAR = 0.5  # two blocks this alike (SequenceMatcher ratio of words) are one block changed

FUZZY_PAIRS = 10_000  # above this many pairs, a block moved and changed is removed and added
_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s")
_HEADING = re.compile(r"^#{1,6}\s")
_NUMBER = re.compile(r"^\d+[.)]\s")
_TOKEN = re.compile(r"\w+|[^\w\s]|\s+")


@dataclass(frozen=True)
class Block:
    text: str
    kind: str  # heading | para | item | row

    @property
    def cells(self) -> tuple[str, ...]:
        return split_row(self.text) if self.kind == "row" else ()


@dataclass(frozen=True)
class Piece:
    kind: str  # same | del | ins
    text: str


@dataclass(frozen=True)
class Hunk:
    """One block of the redline: its pieces (a table row: pieces of each cell)."""

    change: str  # unchanged | changed | removed | added | moved-from | moved-to
    kind: str  # heading | para | item | row
    section: str  # the heading the block stands under
    pieces: tuple[Piece, ...] = ()
    cells: tuple[tuple[Piece, ...], ...] = ()
    up: bool = False  # a move: the other place lies above this one


@dataclass(frozen=True)
class Redline:
    hunks: tuple[Hunk, ...]
    fields: tuple[FieldChange, ...] = ()

    @property
    def changed(self) -> tuple[Hunk, ...]:
        return tuple(h for h in self.hunks if h.change != UNCHANGED)

    @property
    def empty(self) -> bool:
        return not self.changed and not self.fields

    @property
    def sections(self) -> tuple[str, ...]:
        """Headings of the sections touched, in order, each once."""
        return tuple(dict.fromkeys(h.section for h in self.changed))

    @property
    def words_added(self) -> int:
        return _words(self.changed, INSERTED)

    @property
    def words_removed(self) -> int:
        return _words(self.changed, DELETED)

    @property
    def moved(self) -> int:
        return sum(1 for h in self.hunks if h.change == MOVED_TO)


def _words(hunks: tuple[Hunk, ...], kind: str) -> int:
    count = 0
    for hunk in hunks:
        pieces = [*hunk.pieces, *(p for cell in hunk.cells for p in cell)]
        count += sum(len(re.findall(r"\w+", p.text)) for p in pieces if p.kind == kind)
    return count


def split_row(line: str) -> tuple[str, ...]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return tuple(c.strip() for c in re.split(r"(?<!\\)\|", inner))


def blocks(body: str) -> list[Block]:
    """Paragraphs and headings; list items and table rows one block each."""
    out: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", body.replace("\r\n", "\n")):
        lines = [line.rstrip() for line in chunk.strip("\n").split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.lstrip().startswith("|") for line in lines):
            out.extend(Block(line.strip(), "row") for line in lines)
            continue
        current: list[str] = []
        kind = "para"
        for line in lines:
            starts = "heading" if _HEADING.match(line) else "item" if _ITEM.match(line) else ""
            if starts or kind == "heading":
                if current:
                    out.append(Block("\n".join(current), kind))
                current, kind = [line], starts or "para"
            else:
                current.append(line)
        if current:
            out.append(Block("\n".join(current), kind))
    return out


def _normal(text: str) -> str:
    return " ".join(text.split())


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def words_diff(old: str, new: str) -> tuple[Piece, ...]:
    """Word-level pieces of a changed block (runs of one kind merged)."""
    a, b = _tokens(old), _tokens(new)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(Piece(SAME, "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            pieces.append(Piece(DELETED, "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            pieces.append(Piece(INSERTED, "".join(b[j1:j2])))
    return _tidy(pieces)


def _tidy(pieces: list[Piece]) -> tuple[Piece, ...]:
    """Merge neighbours of one kind; a change that is only spaces between changes joins them."""
    out: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if out and out[-1].kind == piece.kind:
            out[-1] = Piece(piece.kind, out[-1].text + piece.text)
        else:
            out.append(piece)
    return tuple(out)


def _similarity(a: Block, b: Block) -> float:
    if a.kind != b.kind:
        return 0.0
    return SequenceMatcher(None, _tokens(a.text), _tokens(b.text), autojunk=False).ratio()


def _key(block: Block) -> tuple[str, str]:
    """What aligns blocks: the kind and the words; a list item without its number (a list
    renumbered after a move is the same list)."""
    text = _normal(block.text)
    return block.kind, _NUMBER.sub("", text, count=1) if block.kind == "item" else text


Step = tuple[str, Block | None, Block | None, bool]


@dataclass
class _Builder:
    old: list[Block]
    new: list[Block]
    moved_old: dict[int, int]  # old index -> new index of a block moved unchanged
    moved_new: dict[int, int]
    out: list[Step] = field(default_factory=list)

    def run(self, i1: int, i2: int, j1: int, j2: int) -> None:
        """Blocks of a replaced run: moves in place, alike ones paired (a change), the rest
        removed and added."""
        i, j = i1, j1
        while i < i2 or j < j2:
            if i < i2 and i in self.moved_old:
                self.out.append((MOVED_FROM, self.old[i], None, self.moved_old[i] < j))
                i += 1
            elif j < j2 and j in self.moved_new:
                source = self.old[self.moved_new[j]]
                self.out.append((MOVED_TO, source, self.new[j], self.moved_new[j] < i))
                j += 1
            elif i >= i2:
                self.out.append((ADDED, None, self.new[j], False))
                j += 1
            elif j >= j2:
                self.out.append((REMOVED, self.old[i], None, False))
                i += 1
            elif _similarity(self.old[i], self.new[j]) >= SIMILAR:
                self.out.append((CHANGED, self.old[i], self.new[j], False))
                i, j = i + 1, j + 1
            elif (nj := self._next(self.moved_new, j + 1, j2)) is not None and _similarity(
                self.old[i], self.new[nj]
            ) >= SIMILAR:
                self.out.append((ADDED, None, self.new[j], False))
                j += 1
            else:
                self.out.append((REMOVED, self.old[i], None, False))
                i += 1
                ni = self._next(self.moved_old, i, i2)
                if ni is None or _similarity(self.old[ni], self.new[j]) < SIMILAR:
                    self.out.append((ADDED, None, self.new[j], False))
                    j += 1

    @staticmethod
    def _next(moved: dict[int, int], start: int, stop: int) -> int | None:
        return next((n for n in range(start, stop) if n not in moved), None)


def _moved(
    old: list[Block],
    new: list[Block],
    old_keys: list[tuple[str, str]],
    new_keys: list[tuple[str, str]],
    ops: Sequence[tuple[str, int, int, int, int]],
) -> tuple[dict[int, int], dict[int, int]]:
    """Blocks removed in one place and added in another: the same words, or (in another run
    of changes) words alike enough to be one block moved and changed."""
    old_run: dict[int, int] = {}
    new_run: dict[int, int] = {}
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "equal":
            old_run.update(dict.fromkeys(range(i1, i2), n))
            new_run.update(dict.fromkeys(range(j1, j2), n))
    places: dict[tuple[str, str], list[int]] = {}
    for i in old_run:
        places.setdefault(old_keys[i], []).append(i)
    moved_old: dict[int, int] = {}
    moved_new: dict[int, int] = {}
    for j in new_run:
        found = places.get(new_keys[j])
        if found:
            i = found.pop(0)
            moved_old[i], moved_new[j] = j, i
    left_old = [i for i in old_run if i not in moved_old]
    left_new = [j for j in new_run if j not in moved_new]
    if len(left_old) * len(left_new) > FUZZY_PAIRS:
        return moved_old, moved_new
    for j in left_new:
        best, score = None, SIMILAR
        for i in left_old:
            if i in moved_old or old_run[i] == new_run[j]:
                continue
            alike = _similarity(old[i], new[j])
            if alike >= score:
                best, score = i, alike
        if best is not None:
            moved_old[best], moved_new[j] = j, best
    return moved_old, moved_new


def redline(old_body: str, new_body: str, fields: tuple[FieldChange, ...] = ()) -> Redline:
    old, new = blocks(old_body), blocks(new_body)
    old_keys, new_keys = [_key(b) for b in old], [_key(b) for b in new]
    ops = SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes()
    moved_old, moved_new = _moved(old, new, old_keys, new_keys, ops)
    build = _Builder(old, new, moved_old, moved_new)
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            build.out.extend(
                (UNCHANGED, a, b, False) for a, b in zip(old[i1:i2], new[j1:j2], strict=True)
            )
        else:
            build.run(i1, i2, j1, j2)
    return Redline(tuple(_hunks(build.out)), fields)


def _hunks(steps: list[Step]) -> list[Hunk]:
    hunks: list[Hunk] = []
    old_section = new_section = START
    for change, a, b, up in steps:
        if a is not None and a.kind == "heading" and change != MOVED_TO:
            old_section = _heading(a.text)
        if b is not None and b.kind == "heading":
            new_section = _heading(b.text)
        section = new_section if b is not None else old_section
        block = b if b is not None else a
        assert block is not None
        if change == CHANGED and a is not None and b is not None and a.kind == "row":
            cells = _cells(a.cells, b.cells)
            if cells is not None:
                hunks.append(Hunk(change, "row", section, cells=cells))
                continue
        if change in (CHANGED, MOVED_TO) and a is not None and b is not None and a.text != b.text:
            pieces = words_diff(a.text, b.text)
        elif change == UNCHANGED or change in (MOVED_FROM, MOVED_TO):
            pieces = (Piece(SAME, block.text),)
        else:
            pieces = (Piece(DELETED if change == REMOVED else INSERTED, block.text),)
        hunks.append(Hunk(change, block.kind, section, pieces, up=up))
    return hunks


def _cells(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[tuple[Piece, ...], ...] | None:
    if len(old) != len(new):
        return None
    return tuple(
        (Piece(SAME, a),) if a == b else words_diff(a, b) for a, b in zip(old, new, strict=True)
    )


def _heading(text: str) -> str:
    return text.lstrip("#").strip()
