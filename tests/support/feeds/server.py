"""A small news site on 127.0.0.1 for the feed tests: feeds in every format, article pages, robots.txt.

Feeds (each lists the articles added to it, newest first):
  /rss.xml          RSS 2.0 with guids, ETag and Last-Modified, 304 to conditional requests
  /rss-noguid.xml   RSS 2.0 without guids (entries keyed by link)
  /atom.xml         Atom 1.0
  /feed.json        JSON Feed 1.1
  /malformed.xml    a gateway error page, not a feed
  /flaky.xml        500 with Retry-After for the first `flaky_failures` requests, then RSS 2.0
  /slow.xml         RSS 2.0 after `slow_seconds`
Pages: /articles/<slug>.html (gzip when asked; 503 for the first `page_failures[slug]` requests),
/robots.txt (disallows /private/), /redirect?to=URL (302), /large (2 MB).
Misbehaving: /reset (connection reset, no response), /loop (redirects to itself), /endless (chunked,
never ends), /trickle (a few bytes every 0.1 s, each within the read timeout, for ever),
/slow-headers (the same, in the headers).
`bodies[path] = (bytes, content_type)` serves any fixed body (the hostile-feed tests, the corpus of
tests/support/feeds/corpus.py); `responses[path] = (status, bytes, content_type, headers)` any response.
`FeedServer(tls=(certfile, keyfile))` serves HTTPS instead.
Every request and the body bytes sent are counted per path.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import socket
import ssl
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from string import Template
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

HERE = Path(__file__).parent
_PAGE = Template((HERE / "article.html").read_text(encoding="utf-8"))
FEEDS = ("rss", "rss-noguid", "atom", "json", "flaky", "slow")
_PATHS = {
    "/rss.xml": "rss",
    "/rss-noguid.xml": "rss-noguid",
    "/atom.xml": "atom",
    "/feed.json": "json",
    "/flaky.xml": "flaky",
    "/slow.xml": "slow",
}


@dataclass
class Story:
    slug: str
    title: str
    summary: str
    published: datetime
    author: str = "Mara Lindqvist"

    def paragraphs(self) -> list[str]:
        token = self.slug.replace("-", "")
        return [
            f"HARBOURTON - {self.summary} The harbour master confirmed the details on Tuesday morning, "
            f"and the report was filed under reference {token}.",
            "Dock workers said the change had been discussed for months at union meetings, where members "
            "raised concerns about shift patterns, safety equipment and the cost of living in the town.",
            "The council said it would publish the full figures next week, after a review by independent "
            "auditors, and invited residents to a public meeting at the town hall on Thursday evening.",
            "Local businesses along the quay welcomed the news. One cafe owner said that trade had been "
            "slow since the spring and that any increase in visitors would make a real difference.",
        ]


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gives up mid-response (the timeout tests) is expected, not worth a traceback."""


class KeepAliveHandler(BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive, as news sites serve, quiet, answering without delayed-ACK stalls."""

    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes: without this, delayed ACKs add ~40 ms a response.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, content_type: str | None, headers: dict[str, str] | None = None) -> bool:
        """Whether the client took the whole answer."""
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                return False  # the client gave up (a timeout test, a stopped watch)
        return True


class FeedServer:
    def __init__(self, tls: tuple[str, str] | None = None) -> None:
        self.stories: dict[str, list[Story]] = {feed: [] for feed in FEEDS}
        self.requests: Counter[str] = Counter()
        self.bytes_sent: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.user_agents: set[str] = set()
        self.flaky_failures = 2
        self.retry_after = "1"
        self.slow_seconds = 3.0
        self.page_failures: Counter[str] = Counter()
        self.first_seen: dict[str, float] = {}
        self.max_items = 100
        self.bodies: dict[str, tuple[bytes, str | None]] = {}
        self.responses: dict[str, tuple[int, bytes, str | None, dict[str, str]]] = {}
        self.tls = tls is not None
        """Entries per feed, newest first, as real feeds list only their latest."""
        self._lock = threading.Lock()
        self._changed: dict[str, datetime] = {feed: datetime(2024, 6, 1, tzinfo=UTC) for feed in FEEDS}
        self._httpd = _QuietServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True, do_handshake_on_connect=False)
        # stop() waits for serve_forever's next poll: 0.5 s by default, at every test's end.
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self._httpd.server_port}"

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def add(self, feed: str, slug: str, title: str | None = None, summary: str | None = None, published: datetime | None = None) -> Story:
        story = Story(
            slug=slug,
            title=title or f"Harbour story {slug.replace('-', ' ')}",
            summary=summary or f"A new development at the harbour, known as {slug}, was announced today.",
            published=published or datetime(2024, 6, 3, 9, 30, tzinfo=UTC),
        )
        with self._lock:
            self.stories[feed].insert(0, story)
            # Whole seconds, as HTTP dates have; always later, so validators change.
            self._changed[feed] = max(self._changed[feed] + timedelta(seconds=1), datetime.now(UTC).replace(microsecond=0))
            self.first_seen[slug] = time.time()
        return story

    def url(self, slug: str) -> str:
        return f"{self.base}/articles/{slug}.html"

    def page_requests(self) -> int:
        return sum(count for path, count in self.requests.items() if path.startswith("/articles/"))

    # -- rendering -------------------------------------------------------------------------

    def _feed_body(self, feed: str) -> tuple[bytes, str]:
        stories = self.stories[feed][: self.max_items]
        if feed == "atom":
            return self._atom(stories), "application/atom+xml; charset=utf-8"
        if feed == "json":
            return self._json_feed(stories), "application/feed+json"
        return self._rss(stories, guids=feed != "rss-noguid"), "application/rss+xml; charset=utf-8"

    def _rss(self, stories: list[Story], guids: bool) -> bytes:
        items = []
        for s in stories:
            guid = f'<guid isPermaLink="false">harbour-gazette-{s.slug}</guid>' if guids else ""
            items.append(
                f"<item><title>{escape(s.title)}</title><link>{self.url(s.slug)}</link>{guid}"
                f"<description>&lt;p&gt;{escape(s.summary)}&lt;/p&gt;</description>"
                f"<pubDate>{format_datetime(s.published)}</pubDate><dc:creator>{s.author}</dc:creator>"
                f"<category>Port</category></item>"
            )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<channel><title>The Harbour Gazette</title><link>{self.base}/</link><description>Port news</description>"
            f"<language>en</language>{''.join(items)}</channel></rss>"
        ).encode()

    def _atom(self, stories: list[Story]) -> bytes:
        entries = "".join(
            f'<entry><title>{escape(s.title)}</title><link rel="alternate" href="{self.url(s.slug)}"/>'
            f"<id>tag:harbour.example,2024:{s.slug}</id><published>{s.published.isoformat()}</published>"
            f"<updated>{s.published.isoformat()}</updated><author><name>{s.author}</name></author>"
            f'<summary type="html">{escape(s.summary)}</summary><category term="City"/></entry>'
            for s in stories
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>The Harbour Gazette: City</title><id>tag:harbour.example,2024:city</id>"
            f"<updated>2024-06-03T09:30:00Z</updated>{entries}</feed>"
        ).encode()

    def _json_feed(self, stories: list[Story]) -> bytes:
        return json.dumps(
            {
                "version": "https://jsonfeed.org/version/1.1",
                "title": "The Harbour Gazette: Quay",
                "home_page_url": f"{self.base}/",
                "items": [
                    {
                        "id": f"quay-{s.slug}",
                        "url": self.url(s.slug),
                        "title": s.title,
                        "summary": s.summary,
                        "date_published": s.published.isoformat(),
                        "authors": [{"name": s.author}],
                        "tags": ["Quay"],
                    }
                    for s in stories
                ],
            }
        ).encode("utf-8")

    def _page(self, slug: str) -> bytes | None:
        story = next((s for stories in self.stories.values() for s in stories if s.slug == slug), None)
        if story is None:
            return None
        paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in story.paragraphs())
        return _PAGE.substitute(
            title=escape(story.title),
            url=self.url(slug),
            summary=escape(story.summary),
            author=story.author,
            published=story.published.isoformat(),
            modified=(story.published + timedelta(hours=1)).isoformat(),
            paragraphs=paragraphs,
        ).encode("utf-8")

    # -- HTTP ------------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(KeepAliveHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                path = parts.path
                with server._lock:
                    server.requests[path] += 1
                    count = server.requests[path]
                    server.user_agents.add(self.headers.get("User-Agent", ""))
                if path in server.responses:
                    self._send(*server.responses[path])
                elif path in server.bodies:
                    self._send(200, *server.bodies[path])
                elif path in _PATHS:
                    self._feed(_PATHS[path], count)
                elif path == "/reset":
                    # SO_LINGER 0: close() sends RST instead of FIN.
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    self.close_connection = True
                elif path == "/loop":
                    self._send(302, b"", "text/plain", {"Location": "/loop"})
                elif path == "/slow-headers":
                    self._slow_headers()
                elif path in ("/endless", "/trickle"):
                    self._stream(path == "/trickle")
                elif path == "/malformed.xml":
                    self._send(200, (HERE / "malformed.xml").read_bytes(), "application/rss+xml")
                elif path.startswith("/articles/"):
                    self._article(path.removeprefix("/articles/").removesuffix(".html"))
                elif path == "/robots.txt":
                    self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
                elif path == "/redirect":
                    self._send(302, b"", "text/plain", {"Location": parse_qs(parts.query)["to"][0]})
                elif path == "/large":
                    self._send(200, b"x" * (2 * 1024 * 1024), "text/plain")
                else:
                    self._send(404, b"not found", "text/plain")

            def _feed(self, feed: str, count: int) -> None:
                if feed == "flaky" and count <= server.flaky_failures:
                    self._send(500, b"upstream error", "text/plain", {"Retry-After": server.retry_after})
                    return
                if feed == "slow":
                    time.sleep(server.slow_seconds)
                with server._lock:
                    body, content_type = server._feed_body(feed)
                    changed = server._changed[feed]
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                validators = {"ETag": etag, "Last-Modified": format_datetime(changed, usegmt=True)}
                if self.headers.get("If-None-Match") == etag:
                    with server._lock:
                        server.not_modified[feed] += 1
                    self._send(304, b"", None, validators)
                    return
                self._send(200, body, content_type, validators)

            def _slow_headers(self) -> None:
                try:
                    self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                    while True:
                        self.wfile.write(b"X-Slow: a\r\n")
                        self.wfile.flush()
                        time.sleep(0.1)
                except (OSError, ValueError):
                    self.close_connection = True

            def _stream(self, trickle: bool) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"<!-- " + b"x" * (10 if trickle else 60_000) + b" -->"
                try:
                    head = b'<?xml version="1.0"?><rss version="2.0"><channel>'
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(head), head))
                    while True:
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                        self.wfile.flush()
                        time.sleep(0.1 if trickle else 0.001)
                except (OSError, ValueError):
                    self.close_connection = True  # the client gave up, as it should

            def _article(self, slug: str) -> None:
                with server._lock:
                    failing = server.page_failures[slug] > 0
                    if failing:
                        server.page_failures[slug] -= 1
                if failing:
                    self._send(503, b"try again later", "text/plain")
                    return
                page = server._page(slug)
                if page is None:
                    self._send(404, b"not found", "text/plain")
                    return
                headers = {"Last-Modified": "Mon, 03 Jun 2024 10:30:00 GMT"}
                if "gzip" in self.headers.get("Accept-Encoding", ""):
                    page = gzip.compress(page)
                    headers["Content-Encoding"] = "gzip"
                self._send(200, page, "text/html; charset=utf-8", headers)

            def _send(self, status: int, body: bytes, content_type: str | None, headers: dict[str, str] | None = None) -> bool:
                # Counted before the body is written: a client that has read it may look at the
                # count before this thread runs again (a test read it one body short on a busy machine).
                path = urlsplit(self.path).path
                with server._lock:
                    server.bytes_sent[path] += len(body)
                sent = super()._send(status, body, content_type, headers)
                if not sent:
                    with server._lock:
                        server.bytes_sent[path] -= len(body)
                return sent

        return Handler
