"""The schemas are real JSON Schema 2020-12: an independent validator (check-jsonschema, on
python-jsonschema) accepts the whole example office and agrees with qms on broken files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from qms_cli.io.layout import iter_files, kind_of, split_front_matter
from qms_cli.resources import data_path
from qms_cli.services.check import run_check
from tests.edit import replace

SCHEMAS = data_path("schemas")
CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema"]


def check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CHECK_JSONSCHEMA, *args], capture_output=True, text=True, check=False)


def test_schemas_are_valid_2020_12() -> None:
    files = sorted(str(p) for p in SCHEMAS.glob("*.schema.json"))
    assert len(files) >= 12
    proc = check_jsonschema("--check-metaschema", *files)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def instances(root: Path, out: Path) -> dict[str, list[str]]:
    """Every file of ``root`` that has a schema, as YAML files (front matter extracted)."""
    by_schema: dict[str, list[str]] = defaultdict(list)
    for rel, _ in iter_files(root):
        kind = kind_of(rel)
        if kind is None or kind.schema is None:
            continue
        text = (root / rel).read_text(encoding="utf-8")
        if kind.markdown:
            split = split_front_matter(text)
            assert split is not None, rel
            target = out / rel.replace("/", "__").replace(".md", ".yaml")
            target.write_text(split[0], encoding="utf-8")
            by_schema[kind.schema].append(str(target))
        else:
            by_schema[kind.schema].append(str(root / rel))
    return by_schema


@pytest.mark.slow
def test_example_office_is_valid_for_an_independent_validator(tmp_path: Path) -> None:
    by_schema = instances(data_path("docs-repo-template"), tmp_path)
    assert {"qms", "document", "structure", "external", "objectives"} <= set(by_schema)
    for schema, files in by_schema.items():
        proc = check_jsonschema("--schemafile", str(SCHEMAS / f"{schema}.schema.json"), *files)
        assert proc.returncode == 0, f"{schema}: {proc.stdout}{proc.stderr}"


BROKEN = [
    ("documents/procedures/P-01.md", "status: active", "status: obowiazuje"),
    ("documents/procedures/P-01.md", "status: active", "status: active\nnotatka: x"),
    ("documents/service-cards/KU-USC-01.md", "days: ", "days: trzydzieści #"),
    ("org/structure.yaml", "units:", "units: 7\nunits_old:"),
    ("records/objectives/2026.yaml", "year: 2026", "year: 2026\nrok: 2026"),
    ("qms.yaml", "kind: gmina", "kind: wieś"),
]


@pytest.mark.parametrize(("rel", "old", "new"), BROKEN, ids=[b[2][:20] for b in BROKEN])
def test_both_validators_reject_the_same_broken_files(
    tmp_path: Path, rel: str, old: str, new: str
) -> None:
    root = tmp_path / "office"
    shutil.copytree(data_path("docs-repo-template"), root)
    replace(root / rel, old, new)
    ours = {f.path for f in run_check(root, use_cache=False).findings if f.code == "QMS001"}
    assert ours == {rel}
    kind = kind_of(rel)
    assert kind is not None and kind.schema is not None
    by_schema = instances(root, tmp_path)
    target = next(
        f
        for f in by_schema[kind.schema]
        if f.endswith(rel.replace("/", "__").replace(".md", ".yaml")) or f.endswith(rel)
    )
    proc = check_jsonschema("--schemafile", str(SCHEMAS / f"{kind.schema}.schema.json"), target)
    assert proc.returncode == 1, proc.stdout
