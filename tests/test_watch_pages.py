"""watch fetches the pages of a tick's polls at the same time across hosts and feeds, each host
still within its politeness limits: one after another, a slow host (or its delay between requests)
held up every other host's pages, and under load `watch` fell behind its feeds."""

from __future__ import annotations

import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from elasticsearch import Elasticsearch

from foundation.feed_settings import load_feeds
from foundation.settings import ElasticsearchSettings
from pipelines.monitor import WatchSummary, run_watch

HOSTS = ["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"]
PAGE_SECONDS = 0.8
BODY = " ".join(["The harbour authority said the new ferry terminal would open in the spring after two years of work."] * 6)


class Site:
    """One server per loopback host, each serving the same feeds (path → body); pages answer after
    PAGE_SECONDS and their (host, start, end, path) are kept."""

    def __init__(self) -> None:
        self.fetches: list[tuple[str, float, float, str]] = []
        self.feeds: dict[str, bytes] = {}
        self._lock = threading.Lock()
        self._servers = [ThreadingHTTPServer((host, 0), self._handler()) for host in HOSTS]
        for server in self._servers:
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def base(self, host: int) -> str:
        return f"http://{HOSTS[host]}:{self._servers[host].server_port}"

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                if self.path in site.feeds:
                    self._send(site.feeds[self.path], "application/rss+xml")
                elif self.path.startswith("/a/"):
                    started = time.monotonic()
                    time.sleep(PAGE_SECONDS)
                    name = self.path[3:].removesuffix(".html")
                    page = f"<html><head><title>{name}</title></head><body><article><h1>{name}</h1><p>{BODY}</p></article></body></html>"
                    self._send(page.encode(), "text/html; charset=utf-8")
                    with site._lock:
                        site.fetches.append((self.headers["Host"].split(":")[0], started, time.monotonic(), self.path))
                else:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()

            def _send(self, body: bytes, content_type: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


@pytest.fixture
def alias(es: Elasticsearch):
    name = f"test-watch-pages-{uuid.uuid4().hex[:8]}"
    yield name
    for index in es.indices.get(index=f"{name}-v*,{name}-feed-state", allow_no_indices=True, ignore_unavailable=True):
        es.indices.delete(index=index)
    es.options(ignore_status=404).indices.delete_index_template(name=f"newsbeam-{name}")


def rss(title: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>{title} {n}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Mon, 03 Jun 2024 09:3{n}:00 GMT</pubDate><description>{title} story {n}.</description></item>"
        for n, link in enumerate(links)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><link>{links[0]}</link>{items}</channel></rss>'.encode()


def watch_once(site: Site, feeds: dict[str, str], es_url: str, alias: str, tmp_path: Path) -> WatchSummary:
    """One `watch --once` over `feeds` (name → URL) with the default politeness, then the site stopped."""
    path = tmp_path / "feeds.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "feeds": [{"name": name, "url": url} for name, url in feeds.items()],
                "http": {"allow_private_hosts": HOSTS, "read_timeout": 5, "deadline": 10},
                # The defaults: at most 2 requests at once to a host, their starts 1 s apart.
                "politeness": {"max_concurrent_per_host": 2, "min_delay_per_host": 1.0},
            }
        ),
        encoding="utf-8",
    )
    try:
        return run_watch(
            load_feeds(path), es=ElasticsearchSettings(url=es_url), index=alias, dead_letter_path=str(tmp_path / "dlq.jsonl"), once=True
        )
    finally:
        site.stop()


def test_the_pages_of_a_poll_are_fetched_at_once_across_hosts_and_politely_within_one(es, es_url, alias, tmp_path):
    site = Site()
    # Five entries: one page on each of four hosts, and a second page on the first host.
    site.feeds["/feed.xml"] = rss("Harbour", [f"{site.base(host)}/a/harbour-story-{n}.html" for n, host in enumerate([0, 1, 2, 3, 0])])
    summary = watch_once(site, {"harbour": f"{site.base(0)}/feed.xml"}, es_url, alias, tmp_path)
    assert summary.counters["pages_fetched"] == 5 and summary.counters["created"] == 5, summary.counters
    fetches = sorted(site.fetches, key=lambda fetch: fetch[1])
    first_end = min(end for _, _, end, _ in fetches)
    started_before = {host for host, start, _, _ in fetches if start < first_end}
    assert started_before == set(HOSTS), f"the four hosts' pages were fetched one after another: {fetches}"
    first_host = [start for host, start, _, _ in fetches if host == HOSTS[0]]
    assert first_host[1] - first_host[0] >= 0.95, "two pages of one host start the politeness delay apart"


def test_a_slow_hosts_pages_of_one_feed_do_not_hold_up_another_feeds_pages(es, es_url, alias, tmp_path):
    site = Site()
    # Feed "harbour" has three pages on one host, which its politeness spreads over 2 s and more;
    # feed "market", polled in the same tick, has one page on another host.
    site.feeds["/harbour.xml"] = rss("Harbour", [f"{site.base(1)}/a/harbour-story-{n}.html" for n in range(3)])
    site.feeds["/market.xml"] = rss("Market", [f"{site.base(2)}/a/market-story-0.html"])
    summary = watch_once(site, {"harbour": f"{site.base(0)}/harbour.xml", "market": f"{site.base(3)}/market.xml"}, es_url, alias, tmp_path)
    assert summary.counters["pages_fetched"] == 4 and summary.counters["created"] == 4, summary.counters
    harbour = sorted((start, end) for _, start, end, path in site.fetches if "harbour" in path)
    market = [(start, end) for _, start, end, path in site.fetches if "market" in path]
    assert len(harbour) == 3 and len(market) == 1, site.fetches
    (market_start, market_end), (harbour_start, harbour_end) = market[0], harbour[0]
    assert market_start < harbour_end and harbour_start < market_end, f"the two feeds' pages were fetched one after another: {site.fetches}"
    assert market_end < harbour[-1][0], "the market page waited for the harbour host's politeness delay"
