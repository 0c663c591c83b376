"""Output redirected on Windows gets the code page (cp1252 has no „ł”): qms switches such
streams to UTF-8 instead of ending in UnicodeEncodeError. Simulated with PYTHONIOENCODING."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from qms_cli.cli.main import utf8_output
from tests.conftest import ROOT


def test_a_code_page_stream_is_switched_to_utf8() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252")
    utf8_output((stream,))
    stream.write("Reguły: błąd\n")
    stream.flush()
    assert raw.getvalue() == "Reguły: błąd\n".encode()


def test_qms_output_redirected_in_a_code_page() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "qms_cli", "rules"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert "błąd" in proc.stdout.decode("utf-8")
