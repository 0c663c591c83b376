"""``make demo``: demo keys, the registry of signers and an approval of every document.

The keys are made in ``demo-keys/`` next to ``demo-office/`` — outside the office repository,
never committed — and are labelled DEMO in their comments and in ``demo-keys/README.txt``.
Each person signs with their own key through git's normal signing (``gpg.format=ssh``,
``user.signingkey``), passed per command in ``GIT_CONFIG_*`` variables.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from qms_cli.model import approvals as A
from qms_cli.model import governed
from qms_cli.model.record_approvals import record_infos
from qms_cli.model.signers import MEANINGS, NO_PARTIES, OWNER
from qms_cli.services.approval.evaluation import approval_matrix, evaluate
from qms_cli.services.loading import load_repository
from qms_cli.vcs.git import tracked_files

Runner = Callable[..., int]  # demo.qms(*args, cwd=…, env=…)
KEY_COMMENT = "DEMO qms: klucz demonstracyjny, nie do uzytku w urzedzie"
# demo people per position (names are fictional); other positions get a generic name
NAMES = {
    "wojt": "Jan Nowicki",
    "sekretarz": "Anna Kowalczyk",
    "skarbnik": "Barbara Mazur",
    "kierownik-or": "Piotr Zając",
    "kierownik-usc": "Ewa Krawczyk",
    "kierownik-po": "Tomasz Wróbel",
    "kierownik-gk": "Marek Dudek",
    "kierownik-ip": "Agata Pawlak",
    "inspektor-or-kadry": "Katarzyna Wiśniewska",
}
README = (
    "KLUCZE DEMONSTRACYJNE qms (make demo).\n"
    "Służą wyłącznie do pokazu na przykładowym urzędzie demo-office/.\n"
    "Nie używaj ich w prawdziwym urzędzie; każde uruchomienie make demo tworzy je od nowa.\n"
)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    position: str
    roles: tuple[str, ...]
    key: Path  # public key file

    @property
    def env(self) -> dict[str, str]:
        """Sign as this person: git's signing config and identity for one command."""
        email = f"{self.id}@demo.invalid"
        return {
            "GIT_CONFIG_COUNT": "2",
            "GIT_CONFIG_KEY_0": "gpg.format",
            "GIT_CONFIG_VALUE_0": "ssh",
            "GIT_CONFIG_KEY_1": "user.signingkey",
            "GIT_CONFIG_VALUE_1": str(self.key),
            "GIT_AUTHOR_NAME": self.name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": self.name,
            "GIT_COMMITTER_EMAIL": email,
        }


def _slug(name: str) -> str:
    table = str.maketrans("ąćęłńóśźż", "acelnoszz")
    return "-".join(name.lower().translate(table).split())


class DemoSigning:
    def __init__(self, office: Path, keys: Path) -> None:
        self.office, self.keys = office, keys
        repo = load_repository(office).repo
        self.repo = repo
        self.matrix = approval_matrix(repo.config)
        self.roles = {
            str(r["id"]): [p for p in r.get("positions") or [] if isinstance(p, str)]
            for _, _, r in repo.items("structure", "roles")
            if "id" in r
        }
        self.people: dict[str, Person] = {}

    def holder(
        self, by: str, owner: str | None, parties: Mapping[str, frozenset[str]] = NO_PARTIES
    ) -> Person:
        """The demo person who signs for ``by`` (a role, the document's owner, or the first
        position of a record's party such as the auditee)."""
        who = owner if by == OWNER else min(parties[by]) if parties.get(by) else by
        assert who is not None
        position = self.roles[who][0] if who in self.roles else who
        if position not in self.people:
            name = NAMES.get(position, f"Osoba demonstracyjna {position}")
            roles = tuple(r for r, positions in self.roles.items() if position in positions)
            key = self.keys / f"{position}-DEMO.pub"
            self.people[position] = Person(_slug(name), name, position, roles, key)
        return self.people[position]

    def plan(self) -> dict[tuple[str, str], list[str]]:
        """(position, meaning) -> documents that person signs in that meaning."""
        self.holder("kierownik-urzedu", None)
        groups: dict[tuple[str, str], list[str]] = {}
        for doc in sorted(self.repo.documents, key=lambda d: d.id):
            self._plan_one(groups, doc.id, doc.type, doc.owner)
        for record in record_infos(self.repo):  # the records the matrix names, when due
            if record.required:
                self._plan_one(groups, record.id, record.type, record.owner, record.parties)
        for path in governed.governed(tracked_files(self.office)):  # qms.yaml, templates, assets
            for step in self.matrix.get(governed.governed_type(path), []):
                person = self.holder(step.by, None)
                groups.setdefault((person.position, step.meaning), []).append(path)
        return groups

    def _plan_one(
        self,
        groups: dict[tuple[str, str], list[str]],
        doc_id: str,
        doc_type: str,
        owner: str | None,
        parties: Mapping[str, frozenset[str]] = NO_PARTIES,
    ) -> None:
        signed: set[str] = set()  # four eyes: each step by another person where it may
        for step in self.matrix.get(doc_type, []):
            people = [self.holder(by, owner, parties) for by in step.bys]
            person = next((p for p in people if p.position not in signed), people[0])
            signed.add(person.position)
            groups.setdefault((person.position, step.meaning), []).append(doc_id)

    def make_keys(self) -> int:
        if self.keys.exists():
            shutil.rmtree(self.keys)
        self.keys.mkdir(parents=True)
        (self.keys / "README.txt").write_text(README, encoding="utf-8", newline="\n")
        for person in self.people.values():
            private = person.key.with_suffix("")
            proc = subprocess.run(
                [
                    "ssh-keygen",
                    "-q",
                    "-t",
                    "ed25519",
                    "-N",
                    "",
                    "-C",
                    KEY_COMMENT,
                    "-f",
                    str(private),
                ],
                check=False,
            )
            if proc.returncode != 0:
                return proc.returncode
        print(f"\nKlucze demonstracyjne (poza repozytorium urzędu): {self.keys}")
        return 0

    def register(self, qms: Runner) -> int:
        head = self.holder("kierownik-urzedu", None)
        for person in self.people.values():
            args = ["signers", "add", "--id", person.id, "--name", person.name]
            args += ["--position", person.position, "--key", str(person.key)]
            args += [a for role in person.roles for a in ("--role", role)]
            args += ["--email", f"{person.id}@demo.invalid"]
            args += ["--trust-root"] if person is head else []
            code = qms(*args, cwd=self.office)
            if code != 0:
                return code
        return qms(
            "signers",
            "commit",
            "-m",
            "Rejestr osób podpisujących (klucze demonstracyjne)",
            cwd=self.office,
            env=head.env,
        )

    def approve_new_records(self, qms: Runner) -> int:
        """Records written after the approvals (the next year's programme): each signed as
        the approval matrix says, like the records of the example office before them."""
        report = evaluate(load_repository(self.office)).report
        unsigned = {f.doc_id for f in report.doc_findings if f.code in (A.MISSING, A.STALE)}
        groups: dict[tuple[str, str], list[str]] = {}
        for record in record_infos(self.repo):
            if record.required and record.id in unsigned:
                self._plan_one(groups, record.id, record.type, record.owner, record.parties)
        return self._sign(qms, groups)

    def approve_all(self, qms: Runner) -> int:
        return self._sign(qms, self.plan())

    def _sign(self, qms: Runner, groups: dict[tuple[str, str], list[str]]) -> int:
        for meaning in MEANINGS:
            for (position, step_meaning), doc_ids in groups.items():
                if step_meaning != meaning:
                    continue
                person = self.people[position]
                code = qms(
                    "approve",
                    "--yes",
                    "--meaning",
                    meaning,
                    *doc_ids,
                    cwd=self.office,
                    env=person.env,
                )
                if code != 0:
                    return code
        return 0


def steps(office: Path, qms: Runner) -> list[tuple[str, Callable[[], int]]]:
    """The demo steps after ``qms init``: keys, registry, approvals."""
    state: dict[str, DemoSigning] = {}

    def keys() -> int:
        state["demo"] = DemoSigning(office, office.parent / "demo-keys")
        state["demo"].plan()
        return state["demo"].make_keys()

    return [
        ("keys", keys),
        ("signers", lambda: state["demo"].register(qms)),
        ("approve", lambda: state["demo"].approve_all(qms)),
        ("signers list", lambda: qms("signers", cwd=office)),
    ]


def person_env(office: Path, role: str) -> dict[str, str]:
    """Git's signing config and identity of the demo person holding ``role``."""
    return DemoSigning(office, office.parent / "demo-keys").holder(role, None).env


def release_steps(office: Path, qms: Runner) -> list[tuple[str, Callable[[], int]]]:
    """The demo's end: the new records signed, ``qms check``, the release signed by the
    pełnomocnik, its verification."""

    def demo() -> DemoSigning:
        return DemoSigning(office, office.parent / "demo-keys")

    def as_pelnomocnik() -> dict[str, str]:
        return person_env(office, "pelnomocnik")

    return [
        ("approve records", lambda: demo().approve_new_records(qms)),
        ("check", lambda: qms("check", cwd=office)),
        ("release", lambda: qms("release", cwd=office, env=as_pelnomocnik())),
        ("release verify", lambda: qms("release", "verify", cwd=office)),
    ]
