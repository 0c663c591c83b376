"""One problem, one finding (issue 14): where the schema says what is wrong with an item, the
rules reading that item do not say it again; elsewhere they still speak."""

from __future__ import annotations

from pathlib import Path

from qms_cli.services.check import run_check
from tests.edit import edit_yaml

OBJ = "records/objectives/2026.yaml"


def findings(root: Path) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in run_check(root, use_cache=False).findings]


def test_objective_without_measure_and_target_is_told_once(minimal: Path) -> None:
    def strip(data: dict) -> None:  # type: ignore[type-arg]
        for objective in data["objectives"]:
            del objective["kpi"], objective["target"]

    edit_yaml(minimal / OBJ, strip)
    found = findings(minimal)
    assert sorted(found) == [
        ("QMS001", "w polu „objectives[1]”: brak wymaganego pola „kpi”"),
        ("QMS001", "w polu „objectives[1]”: brak wymaganego pola „target”"),
    ]


def test_a_rule_still_speaks_about_another_item(minimal: Path) -> None:
    def edit(data: dict) -> None:  # type: ignore[type-arg]
        first = data["objectives"][0]
        second = dict(first, id="CJ-2026-02", evaluation="   ")  # the rule sees blank text
        del first["kpi"]
        data["objectives"].append(second)

    edit_yaml(minimal / OBJ, edit)
    codes = [code for code, _ in findings(minimal)]
    assert codes.count("QMS001") == 1 and "QMS020" in codes


def test_a_placeholder_is_told_once_by_qms009(minimal: Path) -> None:
    """A field still holding ⟦do uzupełnienia: …⟧: QMS009 says so, with its line; the rule
    that judges the field (QMS090, the climate decision) does not judge text not written."""
    context = minimal / "records/context.yaml"
    text = context.read_text(encoding="utf-8")
    unwritten = text.replace("relevant: false", 'relevant: "⟦do uzupełnienia: true albo false⟧"')
    context.write_text(unwritten, encoding="utf-8")
    about_context = [f for f in findings(minimal) if "klimat" in f[1] or "true albo" in f[1]]
    assert about_context == [
        ("QMS009", "miejsce do uzupełnienia: „⟦do uzupełnienia: true albo false⟧” — wpisz "
         "właściwą treść"),
    ]  # fmt: skip
    context.write_text(text.replace("relevant: false", 'relevant: "nie"'), encoding="utf-8")
    codes = [code for code, _ in findings(minimal)]
    assert "QMS090" in codes  # a wrong value, not a placeholder: the rule speaks
