"""Feed state that survives restarts: `watch` saves each feed's validators, schedule and entries to
Elasticsearch as polls complete, and a restarted `watch` carries on from there, after SIGTERM and
after SIGKILL alike."""

from __future__ import annotations

import http.client
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from elasticsearch import Elasticsearch

from connectors.elasticsearch.index import ensure_index
from connectors.feeds.entry_log import EntryLog
from connectors.feeds.parsing import FeedEntry
from connectors.feeds.polling import FeedState
from connectors.feeds.state_store import FeedStateStore, ensure_state_index, state_index
from foundation.records import SourceHints
from tests.support.feeds.server import FeedServer
from tests.support.paths import PROJECT_ROOT


@pytest.fixture
def site() -> Iterator[FeedServer]:
    server = FeedServer().start()
    yield server
    server.stop()


class HoldingProxy:
    """Elasticsearch behind a proxy on 127.0.0.1 that can hold the sink's bulk requests and then
    drop them unanswered: pages fetched and handed on, but not indexed when the process dies."""

    def __init__(self, target: str) -> None:
        self.hold = threading.Event()
        self._target = urlsplit(target)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_port}"

    def start(self) -> HoldingProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if "_bulk" in self.path and proxy.hold.is_set():
                    while proxy.hold.is_set():
                        time.sleep(0.05)
                    self.close_connection = True
                    return
                upstream = http.client.HTTPConnection(proxy._target.hostname or "127.0.0.1", proxy._target.port, timeout=30)
                headers = {name: value for name, value in self.headers.items() if name.lower() not in ("host", "connection")}
                upstream.request(self.command, self.path, body or None, headers)
                response = upstream.getresponse()
                content = response.read()
                self.send_response(response.status)
                for name, value in response.getheaders():
                    if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(content)
                upstream.close()

            do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = _forward

        return Handler


def feeds_file(tmp_path: Path, site: FeedServer) -> Path:
    path = tmp_path / "feeds.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "feeds": [{"name": "rss", "url": f"{site.base}/rss.xml", "interval": 1}],
                "http": {"read_timeout": 2.0, "deadline": 5, "allow_private_hosts": ["127.0.0.1"]},
                "politeness": {"min_delay_per_host": 0},
                "polling": {"tick": 0.3},
            }
        ),
        encoding="utf-8",
    )
    return path


def start_watch(feeds: Path, es_url: str, alias: str, tmp_path: Path) -> subprocess.Popen[str]:
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
    return subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stop_watch(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    return err


def wait_for(predicate: Callable[[], bool], timeout: float, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if process.poll() is not None:
            raise AssertionError(f"watch ended early:\n{process.communicate()[1]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s")
        time.sleep(0.1)


def indexed_urls(es: Elasticsearch, alias: str) -> list[str]:
    if not es.indices.exists_alias(name=alias):
        return []
    es.indices.refresh(index=alias)
    return sorted(hit["_source"]["url"] for hit in es.search(index=alias, size=100, source_includes=["url"])["hits"]["hits"])


def saved_links(es: Elasticsearch, alias: str) -> set[str]:
    """The links of the entries whose page the saved state says was handed on."""
    saved = es.options(ignore_status=404).get(index=state_index(alias), id="rss")
    entries = saved.get("_source", {}).get("entries", {})
    return {known["link"] for known in entries.values() if known["pending"] is None}


def test_sigterm_then_restart_downloads_no_page_again_and_asks_with_the_validators(es, es_url, alias, site, tmp_path):
    for slug in ("quay-opens", "ferry-returns"):
        site.add("rss", slug)
    feeds = feeds_file(tmp_path, site)
    process = start_watch(feeds, es_url, alias, tmp_path)
    try:
        wait_for(lambda: len(indexed_urls(es, alias)) == 2, 60, process)
        stop_watch(process)
        feed_requests, not_modified, pages = site.requests["/rss.xml"], site.not_modified["rss"], site.page_requests()

        restarted = start_watch(feeds, es_url, alias, tmp_path)
        wait_for(lambda: site.requests["/rss.xml"] >= feed_requests + 2, 60, restarted)
        site.add("rss", "crane-arrives")
        wait_for(lambda: len(indexed_urls(es, alias)) == 3, 30, restarted)
        err = stop_watch(restarted)
    finally:
        process.kill()
        if "restarted" in locals():
            restarted.kill()
    assert site.not_modified["rss"] >= not_modified + 2, "the unchanged feed was asked with its saved validators"
    assert "feed rss: HTTP 200, 2 entries" not in err, "no poll after the restart fetched the unchanged feed in full"
    assert site.page_requests() == pages + 1, "only the new entry's page was downloaded"
    assert indexed_urls(es, alias) == sorted(site.url(slug) for slug in ("quay-opens", "ferry-returns", "crane-arrives"))


def test_sigkill_between_saving_a_poll_and_indexing_its_pages_loses_nothing(es, es_url, alias, site, tmp_path):
    site.add("rss", "quay-opens")
    feeds = feeds_file(tmp_path, site)
    proxy = HoldingProxy(es_url).start()
    process = start_watch(feeds, proxy.base, alias, tmp_path)
    try:
        wait_for(lambda: indexed_urls(es, alias) == [site.url("quay-opens")], 60, process)
        proxy.hold.set()
        site.add("rss", "ferry-returns")
        wait_for(lambda: site.url("ferry-returns") in saved_links(es, alias), 30, process)
        process.kill()
        process.wait(timeout=10)
        proxy.hold.clear()
        assert indexed_urls(es, alias) == [site.url("quay-opens")], "the kill did cost the sink's write"

        restarted = start_watch(feeds, es_url, alias, tmp_path)
        wait_for(lambda: len(indexed_urls(es, alias)) == 2, 60, restarted)
        stop_watch(restarted)
    finally:
        process.kill()
        proxy.stop()
        if "restarted" in locals():
            restarted.kill()
    assert indexed_urls(es, alias) == sorted([site.url("quay-opens"), site.url("ferry-returns")]), "each entry indexed once"
    assert site.requests["/articles/quay-opens.html"] == 1, "an indexed entry's page is not downloaded again"
    assert site.requests["/articles/ferry-returns.html"] == 2, "the page lost with the process is fetched again"


@pytest.fixture
def store(es: Elasticsearch, alias: str) -> FeedStateStore:
    ensure_index(es, alias)
    ensure_state_index(es, alias)
    ensure_state_index(es, alias)  # safe to repeat
    return FeedStateStore(es, alias)


def fresh_log() -> EntryLog:
    return EntryLog(max_entries=100, max_age=86400, max_attempts=3)


def test_the_store_round_trips_a_feed_and_forgets_entries_the_index_lacks(es, alias, store):
    hints = SourceHints(title="Quay opens", published_at="2024-06-03T09:30:00+00:00", authors=("Mara Lindqvist",), tags=("port",))
    indexed, lost = (FeedEntry(f"guid-{name}", f"https://news.example/{name}", hints) for name in ("indexed", "lost"))
    linkless = FeedEntry("guid-linkless", None, hints)
    pending = FeedEntry("guid-pending", "https://news.example/pending", hints)
    entries = fresh_log()
    entries.select([indexed, lost, linkless, pending], now=1000.0)
    for entry in (indexed, lost, linkless):
        entries.page_attempted(entry.key, done=True)
    entries.page_attempted(pending.key, done=False)
    state = FeedState(
        etag='"abc"',
        last_modified="Mon, 03 Jun 2024 10:30:00 GMT",
        next_due=2000.0,
        failures=2,
        min_interval=600.0,
        interval=300.0,
        interval_reason="interval",
        schedule="backing off after 2 failures",
    )
    es.index(index=alias, id="1", document={"url": indexed.link})
    es.index(index=alias, id="2", document={"source": "news#guid-linkless"}, refresh=True)
    store.save("news", "https://news.example/feed.xml", state, entries)
    es.indices.refresh(index=state_index(alias))

    loaded = fresh_log()
    restored = store.load("news", "https://news.example/feed.xml", loaded)
    assert restored == FeedState(**{**state.__dict__, "etag": None, "last_modified": None}), (
        "validators dropped: the lost entry must be listed again"
    )
    assert set(loaded.entries) == {indexed.key, linkless.key, pending.key}
    assert loaded.entries[pending.key].pending == pending and loaded.entries[pending.key].attempts == 1
    assert loaded.select([indexed, lost, linkless], now=1100.0) == [(lost, "new"), (pending, "retry")]


def test_the_store_keeps_validators_when_nothing_was_lost_and_not_for_a_new_url(es, alias, store):
    entry = FeedEntry("guid-1", "https://news.example/1", SourceHints(title="Quay opens"))
    entries = fresh_log()
    entries.select([entry], now=1000.0)
    entries.page_attempted(entry.key, done=True)
    es.index(index=alias, id="1", document={"url": entry.link}, refresh=True)
    store.save("news", "https://news.example/feed.xml", FeedState(etag='"abc"', next_due=2000.0), entries)
    es.indices.refresh(index=state_index(alias))

    assert store.load("news", "https://news.example/feed.xml", fresh_log()) == FeedState(etag='"abc"', next_due=2000.0)
    moved = fresh_log()
    assert store.load("news", "https://news.example/moved.xml", moved) == FeedState()
    assert set(moved.entries) == {entry.key}, "the entries are the same news whatever the feed's URL"
    assert store.load("other", "https://news.example/feed.xml", fresh_log()) is None
