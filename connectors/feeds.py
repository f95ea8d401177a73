"""Feeds: polling with conditional GET and backoff, parsing, and remembering which entries were seen.

Plain Python (no Beam): `pipelines/monitor.py` keeps a `FeedState` and an `EntryLog` per feed in
Beam state and calls `poll_feed` and `EntryLog.select` from a keyed DoFn.
"""

from __future__ import annotations

import calendar
import email.utils
import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import feedparser.datetimes
import lxml.etree
import lxml.html

from connectors.feed_xml import FeedParseError, refuse_entity_declarations, resolve_html_entities
from connectors.http import FetchError, HostLimiter, HttpClient, HttpResponse, shown_url
from connectors.robots import RobotsDisallowed, RobotsRules
from pipelines.feed_settings import Feed, FeedsConfig
from pipelines.records import RawDocument, SourceHints

log = logging.getLogger(__name__)

_MAX_RETRY_AFTER = 86400.0
_SY_PERIODS = {"hourly": 3600, "daily": 86400, "weekly": 7 * 86400, "monthly": 30 * 86400, "yearly": 365 * 86400}
NEW, UPDATED, RETRY = "new", "updated", "retry"


@dataclass(frozen=True)
class FeedEntry:
    key: str
    """The guid, or the link for entries without one."""
    link: str | None
    hints: SourceHints

    @property
    def fingerprint(self) -> str:
        """Changes when the entry is edited in a way worth fetching its page again for."""
        h = self.hints
        basis = json.dumps([self.link, h.title, h.summary, h.published_at, h.modified_at], ensure_ascii=False)
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class UnreadableEntry:
    """An entry that cannot be indexed (nothing to index, or it could not be read), and why."""

    position: int
    """1 for the first entry of the document."""
    reason: str
    hints: SourceHints = field(default_factory=SourceHints)
    """What could be read of it, kept in its dead letter."""


class _Unreadable(ValueError):
    def __init__(self, reason: str, hints: SourceHints | None = None) -> None:
        super().__init__(reason)
        self.hints = hints or SourceHints()


@dataclass(frozen=True)
class ParsedFeed:
    entries: list[FeedEntry]
    min_interval: float | None = None
    """The feed's own `ttl` / `sy:updatePeriod`, in seconds: no point polling more often."""
    unreadable: list[UnreadableEntry] = field(default_factory=list)
    over_limit: int = 0
    """Entries left out by `polling.max_entries_per_poll` (the oldest)."""


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


def parse_feed(content: bytes, content_type: str | None, url: str, max_entries: int | None = None) -> ParsedFeed:
    """RSS 0.9x/1.0/2.0 and Atom through feedparser; JSON Feed by hand.

    At most `max_entries` entries, the newest (by date; undated ones last, in document order).
    XML that declares entities is refused before parsing (entity expansion, external entities);
    HTML entity references are resolved (`connectors.feed_xml`). An entry with nothing to index
    (no link, id, title or summary) or that cannot be read is returned in `unreadable`, with why.
    """
    if not content.strip():
        raise FeedParseError("empty response body")
    if _looks_like_json(content, content_type):
        return _parse_json_feed(content, url, max_entries)
    refuse_entity_declarations(content)
    content = resolve_html_entities(content)
    trimmed_away = 0
    if max_entries is not None and _count_xml_entries(content) > max_entries:
        # feedparser takes ~1.5 ms per entry: trim the document first, so a poll stays bounded.
        trimmed, listed = _trim_xml(content, max_entries)
        if listed > max_entries:
            content, content_type, trimmed_away = trimmed, "application/xml; charset=utf-8", listed - max_entries
    headers = {"content-type": content_type or "application/xml", "content-location": url}
    try:
        # feedparser gets the bytes, never the URL: its own fetching has no timeout or size limit.
        parsed = feedparser.parse(content, response_headers=headers)
    except Exception as exc:  # noqa: BLE001 - feedparser's own bug, see below
        # feedparser 6.0's loose parser raises on some ill-formed documents (a stray `</width>`:
        # TypeError). lxml's recovering parser repairs them into XML its strict parser reads.
        log.warning("%s is not well-formed and feedparser failed on it (%s: %s); reading it repaired", shown_url(url), type(exc).__name__, exc)
        content, headers["content-type"] = _repaired(content, f"{type(exc).__name__}: {exc}"), "application/xml; charset=utf-8"
        parsed = feedparser.parse(content, response_headers=headers)
    # .get: feedparser leaves `version` out when it recognised nothing (an empty document).
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        raise FeedParseError(str(parsed.get("bozo_exception") or "no RSS or Atom feed found"))
    if parsed.get("bozo"):
        log.warning("%s is not well-formed (%s); using the %d entries recovered", shown_url(url), parsed.get("bozo_exception"), len(parsed.entries))
    entries, unreadable = _read_entries(parsed.entries, _xml_entry)
    return _capped(entries, unreadable, _min_interval(parsed.get("feed", {})), url, max_entries, trimmed_away)


def _read_entries(items: list[Any], read: Callable[[Any], FeedEntry]) -> tuple[list[FeedEntry], list[UnreadableEntry]]:
    """Each item read on its own: one that cannot be is set aside with its reason, the others go on."""
    entries, unreadable = [], []
    for position, item in enumerate(items, 1):
        try:
            entries.append(read(item))
        except _Unreadable as exc:
            unreadable.append(UnreadableEntry(position, str(exc), exc.hints))
        except Exception as exc:  # noqa: BLE001 - one odd entry must not cost the feed's others
            log.debug("entry %d: unexpected error", position, exc_info=True)
            unreadable.append(UnreadableEntry(position, f"entry not read: unexpected {type(exc).__name__}: {exc}"))
    return entries, unreadable


def _capped(entries: list[FeedEntry], unreadable: list[UnreadableEntry], min_interval: float | None, url: str,
            max_entries: int | None, trimmed_away: int = 0) -> ParsedFeed:
    """At most `max_entries` entries (the newest), with how many were left out, and a log line saying so."""
    if max_entries is None or (len(entries) <= max_entries and not trimmed_away):
        return ParsedFeed(entries, min_interval, unreadable)
    kept = _newest(entries, max_entries)
    over_limit = trimmed_away + len(entries) - len(kept)
    listed = len(entries) + len(unreadable) + trimmed_away
    log.warning("%s lists %d entries; taking the newest %d (polling.max_entries_per_poll)", shown_url(url), listed, len(kept))
    return ParsedFeed(kept, min_interval, unreadable, over_limit)


_ENTRY_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]")
_DATE_TAGS = ("pubDate", "published", "updated", "date", "issued", "modified", "created")


def _count_xml_entries(content: bytes) -> int:
    return len(_ENTRY_TAG.findall(content))


def _recovered_tree(content: bytes) -> Any:
    """lxml's best reading of the document (never an entity expanded, a DTD loaded or the network used); None if nothing."""
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True, huge_tree=False)
    try:
        return lxml.etree.fromstring(content, parser)
    except (lxml.etree.XMLSyntaxError, ValueError):
        return None


def _repaired(content: bytes, failure: str) -> bytes:
    """The document as lxml recovers it, if that keeps every entry (it closes the root at a stray end tag)."""
    root = _recovered_tree(content)
    repaired = b"" if root is None else lxml.etree.tostring(root, xml_declaration=True, encoding="utf-8")
    listed, kept = _count_xml_entries(content), _count_xml_entries(repaired)
    if kept < listed or not repaired:
        raise FeedParseError(f"not well-formed, feedparser failed on it ({failure}) and repairing it keeps {kept} of its {listed} entries")
    return repaired


def _trim_xml(content: bytes, max_entries: int) -> tuple[bytes, int]:
    """The document with only its newest `max_entries` items/entries, and how many it listed."""
    root = _recovered_tree(content)
    if root is None:
        raise FeedParseError(f"over {max_entries} entries and not parseable XML")
    items = root.xpath("//*[local-name()='item' or local-name()='entry']")
    if len(items) <= max_entries:
        return content, len(items)
    keep = {id(el) for el in _newest_elements(items, max_entries)}
    for el in items:
        if id(el) not in keep:
            el.getparent().remove(el)
    return lxml.etree.tostring(root, xml_declaration=True, encoding="utf-8"), len(items)


def _newest_elements(items: list[Any], count: int) -> list[Any]:
    def when(el: Any) -> float:
        for child in el.iterchildren(tag=lxml.etree.Element):
            if child.tag.rpartition("}")[2] in _DATE_TAGS and child.text:
                parsed = _safe_parse_date(child.text.strip())
                if parsed is not None:
                    return parsed
        return float("-inf")
    ranked = sorted(enumerate(items), key=lambda pair: (-when(pair[1]), pair[0]))
    return [el for _, el in ranked[:count]]


def _safe_parse_date(text: str) -> float | None:
    # RFC 822 and ISO 8601 cover nearly every feed and are fast; feedparser's parser (slow) the rest.
    try:
        rfc822 = email.utils.parsedate_tz(text)
        if rfc822 is not None:
            return float(email.utils.mktime_tz(rfc822))
        iso = _sortable(text)
        if iso != float("-inf"):
            return iso
        parsed = feedparser.datetimes._parse_date(text)
        return float(calendar.timegm(parsed)) if parsed else None
    except (ValueError, OverflowError, TypeError):
        return None


def _newest(entries: list[FeedEntry], count: int) -> list[FeedEntry]:
    def when(entry: FeedEntry) -> str:
        return entry.hints.published_at or entry.hints.modified_at or ""
    ranked = sorted(enumerate(entries), key=lambda pair: (_sortable(when(pair[1])), -pair[0]), reverse=True)
    return [entry for _, entry in ranked[:count]]


def _sortable(value: str) -> float:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return float("-inf")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    try:
        return parsed.timestamp()
    except (OverflowError, ValueError):
        return float("-inf")


def _looks_like_json(content: bytes, content_type: str | None) -> bool:
    # What the body starts with wins over the header: servers label feeds loosely (an RSS feed
    # as application/json, a JSON Feed as text/plain).
    start = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start in (b"{", b"<"):
        return start == b"{"
    return bool(content_type and "json" in content_type.lower())


def _xml_entry(item: Any) -> FeedEntry:
    content = item.get("content") or [{}]
    authors = [a.get("name") for a in item.get("authors", []) if a.get("name")]
    hints = SourceHints(
        title=_text(item.get("title")),
        # content:encoded or Atom's <content> when there is no summary: what a feed-only article shows.
        summary=_plain_text(item.get("summary")) or _plain_text(content[0].get("value")),
        published_at=_iso(item.get("published_parsed")),
        # dict.get: feedparser's own get() falls back to the published date (with a deprecation warning).
        modified_at=_iso(dict.get(item, "updated_parsed")),
        authors=tuple(authors),
        tags=tuple(tag.get("term") for tag in item.get("tags", []) if tag.get("term")),
        guid=_text(item.get("id")),
    )
    return _entry(_web_link(item.get("link")), hints)


def _entry(link: str | None, hints: SourceHints) -> FeedEntry:
    """The entry keyed by its guid, else its link, else what it says (title, summary, date)."""
    if hints.guid or link:
        return FeedEntry(key=hints.guid or link, link=link, hints=hints)
    if not (hints.title or hints.summary):
        raise _Unreadable("entry has no link, id, title or summary: nothing to index", hints)
    # A feed-only entry: the same title, summary and date give the same key on every poll.
    basis = json.dumps([hints.title, hints.summary, hints.published_at or hints.modified_at], ensure_ascii=False)
    return FeedEntry(key="sha256:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32], link=None, hints=hints)


def _web_link(value: Any) -> str | None:
    """An http(s) link to fetch; feedparser makes a guid like `tag:site,2024:1` the link when
    `isPermaLink` is left out, and such a link leads to no page."""
    if not isinstance(value, str):
        return None
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _iso(parsed: time.struct_time | None) -> str | None:
    # feedparser normalises every date format it knows to a UTC struct_time; one out of
    # datetime's range (year 0, 9999 shifted by an offset) is dropped. Plausibility (not in the
    # future, not before the web) is judged later, by the extraction's date checks.
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), timezone.utc).isoformat()
    except (ValueError, OverflowError, OSError):
        return None


def _min_interval(feed: Any) -> float | None:
    ttl = str(feed.get("ttl") or "").strip()
    if ttl.isdigit() and int(ttl) > 0:
        return int(ttl) * 60.0
    period = _SY_PERIODS.get(str(feed.get("sy_updateperiod") or "").strip().lower())
    if period:
        frequency = str(feed.get("sy_updatefrequency") or "1").strip()
        return period / max(int(frequency) if frequency.isdigit() else 1, 1)
    return None


def _parse_json_feed(content: bytes, url: str, max_entries: int | None = None) -> ParsedFeed:
    # feedparser 6 reads RSS and Atom only; JSON Feed (jsonfeed.org, 1.0 and 1.1) is a small,
    # plain JSON document, so reading it with json needs no further dependency.
    try:
        document = json.loads(content)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FeedParseError(f"invalid JSON: {exc}") from None
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith("https://jsonfeed.org/version/"):
        raise FeedParseError("JSON without a jsonfeed.org version")
    items = document.get("items")
    if not isinstance(items, list):
        raise FeedParseError("JSON Feed without an items list")
    entries, unreadable = _read_entries(items, lambda item: _json_entry(item, url))
    return _capped(entries, unreadable, None, url, max_entries)


def _json_entry(item: Any, base_url: str) -> FeedEntry:
    if not isinstance(item, dict):
        raise _Unreadable(f"item is not a JSON object but {type(item).__name__}")
    link = _web_link(urljoin(base_url, item["url"])) if isinstance(item.get("url"), str) else None
    authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
    hints = SourceHints(
        title=_text(item.get("title")),
        summary=_text(item.get("summary")) or _text(item.get("content_text")) or _plain_text(_text(item.get("content_html"))),
        published_at=_text(item.get("date_published")),
        modified_at=_text(item.get("date_modified")),
        authors=tuple(a["name"] for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)),
        tags=tuple(tag for tag in item.get("tags") or [] if isinstance(tag, str)),
        guid=str(item["id"]) if isinstance(item.get("id"), (str, int)) and str(item["id"]).strip() else None,
    )
    return _entry(link, hints)


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


@dataclass
class _Remembered:
    fingerprint: str
    last_seen: float
    pending: FeedEntry | None
    """Kept until its page is fetched (or given up on), so a 304 poll can still retry it."""
    attempts: int = 0


@dataclass
class EntryLog:
    """The entries of one feed seen recently: bounded by count and age, so memory stays flat.

    An entry is new (key never seen), updated (its fingerprint changed) or due for a retry (its
    page has not been fetched yet, whether or not the feed still lists it); otherwise polling it
    again does nothing.
    """

    max_entries: int
    max_age: float
    max_attempts: int
    """Page fetches per entry (version) before it is given up on."""
    entries: dict[str, _Remembered] = field(default_factory=dict)

    def select(self, found: list[FeedEntry], now: float) -> list[tuple[FeedEntry, str]]:
        """The entries to process, each with why (`new`, `updated`, `retry`); remembers them all."""
        chosen = []
        for entry in found:
            known = self.entries.get(entry.key)
            if known is not None and known.fingerprint == entry.fingerprint:
                known.last_seen = now
                continue
            chosen.append((entry, NEW if known is None else UPDATED))
            self.entries[entry.key] = _Remembered(entry.fingerprint, now, pending=entry)
        listed = {entry.key for entry, _ in chosen}
        chosen += [
            (known.pending, RETRY)
            for key, known in self.entries.items()
            if known.pending is not None and key not in listed
        ]
        self._prune(now)
        return chosen

    def page_attempted(self, key: str, *, done: bool) -> bool:
        """Record a page fetch (done: fetched, or not worth retrying); True when it will not be tried again."""
        known = self.entries.get(key)
        if known is None:
            return True
        known.attempts += 1
        if done or known.attempts >= self.max_attempts:
            known.pending = None
        return known.pending is None

    def attempts(self, key: str) -> int:
        known = self.entries.get(key)
        return known.attempts if known else 0

    def _prune(self, now: float) -> None:
        cutoff = now - self.max_age
        for key in [key for key, known in self.entries.items() if known.last_seen < cutoff]:
            del self.entries[key]
        excess = len(self.entries) - self.max_entries
        if excess > 0:
            for key in sorted(self.entries, key=lambda k: self.entries[k].last_seen)[:excess]:
                del self.entries[key]


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
    return RawDocument(source=page.url, content=page.content, url=page.url, content_type=page.header("content-type"), fetched_at=fetched_at, hints=hints)


def _iso_http_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError):
        return None


def _plain_text(html: str | None) -> str | None:
    """feedparser hands summaries over as (sanitised) HTML; hints are plain text."""
    if not html or not html.strip():
        return None
    if "<" not in html and "&" not in html:
        return html.strip()
    try:
        text = lxml.html.fragment_fromstring(html, create_parent="div").text_content()
    except (ValueError, lxml.etree.ParserError):
        return html.strip()
    return " ".join(text.split()) or None
