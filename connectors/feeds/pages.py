"""An entry's article page, fetched politely, and the `RawDocument` an entry becomes."""

from __future__ import annotations

import email.utils
from dataclasses import replace

from connectors.feeds.parsing import FeedEntry
from connectors.http import FetchError, HostLimiter, HttpClient, HttpResponse
from connectors.robots import RobotsDisallowed, RobotsRules
from foundation.feed_settings import Feed
from foundation.records import RawDocument


def fetch_page(client: HttpClient, limiter: HostLimiter, robots: RobotsRules | None, url: str) -> HttpResponse:
    """The article page at `url`, politely; FetchError (retryable or not) when there is none to use."""
    if robots is not None and not robots.allowed(url):
        raise RobotsDisallowed(url)
    with limiter.slot(url):
        response = client.get(url)
    if response.status != 200:
        raise FetchError(f"HTTP {response.status}", retryable=response.status in (408, 429) or response.status >= 500)
    return response


def entry_document(entry: FeedEntry, feed: Feed, page: HttpResponse | None, fetched_at: str) -> RawDocument:
    """The RawDocument for an entry: its page when there is one, else empty content (feed-only)."""
    hints = replace(entry.hints, tags=tuple(dict.fromkeys(entry.hints.tags + feed.tags)))
    if page is None:
        return RawDocument(source=entry.link or f"{feed.name}#{entry.key}", content=b"", url=entry.link, fetched_at=fetched_at, hints=hints)
    hints = replace(hints, http_last_modified=_iso_http_date(page.header("last-modified")))
    return RawDocument(
        source=page.url, content=page.content, url=page.url, content_type=page.header("content-type"), fetched_at=fetched_at, hints=hints
    )


def _iso_http_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError):
        return None
