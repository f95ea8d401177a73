"""Replay survives Elasticsearch going away mid-run: nothing lost, nothing duplicated."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time

import pytest
from elasticsearch import Elasticsearch

from bench.corpus import generate, write_jsonl
from foundation.records import RawDocument
from pipelines.extraction import extract
from tests.support.cli import newsbeam
from tests.support.nodes import free_port, node_folder
from tests.support.paths import PROJECT_ROOT

# Starts Elasticsearch nodes of its own.
pytestmark = pytest.mark.elasticsearch

CORPUS_SIZE = 1000


@pytest.fixture
def own_node():
    """A node of this test's own, since the test stops it."""
    port, folder = free_port(), node_folder()
    where = ["--port", str(port), "--data-dir", str(folder)]
    started = newsbeam("es", "up", *where)
    assert started.returncode == 0, started.stderr
    yield f"http://127.0.0.1:{port}", where
    newsbeam("es", "down", *where)
    shutil.rmtree(folder, ignore_errors=True)


def wait_for_documents(client: Elasticsearch, index: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            if client.count(index=index)["count"] > 0:
                return
        except Exception:
            pass
        time.sleep(0.05)
    raise AssertionError("the replay never started indexing")


@pytest.mark.timeout(600)
def test_stopping_elasticsearch_mid_replay_loses_nothing(own_node, tmp_path):
    url, where = own_node
    corpus = write_jsonl(tmp_path / "corpus.jsonl", CORPUS_SIZE, seed=11, kind="text")
    replay = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            "replay",
            str(corpus),
            "--es-url",
            url,
            "--index",
            "faults",
            "--batch-docs",
            "10",
            "--dlq",
            str(tmp_path / "dlq.jsonl"),
            "--json",
        ],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    client = Elasticsearch(url, request_timeout=10)
    try:
        wait_for_documents(client, "faults", time.monotonic() + 300)
        assert newsbeam("es", "down", *where).returncode == 0
        time.sleep(3)
        assert newsbeam("es", "up", *where).returncode == 0
        stdout, stderr = replay.communicate(timeout=500)
    finally:
        replay.kill()
    assert "retrying in" in stderr, "Elasticsearch went away before the replay finished"
    assert replay.returncode == 0, stderr[-3000:]
    summary = json.loads(stdout.strip().splitlines()[-1])
    assert summary["reconciled"] and summary["read"] == CORPUS_SIZE
    assert summary["dead_lettered"] == 0 and summary["duplicates"] == 0 and summary["retried_index"] > 0
    assert summary["created"] + summary["updated"] + summary["unchanged"] == CORPUS_SIZE

    client.indices.refresh(index="faults")
    assert client.count(index="faults")["count"] == CORPUS_SIZE
    expected = {extract(RawDocument(source="x", content=d.content, url=d.url)).id for d in generate(CORPUS_SIZE, seed=11, kind="text")}
    indexed = {hit["_id"] for hit in client.search(index="faults", size=CORPUS_SIZE, source=False, query={"match_all": {}})["hits"]["hits"]}
    assert indexed == expected
    client.close()
