# Two commands for a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test test-full lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/.installed
	$(BIN)/postmortem demo

# Every test, in parallel (pytest-xdist; -n auto is three workers per core, tests/conftest.py).
# `make test` runs the property tests with a fifth of their examples (Hypothesis profile
# "fast", tests/conftest.py) and leaves out the long keyboard journeys (marker `journey` in
# pyproject.toml: tests/tui/test_keyboard_pass.py, a whole review typed key by key, a minute or
# two on its own); `make test-full` (what CI runs) runs every test with every example.
# The Markdown lint (npm markdownlint-cli, pinned in tests/markdownlint/) goes into the venv;
# without npm it says why and the lint test is skipped, saying so.
PYTEST := $(BIN)/python -m pytest -q -p no:cacheprovider -n auto

test: $(BIN)/.installed
	$(BIN)/python tests/lint_markdown.py install
	$(PYTEST) -m "not journey"

test-full: $(BIN)/.installed
	$(BIN)/python tests/lint_markdown.py install
	HYPOTHESIS_PROFILE=full $(PYTEST)

# Every budget of bench/README.md against its bare baseline; `make bench BENCH=--quick` for a
# short look, `make bench BENCH=keys_text_field` for one benchmark.
bench: $(BIN)/.installed
	$(BIN)/python bench/run.py $(BENCH)

clean:
	rm -rf $(VENV) build dist *.egg-info
