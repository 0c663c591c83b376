"""``qms release``, ``qms release verify``, ``qms release list``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

from qms_cli.cli import prompts
from qms_cli.cli.app import app, run, trust_root_option
from qms_cli.model import register as R
from qms_cli.model.typography import format_date_pl

release_app = typer.Typer(
    help="Wydanie dokumentacji: wykaz dokumentów obowiązujących, PDF, BIP, podpisany znacznik.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(release_app, name="release")

STEPS = {"pdf": "PDF dokumentów", "bip": "strona BIP", "manifest": "manifest"}
CHANGE_LABELS = {R.NEW: "nowy", R.CHANGED: "zmiana", R.WITHDRAWN: "wycofany"}


def _plan_table(plan: R.Plan) -> Table:
    table = Table(title=f"Wydanie {plan.release.id} — obowiązuje od "
                  f"{format_date_pl(plan.release.date)}")  # fmt: skip
    for column in ("Dokument", "Tytuł", "Zmiana", "Wydanie", "Zatwierdzenia"):
        table.add_column(column)
    for item in plan.items:
        old = str(item.old_edition) if item.old_edition else "—"
        new = str(item.new_edition) if item.new_edition else "wycofany"
        signatures = "; ".join(f"{a.meaning}: {a.name}" for a in item.approvals) or "—"
        table.add_row(item.id, item.title, CHANGE_LABELS[item.change], f"{old} → {new}",
                      signatures)  # fmt: skip
    return table


@release_app.callback()
def release_command(
    ctx: typer.Context,
    date: str | None = typer.Option(None, "--date", help="Data wejścia w życie (RRRR-MM-DD)."),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Pokaż i wygeneruj, niczego nie zapisuj."
    ),
    trust_root: str | None = typer.Option(
        None,
        "--trust-root",
        envvar="QMS_TRUST_ROOT",
        callback=trust_root_option,
        help="Odcisk klucza zaufania (nadpisuje qms.yaml).",
    ),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
) -> None:
    """Wydaj zatwierdzone zmiany: numery wydań, rejestr zmian, PDF i BIP, podpisany znacznik."""
    if ctx.invoked_subcommand is not None:
        return

    def body() -> int:
        from qms_cli.io import clock
        from qms_cli.services.release.release import release
        from qms_cli.services.workspace import Workspace

        console = Console()
        day = prompts.day(date) or clock.today()
        with Progress(TextColumn("{task.description}"), BarColumn(), console=console,
                      transient=True) as bar:  # fmt: skip
            task = bar.add_task("Sprawdzanie repozytorium", total=None)

            def step(name: str, done: int, total: int) -> None:
                label = f"Generowanie: {STEPS.get(name, name)} ({done}/{total})"
                bar.update(task, description=label, completed=done, total=total)

            with Workspace.open(path) as ws:
                result = release(ws, day, dry_run=dry_run, trust_root=trust_root, progress=step,
                                 confirm=lambda plan: console.print(_plan_table(plan)))  # fmt: skip
        if result.plan.empty:
            console.print("Nic do wydania: od ostatniego wydania żaden dokument się nie zmienił.")
            return 0
        outputs = result.outputs
        count = len(outputs.hashes) if outputs else 0
        if dry_run:
            console.print(f"Próba (--dry-run): wygenerowano plików: {count}; w repozytorium "
                          "niczego nie zapisano.")  # fmt: skip
            return 0
        assert result.dist is not None and outputs is not None
        console.print(f"Wydanie {result.plan.release.id}: znacznik {result.tag}, commit "
                      f"{(result.commit or '')[:10]}, plików: {count}.")  # fmt: skip
        console.print(f"PDF: {result.dist / 'pdf'}")
        console.print(f"Księga Jakości: {result.dist / 'pdf' / 'ksiega-jakosci.pdf'}")
        console.print(f"BIP: {result.dist / 'bip' / 'index.html'}")
        console.print(f"Manifest: {result.dist / 'manifest.json'} (sha256 "
                      f"{outputs.manifest_hash[:16]}…)")  # fmt: skip
        console.print("Do publikacji: zawartość folderu bip/ na serwerze BIP urzędu; "
                      "wypchnij gałąź i znacznik: git push --follow-tags")  # fmt: skip
        return 0

    run(body)


@release_app.command("verify")
def verify_command(
    tag: str | None = typer.Argument(
        None, help="Znacznik, np. release/2026-12 (domyślnie ostatni)."
    ),
    trust_root: str | None = typer.Option(
        None, "--trust-root", envvar="QMS_TRUST_ROOT", callback=trust_root_option
    ),
    published: Path | None = typer.Option(
        None,
        "--published",
        help="Folder z opublikowanymi plikami wydania (jak dist/<wydanie>/; domyślnie ten).",
    ),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
) -> None:
    """Sprawdź podpis wydania i zatwierdzenia, odbuduj pliki i porównaj je oraz opublikowane
    pliki z podpisanym manifestem."""

    def body() -> int:
        from qms_cli.services.release.verify import verify_release
        from qms_cli.services.workspace import Workspace

        with Workspace.open(path, early_git=False) as ws:  # the tagged commit is judged
            result = verify_release(ws, tag, trust_root, published=published)
        typer.echo(f"Wydanie {result.tag}: podpisał {result.signer or '—'}; manifest sha256 "
                   f"{result.manifest_hash[:16] or '—'}…; plików: {result.outputs}.")  # fmt: skip
        if result.trust_root:
            typer.echo(f"  klucz zaufania: {result.trust_root} ({result.trust_source})")
        for problem in result.problems:
            typer.echo(f"  problem: {problem}")
        for difference in result.differences:
            typer.echo(f"  różnica: {difference}")
        if result.published_dir is None:
            typer.echo("  opublikowanych plików nie sprawdzono: nie ma dist/<wydanie>/ "
                       "(wskaż je: --published FOLDER)")  # fmt: skip
        for difference in result.published:
            typer.echo(f"  opublikowany plik: {difference}")
        if result.identical and result.published_dir is None:
            typer.echo("Wynik: identyczne — odbudowane pliki zgadzają się z podpisanym "
                       "manifestem.")  # fmt: skip
            return 0
        if result.identical:
            typer.echo("Wynik: identyczne — opublikowane pliki pochodzą z zatwierdzonej treści.")
            return 0
        typer.echo("Wynik: NIEZGODNE.")
        return 1

    run(body)


@release_app.command("list")
def list_command(
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
) -> None:
    """Pokaż wydania: numer, datę wejścia w życie, znacznik."""

    def body() -> int:
        from qms_cli.services.release.verify import list_releases
        from qms_cli.services.workspace import Workspace

        releases = list_releases(Workspace.open(path, early_git=False))
        if not releases:
            typer.echo("Brak wydań.")
            return 0
        table = Table()
        for column in ("Wydanie", "Obowiązuje od", "Znacznik", "Commit źródeł"):
            table.add_column(column)
        for r in releases:
            table.add_row(r.id, format_date_pl(r.date), r.tag, r.commit_of_sources[:10])
        Console().print(table)
        return 0

    run(body)
