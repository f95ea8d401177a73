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
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import feedparser
import feedparser.datetimes
import lxml.etree
import lxml.html

from connectors.http import FetchError, HostLimiter, HttpClient, HttpResponse
from connectors.robots import RobotsDisallowed, RobotsRules
from pipelines.feed_settings import Feed, FeedsConfig
from pipelines.records import RawDocument, SourceHints

log = logging.getLogger(__name__)

_MAX_RETRY_AFTER = 86400.0
_SY_PERIODS = {"hourly": 3600, "daily": 86400, "weekly": 7 * 86400, "monthly": 30 * 86400, "yearly": 365 * 86400}
NEW, UPDATED, RETRY = "new", "updated", "retry"


class FeedParseError(ValueError):
    """The body is not a feed newsbeam can read."""


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
class ParsedFeed:
    entries: list[FeedEntry]
    min_interval: float | None = None
    """The feed's own `ttl` / `sy:updatePeriod`, in seconds: no point polling more often."""


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
        reason = f"HTTP {response.status}"
        return _failed(state, response.status, reason, _retry_after(response.header("retry-after"), now), interval, config, now)
    try:
        parsed = parse_feed(response.content, response.header("content-type"), response.url, config.polling.max_entries_per_poll)
    except FeedParseError as exc:
        return _failed(state, 200, f"not a feed: {exc}", None, interval, config, now)
    validators = {"etag": response.header("etag"), "last_modified": response.header("last-modified")}
    return PollResult(_succeeded(replace(state, **validators), parsed.min_interval, interval, now), 200, parsed.entries)


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
    XML that declares entities is refused before parsing (entity expansion, external entities).
    """
    if _looks_like_json(content, content_type):
        return _parse_json_feed(content, url, max_entries)
    _refuse_entities(content)
    listed = None
    if max_entries is not None and _count_xml_entries(content) > max_entries:
        # feedparser takes ~1.5 ms per entry: trim the document first, so a poll stays bounded.
        trimmed, listed = _trim_xml(content, max_entries)
        if listed > max_entries:
            content, content_type = trimmed, "application/xml; charset=utf-8"
        else:
            listed = None  # the quick count saw tags inside CDATA: nothing to trim
    # feedparser gets the bytes, never the URL: its own fetching has no timeout or size limit.
    parsed = feedparser.parse(content, response_headers={"content-type": content_type or "application/xml", "content-location": url})
    if not parsed.entries and (parsed.bozo or not parsed.version):
        raise FeedParseError(str(parsed.get("bozo_exception") or "no RSS or Atom feed found"))
    if parsed.bozo:
        log.warning("%s is not well-formed (%s); using the %d entries recovered", _shown(url), parsed.bozo_exception, len(parsed.entries))
    entries = [entry for entry in (_xml_entry(item) for item in parsed.entries) if entry is not None]
    if listed is None and max_entries is not None and len(entries) > max_entries:
        listed = len(entries)
    if listed is not None:
        entries = _newest(entries, max_entries)
        log.warning("%s lists %d entries; taking the newest %d (polling.max_entries_per_poll)", _shown(url), listed, len(entries))
    return ParsedFeed(entries, _min_interval(parsed.feed))


_ENTITY = "<!ENTITY"
_START_TAG = re.compile(r"<[A-Za-z_:]")
_ENTRY_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]")
_DATE_TAGS = ("pubDate", "published", "updated", "date", "issued", "modified", "created")


def _refuse_entities(content: bytes) -> None:
    """FeedParseError when the prolog declares entities: billion laughs and external entities (XXE).

    feedparser leaves them to expat, which fetches no external entity but expands internal ones
    up to its amplification limit (seconds and tens of MB for a few hundred bytes). News feeds do
    not declare entities, so any declaration is refused. Only the prolog (before the first start
    tag) is looked at: an article may quote `<!ENTITY` in its CDATA.
    """
    head = content[:4]
    codec = None
    if head.startswith((b"\x00\x00\xfe\xff", b"\x00\x00\x00<")):
        codec = "utf-32-be"
    elif head.startswith((b"\xff\xfe\x00\x00", b"<\x00\x00\x00")):
        codec = "utf-32-le"
    elif head.startswith((b"\xfe\xff", b"\x00<")):
        codec = "utf-16-be"
    elif head.startswith((b"\xff\xfe", b"<\x00")):
        codec = "utf-16-le"
    text = content.decode(codec, errors="replace") if codec else content.decode("latin-1")
    start = _START_TAG.search(text)
    if _ENTITY in (text[: start.start()] if start else text):
        raise FeedParseError("the document declares XML entities (refused: entity expansion and external entities)")


def _count_xml_entries(content: bytes) -> int:
    return len(_ENTRY_TAG.findall(content))


def _trim_xml(content: bytes, max_entries: int) -> tuple[bytes, int]:
    """The document with only its newest `max_entries` items/entries, and how many it listed."""
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(content, parser)
    except (lxml.etree.XMLSyntaxError, ValueError):
        root = None
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


def _shown(url: str) -> str:
    """The URL for a log line: without user info or query, where a feed's token may sit."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.hostname or "", parts.path, "", "")) if parts.port is None else \
        urlunsplit((parts.scheme, f"{parts.hostname}:{parts.port}", parts.path, "", ""))


def _looks_like_json(content: bytes, content_type: str | None) -> bool:
    if content_type and "json" in content_type.lower():
        return True
    return content.lstrip()[:1] == b"{"


def _xml_entry(item: Any) -> FeedEntry | None:
    link = item.get("link")
    guid = item.get("id") or None
    if not (guid or link):
        return None
    authors = [a.get("name") for a in item.get("authors", []) if a.get("name")]
    hints = SourceHints(
        title=item.get("title"),
        summary=_plain_text(item.get("summary")),
        published_at=_iso(item.get("published_parsed")),
        # dict.get: feedparser's own get() falls back to the published date (with a deprecation warning).
        modified_at=_iso(dict.get(item, "updated_parsed")),
        authors=tuple(authors),
        tags=tuple(tag.get("term") for tag in item.get("tags", []) if tag.get("term")),
        guid=guid,
    )
    return FeedEntry(key=guid or link, link=link, hints=hints)


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
    entries = [entry for entry in (_json_entry(item, url) for item in items if isinstance(item, dict)) if entry is not None]
    if max_entries is not None and len(entries) > max_entries:
        listed, entries = len(entries), _newest(entries, max_entries)
        log.warning("%s lists %d entries; taking the newest %d (polling.max_entries_per_poll)", _shown(url), listed, len(entries))
    return ParsedFeed(entries)


def _json_entry(item: dict[str, Any], base_url: str) -> FeedEntry | None:
    link = urljoin(base_url, item["url"]) if isinstance(item.get("url"), str) else None
    guid = str(item["id"]) if item.get("id") not in (None, "") else None
    if not (guid or link):
        return None
    authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
    hints = SourceHints(
        title=_text(item.get("title")),
        summary=_text(item.get("summary")) or _text(item.get("content_text")),
        published_at=_text(item.get("date_published")),
        modified_at=_text(item.get("date_modified")),
        authors=tuple(a["name"] for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)),
        tags=tuple(tag for tag in item.get("tags") or [] if isinstance(tag, str)),
        guid=guid,
    )
    return FeedEntry(key=guid or link, link=link, hints=hints)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


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
    if "<" not in html:
        return html.strip()
    try:
        text = lxml.html.fragment_fromstring(html, create_parent="div").text_content()
    except (ValueError, lxml.etree.ParserError):
        return html.strip()
    return " ".join(text.split()) or None
