"""``qms rules``: every rule qms checks, with its code, default severity and description."""

from __future__ import annotations

import typer

from qms_cli.cli.app import app, run
from qms_cli.services.rules import all_codes


def rules_markdown() -> str:
    lines = [
        "| Kod | Nazwa | Domyślnie | Co sprawdza |",
        "| --- | --- | --- | --- |",
    ]
    for code, (name, severity, title) in all_codes().items():
        lines.append(f"| {code} | `{name}` | {severity.label_pl} | {title} |")
    return "\n".join(lines) + "\n"


@app.command("rules")
def rules_command(
    markdown: bool = typer.Option(False, "--markdown", help="Tabela w Markdown (do docs/)."),
) -> None:
    """Pokaż wszystkie reguły sprawdzane przez „qms check”."""

    def body() -> int:
        if markdown:
            typer.echo(rules_markdown(), nl=False)
            return 0
        for code, (name, severity, title) in all_codes().items():
            typer.echo(f"{code}  {severity.label_pl:<11} {name:<24} {title}")
        return 0

    run(body)
