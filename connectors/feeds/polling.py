"""Polling one feed: conditional GET, parsing, backoff on failure, Retry-After and the feed's own
ttl, and when it is next due."""

from __future__ import annotations

import email.utils
import logging
import time
import zlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

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
_WEEK = 7 * 86400.0


@dataclass(frozen=True)
class FeedState:
    """What newsbeam remembers about one feed between polls."""

    etag: str | None = None
    last_modified: str | None = None
    next_due: float = 0.0
    """Epoch seconds."""
    failures: int = 0
    min_interval: float | None = None
    """The feed's own ttl / sy:updatePeriod, in seconds."""
    interval: float | None = None
    """Seconds between polls as last worked out from the feed's entries (adaptive polling)."""
    interval_reason: str = ""
    schedule: str = ""
    """Why the next poll is when it is, for log lines."""


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
        return PollResult(_succeeded(state, state.min_interval, state.interval or interval, state.interval_reason or "interval", now), 304)
    if response.status != 200:
        header = response.header("retry-after")
        retry_after = _retry_after(header, now)
        return _failed(
            state, response.status, f"HTTP {response.status}{_retry_after_note(header, retry_after)}", retry_after, interval, config, now
        )
    try:
        parsed = parse_feed(response.content, response.header("content-type"), response.url, config.polling.max_entries_per_poll)
    except FeedParseError as exc:
        return _failed(state, 200, f"not a feed: {exc}", None, interval, config, now)
    except Exception as exc:  # a parser bug on one feed is a failed poll, not a dead pipeline
        log.debug("%s: unexpected error reading the feed", shown_url(response.url), exc_info=True)
        return _failed(state, 200, f"feed not read: unexpected {type(exc).__name__}: {exc}", None, interval, config, now)
    validated = replace(state, etag=response.header("etag"), last_modified=response.header("last-modified"))
    interval, schedule = _adapted(interval, feed, config, parsed.entries, now)
    state = _succeeded(validated, parsed.min_interval, interval, schedule, now)
    return PollResult(state, 200, parsed.entries, unreadable=parsed.unreadable, over_limit=parsed.over_limit)


def poll_failed(state: FeedState, reason: str, config: FeedsConfig, feed: Feed, now: float) -> PollResult:
    """The result of a poll that failed for a reason of newsbeam's own (a bug): backs off like any failure."""
    return _failed(state, None, reason, None, config.interval_of(feed), config, now)


def spread_first_poll(state: FeedState, feed: Feed, now: float) -> FeedState:
    """The state after a feed's first poll in a run, with its next poll brought forward to a point
    of its interval that depends on the feed's name (the same point in every run).

    Feeds first polled together (every feed of a `watch` that starts afresh or after a long stop)
    would otherwise stay together, all due in the same tick every interval: one long run of polls
    whose pages wait for its end, then nothing until the next. Moved this way they are spread
    evenly over the interval from their second poll on. A feed is polled sooner once, never later;
    the feed's ttl still holds, and a failed poll keeps its backoff or Retry-After.
    """
    if state.failures:
        return state
    share = (zlib.crc32(feed.name.encode("utf-8")) % 1000 + 1) / 1000
    next_due = min(state.next_due, now + max((state.next_due - now) * share, state.min_interval or 0.0))
    if next_due == state.next_due:
        return state
    return replace(state, next_due=next_due, schedule=f"{state.schedule}; the first interval of the run shortened to spread the feeds")


def describe_next_poll(state: FeedState, now: float) -> str:
    """`in 2 min, at 13:02:00 UTC (publishes about every 2 min)`: for log lines."""
    at = datetime.fromtimestamp(state.next_due, UTC).strftime("%H:%M:%S")
    why = f" ({state.schedule})" if state.schedule else ""
    return f"in {_duration(state.next_due - now)}, at {at} UTC{why}"


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


def _adapted(interval: float, feed: Feed, config: FeedsConfig, entries: list[FeedEntry], now: float) -> tuple[float, str]:
    """The interval between polls, and why: the configured one, or with `polling.adaptive` the
    feed's own publishing rate within `polling.min_interval` … `max_interval`.

    As Miniflux's entry-frequency scheduler, but the rate is read from the entries' dates in the
    feed itself (the span of the last week's entries over their count), so it needs no history
    and is right from the first poll, also after a restart. A feed that lists nothing from the last
    week is polled at the upper bound; one without dates keeps the configured interval.
    """
    polling = config.polling
    if not polling.adaptive or feed.interval is not None:
        return interval, "interval"
    dated = [when for when in (_epoch(entry.hints.published_at) for entry in entries) if when is not None]
    if not dated:
        return interval, "interval (entries undated)"
    recent = [when for when in dated if now - _WEEK <= when <= now]
    if not recent:
        return polling.max_interval, "nothing published this week"
    every = max(now - min(recent), 60.0) / len(recent)
    return min(max(every, polling.min_interval), polling.max_interval), f"publishes about every {_duration(every)}"


def _epoch(iso: str | None) -> float | None:
    if not iso:
        return None
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp()


def _succeeded(state: FeedState, min_interval: float | None, interval: float, reason: str, now: float) -> FeedState:
    wait, schedule = (min_interval, "the feed's ttl") if min_interval and min_interval > interval else (interval, reason)
    return replace(
        state, failures=0, min_interval=min_interval, interval=interval, interval_reason=reason, schedule=schedule, next_due=now + wait
    )


def _failed(
    state: FeedState, status: int | None, reason: str, retry_after: float | None, interval: float, config: FeedsConfig, now: float
) -> PollResult:
    failures = state.failures + 1
    delay = min(interval * 2 ** min(failures, 30), config.polling.max_backoff)
    schedule = f"backing off after {failures} failure{'s' if failures > 1 else ''}"
    if retry_after is not None and retry_after > delay:
        delay, schedule = retry_after, "Retry-After"
    return PollResult(replace(state, failures=failures, schedule=schedule, next_due=now + delay), status, error=reason)


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
        when = when.replace(tzinfo=UTC)
    return min(max(when.timestamp() - now, 0.0), _MAX_RETRY_AFTER)
