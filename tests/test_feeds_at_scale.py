"""What following many feeds with one `watch` needs (bench/feeds_scale.py measures it): feeds first
polled together are spread over the interval afterwards, and loading their saved state at start
refreshes the news index once, not once per feed."""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from pathlib import Path

import pytest
import yaml
from elasticsearch import Elasticsearch

from connectors.elasticsearch.index import concrete_index, ensure_index
from connectors.feeds.entry_log import EntryLog
from connectors.feeds.parsing import FeedEntry
from connectors.feeds.polling import FeedState, spread_first_poll
from connectors.feeds.state_store import FeedStateStore, ensure_state_index, state_index
from connectors.http import HostLimiter
from foundation.feed_settings import Feed, load_feeds
from foundation.records import SourceHints
from foundation.settings import ElasticsearchSettings
from pipelines.monitor import request_stop, run_watch
from tests.support.feeds.server import FeedServer

NOW = 1_000_000.0


def feed(name: str) -> Feed:
    return Feed(name=name, url="https://news.example/feed.xml")


def test_first_polls_spread_evenly_over_the_interval():
    polled = FeedState(next_due=NOW + 300, interval=300, schedule="interval")
    due = sorted(spread_first_poll(polled, feed(f"feed-{n}"), NOW).next_due - NOW for n in range(1000))
    assert due[0] > 0 and due[-1] <= 300, "sooner once, never later"
    # Evenly: each tenth of the interval gets about a tenth of the feeds.
    for tenth in range(10):
        share = sum(1 for wait in due if 30 * tenth < wait <= 30 * (tenth + 1)) / len(due)
        assert 0.07 < share < 0.13
    assert spread_first_poll(polled, feed("feed-7"), NOW) == spread_first_poll(polled, feed("feed-7"), NOW), "the same point every run"
    assert "spread" in spread_first_poll(polled, feed("feed-7"), NOW).schedule


def test_the_spread_keeps_the_feeds_ttl_and_a_backoff():
    ttl = FeedState(next_due=NOW + 3600, min_interval=3600, interval=300, schedule="the feed's ttl")
    assert spread_first_poll(ttl, feed("feed-1"), NOW) == ttl
    backing_off = FeedState(next_due=NOW + 600, failures=1, schedule="backing off after 1 failure")
    assert spread_first_poll(backing_off, feed("feed-1"), NOW) == backing_off


@pytest.fixture
def alias(es: Elasticsearch):
    name = f"test-scale-{uuid.uuid4().hex[:8]}"
    yield name
    es.options(ignore_status=404).indices.delete(index=f"{concrete_index(name)},{state_index(name)}")
    es.options(ignore_status=404).indices.delete_index_template(name=f"newsbeam-{name}")


def test_feeds_first_polled_together_are_next_due_at_different_times(es, es_url, alias, tmp_path: Path):
    site = FeedServer().start()
    names = {"rss": "rss.xml", "atom": "atom.xml", "json": "feed.json", "noguid": "rss-noguid.xml"}
    try:
        path = tmp_path / "feeds.yaml"
        path.write_text(
            yaml.safe_dump(
                {
                    "feeds": [{"name": name, "url": f"{site.base}/{file}"} for name, file in names.items()],
                    "http": {"allow_private_hosts": ["127.0.0.1"]},
                    "polling": {"interval": 300, "tick": 0.2},
                }
            ),
            encoding="utf-8",
        )

        def stop_once_all_saved() -> None:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if es.indices.exists(index=state_index(alias)):
                    es.indices.refresh(index=state_index(alias))
                    if es.count(index=state_index(alias))["count"] == len(names):
                        break
                time.sleep(0.2)
            request_stop()

        threading.Thread(target=stop_once_all_saved, daemon=True).start()
        started = time.time()
        run_watch(
            load_feeds(path), es=ElasticsearchSettings(url=es_url), index=alias, dead_letter_path=str(tmp_path / "dlq.jsonl"), once=False
        )
    finally:
        site.stop()
    hits = es.search(index=state_index(alias), size=10)["hits"]["hits"]
    waits = sorted(hit["_source"]["state"]["next_due"] - started for hit in hits)
    assert len(waits) == len(names)
    assert all(0 < wait <= 300 + 60 for wait in waits)
    assert min(b - a for a, b in itertools.pairwise(waits)) > 5, f"polled together, next due apart: {waits}"


def test_loading_many_feeds_refreshes_the_news_index_once(es, alias):
    ensure_index(es, alias)
    ensure_state_index(es, alias)
    store = FeedStateStore(es, alias)
    for n in range(5):
        entries = EntryLog(max_entries=100, max_age=86400, max_attempts=3)
        entry = FeedEntry(f"guid-{n}", f"https://news.example/{n}", SourceHints(title=f"Story {n}"))
        entries.select([entry], now=NOW)
        entries.page_attempted(entry.key, done=True)
        store.save(f"feed-{n}", "https://news.example/feed.xml", FeedState(etag='"abc"', next_due=NOW), entries)
    es.index(index=alias, id="x", document={"url": "https://news.example/0"})
    es.indices.refresh(index=state_index(alias))

    def refreshes() -> int:
        return es.indices.stats(index=alias, metric="refresh")["_all"]["primaries"]["refresh"]["external_total"]

    before = refreshes()
    restarted = FeedStateStore(es, alias)
    loaded = [restarted.load(f"feed-{n}", "https://news.example/feed.xml", EntryLog(100, 86400, 3)) for n in range(5)]
    assert refreshes() - before == 1
    # The refresh shows what was written unrefreshed before the restart: feed-0's entry is indexed.
    assert loaded[0] == FeedState(etag='"abc"', next_due=NOW)
    assert all(state is not None and state.etag is None for state in loaded[1:]), "the others' entries are missing: asked again"


def test_workers_in_one_process_keep_each_hosts_politeness_together():
    """Each of a runner's worker threads has a DoFn of its own, and each DoFn its limiter: they must
    still space their requests to one host as one."""
    limiters = [HostLimiter.shared(max_concurrent=2, min_delay=0.3) for _ in range(2)]
    starts: list[float] = []

    def fetch(limiter: HostLimiter) -> None:
        with limiter.slot("http://127.0.0.2/article.html"):
            starts.append(time.monotonic())

    threads = [threading.Thread(target=fetch, args=(limiters[n % 2],)) for n in range(4)]
    begun = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # The k-th request may start no sooner than k delays after the first could: a thread that wakes
    # late on a loaded machine only delays its own start (the gaps between starts as seen may then
    # shrink), while limiters counting apart let two requests start at once, two pairs 0.3 s apart.
    assert all(start >= begun + 0.3 * k - 0.02 for k, start in enumerate(sorted(starts)))
