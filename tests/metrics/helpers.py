"""Metrics files as offices send them: signed with an office's throwaway SSH key by
``ssh-keygen -Y sign -n qms-metrics`` (what ``qms metrics --sign`` runs), and the
coordinator's list of offices with their public keys."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from tests.approval.conftest import Key

YEAR = 2026


def metrics(name: str, values: dict[str, Any], **top: Any) -> dict[str, Any]:
    """A metrics file's content with the given indicator values (the rest absent)."""
    data: dict[str, Any] = {
        "schema_version": 1,
        "office": {"name": name, "kind": "gmina"},
        "year": YEAR,
        "as_of": f"{YEAR}-12-31",
        "indicators": {
            k: ({"value": v} if v is not None else {"value": None, "reason": "brak danych"})
            for k, v in values.items()
        },
    }
    data.update(top)
    return data


def write_signed(folder: Path, data: dict[str, Any], key: Key, name: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"metrics-{data['year']}.json")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    sign(path, key)
    return path


def sign(path: Path, key: Key) -> None:
    path.with_name(path.name + ".sig").unlink(missing_ok=True)  # ssh-keygen keeps an old one
    subprocess.run(
        ["ssh-keygen", "-q", "-Y", "sign", "-n", "qms-metrics", "-f", str(key.private), str(path)],
        check=True,
        capture_output=True,
    )


def offices_file(path: Path, offices: list[tuple[str, str, Key]]) -> Path:
    lines = ["offices:"]
    for office_id, name, key in offices:
        lines += [f"  - id: {office_id}", f"    name: {name}", f"    key: {key.line}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
