"""Polling one feed: conditional GET, parsing, backoff on failure, Retry-After and the feed's own
ttl, and when it is next due."""

from __future__ import annotations

import email.utils
import logging
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from connectors.feeds.parsing import (
    FeedEntry,
    FeedParseError,
    UnreadableEntry,
    parse_feed,
)
from connectors.http import FetchError, HttpClient, shown_url
from foundation.feed_settings import Feed, FeedsConfig

log = logging.getLogger(__name__)

_MAX_RETRY_AFTER = 86400.0


@dataclass(frozen=True)
class FeedState:
    """What newsbeam remembers about one feed between polls."""

    etag: str | None = None
    last_modified: str | None = None
    next_due: float = 0.0
    """Epoch seconds."""
    failures: int = 0
    min_interval: float | None = None


@dataclass(frozen=True)
class PollResult:
    state: FeedState
    status: int | None
    """The HTTP status, None when there was no response."""
    entries: list[FeedEntry] = field(default_factory=list)
    error: str | None = None
    unreadable: list[UnreadableEntry] = field(default_factory=list)
    over_limit: int = 0


def poll_feed(client: HttpClient, feed: Feed, config: FeedsConfig, state: FeedState, now: float | None = None) -> PollResult:
    """GET the feed (conditionally), parse it (at most `polling.max_entries_per_poll` entries) and work out when it is next due."""
    now = time.time() if now is None else now
    interval = config.interval_of(feed)
    try:
        response = client.get(feed.url, _conditional_headers(state))
    except FetchError as exc:
        return _failed(state, None, str(exc), None, interval, config, now)
    if response.status == 304:
        return PollResult(_succeeded(state, state.min_interval, interval, now), 304)
    if response.status != 200:
        header = response.header("retry-after")
        retry_after = _retry_after(header, now)
        return _failed(state, response.status, f"HTTP {response.status}{_retry_after_note(header, retry_after)}", retry_after, interval, config, now)
    try:
        parsed = parse_feed(response.content, response.header("content-type"), response.url, config.polling.max_entries_per_poll)
    except FeedParseError as exc:
        return _failed(state, 200, f"not a feed: {exc}", None, interval, config, now)
    except Exception as exc:  # noqa: BLE001 - a parser bug on one feed is a failed poll, not a dead pipeline
        log.debug("%s: unexpected error reading the feed", shown_url(response.url), exc_info=True)
        return _failed(state, 200, f"feed not read: unexpected {type(exc).__name__}: {exc}", None, interval, config, now)
    validators = {"etag": response.header("etag"), "last_modified": response.header("last-modified")}
    state = _succeeded(replace(state, **validators), parsed.min_interval, interval, now)
    return PollResult(state, 200, parsed.entries, unreadable=parsed.unreadable, over_limit=parsed.over_limit)


def poll_failed(state: FeedState, reason: str, config: FeedsConfig, feed: Feed, now: float) -> PollResult:
    """The result of a poll that failed for a reason of newsbeam's own (a bug): backs off like any failure."""
    return _failed(state, None, reason, None, config.interval_of(feed), config, now)


def describe_next_poll(next_due: float, now: float) -> str:
    """`in 2 min, at 13:02:00 UTC`: for log lines."""
    at = datetime.fromtimestamp(next_due, timezone.utc).strftime("%H:%M:%S")
    return f"in {_duration(next_due - now)}, at {at} UTC"


def _duration(seconds: float) -> str:
    seconds = max(round(seconds), 0)
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min" + (f" {seconds % 60} s" if seconds % 60 else "")
    return f"{seconds // 3600} h" + (f" {seconds % 3600 // 60} min" if seconds % 3600 // 60 else "")


def _retry_after_note(header: str | None, retry_after: float | None) -> str:
    if not header:
        return ""
    if retry_after is None:
        return f" (Retry-After {header.strip()[:40]!r} not understood)"
    return f" (Retry-After: {header.strip()[:40]}, waits at least {_duration(retry_after)})"


def _conditional_headers(state: FeedState) -> dict[str, str]:
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def _succeeded(state: FeedState, min_interval: float | None, interval: float, now: float) -> FeedState:
    return replace(state, failures=0, min_interval=min_interval, next_due=now + max(interval, min_interval or 0))


def _failed(state: FeedState, status: int | None, reason: str, retry_after: float | None, interval: float, config: FeedsConfig, now: float) -> PollResult:
    failures = state.failures + 1
    delay = min(interval * 2 ** min(failures, 30), config.polling.max_backoff)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return PollResult(replace(state, failures=failures, next_due=now + delay), status, error=reason)


def _retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a `Retry-After` header (seconds or an HTTP date), at most a day."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), _MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return min(max(when.timestamp() - now, 0.0), _MAX_RETRY_AFTER)
