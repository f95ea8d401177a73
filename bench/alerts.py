"""Alerts under load: latency from a feed entry published to its webhook received, and what 50
watchlists cost indexing.

latency: `newsbeam watch` (streaming, in this process) polls F local RSS feeds (the test news site,
tests/support/feeds/server.py) while entries are published at a steady rate; each entry's title
names one of W topics and watchlist k searches topic k, so every entry gives exactly one signed
webhook to a local receiver (tests/support/receivers.py). Reports p50/p95/max of received −
published; the target is the poll interval + 5 s. The test site serves every feed from one host,
127.0.0.1, with tiny pages and no politeness delay; `--hosts H` serves them instead as a real
deployment sees them (bench/scale_site.py): H loopback hosts (a few big outlets with many feeds),
dev-set pages of 20–200 KB, the default politeness (2 requests at once per host, starts 1 s
apart, robots.txt); there the first watchlist matches every article and the others none.

throughput: the sink alone vs the sink followed by the alert step with W watchlists (each article
matching one, so every article is also sent), over the same N articles written afresh each run;
median of the repeats. The sink alone is the strictest comparison: in `watch` and `replay`,
fetching and extraction come before it and dilute the alert step's cost further.

    .venv/bin/python bench/alerts.py --es-url http://127.0.0.1:9200 [latency|throughput|both]
        [--feeds 100 --watchlists 50 --entries 1000 --duration 300 --interval 10 --hosts 0] [--articles 5000 --repeats 3 --match-every 1]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import multiprocessing
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import apache_beam as beam
import yaml
from elasticsearch import Elasticsearch
from pydantic import SecretStr

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.scale_site import ScaleSite, _render, load_texts
from connectors.elasticsearch.bulk import BulkOptions
from connectors.elasticsearch.index import concrete_index, ensure_index
from connectors.elasticsearch.sink import INDEXED, WriteToElasticsearch
from connectors.notifiers.webhook import WebhookConfig
from foundation.feed_settings import load_feeds
from foundation.records import Article, Extraction
from foundation.settings import ElasticsearchSettings
from foundation.vocabulary import ExtractionMethod
from pipelines.alerts.ledger import alerts_index
from pipelines.alerts.transform import NotifyWatchlists, wait_for_alerts
from pipelines.alerts.watchlists import Watchlist, WatchlistStore, watchlist_index
from pipelines.monitor import request_stop, run_watch
from pipelines.runners import make_runner
from tests.support.feeds.server import FeedServer
from tests.support.nodes import free_port
from tests.support.receivers import WebhookReceiver

SECRET = "bench-secret"


class Receiver:
    """The webhook receiver in a process of its own, so that its work is not counted against the
    pipeline's interpreter; what it receives comes back as JSON Lines in a file."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/hook"
        self._out = folder / f"received-{self.port}.jsonl"
        self._stop = multiprocessing.get_context("fork").Event()
        self._process = multiprocessing.get_context("fork").Process(target=self._serve, daemon=True)
        self._process.start()
        time.sleep(0.5)

    def _serve(self) -> None:
        hook = WebhookReceiver(SECRET, port=self.port).start()
        written = 0
        with self._out.open("a", encoding="utf-8") as out:
            while not self._stop.wait(0.2) or written < len(hook.deliveries):
                for delivery in hook.deliveries[written:]:
                    urls = [alert["url"] for alert in delivery.payload["alerts"]]
                    out.write(json.dumps({"received_at": delivery.received_at, "valid": delivery.valid, "urls": urls}) + "\n")
                    written += 1
                out.flush()
        hook.stop()

    def stop(self) -> list[dict[str, Any]]:
        self._stop.set()
        self._process.join(10)
        return [json.loads(line) for line in self._out.read_text(encoding="utf-8").splitlines()] if self._out.exists() else []


def topic(n: int) -> str:
    """A made-up word per watchlist: no article matches a topic by accident."""
    return f"topic{n:03d}x"


def add_watchlists(es: Elasticsearch, index: str, count: int, hook: Receiver, every_article: bool = False) -> None:
    """Watchlist k searches topic k; with `every_article` the first searches nothing, so matches every article."""
    ensure_index(es, index)
    store = WatchlistStore(es, index)
    for n in range(count):
        query = "" if every_article and n == 0 else topic(n)
        store.add(Watchlist(name=f"watch-{n:03d}", query=query, notifiers=(WebhookConfig(url=hook.url, secret=SecretStr(SECRET)),)))


def clean_up(es: Elasticsearch, index: str) -> None:
    names = f"{index}-v*,{watchlist_index(index)},{alerts_index(index)},{index}-feed-state"
    for name in es.indices.get(index=names, allow_no_indices=True, ignore_unavailable=True):
        es.indices.delete(index=name)
    es.options(ignore_status=404).indices.delete_index_template(name=f"newsbeam-{index}")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


# -- latency -----------------------------------------------------------------------------------


def one_host_site(args: argparse.Namespace, folder: Path) -> tuple[Callable[[int], str], Callable[[], None], Path]:
    """The test news site on 127.0.0.1: (publish entry n and return its URL, stop, feeds file)."""
    site = FeedServer().start()
    names = [f"outlet-{n:03d}" for n in range(args.feeds)]
    for name in names:
        # Feeds of the test site beyond its six: stories kept under the name, the RSS served as a fixed body.
        site.stories[name] = []
        site._changed[name] = site._changed["rss"]
        site.bodies[f"/{name}.xml"] = site._feed_body(name)

    def publish(n: int) -> str:
        name = names[n % len(names)]
        story = site.add(name, f"{name}-entry-{n}", title=f"Report {n} on {topic(n % args.watchlists)}", summary=f"Entry {n} of {name}.")
        with site._lock:
            site.bodies[f"/{name}.xml"] = site._feed_body(name)
        return site.url(story.slug)

    feeds = [{"name": name, "url": f"{site.base}/{name}.xml", "interval": args.interval} for name in names]
    config = {
        "feeds": feeds,
        "http": {"allow_private_hosts": ["127.0.0.1"]},
        "politeness": {"min_delay_per_host": 0, "max_concurrent_per_host": 8},
        "polling": {"tick": 0.5},
    }
    return publish, site.stop, write_feeds(folder, config)


def scale_site(args: argparse.Namespace, folder: Path) -> tuple[Callable[[int], str], Callable[[], None], Path]:
    """The feeds on `args.hosts` loopback hosts with dev-set pages, empty at first, polled with the default politeness."""
    site = ScaleSite(args.feeds, args.hosts, load_texts()).start()
    for feed in site.feeds:  # an empty feed until its first entry
        feed.body = _render(feed, site.port)
        feed.etag = '"' + hashlib.sha1(feed.body).hexdigest()[:16] + '"'

    def publish(n: int) -> str:
        return site.publish(n % args.feeds).url

    feeds = [{"name": f"feed-{feed.number}", "url": site.feed_url(feed), "interval": args.interval} for feed in site.feeds]
    config: dict[str, Any] = {"feeds": feeds, "http": {"allow_private_hosts": site.hosts}, "polling": {"tick": 0.5}}
    if args.host_delay is not None:
        config["politeness"] = {"min_delay_per_host": args.host_delay}
    return publish, site.stop, write_feeds(folder, config)


def write_feeds(folder: Path, config: dict[str, Any]) -> Path:
    path = folder / "feeds.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def latency(args: argparse.Namespace, es: Elasticsearch) -> None:
    index = f"bench-alerts-{uuid.uuid4().hex[:8]}"
    folder = Path(tempfile.mkdtemp(prefix="alerts-bench-"))
    hook = Receiver(folder)
    publish, stop_site, feeds = (scale_site if args.hosts else one_host_site)(args, folder)
    add_watchlists(es, index, args.watchlists, hook, every_article=bool(args.hosts))
    published: dict[str, float] = {}
    problems: list[BaseException] = []

    def play() -> None:
        try:
            time.sleep(args.interval * 2)  # every feed polled once, empty
            pause = args.duration / args.entries
            for n in range(args.entries):
                published[publish(n)] = time.time()
                time.sleep(pause)
            time.sleep(args.interval + 30)  # the last entries polled, indexed and sent
        except BaseException as exc:
            problems.append(exc)
        finally:
            request_stop()

    player = threading.Thread(target=play, daemon=True)
    player.start()
    started = time.monotonic()
    summary = run_watch(
        load_feeds(feeds), es=ElasticsearchSettings(url=args.es_url), index=index, dead_letter_path=str(folder / "dlq.jsonl"), once=False
    )
    player.join(10)
    stop_site()
    deliveries = hook.stop()
    try:
        if problems:
            raise problems[0]
        received = {url: delivery["received_at"] for delivery in deliveries for url in delivery["urls"]}
        latencies = [received[url] - at for url, at in published.items() if url in received]
        invalid = sum(not delivery["valid"] for delivery in deliveries)
        dead = folder / "alert-dead-letters.jsonl"
        delay = "default politeness" if args.host_delay is None else f"{args.host_delay:g} s between requests to a host"
        where = f"{args.hosts} loopback hosts, dev-set pages, {delay}" if args.hosts else "one host (the test site)"
        print(
            f"latency: {args.entries} entries over {args.duration:g}s across {args.feeds} feeds on {where}, {args.watchlists} watchlists, "
            f"poll interval {args.interval:g}s ({time.monotonic() - started:.0f}s in all, load average {os.getloadavg()[0]:.1f})"
        )
        print(
            f"  entry published → webhook received: p50 {statistics.median(latencies):.2f}s, p95 {percentile(latencies, 0.95):.2f}s, "
            f"max {max(latencies):.2f}s; target ≤ {args.interval + 5:g}s"
        )
        es.indices.refresh(index=alerts_index(index))
        hits = es.search(index=alerts_index(index), size=10_000, source_includes=["url", "matched_at"])["hits"]["hits"]
        matched = {hit["_source"]["url"]: datetime.fromisoformat(hit["_source"]["matched_at"]).timestamp() for hit in hits}
        before = [matched[url] - at for url, at in published.items() if url in matched]
        after = [received[url] - matched[url] for url in matched if url in received]
        print(
            f"  of which published → matched (poll, page, extraction, indexing, settling, search): p50 {statistics.median(before):.2f}s, "
            f"p95 {percentile(before, 0.95):.2f}s; matched → received (claim, queue, send): p50 {statistics.median(after):.3f}s, "
            f"p95 {percentile(after, 0.95):.3f}s"
        )
        print(
            f"  webhooks received {len(deliveries)} for {len(latencies)} of {args.entries} entries, "
            f"{invalid} bad signatures, {len(dead.read_text().splitlines()) if dead.exists() else 0} dead letters; "
            f"created {summary.counters['created']}"
        )
    finally:
        clean_up(es, index)


# -- throughput --------------------------------------------------------------------------------


def articles(count: int, watchlists: int, run: int, match_every: int) -> list[Article]:
    """`count` articles, one in `match_every` about a watchlist's topic (the others match none)."""
    body = " ".join(["The harbour authority published its quarterly figures on shipping, ferries and the quay."] * 8)
    return [
        Article(
            id=f"bench-{run}-{n}",
            title=f"Report {n} on {topic(n % watchlists) if n % match_every == 0 else 'harbour matters'}",
            body=f"{body} Entry {n}.",
            source=f"bench#{n}",
            content_hash=f"hash-{run}-{n}",
            extraction=Extraction(ExtractionMethod.TEXT),
            url=f"https://news.example/{run}/{n}",
            publisher="Bench Gazette",
            language="en",
        )
        for n in range(count)
    ]


def one_run(args: argparse.Namespace, es: Elasticsearch, index: str, batch: list[Article], alerts: bool, folder: Path) -> float:
    es.indices.delete(index=concrete_index(index), ignore_unavailable=True)
    ensure_index(es, index)
    settings = ElasticsearchSettings(url=args.es_url)
    started = time.monotonic()
    with beam.Pipeline(runner=make_runner("DirectRunner")) as pipeline:
        written = pipeline | beam.Create(batch) | WriteToElasticsearch(settings, index, BulkOptions())
        if alerts:
            written[INDEXED] | NotifyWatchlists(settings, index, str(folder / "dlq.jsonl"))
    rate = len(batch) / (time.monotonic() - started)
    if alerts:
        # Drained outside the timed span, but before the next run, which it would slow.
        wait_for_alerts(settings, index, str(folder / "dlq.jsonl"))
    return rate


def throughput(args: argparse.Namespace, es: Elasticsearch) -> None:
    index = f"bench-alerts-{uuid.uuid4().hex[:8]}"
    folder = Path(tempfile.mkdtemp(prefix="alerts-bench-"))
    hook = Receiver(folder)
    add_watchlists(es, index, args.watchlists, hook)
    rates: dict[bool, list[float]] = {False: [], True: []}
    try:
        for run in range(args.repeats):
            for alerts in (False, True):
                rates[alerts].append(
                    one_run(args, es, index, articles(args.articles, args.watchlists, 2 * run + alerts, args.match_every), alerts, folder)
                )
    finally:
        deliveries = hook.stop()
        clean_up(es, index)
    without, with_alerts = statistics.median(rates[False]), statistics.median(rates[True])
    print(
        f"throughput: {args.articles} articles per run, {args.repeats} runs each, {args.watchlists} watchlists, "
        f"1 article in {args.match_every} matching one, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"  sink alone: {without:.0f} articles/s {[round(r) for r in rates[False]]}")
    print(
        f"  sink + alerts: {with_alerts:.0f} articles/s {[round(r) for r in rates[True]]}, {100 * (1 - with_alerts / without):+.1f}% slower"
    )
    urls = [url for delivery in deliveries for url in delivery["urls"]]
    print(
        f"  webhooks received {len(urls)} ({len(set(urls))} distinct) of {len(range(0, args.articles, args.match_every)) * args.repeats}, "
        f"all signed: {all(d['valid'] for d in deliveries)}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", nargs="?", choices=("latency", "throughput", "both"), default="both")
    parser.add_argument("--es-url", default=os.environ.get("NEWSBEAM_ES_URL", "http://127.0.0.1:9200"))
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--watchlists", type=int, default=50)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--duration", type=float, default=300.0, help="seconds over which the entries are published")
    parser.add_argument("--interval", type=float, default=10.0, help="poll interval of each feed, seconds")
    parser.add_argument("--hosts", type=int, default=0, help="latency: serve the feeds from this many loopback hosts (0: the test site)")
    parser.add_argument(
        "--host-delay", type=float, help="latency with --hosts: seconds between requests to a host (default: the default politeness)"
    )
    parser.add_argument("--articles", type=int, default=5000, help="articles per throughput run")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--match-every", type=int, default=1, help="one throughput article in N matches a watchlist (default: every one)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    es = Elasticsearch(args.es_url, request_timeout=60)
    if args.part in ("throughput", "both"):
        throughput(args, es)
    if args.part in ("latency", "both"):
        latency(args, es)
    return 0


if __name__ == "__main__":
    sys.exit(main())
