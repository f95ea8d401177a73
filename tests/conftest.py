"""Fixtures and hooks: a real Elasticsearch for the whole test session, test tiers, Flink job servers
stopped after their test. Helpers that tests and benchmarks import are in tests/support/.

`NEWSBEAM_ES_URL` points the tests at an existing cluster; otherwise the session starts its own
node with `newsbeam es up` on a free port and stops it at the end.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Iterator

import pytest
from elasticsearch import Elasticsearch

from tests.support.cli import newsbeam
from tests.support.nodes import free_port, node_folder

# Beam stops the Prism job servers of the portable-runner tests at interpreter exit and logs about
# it after pytest has closed its captured streams; logging would print a traceback for each.
logging.raiseExceptions = False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `elasticsearch` every test that needs the session's node, so that `make test-fast` can
    leave them out; modules that start nodes of their own carry the mark themselves."""
    for item in items:
        if "es_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.elasticsearch)


@pytest.fixture
def flink_job_servers_stopped(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Stop the Flink job servers the test's pipelines started, through the object that started
    each: Beam's FlinkRunner wraps its job server in a `StopOnExitJobServer`, which stops it (and
    its embedded Flink cluster) only at interpreter exit and would load the machine for the rest of
    the session. The runner's own factory is wrapped to keep each server it hands out."""
    from apache_beam.options.pipeline_options import PipelineOptions
    from apache_beam.runners.portability.flink_runner import FlinkRunner
    from apache_beam.runners.portability.job_server import JobServer

    started: list[JobServer] = []
    default_job_server = FlinkRunner.default_job_server

    def kept(runner: FlinkRunner, options: PipelineOptions) -> JobServer:
        server = default_job_server(runner, options)
        started.append(server)
        return server

    monkeypatch.setattr(FlinkRunner, "default_job_server", kept)
    yield
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def es_url() -> Iterator[str]:
    if os.environ.get("NEWSBEAM_ES_URL"):
        yield os.environ["NEWSBEAM_ES_URL"]
        return
    port, folder = free_port(), node_folder()
    started = newsbeam("es", "up", "--port", str(port), "--data-dir", str(folder))
    if started.returncode != 0:
        pytest.exit(f"could not start Elasticsearch for the tests:\n{started.stdout}{started.stderr}", returncode=3)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        newsbeam("es", "down", "--port", str(port), "--data-dir", str(folder))
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def es(es_url: str) -> Iterator[Elasticsearch]:
    client = Elasticsearch(es_url, request_timeout=60)
    yield client
    client.close()


@pytest.fixture
def alias(es: Elasticsearch) -> Iterator[str]:
    """A fresh index alias for one test, removed afterwards with its indices."""
    name = f"test-{uuid.uuid4().hex[:8]}"
    yield name
    for index in es.indices.get(index=f"{name}-v*,{name}-feed-state", allow_no_indices=True, ignore_unavailable=True):
        es.indices.delete(index=index)
