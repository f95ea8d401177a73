# The two set-up commands of README: `make demo` (the main job) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo lint test test-fast clean

# $(call phase,NAME,WHAT,COMMAND): one line as a phase starts and one with its time as it ends,
# so a long build is never mistaken for a hang.
define phase
@printf '== %s: %s\n' '$(1)' '$(2)'; start=$$(date +%s); $(3); status=$$?; \
printf '== %s: %s in %ss\n' '$(1)' "$$([ $$status = 0 ] && echo done || echo FAILED)" "$$(( $$(date +%s) - start ))"; exit $$status
endef

install: $(STAMP)

# Every package at the exact version and hash of requirements.lock, with the pip that comes with
# the interpreter: nothing drifts between machines or over time. `make lock` renews the lock.
# The lock holds every dependency, so pip installs it as it stands (--no-deps): resolving again, pip
# read a package's own looser requirement (htmldate's lxml>=6.1.3) as unpinned once a newer lxml was
# published, and refused the whole install. `pip check` then fails the install if the lock lacks one.
# pip compiles the packages it installs, but an editable install leaves the project's own sources to
# be compiled as they are imported, and where PYTHONDONTWRITEBYTECODE is set every process compiles
# them again: a sixth of `newsbeam extract`'s start-up (0.59 -> 0.49 CPU-s). A source edited later
# is compiled again as it is imported, as before.
$(STAMP): pyproject.toml requirements.lock
	$(call phase,install,virtualenv and the locked dependencies (2 min; 4 on a new machine),\
		$(PYTHON) -m venv $(VENV) \
		&& $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements.lock \
		&& $(BIN)/python -m pip check \
		&& $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e . \
		&& $(BIN)/python -m compileall -q pipelines connectors foundation operations > /dev/null \
		&& touch $(STAMP))

.PHONY: lock
lock: install
	$(BIN)/python -m pip install --quiet "uv>=0.5"
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra train --generate-hashes --universal --python-version 3.11 --no-header -o requirements.lock

demo: install
	$(BIN)/newsbeam es up
	$(BIN)/newsbeam replay seeds/
	$(BIN)/newsbeam search sanction   # finds "sanctions": the analysis plugin stems English

lint: install
	$(call phase,lint,ruff check and format and mypy,$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy)

# The portable runners and the analysis plugin are built first so that their tests run, not skip;
# Go, Java and Maven are on our machines.
test: install prism flink es-plugin lint
	$(call phase,pytest,the whole suite against a real Elasticsearch (8-16 min),$(BIN)/python -m pytest)

# What needs no Elasticsearch node nor Go nor Maven: about a minute and a half.
test-fast: install
	$(call phase,pytest,the tests that need no Elasticsearch node nor Go nor Maven,\
		$(BIN)/python -m pytest -m "not elasticsearch and not prism and not flink and not slow")

clean:
	rm -rf $(VENV) build *.egg-info

# Beam's Prism runner for `newsbeam watch --runner=PrismRunner --prism_location=.cache/bin/prism`,
# built from the Go module proxy at the Beam version of pyproject.toml (a Go toolchain is needed).
BEAM_VERSION := $(shell sed -n 's/.*"apache-beam==\([0-9.]*\)".*/\1/p' pyproject.toml)
.PHONY: prism
prism: .cache/bin/prism

.cache/bin/prism: pyproject.toml
	$(call phase,prism,the Beam Prism runner built with Go (2-3 min on a new machine),\
		GOBIN=$(CURDIR)/.cache/bin go install github.com/apache/beam/sdks/v2/go/cmd/prism@v$(BEAM_VERSION))

# Beam's Flink job server for `--runner=FlinkRunner --flink_job_server_jar=<the jar>`, assembled by
# Maven from its Maven Central parts (config/flink/pom.xml says why and which versions). Maven's
# output goes to .cache/flink/maven.log and is shown only when the build fails (even --quiet
# prints stray terminal escape codes).
.PHONY: flink
flink: .cache/flink/.built

.cache/flink/.built: config/flink/pom.xml
	$(call phase,flink,the Beam Flink job server assembled by Maven (1 min on a new machine),\
		mkdir -p .cache/flink \
		&& { mvn --batch-mode --no-transfer-progress -f config/flink/pom.xml package > .cache/flink/maven.log 2>&1 \
		     || { cat .cache/flink/maven.log; false; }; } \
		&& rm -f .cache/flink/*.jar \
		&& cp .cache/flink/build/beam-runners-flink-*-job-server-*.jar .cache/flink/ \
		&& touch $@)

# newsbeam's Elasticsearch analysis plugin (stemmers and elision as token filters of the stable
# plugin API; config/elasticsearch/plugin/pom.xml says what it holds), built by Maven with a JDK
# 21 or newer (the one the local node runs on); `newsbeam es up` installs it into the local node.
# Maven's output goes to .cache/es-plugin/maven.log, shown only when the build fails.
.PHONY: es-plugin
es-plugin: .cache/es-plugin/.built

.cache/es-plugin/.built: config/elasticsearch/plugin/pom.xml $(shell find config/elasticsearch/plugin/src -type f) | $(STAMP)
	$(call phase,es-plugin,the newsbeam Elasticsearch analysis plugin built by Maven (30 s on a new machine),\
		mkdir -p .cache/es-plugin \
		&& java_home="$$($(BIN)/python -c 'from operations.java import find_java; print(find_java(21).path)')" \
		&& { JAVA_HOME="$$java_home" mvn --batch-mode --no-transfer-progress -f config/elasticsearch/plugin/pom.xml package \
		     > .cache/es-plugin/maven.log 2>&1 || { cat .cache/es-plugin/maven.log; false; }; } \
		&& touch $@)
