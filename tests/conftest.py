"""Shared fixtures: a real Elasticsearch for the whole test session.

`NEWSBEAM_ES_URL` points the tests at an existing cluster; otherwise the session starts its own
node with `newsbeam es up` on a free port and stops it at the end.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from operations.local_node import state_root

# Beam stops the Prism job servers of the portable-runner tests at interpreter exit and logs about
# it after pytest has closed its captured streams; logging would print a traceback for each.
logging.raiseExceptions = False

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT_ROOT / "seeds"
# Portable runners, built by `make prism` and `make flink` (part of `make test`).
PRISM = next((p for p in (PROJECT_ROOT / ".cache" / "bin" / "prism", Path.home() / "go" / "bin" / "prism") if p.exists()), None)
FLINK_JOB_SERVER = next(iter(sorted((PROJECT_ROOT / ".cache" / "flink").glob("beam-runners-flink-*-job-server-*.jar"))), None)
needs_prism = pytest.mark.skipif(PRISM is None, reason="no Prism binary in .cache/bin or ~/go/bin: build it with `make prism`")
needs_flink = pytest.mark.skipif(
    FLINK_JOB_SERVER is None or shutil.which("java") is None,
    reason="no Flink job server in .cache/flink (build it with `make flink`) or no Java to run it",
)


@pytest.fixture
def flink_job_servers_stopped() -> Iterator[None]:
    """Stop the Flink job servers a test started: Beam keeps them (and their embedded Flink cluster)
    until the interpreter exits, which would load the machine for the rest of the session."""
    yield
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except (OSError, IndexError):
            continue
        if int(stat[1]) == os.getpid() and str(FLINK_JOB_SERVER).encode() in command:
            os.kill(int(entry.name), signal.SIGTERM)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def newsbeam(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the installed CLI the way a user does."""
    command = [sys.executable, "-m", "pipelines.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=PROJECT_ROOT)


def node_folder() -> Path:
    """A fresh folder for a test node, where the node's user can reach it when we run as root."""
    return state_root() / "test-nodes" / uuid.uuid4().hex[:12]


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
    for index in es.indices.get(index=f"{name}-v*", allow_no_indices=True):
        es.indices.delete(index=index)


def replay(capsys: pytest.CaptureFixture[str], es_url: str, index: str, *args: str) -> tuple[int, dict]:
    """`newsbeam replay ... --json` in this process; returns the exit code and the summary."""
    from pipelines.cli import main

    code = main(["replay", "--es-url", es_url, "--index", index, "--json", *args])
    output = capsys.readouterr().out.strip().splitlines()
    return code, json.loads(output[-1])
