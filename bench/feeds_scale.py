"""A thousand feeds on one machine: one `newsbeam watch` over many outlets on loopback hosts.

Serves `--feeds` feeds from `--hosts` loopback hosts (bench/scale_site.py: RSS and Atom, 10–50
entries each, real pages of 20–200 KB), publishes new entries over time (a Poisson stream,
`--entries-per-hour` per feed on average, some feeds far busier than others), runs `newsbeam
watch` as a subprocess on a feeds file of its own (unique index alias, `--interval` between polls)
and reports: polls per minute, the gaps between two polls of a feed, entry published →
searchable p50/p95 (the index is asked for the entries' article ids every second, without forcing
a refresh), the resident memory of the watch process (and its children) after 1 minute and at the
end, and its CPU seconds per poll.

By default the feeds' existing entries count as indexed by an earlier run: the bench writes each
feed's state as `watch` saves it (validators, remembered entries, next polls spread over one
interval) and a stub document per entry in the news index, so the run measures the steady state
after a restart. `--cold` leaves that out: `watch` then downloads the whole backlog first.

    .venv/bin/python -m bench.feeds_scale --feeds 1000 --minutes 10 --es-url http://127.0.0.1:9250
    .venv/bin/python -m bench.feeds_scale --feeds 200 --minutes 3 --interval 60   # while iterating
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import yaml
from elasticsearch import Elasticsearch, helpers

from bench.scale_site import ScaleSite, SimFeed, load_texts
from connectors.elasticsearch.index import concrete_index, ensure_index
from connectors.feeds.entry_log import EntryLog
from connectors.feeds.parsing import parse_feed
from connectors.feeds.polling import FeedState
from connectors.feeds.state_store import FeedStateStore, ensure_state_index
from foundation.feed_settings import PollingSettings
from pipelines.extraction.ids import article_id

log = logging.getLogger("bench.feeds_scale")
ROOT = Path(__file__).resolve().parents[1]
_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Tracker:
    """Entries published and not yet searchable (article id → publish time), and the latencies of the others."""

    pending: dict[str, tuple[str, float]] = field(default_factory=dict)
    """Article id → (entry URL, publish time)."""
    latencies: list[float] = field(default_factory=list)
    after_fetch: list[float] = field(default_factory=list)
    """Page fetched → searchable: the pipeline's share of the latency (the rest is waiting for the poll)."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def published(self, url: str, at: float) -> None:
        with self.lock:
            self.pending[article_id(url, "")] = (url, at)

    def check(self, es: Elasticsearch, alias: str, fetched: dict[str, float]) -> None:
        with self.lock:
            ids = list(self.pending)
        found: set[str] = set()
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            hits = es.search(index=alias, query={"ids": {"values": chunk}}, size=len(chunk), source=False)["hits"]["hits"]
            found.update(hit["_id"] for hit in hits)
        now = time.time()
        with self.lock:
            for article in found:
                url, at = self.pending.pop(article, ("", 0.0))
                if at:
                    self.latencies.append(now - at)
                    if url in fetched:
                        self.after_fetch.append(now - fetched[url])


@dataclass
class Sample:
    at: float
    rss_mb: float
    cpu_seconds: float
    polls: int
    load: float


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (a portable runner's workers, a job server)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    tree, queue = [], [pid]
    while queue:
        current = queue.pop()
        tree.append(current)
        queue.extend(children.get(current, []))
    return tree


def usage(pid: int) -> tuple[float, float]:
    """(resident MB, CPU seconds) of `pid` and its descendants."""
    rss_kb, ticks = 0, 0
    for member in process_tree(pid):
        try:
            with open(f"/proc/{member}/status", encoding="ascii") as status:
                rss_kb += next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
            with open(f"/proc/{member}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, StopIteration, IndexError, ValueError):
            continue
    return rss_kb / 1024, ticks / _TICKS


def load_average() -> float:
    with open("/proc/loadavg", encoding="ascii") as loadavg:
        return float(loadavg.read().split()[0])


def write_feeds_file(path: Path, site: ScaleSite, interval: float) -> None:
    path.write_text(
        yaml.safe_dump(
            {
                "feeds": [{"name": f"feed-{feed.number}", "url": site.feed_url(feed)} for feed in site.feeds],
                "http": {"allow_private_hosts": site.hosts},
                "polling": {"interval": interval},
            }
        ),
        encoding="utf-8",
    )


def seed_state(es: Elasticsearch, alias: str, site: ScaleSite, interval: float, rng: random.Random) -> int:
    """Write what a previous `watch` would have left: each feed's saved state, its entries' articles (as stubs)."""
    ensure_index(es, alias)
    ensure_state_index(es, alias)
    store = FeedStateStore(es, alias)
    polling = PollingSettings(interval=interval)
    now = time.time()
    stubs = []
    logs = []
    for feed in site.feeds:
        parsed = parse_feed(feed.body, "application/xml", site.feed_url(feed))
        entries = EntryLog(polling.remember_entries, polling.remember_days * 86400, 5)
        for entry, _ in entries.select(parsed.entries, now):
            entries.page_attempted(entry.key, done=True)
            stubs.append({"_index": alias, "_id": article_id(entry.link, ""), "_source": {"url": entry.link, "source": entry.link}})
        logs.append((feed, entries))
    helpers.bulk(es, stubs, chunk_size=2000)
    es.indices.refresh(index=alias)
    # Last, so that the next polls, spread over one interval from now, are still ahead when watch starts.
    now = time.time()

    def save(feed: SimFeed, entries: EntryLog) -> None:
        state = FeedState(
            etag=feed.etag,
            last_modified=_http_date(feed),
            next_due=now + rng.uniform(0, interval),
            interval=interval,
            interval_reason="interval",
            schedule="interval",
        )
        store.save(f"feed-{feed.number}", site.feed_url(feed), state, entries)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda item: save(*item), logs))
    return len(stubs)


def _http_date(feed: SimFeed) -> str:
    from email.utils import format_datetime

    return format_datetime(feed.changed, usegmt=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--hosts", type=int, help="loopback hosts (default: a third of the feeds)")
    parser.add_argument("--minutes", type=float, default=10.0, help="how long entries are published (then the last ones are waited for)")
    parser.add_argument("--interval", type=float, default=300.0, help="seconds between two polls of a feed")
    parser.add_argument("--entries-per-hour", type=float, default=2.4, help="new entries per feed and hour, on average")
    parser.add_argument("--cold", action="store_true", help="no earlier run: watch downloads every feed's backlog first")
    parser.add_argument("--es-url", default=os.environ.get("NEWSBEAM_ES_URL", "http://127.0.0.1:9200"))
    parser.add_argument("--keep", action="store_true", help="keep the index, the state index and the work folder")
    parser.add_argument("--seed", type=int, default=7)
    args, watch_args = parser.parse_known_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    rng = random.Random(args.seed)
    hosts = args.hosts or max(1, args.feeds // 3)

    texts = load_texts()
    site = ScaleSite(args.feeds, hosts, texts, seed=args.seed).start()
    site.fill(datetime.now(UTC))
    folder = Path(tempfile.mkdtemp(prefix="feeds-scale-"))
    alias = f"bench-feeds-{uuid.uuid4().hex[:8]}"
    feeds_file = folder / "feeds.yaml"
    write_feeds_file(feeds_file, site, args.interval)
    es = Elasticsearch(args.es_url, request_timeout=60)
    backlog = sum(len(feed.entries) for feed in site.feeds)
    if not args.cold:
        log.info("seeding the state of %d feeds (%d entries indexed before)", args.feeds, seed_state(es, alias, site, args.interval, rng))
    command = [
        # `newsbeam watch`, from this checkout's code whatever the environment has installed.
        sys.executable,
        "-m",
        "pipelines.cli",
        "watch",
        "--feeds",
        str(feeds_file),
        "--es-url",
        args.es_url,
        "--index",
        alias,
        "--dlq",
        str(folder / "dead-letters.jsonl"),
        "--json",
        *watch_args,
    ]
    log_path = folder / "watch.log"
    log.info("%d feeds on %d hosts (port %d), %d entries listed; watch log: %s", args.feeds, hosts, site.port, backlog, log_path)
    with log_path.open("w", encoding="utf-8") as watch_log:
        watch = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=watch_log, text=True)
    started = time.monotonic()
    log.info("watch started: pid %d", watch.pid)
    tracker = Tracker()
    samples: list[Sample] = []
    done = threading.Event()
    publishing = threading.Event()
    publishing.set()
    weights = [rng.lognormvariate(0, 1) for _ in site.feeds]
    rate = args.feeds * args.entries_per_hour / 3600  # entries per second, all feeds together

    def publish() -> None:
        while publishing.is_set():
            time.sleep(rng.expovariate(rate))
            if publishing.is_set():
                (feed,) = rng.choices(range(args.feeds), weights)
                entry = site.publish(feed)
                tracker.published(entry.url, time.time())

    def watch_index() -> None:
        while not done.is_set():
            if es.indices.exists_alias(name=alias):
                tracker.check(es, alias, site.page_fetched)
            time.sleep(1.0)

    def sample() -> None:
        while not done.is_set() and watch.poll() is None:
            rss, cpu = usage(watch.pid)
            samples.append(Sample(time.monotonic() - started, rss, cpu, site.requests["feed"], load_average()))
            time.sleep(5.0)

    threads = [threading.Thread(target=target, daemon=True) for target in (publish, watch_index, sample)]
    for thread in threads:
        thread.start()
    window = args.minutes * 60
    while time.monotonic() - started < window and watch.poll() is None:
        time.sleep(1.0)
    publishing.clear()
    end_of_window = samples[-1] if samples else None
    drain_until = time.monotonic() + args.interval + 60
    while time.monotonic() < drain_until and watch.poll() is None:
        with tracker.lock:
            if not tracker.pending:
                break
        time.sleep(1.0)
    done.set()
    if watch.poll() is None:
        watch.send_signal(signal.SIGTERM)
    try:
        output, _ = watch.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        watch.kill()
        output, _ = watch.communicate()
    site.stop()
    counters = json.loads(output) if output.strip().startswith("{") else {}
    report = summarize(args, site, tracker, samples, end_of_window, counters, watch.returncode, backlog)
    print(json.dumps(report, indent=2))
    print(table(report))
    if not args.keep:
        es.options(ignore_status=404).indices.delete(index=f"{concrete_index(alias)},{alias}-feed-state")
        es.options(ignore_status=404).indices.delete_index_template(name=f"newsbeam-{alias}")
    return 0


def summarize(
    args: argparse.Namespace,
    site: ScaleSite,
    tracker: Tracker,
    samples: list[Sample],
    end: Sample | None,
    counters: dict[str, object],
    returncode: int | None,
    backlog: int,
) -> dict[str, object]:
    minute = next((s for s in samples if s.at >= 60), None)
    gaps = [b - a for times in site.feed_polls.values() for a, b in itertools.pairwise(times)]
    polled = sum(1 for times in site.feed_polls.values() if times)
    latencies = tracker.latencies
    report: dict[str, object] = {
        "feeds": args.feeds,
        "hosts": len(site.hosts),
        "minutes": args.minutes,
        "interval_s": args.interval,
        "cold": args.cold,
        "backlog_entries": backlog,
        "entries_published": len(latencies) + len(tracker.pending),
        "entries_searchable": len(latencies),
        "entries_never_searchable": len(tracker.pending),
        "latency_p50_s": round(statistics.median(latencies), 1) if latencies else None,
        "latency_p95_s": round(percentile(latencies, 0.95), 1) if latencies else None,
        "latency_max_s": round(max(latencies), 1) if latencies else None,
        "fetch_to_searchable_p50_s": round(statistics.median(tracker.after_fetch), 1) if tracker.after_fetch else None,
        "fetch_to_searchable_p95_s": round(percentile(tracker.after_fetch, 0.95), 1) if tracker.after_fetch else None,
        "feeds_polled": polled,
        "poll_gap_p50_s": round(statistics.median(gaps), 1) if gaps else None,
        "poll_gap_p95_s": round(percentile(gaps, 0.95), 1) if gaps else None,
        "poll_gap_max_s": round(max(gaps), 1) if gaps else None,
        "requests": dict(site.requests),
        "watch_exit": returncode,
        "watch_counters": counters,
        "load_average_mean": round(statistics.mean(s.load for s in samples), 2) if samples else None,
        "machine": f"{os.cpu_count()} cores, {_memory_gib():.0f} GiB",
    }
    if minute and end:
        polls = end.polls - minute.polls
        report |= {
            "polls_per_minute": round(polls / ((end.at - minute.at) / 60), 1),
            "rss_mb_after_1_min": round(minute.rss_mb),
            "rss_mb_at_end": round(end.rss_mb),
            "rss_at_end_s": round(end.at),
            "rss_mb_by_minute": " ".join(str(round(s.rss_mb)) for s in samples if s.at <= end.at and int(s.at) % 60 < 5),
            "cpu_s_per_poll": round((end.cpu_seconds - minute.cpu_seconds) / polls, 4) if polls else None,
            "cpu_share_of_one_core": round((end.cpu_seconds - minute.cpu_seconds) / (end.at - minute.at), 2),
        }
    return report


def _memory_gib() -> float:
    with open("/proc/meminfo", encoding="ascii") as meminfo:
        return int(meminfo.readline().split()[1]) / 1024**2


def table(report: dict[str, object]) -> str:
    rows = [
        ("feeds / hosts", f"{report['feeds']} / {report['hosts']}"),
        ("poll interval", f"{report['interval_s']:.0f} s"),
        ("polls per minute (from minute 1 on)", report.get("polls_per_minute")),
        (
            "gap between polls of a feed p50 / p95 / max",
            f"{report['poll_gap_p50_s']} / {report['poll_gap_p95_s']} / {report['poll_gap_max_s']} s",
        ),
        ("entries published / searchable", f"{report['entries_published']} / {report['entries_searchable']}"),
        ("published → searchable p50 / p95 / max", f"{report['latency_p50_s']} / {report['latency_p95_s']} / {report['latency_max_s']} s"),
        ("page fetched → searchable p50 / p95", f"{report['fetch_to_searchable_p50_s']} / {report['fetch_to_searchable_p95_s']} s"),
        (
            "watch RSS after 1 min / at the end",
            f"{report.get('rss_mb_after_1_min')} / {report.get('rss_mb_at_end')} MB (end: {report.get('rss_at_end_s')} s)",
        ),
        ("watch RSS minute by minute", f"{report.get('rss_mb_by_minute')} MB"),
        ("watch CPU per poll", f"{report.get('cpu_s_per_poll')} s ({report.get('cpu_share_of_one_core')} of a core)"),
        ("machine; its load average (mean over the run)", f"{report['machine']}; {report['load_average_mean']}"),
    ]
    return "\n".join(["| measurement | value |", "| --- | --- |", *(f"| {name} | {value} |" for name, value in rows)])


if __name__ == "__main__":
    sys.exit(main())
