# The two set-up commands of README: `make demo` (the main job) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test clean

install: $(STAMP)

# Every package at the exact version and hash of requirements.lock, with the pip that comes with
# the interpreter: nothing drifts between machines or over time. `make lock` renews the lock.
$(STAMP): pyproject.toml requirements.lock
	@echo "== install: virtualenv and the locked dependencies (about 1 min, 3 on a new machine)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

.PHONY: lock
lock: install
	$(BIN)/python -m pip install --quiet "uv>=0.5"
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --universal --python-version 3.11 --no-header -o requirements.lock

demo: install
	$(BIN)/newsbeam es up
	$(BIN)/newsbeam replay seeds/
	$(BIN)/newsbeam search "Kuril Islands"

# The portable runners are built first so that their tests run, not skip; Go, Java and Maven are
# on our machines.
lint: install
	$(call phase,lint,ruff check and format and mypy,$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy)

test: install prism flink lint
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

# Beam's Flink job server for `--runner=FlinkRunner --flink_job_server_jar=<the jar>`, assembled by
# Maven from its Maven Central parts (config/flink/pom.xml says why and which versions).
.PHONY: flink
flink: .cache/flink/.built

.cache/flink/.built: config/flink/pom.xml
	mvn --batch-mode --no-transfer-progress --quiet -f config/flink/pom.xml package
	rm -f .cache/flink/*.jar
	cp .cache/flink/build/beam-runners-flink-*-job-server-*.jar .cache/flink/
	touch $@
