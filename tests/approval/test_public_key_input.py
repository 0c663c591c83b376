"""`qms signers add --key` takes a key file or the key itself; a pasted key is never a path."""

from __future__ import annotations

import pytest

from qms_cli.errors import QmsError
from qms_cli.services.approval.signers import read_public_key

pytestmark = pytest.mark.any_day


def test_a_pasted_key_with_a_long_base64_run_is_read_as_a_key_not_a_path() -> None:
    # Base64 has "/" in it; a run between two of them longer than NAME_MAX made
    # Path.is_file() raise ENAMETOOLONG (exit 4) for some random RSA keys.
    pasted = "ssh-rsa " + "A" * 300 + "/" + "B" * 300 + " kto@urzad"
    with pytest.raises(QmsError, match="niepoprawny klucz publiczny"):
        read_public_key(pasted)


def test_a_private_key_file_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    key = tmp_path / "id"
    key.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nxxx\n", encoding="utf-8")
    with pytest.raises(QmsError, match="klucz PRYWATNY"):
        read_public_key(str(key))
