"""Approval tests: real throwaway SSH keys made once per test session, and an approved office.

``base_office`` is the minimal office with a registry (Wójt = trust root and head of office,
Sekretarz = pełnomocnik, two process owners) signed by the Wójt, and every document approved
through ``qms approve`` (the production path). Each test gets a fresh copy (``office``) and
adds its own commits, e.g. an attack, through ``Office``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from qms_cli.io import signers_file
from qms_cli.model.findings import Finding
from qms_cli.model.signers import ssh_key_fingerprint
from qms_cli.services.approval.approve import approve
from qms_cli.services.check import run_check
from tests.conftest import FIXTURES, need_tool, pinned_day, private_home

TODAY = pinned_day()
P01 = "documents/procedures/P-01.md"
PJ = "documents/policy/PJ.md"
PR01 = "documents/processes/PR-01.md"
SIGNERS = "org/signers.yaml"
APPROVAL_CODES = ("QMS200", "QMS249")


def approval_findings(root: Path, trust_root: str | None = None) -> list[Finding]:
    """The approval findings (QMS200–QMS249) of ``qms check``: what these tests judge. The
    calendar rules about the records of the minimal office (a 2026 office) have their own tests,
    and on a day of 2027 they rightly ask for its 2027 programme and objectives."""
    low, high = APPROVAL_CODES
    found = run_check(root, use_cache=False, trust_root=trust_root).findings
    return [f for f in found if low <= f.code <= high]


@dataclass(frozen=True)
class Key:
    name: str
    private: Path
    pub: Path
    line: str
    fingerprint: str


def make_key(folder: Path, name: str, kind: str = "ed25519") -> Key:
    private = folder / name
    args = ["-t", kind] + (["-b", "3072"] if kind == "rsa" else [])
    comment = f"TEST-ONLY {name} (throwaway, made per test session)"
    subprocess.run(
        ["ssh-keygen", "-q", *args, "-N", "", "-C", comment, "-f", str(private)], check=True
    )
    line = private.with_suffix(".pub").read_text(encoding="utf-8").strip()
    fingerprint = ssh_key_fingerprint(line)
    assert fingerprint is not None
    return Key(name, private, private.with_suffix(".pub"), line, fingerprint)


@dataclass(frozen=True)
class Keys:
    wojt: Key
    sekretarz: Key
    usc: Key
    kor: Key  # ECDSA: the verifier handles more than Ed25519
    attacker: Key
    wojt2: Key  # a second key of the head of office (rotation)
    rsa: Key


@pytest.fixture(scope="session")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    need_tool(shutil.which("ssh-keygen") is not None, "ssh-keygen")
    folder = tmp_path_factory.mktemp("keys")
    return Keys(
        wojt=make_key(folder, "wojt"),
        sekretarz=make_key(folder, "sekretarz"),
        usc=make_key(folder, "usc"),
        kor=make_key(folder, "kor", "ecdsa"),
        attacker=make_key(folder, "attacker"),
        wojt2=make_key(folder, "wojt2"),
        rsa=make_key(folder, "rsa", "rsa"),
    )


class Editor:
    """The default of ``Office.commit``: the office's editor signs."""


EDITOR = Editor()


class Office:
    """A repository of the office and commits made as particular people. Changes are signed
    by a registered editor (Olek Or) unless a test says otherwise: an unsigned text needs two
    different approvers (four eyes when the author is not proved)."""

    def __init__(self, root: Path, editor: Key | None = None) -> None:
        self.root = root
        self.editor = editor  # signs commits made without a ``key`` (None: unsigned)

    def git(self, *args: str, env: dict[str, str] | None = None, data: str | None = None) -> str:
        proc = subprocess.run(
            ["git", *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            input=data,
            env={**os.environ, **(env or {})},
            check=False,
        )
        assert proc.returncode == 0, f"git {args}: {proc.stderr}"
        return proc.stdout

    def path(self, rel: str) -> Path:
        return self.root / rel

    def edit(self, rel: str, old: str, new: str) -> None:
        text = self.path(rel).read_text(encoding="utf-8")
        assert old in text, (rel, old)
        self.path(rel).write_text(text.replace(old, new, 1), encoding="utf-8")

    def append(self, rel: str, text: str) -> None:
        with self.path(rel).open("a", encoding="utf-8") as handle:
            handle.write(text)

    def blob(self, rel: str, rev: str = "HEAD") -> str:
        return self.git("rev-parse", f"{rev}:{rel}").strip()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()

    def commit(
        self,
        message: str,
        key: Key | Editor | None = EDITOR,
        *,
        author: tuple[str, str] = ("Test User", "test@example.invalid"),
        date: str | None = None,
        empty: bool = False,
    ) -> str:
        """Commit everything (``git add -A``), signed with ``key`` (by default the office's
        editor; ``None``: unsigned)."""
        if isinstance(key, Editor):
            key = self.editor
        self.git("add", "-A")
        env = {
            "GIT_AUTHOR_NAME": author[0],
            "GIT_AUTHOR_EMAIL": author[1],
            "GIT_COMMITTER_NAME": author[0],
            "GIT_COMMITTER_EMAIL": author[1],
        }
        if date is not None:
            env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        sign = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={key.pub}"] if key else []
        args = [*sign, "commit", "-q", "-F", "-"] + (["-S"] if key else [])
        self.git(*args, *(["--allow-empty"] if empty else []), env=env, data=message)
        return self.head()

    def approval(
        self,
        rel: str,
        doc_id: str,
        meaning: str,
        key: Key | None,
        *,
        blob: str | None = None,
        **kwargs: object,
    ) -> str:
        """A raw approval commit (as an attacker could make it): trailers chosen freely."""
        message = (
            f"{doc_id}: {meaning}\n\nQMS-Approve: {doc_id}\nQMS-Meaning: {meaning}\n"
            f"QMS-Blob: {blob or self.blob(rel)}\n"
        )
        return self.commit(message, key, empty=True, **kwargs)  # type: ignore[arg-type]

    def use_key(self, key: Key) -> None:
        self.git("config", "gpg.format", "ssh")
        self.git("config", "user.signingkey", str(key.pub))

    def all_findings(self, trust_root: str | None = None) -> list[Finding]:
        return run_check(self.root, use_cache=False, trust_root=trust_root).findings

    def findings(self, trust_root: str | None = None) -> list[Finding]:
        return approval_findings(self.root, trust_root)

    def codes(self, rel: str | None = None) -> set[str]:
        return {f.code for f in self.findings() if rel is None or f.path == rel}

    def messages(self, code: str) -> list[str]:
        return [f"{f.path}:{f.line}: {f.message}" for f in self.findings() if f.code == code]


def add_person(
    root: Path,
    sid: str,
    name: str,
    position: str,
    roles: tuple[str, ...],
    key: Key,
    email: str | None = None,
) -> None:
    """Write a person's SSH key into org/signers.yaml (valid from 2025; not committed)."""
    signers_file.add_key(
        root,
        signers_file.NewKey(
            sid,
            name,
            position,
            roles,
            email,
            "ssh",
            key.fingerprint,
            key.line,
            dt.date(2025, 1, 1),
            None,
        ),
    )


def register(office: Office, keys: Keys) -> None:
    """The registry of the base office (valid from 2025, so dated commits make sense)."""
    people = [
        ("jan-wojt", "Jan Wójt", "wojt", ("kierownik-urzedu",), None, keys.wojt),
        (
            "anna-sekretarz",
            "Anna Sekretarz",
            "sekretarz",
            ("pelnomocnik",),
            "anna@testowo.invalid",
            keys.sekretarz,
        ),
        ("ewa-usc", "Ewa Usc", "kierownik-usc", ("wlasciciel-procesu",), None, keys.usc),
        ("olek-or", "Olek Or", "kierownik-or", ("wlasciciel-procesu",), None, keys.kor),
    ]
    for sid, name, position, roles, email, key in people:
        add_person(office.root, sid, name, position, roles, key, email)
    signers_file.set_trust_root(office.root, keys.wojt.fingerprint)


BASE_APPROVALS = [
    ("wojt", "approval", ["PJ", "KJ", "KS-01", "Z-2026-01", "qms.yaml"]),
    ("sekretarz", "review", ["P-01"]),
    ("sekretarz", "approval", ["P-01", "F-01", "PR-01", "KU-USC-01"]),
]


@pytest.fixture(scope="session")
def base_office(tmp_path_factory: pytest.TempPathFactory, keys: Keys) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("base-home")
    with pytest.MonkeyPatch.context() as patch:
        private_home(home, patch)
        patch.delenv("QMS_TRUST_ROOT", raising=False)
        root = tmp_path_factory.mktemp("base") / "office"
        shutil.copytree(FIXTURES / "minimal", root)
        office = Office(root)
        office.git("init", "-q", "-b", "main")
        office.commit("Repozytorium urzędu", author=("Demo Import", "import@testowo.invalid"))
        register(office, keys)
        office.commit("Rejestr podpisujących", keys.wojt, author=("Jan Wójt", "jan@x.invalid"))
        for who, meaning, docs in BASE_APPROVALS:
            office.use_key(getattr(keys, who))
            approve(root, docs, meaning)
        office.git("config", "--unset", "user.signingkey")
        assert office.findings() == []
        yield root


@pytest.fixture
def office(base_office: Path, tmp_path: Path, keys: Keys) -> Office:
    root = tmp_path / "office"
    shutil.copytree(base_office, root, symlinks=True)
    return Office(root, editor=keys.kor)
