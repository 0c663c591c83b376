"""``qms diff`` on the example office, which has neither a release nor approvals."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from qms_cli.cli.main import app

runner = CliRunner()


def test_nothing_to_compare_with(office: Path) -> None:
    result = runner.invoke(app, ["diff", "P-03", "--path", str(office)])
    assert result.exit_code == 3
    assert result.output == (
        "qms: błąd: nie ma z czym porównać: dokument P-03 nie ma wydania obowiązującego "
        "(register.yaml) ani zatwierdzonej treści\n"
        "  wskazówka: Podaj, od czego porównać, np. qms diff P-03 --from HEAD~1.\n"
    )


def test_same_text(office: Path) -> None:
    result = runner.invoke(app, ["diff", "P-03", "--from", "HEAD", "--path", str(office)])
    assert result.exit_code == 0
    assert result.output.endswith(
        "nadzorowany dokumentu.\n\nBez zmian: obie treści są takie same.\n"
    )
