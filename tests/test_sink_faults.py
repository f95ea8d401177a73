"""The sink under a real Elasticsearch that pushes back: 429s under load, a read-only index."""

from __future__ import annotations

import json
import shutil
import threading
import time

import pytest
from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk

from bench.corpus import write_jsonl
from pipelines.cli import main
from tests.support.cli import newsbeam, replay
from tests.support.nodes import free_port, node_folder
from tests.support.paths import SEEDS

# Starts Elasticsearch nodes of its own.
pytestmark = pytest.mark.elasticsearch

CORPUS_SIZE = 400


@pytest.fixture
def tiny_write_queue_node():
    """A node with one write thread and a one-slot queue: concurrent bulk requests get 429s."""
    port, folder = free_port(), node_folder()
    where = ["--port", str(port), "--data-dir", str(folder)]
    started = newsbeam("es", "up", *where, "--setting", "thread_pool.write.size=1", "--setting", "thread_pool.write.queue_size=1")
    assert started.returncode == 0, started.stderr
    yield f"http://127.0.0.1:{port}"
    newsbeam("es", "down", *where)
    shutil.rmtree(folder, ignore_errors=True)


def write_rejections(client: Elasticsearch) -> int:
    stats = client.nodes.stats(metric="thread_pool", filter_path="nodes.*.thread_pool.write.rejected")
    return sum(node["thread_pool"]["write"]["rejected"] for node in stats["nodes"].values())


@pytest.mark.timeout(600)
def test_a_replay_under_429s_indexes_every_document(tiny_write_queue_node, capsys, tmp_path):
    url = tiny_write_queue_node
    client = Elasticsearch(url, request_timeout=60)
    corpus = write_jsonl(tmp_path / "corpus.jsonl", CORPUS_SIZE, seed=5, kind="text")
    stop = threading.Event()

    def flood() -> None:
        noise = Elasticsearch(url, request_timeout=30, max_retries=0)
        while not stop.is_set():
            actions = ({"_index": "noise", "_source": {"n": n}} for n in range(300))
            bulk(noise, actions, raise_on_error=False, raise_on_exception=False, stats_only=True)
        noise.close()

    flooders = [threading.Thread(target=flood, daemon=True) for _ in range(3)]
    for thread in flooders:
        thread.start()
    try:
        # The replay starts once the flood fills the queue, and sends many small requests: with a few
        # large ones started early, all of them were once accepted and the replay was never pushed back.
        deadline = time.monotonic() + 60
        while write_rejections(client) == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        code, summary = replay(capsys, url, "pressure", str(corpus), "--batch-docs", "25", "--dlq", str(tmp_path / "dlq.jsonl"))
    finally:
        stop.set()
        for thread in flooders:
            thread.join(timeout=60)
    assert write_rejections(client) > 0, "the node never pushed back; the test proves nothing"
    assert summary["retried_index"] > 0, "the node pushed back on the flood alone, never on the replay"
    assert code == 0
    assert summary["created"] == CORPUS_SIZE and summary["dead_lettered"] == 0 and summary["reconciled"]
    assert client.count(index="pressure")["count"] == CORPUS_SIZE
    client.close()


def test_a_read_only_index_turns_writes_into_dead_letters(es, es_url, alias, capsys, tmp_path):
    replay(capsys, es_url, alias, str(SEEDS))
    es.indices.put_settings(index=alias, settings={"index.blocks.read_only": True})
    try:
        dlq = tmp_path / "dlq.jsonl"
        code, summary = replay(capsys, es_url, alias, str(SEEDS), "--dlq", str(dlq))
    finally:
        es.indices.put_settings(index=alias, settings={"index.blocks.read_only": False})
    assert code == 3
    assert summary["failed_index"] == 5 and summary["dead_lettered"] == 5 and summary["reconciled"]
    reasons = [json.loads(line)["reason"] for line in dlq.read_text(encoding="utf-8").splitlines()]
    assert len(reasons) == 5 and all("cluster_block_exception" in reason for reason in reasons)
    assert main(["replay", "--es-url", es_url, "--index", alias, "--from-dlq", str(dlq), "--dlq", str(tmp_path / "again.jsonl")]) == 0
