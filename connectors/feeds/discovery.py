"""A site's feeds and news sitemaps, found from one of its pages (`newsbeam feeds discover URL`).

Feeds: the page's `<link rel="alternate">` feeds (trafilatura's `determine_feed`, which also falls
back to `<a>` links that look like feeds), then the paths where sites usually put them. Every
candidate is fetched and kept only when `parse_feed` reads it: a path that answers an HTML page
(as many sites do for any path) is not a feed. trafilatura's own `find_feed_urls` is not used
whole: it downloads through its own client, without newsbeam's timeouts, size cap and
private-address guard.

News sitemaps: the `Sitemap:` lines of robots.txt and the usual sitemap paths; a sitemap is a
news sitemap when it holds `<news:news>` (Google News sitemaps). A sitemap index is followed one
level down, to at most `_INDEX_CHILDREN` of its sitemaps (those named "news" first).
"""

from __future__ import annotations

import json
import logging
import re
import zlib
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from trafilatura.feeds import FeedParameters, determine_feed

from connectors.feeds.parsing import parse_feed
from connectors.feeds.xml_safety import FeedParseError, refuse_entity_declarations
from connectors.http import FetchError, HostLimiter, HttpClient, HttpResponse, shown_url

log = logging.getLogger(__name__)

COMMON_FEED_PATHS = (
    "/feed",
    "/feed/",
    "/rss",
    "/rss.xml",
    "/atom.xml",
    "/feed.xml",
    "/index.xml",
    "/feed.json",
    "/feeds/posts/default",
    "/?feed=rss2",
    "/rss/index.xml",
)
COMMON_SITEMAP_PATHS = ("/sitemap.xml", "/news-sitemap.xml", "/sitemap_news.xml", "/sitemap-news.xml")
_NEWS_NAMESPACE = "http://www.google.com/schemas/sitemap-news/0.9"
_INDEX_CHILDREN = 10
_SITEMAP_LIMIT = 50 * 1024 * 1024  # the sitemap protocol's cap on an uncompressed sitemap
_SITEMAP_LINE = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.I | re.M)


class DiscoveryError(Exception):
    """The page itself could not be fetched."""


@dataclass(frozen=True)
class FoundFeed:
    url: str
    title: str | None
    entries: int
    found_by: str
    """"link" (the page's <link rel="alternate">), "path" (a common path) or "page" (the URL given is a feed)."""


@dataclass(frozen=True)
class FoundSitemap:
    url: str
    news_urls: int
    """Articles in it with <news:news>."""
    found_by: str
    """"robots.txt" or "path"."""


@dataclass
class Discovery:
    page: str
    feeds: list[FoundFeed] = field(default_factory=list)
    news_sitemaps: list[FoundSitemap] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    """(URL tried, why it is not a feed or news sitemap)."""

    def to_json(self) -> str:
        return json.dumps(
            {
                "page": self.page,
                "feeds": [asdict(feed) for feed in self.feeds],
                "news_sitemaps": [asdict(sitemap) for sitemap in self.news_sitemaps],
                "rejected": [{"url": url, "reason": reason} for url, reason in self.rejected],
            },
            ensure_ascii=False,
        )


class _Fetcher:
    """GETs through the guarded client, spaced out per host as the feeds file's politeness asks."""

    def __init__(self, client: HttpClient, limiter: HostLimiter) -> None:
        self._client, self._limiter = client, limiter
        self.seen: set[str] = set()

    def get(self, url: str) -> HttpResponse:
        with self._limiter.slot(url):
            return self._client.get(
                url, {"Accept": "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8"}
            )


def discover(url: str, client: HttpClient, limiter: HostLimiter, max_entries: int | None = None) -> Discovery:
    """The feeds and news sitemaps of the site of `url`; DiscoveryError when the page cannot be fetched."""
    fetcher = _Fetcher(client, limiter)
    try:
        page = fetcher.get(url)
    except FetchError as exc:
        raise DiscoveryError(f"cannot fetch {shown_url(url)}: {exc}") from exc
    if page.status != 200:
        raise DiscoveryError(f"{shown_url(url)} answered HTTP {page.status}")
    found = Discovery(page.url)
    if "html" not in (page.header("content-type") or ""):
        # The URL may be a feed already (`discover https://site/rss.xml`): report it too.
        fetcher.seen.add(page.url)
        _read_feed(page, "page", found, max_entries, tried=url)
    root = urljoin(page.url, "/")
    candidates = [(link, "link") for link in _alternate_links(page)]
    candidates += [(urljoin(root, path), "path") for path in COMMON_FEED_PATHS]
    for candidate, found_by in candidates:
        _check_feed(fetcher, candidate, found_by, found, max_entries)
    for sitemap, found_by in _sitemap_candidates(fetcher, root):
        _check_sitemap(fetcher, sitemap, found_by, found, follow=True)
    return found


def _alternate_links(page: HttpResponse) -> list[str]:
    html = page.content.decode("utf-8", errors="replace")
    # The page's own URL as the base: a relative href is relative to the page, not to the site's root.
    return determine_feed(html, FeedParameters(page.url, urlsplit(page.url).hostname or "", page.url))


def _first_answer(fetcher: _Fetcher, url: str, found: Discovery) -> HttpResponse | None:
    """The 200 answer for a URL not tried before; None (and the reason in `found.rejected`) otherwise."""
    if url in fetcher.seen:
        return None
    fetcher.seen.add(url)
    try:
        response = fetcher.get(url)
    except FetchError as exc:
        found.rejected.append((url, str(exc)))
        return None
    if response.status != 200:
        found.rejected.append((url, f"HTTP {response.status}"))
        return None
    return response


def _check_feed(fetcher: _Fetcher, url: str, found_by: str, found: Discovery, max_entries: int | None) -> None:
    response = _first_answer(fetcher, url, found)
    if response is None:
        return
    if response.url != url and any(feed.url == response.url for feed in found.feeds):
        return  # a common path redirecting to a feed already found
    _read_feed(response, found_by, found, max_entries, tried=url)


def _read_feed(response: HttpResponse, found_by: str, found: Discovery, max_entries: int | None, tried: str) -> None:
    try:
        parsed = parse_feed(response.content, response.header("content-type"), response.url, max_entries)
    except FeedParseError as exc:
        found.rejected.append((tried, f"not a feed: {exc}"))
        return
    entries = len(parsed.entries) + len(parsed.unreadable) + parsed.over_limit
    found.feeds.append(FoundFeed(response.url, _feed_title(response.content), entries, found_by))


def _feed_title(content: bytes) -> str | None:
    """The feed's own title; parse_feed (which has already accepted the document) returns entries only."""
    if content.lstrip()[:1] == b"{":
        try:
            title = json.loads(content).get("title")
        except (ValueError, AttributeError):
            return None
        return title.strip() if isinstance(title, str) and title.strip() else None
    tree = _xml(content, recover=True)
    if tree is None:
        return None
    # RSS: channel/title; RDF: channel/title; Atom: feed/title. The first <title> that is not an item's.
    for element in tree.iter("{*}title"):
        parent = element.getparent()
        if parent is not None and etree.QName(parent).localname in ("channel", "feed"):
            text = " ".join("".join(element.itertext()).split())
            return text or None
    return None


def _sitemap_candidates(fetcher: _Fetcher, root: str) -> list[tuple[str, str]]:
    listed: list[tuple[str, str]] = []
    try:
        robots = fetcher.get(urljoin(root, "/robots.txt"))
    except FetchError as exc:
        log.info("no robots.txt from %s: %s", shown_url(root), exc)
    else:
        if robots.status == 200:
            text = robots.content.decode("utf-8", errors="replace")
            listed = [(urljoin(root, match), "robots.txt") for match in _SITEMAP_LINE.findall(text)]
    return listed + [(urljoin(root, path), "path") for path in COMMON_SITEMAP_PATHS]


def _check_sitemap(fetcher: _Fetcher, url: str, found_by: str, found: Discovery, follow: bool) -> None:
    response = _first_answer(fetcher, url, found)
    if response is None:
        return
    content = _gunzipped(response.content)
    tree = _xml(content, recover=False)
    if tree is None:
        found.rejected.append((url, "not a sitemap: not well-formed XML"))
        return
    kind = etree.QName(tree).localname
    if kind == "sitemapindex" and follow:
        children = [" ".join("".join(loc.itertext()).split()) for loc in tree.iterfind("{*}sitemap/{*}loc")]
        children.sort(key=lambda child: "news" not in child.lower())
        for child in children[:_INDEX_CHILDREN]:
            _check_sitemap(fetcher, urljoin(url, child), found_by, found, follow=False)
        return
    if kind != "urlset":
        found.rejected.append((url, f"not a sitemap: <{kind}>"))
        return
    news = sum(1 for entry in tree.iterfind("{*}url") if entry.find(f"{{{_NEWS_NAMESPACE}}}news") is not None)
    if news:
        found.news_sitemaps.append(FoundSitemap(response.url, news, found_by))
    else:
        found.rejected.append((url, "a sitemap, but not a news sitemap (no <news:news>)"))


def _gunzipped(content: bytes) -> bytes:
    """A `.xml.gz` sitemap decompressed (HTTP's own Content-Encoding is already undone), cut at the size sitemaps may have."""
    if not content.startswith(b"\x1f\x8b"):
        return content
    try:
        return zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(content, _SITEMAP_LIMIT)
    except zlib.error:
        return content


def _xml(content: bytes, recover: bool) -> Any:
    """The document's root element, parsed without entities or network; None when it is not XML."""
    try:
        refuse_entity_declarations(content)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=recover)
        return etree.fromstring(content, parser)
    except (FeedParseError, etree.XMLSyntaxError, ValueError):
        return None
