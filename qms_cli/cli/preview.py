"""``qms preview``: what a merge request changes, as files a forge shows (CI artifacts)."""

from __future__ import annotations

from pathlib import Path

import typer

from qms_cli.cli.app import app, run


@app.command()
def preview(
    base: str = typer.Option(
        ...,
        "--base",
        metavar="WERSJA",
        help="Wersja, z którą porównać (np. gałąź docelowa merge requestu albo jej commit).",
    ),
    out: Path = typer.Option(
        Path("dist") / "podglad", "--out", help="Folder wynikowy (zastępowany w całości)."
    ),
    internal: bool = typer.Option(
        False,
        "--internal",
        help="Także zestawienia i PDF dokumentów wewnętrznych — tylko gdy artefakty CI "
        "widzi wyłącznie urząd.",
    ),
    path: Path = typer.Option(Path(), "--path", help="Folder repozytorium."),
) -> None:
    """Podgląd zmian dla merge requestu: zestawienia zmian (HTML, PDF) i PDF zmienionych
    dokumentów, strona BIP jako projekt, podsumowanie w Markdown (podsumowanie.md)."""

    def body() -> int:
        from qms_cli.services.preview import SUMMARY
        from qms_cli.services.preview import preview as make_preview
        from qms_cli.services.workspace import Workspace

        with Workspace.open(path) as ws:
            target = out if out.is_absolute() else ws.root / out
            result = make_preview(ws, base, target, internal=internal)
        typer.echo(
            f"Zapisano podgląd zmian w {result.out}: dokumentów zmienionych "
            f"{len(result.documents)}, z zestawieniami {len(result.shown)}; "
            f"podsumowanie: {result.out / SUMMARY}"
        )
        return 0

    run(body)
