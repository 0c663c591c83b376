"""``qms signers``: the registry of people who sign (org/signers.yaml)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from qms_cli.cli.app import app, run, trust_root_param
from qms_cli.cli.approvals import wide_console
from qms_cli.cli.prompts import iso_date

signers_app = typer.Typer(
    help="Osoby podpisujące: kto może podpisywać co, klucze, ważność (org/signers.yaml).",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(signers_app, name="signers")

PATH = typer.Option(Path(), "--path", help="Folder repozytorium.")
TRUST = trust_root_param(
    "Odcisk klucza korzenia zaufania (zastępuje qms.yaml; także QMS_TRUST_ROOT).",
)


@signers_app.callback()
def signers_list(ctx: typer.Context, path: Path = PATH, trust_root: str | None = TRUST) -> None:
    """Pokaż, kto może podpisywać co: osoby, role, klucze, ważność (bez podpolecenia)."""
    if ctx.invoked_subcommand is not None:
        return

    def body() -> int:
        from qms_cli.services.approval.signers import signers_view

        view = signers_view(path, trust_root)
        console = wide_console()
        if not view.rows:
            console.print("Rejestr podpisujących jest pusty (qms signers add …).")
        else:
            table = Table(title="Osoby podpisujące (org/signers.yaml)")
            for name in ("Osoba", "Stanowisko", "Role", "Klucz", "Ważny od", "Ważny do"):
                table.add_column(name, overflow="fold")
            table.add_column("Status", overflow="fold")
            table.add_column("Podpisuje", overflow="fold")
            for row in view.rows:
                table.add_row(
                    f"{row.name}\n({row.signer_id})",
                    row.position,
                    ", ".join(row.roles),
                    f"{row.kind} {row.fingerprint}",
                    row.valid_from,
                    row.valid_until,
                    row.status,
                    row.may_sign,
                )
            console.print(table)
        console.print(view.note)
        return 0

    run(body)


@signers_app.command("add")
def signers_add(
    signer_id: str = typer.Option(..., "--id", help="Identyfikator osoby, np. jan-kowalski."),
    name: str = typer.Option(..., "--name", help="Imię i nazwisko (tak, jak przy podpisie)."),
    position: str = typer.Option(..., "--position", help="Stanowisko z org/structure.yaml."),
    roles: list[str] = typer.Option([], "--role", help="Rola z org/structure.yaml (można kilka)."),
    key: str = typer.Option(
        ..., "--key", help="Klucz publiczny: plik (.pub, .asc) albo sam klucz „ssh-ed25519 …”."
    ),
    email: str | None = typer.Option(None, "--email", help="Adres e-mail z git (autor zmian)."),
    valid_from: str | None = typer.Option(None, "--valid-from", help="Ważny od (domyślnie dziś)."),
    valid_until: str | None = typer.Option(None, "--valid-until", help="Ważny do (RRRR-MM-DD)."),
    trust_root: bool = typer.Option(
        False, "--trust-root", help="Ustaw ten klucz jako trust_root w qms.yaml (kierownik urzędu)."
    ),
    path: Path = PATH,
) -> None:
    """Dopisz osobę albo jej nowy klucz do org/signers.yaml (obowiązuje po qms signers commit)."""
    start, end = iso_date(valid_from, "--valid-from"), iso_date(valid_until, "--valid-until")

    def body() -> int:
        from qms_cli.services.approval.signers import add_signer

        new = add_signer(
            path,
            signer_id=signer_id,
            name=name,
            position=position,
            roles=roles,
            key=key,
            email=email,
            valid_from=start,
            valid_until=end,
            trust_root=trust_root,
        )
        typer.echo(
            f"Dopisano klucz {new.kind} {new.fingerprint} osoby {new.name} ({new.position})."
        )
        if trust_root:
            typer.echo(f"trust_root w qms.yaml: {new.fingerprint}")
        typer.echo("Zmiana obowiązuje po podpisaniu przez kierownika urzędu: qms signers commit")
        return 0

    run(body)


@signers_app.command("revoke")
def signers_revoke(
    fingerprint: str = typer.Argument(..., metavar="ODCISK", help="Odcisk klucza (SHA256:…)."),
    path: Path = PATH,
) -> None:
    """Unieważnij klucz w org/signers.yaml (obowiązuje po qms signers commit)."""

    def body() -> int:
        from qms_cli.services.approval.signers import revoke

        name = revoke(path, fingerprint)
        typer.echo(f"Unieważniono klucz {fingerprint} osoby {name}.")
        typer.echo("Zmiana obowiązuje po podpisaniu przez kierownika urzędu: qms signers commit")
        return 0

    run(body)


@signers_app.command("commit")
def signers_commit(
    message: str = typer.Option(
        "Rejestr osób podpisujących: zmiana", "--message", "-m", help="Opis zmiany."
    ),
    path: Path = PATH,
    trust_root: str | None = TRUST,
) -> None:
    """Zapisz zmiany org/signers.yaml (i qms.yaml) w commicie podpisanym przez kierownika urzędu."""

    def body() -> int:
        from qms_cli.services.approval.approve import commit_registry
        from qms_cli.services.workspace import Workspace

        with Workspace.open(path) as ws:
            signed = commit_registry(ws, message, trust_root)
        typer.echo(
            f"Zapisano rejestr podpisujących: commit {signed.commit[:12]}, podpisał "
            f"{signed.name or '?'} ({signed.position or '?'}), klucz {signed.fingerprint}."
        )
        return 0

    run(body)


@signers_app.command("allowed-signers")
def signers_allowed(path: Path = PATH) -> None:
    """Wypisz plik allowed_signers dla gita (do sprawdzenia podpisów samym gitem)."""

    def body() -> int:
        from qms_cli.services.approval.signers import allowed_signers

        typer.echo(allowed_signers(path), nl=False)
        return 0

    run(body)
