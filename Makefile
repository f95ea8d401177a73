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

# Prism is built first so that the portable-runner tests run, not skip; `go` is on our machines.
test: install prism
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info

# Beam's Prism runner for `newsbeam watch --runner=PrismRunner --prism_location=.cache/bin/prism`,
# built from the Go module proxy at the Beam version of pyproject.toml (a Go toolchain is needed).
BEAM_VERSION := $(shell sed -n 's/.*"apache-beam==\([0-9.]*\)".*/\1/p' pyproject.toml)
.PHONY: prism
prism: .cache/bin/prism

.cache/bin/prism: pyproject.toml
	GOBIN=$(CURDIR)/.cache/bin go install github.com/apache/beam/sdks/v2/go/cmd/prism@v$(BEAM_VERSION)
