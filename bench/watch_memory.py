"""Memory and latency of `newsbeam watch` over many entries: RSS after 10 entries vs after 1,000.

Runs the streaming pipeline in this process against the local test news site (tests/support/feeds/server.py)
and a real Elasticsearch, adds entries at a steady rate, and reports the process's resident memory
once the first 10 and then all N entries are searchable, plus the latency from an entry appearing
in its feed to its article being searchable.

    .venv/bin/python bench/watch_memory.py --es-url http://127.0.0.1:9200 [--entries 1000] [--runner PrismRunner --prism_location .cache/bin/prism]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import yaml
from elasticsearch import Elasticsearch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from foundation.feed_settings import load_feeds
from foundation.settings import ElasticsearchSettings
from pipelines.monitor import request_stop, run_watch
from tests.support.feeds.server import FeedServer

FEEDS = {"rss": "rss.xml", "atom": "atom.xml", "json": "feed.json"}


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def searchable(es: Elasticsearch, index: str) -> set[str]:
    es.indices.refresh(index=index)
    hits = es.search(index=index, size=10_000, source_includes=["url"], query={"match_all": {}})["hits"]["hits"]
    return {hit["_source"]["url"] for hit in hits}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--es-url", default=os.environ.get("NEWSBEAM_ES_URL", "http://127.0.0.1:9200"))
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=20.0, help="entries added per second")
    parser.add_argument("--interval", type=float, default=2.0, help="poll interval of each feed, seconds")
    parser.add_argument("--runner", default="DirectRunner")
    args, beam_args = parser.parse_known_args()
    logging.basicConfig(level=logging.WARNING)

    site = FeedServer().start()
    index = f"bench-watch-{uuid.uuid4().hex[:8]}"
    es = Elasticsearch(args.es_url, request_timeout=60)
    folder = Path(tempfile.mkdtemp(prefix="watch-bench-"))
    feeds = folder / "feeds.yaml"
    feeds.write_text(
        yaml.safe_dump(
            {
                "feeds": [{"name": name, "url": f"{site.base}/{path}", "interval": args.interval} for name, path in FEEDS.items()],
                "http": {"allow_private_hosts": ["127.0.0.1"]},
                "politeness": {"min_delay_per_host": 0},
                "polling": {"tick": 0.5},
            }
        )
    )
    report: dict[str, object] = {}
    added: dict[str, float] = {}
    latencies: list[float] = []
    lock = threading.Lock()

    def measure() -> None:
        """Every 0.2 s: which added entries became searchable, and how long after they were added."""
        while not report.get("done"):
            found = searchable(es, index) if es.indices.exists_alias(name=index) else set()
            now = time.time()
            with lock:
                for url in [url for url in added if url in found]:
                    latencies.append(now - added.pop(url))
            time.sleep(0.2)

    def wait_until_indexed() -> None:
        deadline = time.time() + 300
        while time.time() < deadline:
            with lock:
                if not added:
                    return
            time.sleep(0.2)
        raise RuntimeError("entries not searchable after 300s")

    def play() -> None:
        try:
            for n in range(args.entries):
                feed = list(FEEDS)[n % len(FEEDS)]
                story = site.add(feed, f"{feed}-bench-{n}")
                with lock:
                    added[site.url(story.slug)] = time.time()
                if n + 1 == 10:
                    wait_until_indexed()
                    report["rss_after_10_mb"] = rss_mb()
                time.sleep(1 / args.rate)
            wait_until_indexed()
            report["rss_after_all_mb"] = rss_mb()
        finally:
            report["done"] = True
            request_stop()

    threading.Thread(target=measure, daemon=True).start()
    player = threading.Thread(target=play, daemon=True)
    player.start()
    started = time.monotonic()
    summary = run_watch(
        load_feeds(feeds),
        es=ElasticsearchSettings(url=args.es_url),
        index=index,
        dead_letter_path=str(folder / "dlq.jsonl"),
        once=False,
        runner=args.runner,
        beam_args=beam_args,
    )
    player.join(10)
    site.stop()
    for name in es.indices.get(index=f"{index}-v*", allow_no_indices=True):
        es.indices.delete(index=name)
    latencies.sort()
    if "rss_after_all_mb" not in report:
        print("the run did not finish; see the log", file=sys.stderr)
        return 1
    print(f"runner {args.runner}: {args.entries} entries in {time.monotonic() - started:.0f}s, poll interval {args.interval}s")
    print(f"RSS after 10 entries: {report['rss_after_10_mb']:.0f} MB; after {args.entries}: {report['rss_after_all_mb']:.0f} MB")
    print(
        f"latency entry→searchable: median {statistics.median(latencies):.2f}s, p95 {latencies[int(len(latencies) * 0.95) - 1]:.2f}s, max {latencies[-1]:.2f}s (checked every 0.2s)"
    )
    c = summary.counters
    print(
        f"new entries {c['new_entries']}, pages fetched {c['pages_fetched']}, created {c['created']}, updated {c['updated']}, "
        f"unchanged {c['unchanged']}, polls {c['polls']}, 304s {c['polls_not_modified']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
