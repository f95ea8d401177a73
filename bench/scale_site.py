"""Many news outlets on loopback for `bench.feeds_scale`: feeds on a few hundred hosts, real pages.

Each host (127.0.0.2, 127.0.0.3, …; Linux routes all of 127.0.0.0/8 to lo) is an outlet with
one or more feeds, a few with many as big outlets have; every feed is RSS 2.0 or Atom and lists
its latest 10–50 entries, newest first, with ETag and Last-Modified (304 to a conditional GET).
Each entry's page is a real HTML page of 20–200 KB from the extraction dev set, with a canonical
link of the entry's own URL so that every entry is its own article. Titles and summaries are
lines of the same pages' text.

One thread serves every host: a selector over all the listening sockets hands each connection to
http.server's handler on a thread of its own (`process_request`), as `ThreadingHTTPServer` does,
without one `serve_forever` loop per host.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
import selectors
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from trafilatura import extract_metadata

from tests.support.feeds.server import KeepAliveHandler

# The dev set lives beside the repository (../shared/devsets), as the other benches expect.
DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devsets" / "extraction-dev.jsonl.gz"
CACHE = Path(__file__).resolve().parents[1] / ".cache" / "feeds_scale_pages.json"
_PAGE_BYTES = (20_000, 200_000)
_CANONICAL = re.compile(r"<link[^>]+rel=[\"']?canonical[^>]*>|<meta[^>]+property=[\"']?og:url[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)
_HEADLINE = re.compile(r"[A-Z][\w ,'’:–—-]{39,109}")


@dataclass(frozen=True)
class Page:
    """A dev-set page cut where the canonical link goes."""

    before: str
    after: str

    def render(self, url: str) -> bytes:
        return f'{self.before}<link rel="canonical" href="{escape(url)}">{self.after}'.encode()


@dataclass(frozen=True)
class Texts:
    pages: list[Page]
    titles: list[str]
    summaries: list[str]


def load_texts(path: Path = DEVSET, cache: Path = CACHE) -> Texts:
    """The dev set's pages of 20–200 KB (their canonical and og:url links removed) and lines of their text."""
    pages, titles, summaries = [], [], []
    stat = path.stat()
    version = f"{stat.st_size}-{stat.st_mtime_ns}"
    known = json.loads(cache.read_text(encoding="utf-8")) if cache.exists() else {}
    rejected: set[str] | None = set(known["rejected"]) if known.get("version") == version else None
    probed: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            html = record["html"]
            if not _PAGE_BYTES[0] <= len(html.encode()) <= _PAGE_BYTES[1]:
                continue
            html = _CANONICAL.sub("", html)
            head = _HEAD.search(html)
            cut = head.end() if head else 0
            page = Page(html[:cut], html[cut:])
            if rejected is None and not _keeps_canonical(page):
                probed.add(record["id"])
            if record["id"] in (probed if rejected is None else rejected):
                continue
            pages.append(page)
            for text in record["dump_inscriptis"].splitlines():
                text = text.strip()
                if _HEADLINE.fullmatch(text) and text.count(" ") >= 5:
                    titles.append(text)
                elif 150 <= len(text) <= 600:
                    summaries.append(text)
    if rejected is None:
        # The probe extracts every page's metadata: a minute on a busy machine, so its answer is kept.
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps({"version": version, "rejected": sorted(probed)}), encoding="utf-8")
    return Texts(pages, titles, summaries)


def _keeps_canonical(page: Page) -> bool:
    """Whether the page's URL, as extraction reads it, is the canonical link put in: some pages
    name theirs elsewhere too (JSON-LD, twitter:url), which would give all their entries one id."""
    probe = "http://127.0.0.2/probe.html"
    return extract_metadata(page.render(probe).decode()).url == probe


@dataclass
class Entry:
    key: str
    url: str
    title: str
    summary: str
    page: int
    published: datetime


@dataclass
class SimFeed:
    number: int
    host: str
    kind: str
    """`rss` or `atom`."""
    size: int
    entries: deque[Entry] = field(default_factory=deque)
    changed: datetime = field(default_factory=lambda: datetime(2024, 1, 1, tzinfo=UTC))
    body: bytes = b""
    etag: str = ""

    @property
    def path(self) -> str:
        return f"/feeds/{self.number}.{'xml' if self.kind == 'rss' else 'atom'}"


class ScaleSite:
    """`feeds` feeds over `hosts` loopback hosts on one port; `publish()` adds an entry to a feed."""

    def __init__(self, feeds: int, hosts: int, texts: Texts, *, seed: int = 7) -> None:
        self._rng = random.Random(seed)
        self._texts = texts
        self._lock = threading.Lock()
        self.hosts = [f"127.0.{(n + 2) // 256}.{(n + 2) % 256}" for n in range(hosts)]
        self.port = 0
        self.feeds = [
            SimFeed(n, self.hosts[host], self._rng.choice(("rss", "atom")), self._rng.randint(10, 50))
            for n, host in enumerate(self._assign_hosts(feeds, hosts))
        ]
        self._by_path = {(feed.host, feed.path): feed for feed in self.feeds}
        self._pages: dict[tuple[str, str], Entry] = {}
        self.requests: Counter[str] = Counter()
        """Requests per kind: feed, not_modified, page, robots, other."""
        self.feed_polls: dict[int, list[float]] = {feed.number: [] for feed in self.feeds}
        """Monotonic times of each feed's GETs."""
        self.page_fetched: dict[str, float] = {}
        """Epoch time of the first GET of each entry's page, by URL."""
        self._count = 0
        self._servers: list[ThreadingHTTPServer] = []
        self._selector = selectors.DefaultSelector()
        self._running = threading.Event()

    def _assign_hosts(self, feeds: int, hosts: int) -> list[int]:
        """Every host gets a feed, the rest go to hosts drawn with weight 1/rank: a few big outlets with many feeds."""
        assigned = list(range(min(feeds, hosts)))
        weights = [1 / (rank + 1) for rank in range(hosts)]
        assigned += self._rng.choices(range(hosts), weights, k=feeds - len(assigned))
        return assigned

    def fill(self, now: datetime) -> None:
        """Give every feed its full list of entries, published over the past days."""
        for feed in self.feeds:
            for age in range(feed.size, 0, -1):
                self._add(feed, now - timedelta(minutes=age * self._rng.randint(20, 180)))

    def publish(self, number: int) -> Entry:
        """A new entry at the top of feed `number`, published now."""
        return self._add(self.feeds[number], datetime.now(UTC))

    def feed_url(self, feed: SimFeed) -> str:
        return f"http://{feed.host}:{self.port}{feed.path}"

    def _add(self, feed: SimFeed, published: datetime) -> Entry:
        with self._lock:
            self._count += 1
            key = f"e{self._count}"
            texts = self._texts
            entry = Entry(
                key=key,
                url=f"http://{feed.host}:{self.port}/{published:%Y/%m/%d}/{key}.html",
                title=self._rng.choice(texts.titles),
                summary=self._rng.choice(texts.summaries),
                page=self._rng.randrange(len(texts.pages)),
                published=published.replace(microsecond=0),
            )
            feed.entries.appendleft(entry)
            self._pages[(feed.host, f"/{published:%Y/%m/%d}/{key}.html")] = entry
            while len(feed.entries) > feed.size:
                gone = feed.entries.pop()
                self._pages.pop((feed.host, gone.url.split(f":{self.port}", 1)[1]), None)
            # Whole seconds, as HTTP dates have; always later, so the validators change.
            feed.changed = max(feed.changed + timedelta(seconds=1), published.replace(microsecond=0))
            feed.body = _render(feed, self.port)
            feed.etag = '"' + hashlib.sha1(feed.body).hexdigest()[:16] + '"'
        return entry

    # -- serving ----------------------------------------------------------------------------

    def start(self) -> ScaleSite:
        """Listen on every host (one port for all) and serve from a thread."""
        handler = self._handler()
        for host in self.hosts:
            server = ThreadingHTTPServer((host, self.port), handler, bind_and_activate=True)
            server.daemon_threads = True
            self.port = server.server_port
            self._servers.append(server)
            self._selector.register(server.socket, selectors.EVENT_READ, server)
        self._running.set()
        threading.Thread(target=self._serve, name="scale-site", daemon=True).start()
        return self

    def _serve(self) -> None:
        while self._running.is_set():
            for key, _ in self._selector.select(timeout=0.2):
                server: ThreadingHTTPServer = key.data
                try:
                    request, address = server.get_request()
                except OSError:
                    continue
                server.process_request(request, address)

    def stop(self) -> None:
        self._running.clear()
        for server in self._servers:
            server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(KeepAliveHandler):
            def do_GET(self) -> None:
                host = self.connection.getsockname()[0]
                path = self.path.split("?", 1)[0]
                if path == "/robots.txt":
                    site._count_request("robots")
                    self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
                    return
                with site._lock:
                    feed = site._by_path.get((host, path))
                    entry = site._pages.get((host, path))
                if feed is not None:
                    with site._lock:
                        body, etag, changed = feed.body, feed.etag, feed.changed
                    site._count_request("feed", feed.number)
                    validators = {"ETag": etag, "Last-Modified": format_datetime(changed, usegmt=True)}
                    if self.headers.get("If-None-Match") == etag:
                        site._count_request("not_modified")
                        self._send(304, b"", None, validators)
                    else:
                        kind = "application/rss+xml" if feed.kind == "rss" else "application/atom+xml"
                        self._send(200, body, f"{kind}; charset=utf-8", validators)
                elif entry is not None:
                    site._count_request("page")
                    site.page_fetched.setdefault(entry.url, time.time())
                    self._send(200, site._texts.pages[entry.page].render(entry.url), "text/html; charset=utf-8")
                else:
                    site._count_request("other")
                    self._send(404, b"not found", "text/plain")

        return Handler

    def _count_request(self, kind: str, feed: int | None = None) -> None:
        with self._lock:
            self.requests[kind] += 1
            if feed is not None:
                self.feed_polls[feed].append(time.monotonic())


def _render(feed: SimFeed, port: int) -> bytes:
    site = f"http://{feed.host}:{port}/"
    if feed.kind == "atom":
        entries = "".join(
            f'<entry><title>{escape(e.title)}</title><link rel="alternate" href="{escape(e.url)}"/>'
            f"<id>tag:{feed.host},2024:{e.key}</id><published>{e.published.isoformat()}</published>"
            f"<updated>{e.published.isoformat()}</updated><author><name>Newsroom</name></author>"
            f'<summary type="html">{escape(e.summary)}</summary></entry>'
            for e in feed.entries
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Outlet {feed.host}: feed {feed.number}</title><id>tag:{feed.host},2024:feed-{feed.number}</id>"
            f'<link rel="alternate" href="{site}"/><updated>{feed.changed.isoformat()}</updated>{entries}</feed>'
        ).encode()
    items = "".join(
        f"<item><title>{escape(e.title)}</title><link>{escape(e.url)}</link>"
        f'<guid isPermaLink="false">{feed.host}-{e.key}</guid>'
        f"<description>&lt;p&gt;{escape(e.summary)}&lt;/p&gt;</description>"
        f"<pubDate>{format_datetime(e.published)}</pubDate><dc:creator>Newsroom</dc:creator></item>"
        for e in feed.entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel><title>Outlet {feed.host}: feed {feed.number}</title><link>{site}</link>"
        f"<description>News</description><language>en</language>{items}</channel></rss>"
    ).encode()
