"""`newsbeam watch` end to end: a local feed server, the Beam pipeline, the real Elasticsearch."""

from __future__ import annotations

import json
import logging
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import yaml

from connectors.elasticsearch.bulk import BulkOptions
from foundation.feed_settings import load_feeds
from foundation.settings import ElasticsearchSettings
from pipelines.cli import main
from pipelines.monitor import request_stop, run_watch
from tests.support.feeds.server import FeedServer
from tests.support.paths import PROJECT_ROOT
from tests.support.runners import FLINK_JOB_SERVER, PRISM, needs_flink, needs_prism

EVERY_FEED = {
    "rss": "rss.xml",
    "rss-noguid": "rss-noguid.xml",
    "atom": "atom.xml",
    "json": "feed.json",
    "malformed": "malformed.xml",
    "flaky": "flaky.xml",
    "slow": "slow.xml",
}


@pytest.fixture
def alias(es):
    name = f"test-watch-{uuid.uuid4().hex[:8]}"
    yield name
    for index in es.indices.get(index=f"{name}-v*,{name}-feed-state", allow_no_indices=True, ignore_unavailable=True):
        es.indices.delete(index=index)


@pytest.fixture(autouse=True)
def restore_logging():
    # main() points the root logger at the stream pytest captured for that test, closed afterwards.
    handlers = list(logging.root.handlers)
    yield
    logging.root.handlers[:] = handlers


@pytest.fixture
def site():
    server = FeedServer().start()
    server.slow_seconds = 2.0
    for feed in ("rss", "rss-noguid", "atom", "json"):
        server.add(feed, f"{feed}-harbour-opens")
    yield server
    server.stop()


def feeds_file(tmp_path: Path, site: FeedServer, feeds: dict[str, str] = EVERY_FEED, interval: float = 60) -> Path:
    path = tmp_path / "feeds.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "feeds": [
                    {"name": name, "url": f"{site.base}/{file}", "interval": interval, "tags": ["harbour"]} for name, file in feeds.items()
                ],
                "http": {"read_timeout": 1.0, "deadline": 5, "allow_private_hosts": ["127.0.0.1"]},
                "politeness": {"min_delay_per_host": 0, "max_page_attempts": 3},
                "polling": {"tick": 0.3, "max_backoff": 2},
            }
        ),
        encoding="utf-8",
    )
    return path


def watch_once(capsys, es_url: str, alias: str, feeds: Path, dlq: Path, *beam_args: str) -> tuple[int, dict]:
    code = main(["watch", "--feeds", str(feeds), "--once", "--es-url", es_url, "--index", alias, "--dlq", str(dlq), "--json", *beam_args])
    return code, json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def documents(es, alias: str) -> dict[str, dict]:
    es.indices.refresh(index=alias)
    hits = es.search(index=alias, size=1000, query={"match_all": {}})["hits"]["hits"]
    return {hit["_source"]["url"]: hit["_source"] for hit in hits}


def test_once_indexes_every_readable_feed_and_polling_again_changes_nothing(es, es_url, alias, site, tmp_path, capsys):
    site.flaky_failures = 1
    site.add("flaky", "flaky-harbour-opens")
    site.page_failures["json-harbour-opens"] = 100
    feeds, dlq = feeds_file(tmp_path, site), tmp_path / "dlq.jsonl"
    code, counters = watch_once(capsys, es_url, alias, feeds, dlq)
    assert code == 0, counters
    assert counters["polls"] == 7 and counters["failed_polls"] == 3, "malformed, 500 and the slow feed"
    assert counters["new_entries"] == 4 and counters["pages_fetched"] == 3 and counters["feed_only"] == 1
    assert counters["created"] == 4
    docs = documents(es, alias)
    assert len(docs) == 4
    page = docs[site.url("atom-harbour-opens")]
    assert page["extraction"]["method"] == "html" and page["date_sources"]["published_at"] == "json-ld"
    assert page["published_at"].startswith("2024-06-03T09:30") and "harbour" in page["tags"]
    feed_only = docs[site.url("json-harbour-opens")]
    assert feed_only["extraction"]["method"] == "feed-only" and feed_only["date_sources"]["published_at"] == "feed"
    assert feed_only["title"] == "Harbour story json harbour opens" and feed_only["body"].startswith("A new development")

    code, again = watch_once(capsys, es_url, alias, feeds, dlq)
    # The first run's saved state: the unchanged feeds are asked with their validators (304), their entries are not sent again.
    assert again["polls_not_modified"] == 4 and again["created"] == 1 and again["updated"] == 0 and again["unchanged"] == 0, again
    assert len(documents(es, alias)) == 5, "the flaky feed recovered: its entry is new, the rest unchanged"


def test_a_feed_linking_to_a_private_address_is_refused(es, es_url, alias, site, tmp_path, capsys):
    feeds = feeds_file(tmp_path, site, {"rss": "rss.xml"})
    data = yaml.safe_load(feeds.read_text())
    # The feed is allowed (after a redirect), its pages are not: they are on `localhost`, which is not allow-listed.
    data["feeds"][0]["url"] = f"{site.base}/redirect?to={site.base}/rss.xml"
    feeds.write_text(yaml.safe_dump(data))
    original = site.url
    site.url = lambda slug: original(slug).replace("127.0.0.1", "localhost")
    code, counters = watch_once(capsys, es_url, alias, feeds, tmp_path / "dlq.jsonl")
    assert code == 3 and counters["feed_only"] == 1 and counters["pages_fetched"] == 0
    letter = json.loads((tmp_path / "dlq.jsonl").read_text().splitlines()[0])
    assert letter["stage"] == "read" and "non-public" in letter["reason"]
    assert site.page_requests() == 0


def wait_for(predicate, timeout: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"not within {timeout}s")


def streaming_run(es, es_url, alias, site, tmp_path, runner="DirectRunner", beam_args=()):
    """Run the watch pipeline in this (main) thread, as the CLI does; a second thread plays the news site."""
    interval = 2.0
    site.page_failures["rss-late-2"] = 1  # feed-only first, the page on the next poll
    feeds = feeds_file(tmp_path, site, {"rss": "rss.xml", "atom": "atom.xml", "json": "feed.json"}, interval=interval)
    latencies: list[float] = []
    problems: list[BaseException] = []

    def play() -> None:
        try:
            wait_for(lambda: es.indices.exists_alias(name=alias) and len(documents(es, alias)) == 3, 90)
            for n in range(3):
                for feed in ("rss", "atom", "json"):
                    url = site.url(site.add(feed, f"{feed}-late-{n}").slug)
                    latencies.append(wait_for(lambda url=url: url in documents(es, alias), interval + 8))
            wait_for(lambda: documents(es, alias)[site.url("rss-late-2")]["extraction"]["method"] == "html", interval * 2 + 8)
            time.sleep(interval * 2)  # more polls: 304s, nothing fetched again
            pages = site.page_requests()
            time.sleep(interval + 1)
            assert site.page_requests() == pages, "an unchanged feed fetches no page again"
        except BaseException as exc:  # re-raised in the main thread
            problems.append(exc)
        finally:
            request_stop()

    player = threading.Thread(target=play, daemon=True)
    player.start()
    summary = run_watch(
        load_feeds(feeds),
        es=ElasticsearchSettings(url=es_url),
        index=alias,
        dead_letter_path=str(tmp_path / "dlq.jsonl"),
        once=False,
        runner=runner,
        beam_args=beam_args,
        bulk=BulkOptions(retry_timeout=30),
    )
    player.join(5)
    if problems:
        raise problems[0]
    docs = documents(es, alias)
    assert len(docs) == 3 + 9 and all(doc["extraction"]["method"] == "html" for doc in docs.values())
    counters = summary.counters
    assert counters["feed_only"] == 1 and counters["updated"] == 1, "feed-only, then its page"
    if runner == "DirectRunner":
        assert counters["created"] == 12, counters
    else:
        # A portable runner may run a bundle again after its writes landed (at-least-once); the
        # index stays exact (above) and the write that is repeated counts as unchanged.
        assert counters["created"] <= 12 <= counters["created"] + counters["unchanged"], counters
    assert counters["pages_fetched"] == 12 and counters["polls_not_modified"] > 0, counters
    assert site.not_modified["rss"] > 0
    print(
        f"\n{runner}: latency from entry to searchable: max {max(latencies):.2f}s, mean {sum(latencies) / len(latencies):.2f}s (poll interval {interval}s)"
    )


def test_streaming_indexes_each_new_article_once_within_a_poll_interval(es, es_url, alias, site, tmp_path):
    streaming_run(es, es_url, alias, site, tmp_path)


@pytest.mark.prism
@needs_prism
def test_streaming_on_prism(es, es_url, alias, site, tmp_path):
    streaming_run(es, es_url, alias, site, tmp_path, "PrismRunner", (f"--prism_location={PRISM}",))


@pytest.mark.flink
@needs_flink
@pytest.mark.usefixtures("flink_job_servers_stopped")
def test_streaming_on_flink(es, es_url, alias, site, tmp_path):
    streaming_run(es, es_url, alias, site, tmp_path, "FlinkRunner", (f"--flink_job_server_jar={FLINK_JOB_SERVER}",))


def test_the_cli_runs_until_sigterm_then_prints_its_counters(es, es_url, alias, site, tmp_path):
    feeds = feeds_file(tmp_path, site, {"rss": "rss.xml"}, interval=1)
    command = [
        sys.executable,
        "-m",
        "pipelines.cli",
        "watch",
        "--feeds",
        str(feeds),
        "--es-url",
        es_url,
        "--index",
        alias,
        "--dlq",
        str(tmp_path / "dlq.jsonl"),
        "--json",
    ]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: es.indices.exists_alias(name=alias) and len(documents(es, alias)) == 1, 60)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0, err
    counters = json.loads(out.strip().splitlines()[-1])
    assert counters["created"] == 1 and counters["polls"] >= 1
    assert "feed rss: HTTP 200, 1 entries, 1 new, 0 updated" in err and "SIGTERM" in err
