"""Editing ``org/signers.yaml`` and ``trust_root`` in ``qms.yaml``: comments, order and quoting
of people's files are kept; only the changed entries are new text.

ruamel writes a null as an empty value; the office's files spell it ``null``, and
``roundtrip.dump_rt`` keeps that spelling. ``trust_root`` is changed as one line of
``qms.yaml``, nothing else.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from qms_cli.errors import QmsError
from qms_cli.io.atomic import write_atomic
from qms_cli.io.roundtrip import dump_rt, load_rt
from qms_cli.io.yamlfast import YamlProblem
from qms_cli.model.signers import SIGNERS_PATH, normalize_fingerprint

NEW_FILE = (
    "# yaml-language-server: $schema=../.qms/schemas/signers.schema.json\n"
    "# Rejestr osób podpisujących. Zmiany obowiązują po podpisaniu przez kierownika urzędu.\n"
    "signers: []\n"
)


@dataclass(frozen=True)
class NewKey:
    signer_id: str
    name: str
    position: str
    roles: tuple[str, ...]
    email: str | None
    kind: str  # ssh | openpgp
    fingerprint: str
    public_key: str
    valid_from: dt.date
    valid_until: dt.date | None


def _load(path: Path, default: str = "") -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = default
    except (OSError, UnicodeDecodeError) as exc:
        raise QmsError(f"nie można odczytać {path.name}: {exc}") from exc
    try:
        data = load_rt(text)
    except YamlProblem as exc:
        raise QmsError(
            f"{exc.message} — popraw plik (qms check pokaże miejsce)",
            path=f"org/{path.name}",
            line=exc.line,
        ) from None
    if not isinstance(data, dict):
        raise QmsError(f"{path.name}: oczekiwano mapowania „signers: …”")
    return data


def _signers(data: Any) -> CommentedSeq:
    seq = data.get("signers")
    if not isinstance(seq, CommentedSeq):
        seq = CommentedSeq(seq if isinstance(seq, list) else [])
        data["signers"] = seq
    seq.fa.set_block_style()
    return seq


def add_key(root: Path, new: NewKey) -> bool:
    """Add a person (or a key of a person already registered). True when the person is new."""
    path = root / SIGNERS_PATH
    data = _load(path, NEW_FILE)
    signers = _signers(data)
    wanted = normalize_fingerprint(new.fingerprint)
    for item in signers:
        for key in _keys(item):
            fpr = key.get("fingerprint") if isinstance(key, dict) else None
            if isinstance(fpr, str) and normalize_fingerprint(fpr) == wanted:
                raise QmsError(f"klucz {wanted} jest już w rejestrze (osoba {item.get('id')})")
    existing = next(
        (s for s in signers if isinstance(s, dict) and s.get("id") == new.signer_id), None
    )
    if existing is not None:
        if existing.get("position") != new.position:
            raise QmsError(
                f"osoba {new.signer_id} jest w rejestrze na stanowisku {existing.get('position')}",
                hint="Zmianę stanowiska wpisz ręcznie w org/signers.yaml.",
            )
        roles = existing.setdefault("roles", _flow([]))
        roles.extend(r for r in new.roles if r not in roles)
        existing.setdefault("keys", _block([])).append(_key(new))
    else:
        entry = CommentedMap()
        entry["id"] = new.signer_id
        entry["name"] = new.name
        if new.email:
            entry["email"] = new.email
        entry["position"] = new.position
        entry["roles"] = _flow(list(new.roles))
        entry["keys"] = _block([_key(new)])
        signers.append(entry)
    write_atomic(path, dump_rt(data))
    return existing is None


def revoke_key(root: Path, fingerprint: str, until: dt.date) -> str:
    """Mark a key revoked (and end its validity ``until``); returns the person's name."""
    path = root / SIGNERS_PATH
    data = _load(path)
    wanted = normalize_fingerprint(fingerprint)
    for item in _signers(data):
        for key in _keys(item):
            fpr = key.get("fingerprint") if isinstance(key, dict) else None
            if isinstance(fpr, str) and normalize_fingerprint(fpr) == wanted:
                if key.get("revoked") is True:
                    raise QmsError(f"klucz {wanted} jest już unieważniony")
                key["revoked"] = True
                if key.get("valid_until") is None:
                    key["valid_until"] = until
                write_atomic(path, dump_rt(data))
                return str(item.get("name"))
    raise QmsError(f"w org/signers.yaml nie ma klucza {wanted}")


_TRUST_LINE = re.compile(
    r"^trust_root:[ \t]*(?P<value>[^#\n]*?)(?P<rest>[ \t]+#.*)?$", re.MULTILINE
)


def set_trust_root(root: Path, fingerprint: str) -> None:
    path = root / "qms.yaml"
    text = path.read_text(encoding="utf-8")
    line = f'trust_root: "{normalize_fingerprint(fingerprint)}"'
    if _TRUST_LINE.search(text):
        text = _TRUST_LINE.sub(lambda m: line + (m.group("rest") or ""), text, count=1)
    else:
        text = text + ("" if text.endswith("\n") or not text else "\n") + line + "\n"
    write_atomic(path, text)


def _keys(item: Any) -> list[Any]:
    keys = item.get("keys") if isinstance(item, dict) else None
    return keys if isinstance(keys, list) else []


def _key(new: NewKey) -> CommentedMap:
    key = CommentedMap()
    if new.kind != "ssh":
        key["type"] = new.kind
    key["fingerprint"] = DoubleQuotedScalarString(normalize_fingerprint(new.fingerprint))
    key["public_key"] = (
        LiteralScalarString(new.public_key.strip() + "\n")
        if "\n" in new.public_key.strip()
        else DoubleQuotedScalarString(new.public_key.strip())
    )
    key["valid_from"] = new.valid_from
    key["valid_until"] = new.valid_until
    key["revoked"] = False
    return key


def _flow(items: list[str]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _block(items: list[Any]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_block_style()
    return seq
