"""Where the packaged data (schemas, templates, the example office) is.

In an installed wheel the data lives in ``qms_cli/_data/<name>``; in a source checkout it is the
top-level folder of the same name.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

DATA_FOLDERS = ("schemas", "templates", "docs-repo-template")


def data_path(name: str) -> Path:
    if name not in DATA_FOLDERS:
        raise ValueError(f"unknown data folder {name!r}")
    packaged = Path(str(resources.files("qms_cli"))) / "_data" / name
    if packaged.is_dir():
        return packaged
    source = Path(__file__).resolve().parent.parent / name
    if source.is_dir():
        return source
    raise FileNotFoundError(f"qms data folder {name!r} is missing from this installation")
