# The two set-up commands of README: `make demo` (the main job) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: install
	$(BIN)/newsbeam es up
	$(BIN)/newsbeam replay seeds/
	$(BIN)/newsbeam search "Kuril Islands"

test: install
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info
