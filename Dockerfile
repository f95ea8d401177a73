# newsbeam's image: the package, config/ and seeds/, run by an unprivileged user.
#
# Two stages: `build` has a compiler for dependencies that ship only as source and creates the
# virtualenv; the final stage copies that virtualenv and the code, so no build tools remain.
# The package is installed in editable mode on purpose: newsbeam finds config/ (index template,
# Kibana objects) and seeds/ relative to the folder that holds the packages (PROJECT_ROOT in
# foundation/settings.py), so the code must run from /app, not from site-packages.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH
RUN python -m venv /opt/venv
WORKDIR /app
# Dependencies only, at the versions of requirements.lock (empty packages stand in for the code),
# so a code change does not reinstall Beam; the editable install points at /app, where the final
# stage puts the code. The lock holds every dependency: installed as it stands (--no-deps, see the
# Makefile), then checked.
COPY pyproject.toml README.md requirements.lock ./
RUN pip install --no-deps --require-hashes -r requirements.lock \
    && pip check \
    && mkdir foundation connectors operations pipelines \
    && touch foundation/__init__.py connectors/__init__.py operations/__init__.py pipelines/__init__.py \
    && pip install --no-deps -e .

FROM ${PYTHON_IMAGE}
# Numeric ids, so USER needs no lookup and volume ownership is predictable.
RUN groupadd --system --gid 10001 newsbeam \
    && useradd --system --uid 10001 --gid 10001 --create-home --home-dir /home/newsbeam newsbeam
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY foundation ./foundation
COPY connectors ./connectors
COPY operations ./operations
COPY pipelines ./pipelines
COPY config ./config
COPY seeds ./seeds
# `replay` writes dead letters under ./out; the only folder the user may write to.
RUN mkdir out && chown 10001:10001 out
USER 10001:10001
# py3langid's model unpacked once into the image (the user's cache folder), not in every container.
RUN python -c "from pipelines.extraction import language; language.load_identifier(language.cache_dir() / 'py3langid')"
ENTRYPOINT ["newsbeam"]
CMD ["--help"]
