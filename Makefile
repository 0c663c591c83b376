# Quick start: `make demo` (the example office) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint venv clean bench rules-doc

$(STAMP): pyproject.toml
	@$(PYTHON) -c "import ensurepip" 2>/dev/null || { echo "Python's venv module is missing: sudo apt-get install python3-venv" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m qms_cli.demo demo-office

test: $(STAMP)
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check qms_cli tests benchmarks
	$(BIN)/mypy

lint: $(STAMP)
	$(BIN)/ruff check qms_cli tests benchmarks
	$(BIN)/ruff format --check qms_cli tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/check_speed.py
	$(BIN)/python benchmarks/approvals_speed.py

rules-doc: $(STAMP)
	$(BIN)/python -c "import re, pathlib; from qms_cli.cli.rules import rules_markdown; \
	p = pathlib.Path('docs/rules.md'); t = p.read_text(encoding='utf-8'); \
	p.write_text(t[: t.index('| Kod |')] + rules_markdown(), encoding='utf-8')"

clean:
	rm -rf $(VENV) demo-office build dist
