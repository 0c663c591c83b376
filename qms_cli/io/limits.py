"""Bounds on what qms reads, so that no file can exhaust memory or time (issue 13, item 11).

All caps live here. A file over its cap is not parsed: ``qms check`` reports it (QMS002) and
every other command refuses to proceed (exit 3). The figures are far above any real file of an
office (the largest Markdown document of the example office is 17 KB, the largest YAML file
11 KB) and below what would hurt. The document cap is set by ``qms render pdf``, the most
expensive reader: pandoc and Typst took 406 MB and 7.5 s for a 1 MB procedure (77 MB for a
normal one) and grow with the text, so 5 MB would be ~2 GB (a 50 MB document went past
17 GB). A 1 MB Markdown document is some 250 printed pages.

YAML anchors on lists and mappings (``key: &name [...]``, ``<<: *name``) are refused in every
file qms reads: an office never needs them, and ten lines of them ("billion laughs") expand
into billions of values. They are refused from the parser's events, before any node is built
(``io/yamlfast.refuse_aliases``). An anchor on a single value cannot multiply anything and is
read (earlier versions of qms wrote ``&id001`` for a date used twice; now they never do).
"""

from __future__ import annotations

KIB = 1024
MIB = 1024 * KIB

MAX_DOCUMENT_BYTES = 1 * MIB  # a Markdown file: document, report, review (front matter + body)
MAX_FRONT_MATTER_CHARS = 256 * KIB  # the YAML between the "---" lines of a Markdown file
MAX_YAML_BYTES = 5 * MIB  # a YAML file: qms.yaml, org/*.yaml, register.yaml, records
MAX_YAML_DEPTH = 64  # lists and mappings inside each other (an office's files need under 10)


def size_pl(size: int) -> str:
    """``5 MB``, ``256 KB``, ``1,3 MB``: a size for a Polish message."""
    if size >= MIB:
        value, unit = size / MIB, "MB"
    else:
        value, unit = size / KIB, "KB"
    text = f"{value:.1f}".removesuffix(".0").replace(".", ",")
    return f"{text} {unit}"


def too_big(what: str, size: int, limit: int) -> str:
    """The Polish message for a file or block over its cap."""
    return (
        f"{what} jest za duży ({size_pl(size)}; limit {size_pl(limit)}) — "
        "qms go nie wczytuje; podziel go na mniejsze"
    )
