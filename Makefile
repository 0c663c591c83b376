# Quick start: `make demo` (the example office) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast lint venv clean bench rules-doc fields-doc

$(STAMP): pyproject.toml
	@$(PYTHON) -c "import ensurepip" 2>/dev/null || { echo "Python's venv module is missing: sudo apt-get install python3-venv" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m qms_cli.demo demo-office

# Every step runs; the target fails at the end when any of them failed (CI shows the whole picture).
test: $(STAMP)
	@failed=""; \
	$(BIN)/python -m pytest -q -n auto || failed="$$failed pytest"; \
	$(BIN)/ruff check qms_cli tests benchmarks || failed="$$failed ruff"; \
	$(BIN)/mypy || failed="$$failed mypy"; \
	$(BIN)/lint-imports || failed="$$failed lint-imports"; \
	if [ -n "$$failed" ]; then echo "make test: failed:$$failed" >&2; exit 1; fi

# The inner loop: everything but the tests marked slow (browser, demo, docs, release, kill).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n auto -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check qms_cli tests benchmarks
	$(BIN)/ruff format --check qms_cli tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python benchmarks/check_speed.py
	$(BIN)/python benchmarks/approvals_speed.py

fields-doc: $(STAMP)
	$(BIN)/python -c "import pathlib; from qms_cli.render.fieldguide import write; \
	write(pathlib.Path('docs/pola'))"

rules-doc: $(STAMP)
	$(BIN)/python -c "import re, pathlib; from qms_cli.cli.rules import rules_markdown; \
	p = pathlib.Path('docs/rules.md'); t = p.read_text(encoding='utf-8'); \
	p.write_text(t[: t.index('| Kod |')] + rules_markdown(), encoding='utf-8')"

clean:
	rm -rf $(VENV) demo-office build dist
