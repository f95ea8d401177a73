"""Feed documents into entries: RSS 0.9x/1.0/2.0 and Atom through feedparser, JSON Feed by hand.

Every entry with something to index becomes a `FeedEntry`; one that cannot be read becomes an
`UnreadableEntry` with the reason, so nothing a feed lists disappears without a word.
"""

from __future__ import annotations

import calendar
import email.utils
import hashlib
import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.etree
import lxml.html

from connectors.feeds.xml_safety import (
    FeedParseError,
    refuse_entity_declarations,
    resolve_html_entities,
)
from connectors.http import shown_url
from foundation.records import SourceHints
from foundation.workarounds import parse_feed_date

log = logging.getLogger(__name__)

_SY_PERIODS = {"hourly": 3600, "daily": 86400, "weekly": 7 * 86400, "monthly": 30 * 86400, "yearly": 365 * 86400}


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


def parse_feed(content: bytes, content_type: str | None, url: str, max_entries: int | None = None) -> ParsedFeed:
    """RSS 0.9x/1.0/2.0 and Atom through feedparser; JSON Feed by hand.

    At most `max_entries` entries, the newest (by date; undated ones last, in document order).
    XML that declares entities is refused before parsing (entity expansion, external entities);
    HTML entity references are resolved (`connectors.feeds.xml_safety`). An entry with nothing to index
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
    except Exception as exc:  # feedparser's own bug, see below
        # feedparser 6.0's loose parser raises on some ill-formed documents (a stray `</width>`:
        # TypeError). lxml's recovering parser repairs them into XML its strict parser reads.
        log.warning(
            "%s is not well-formed and feedparser failed on it (%s: %s); reading it repaired", shown_url(url), type(exc).__name__, exc
        )
        content, headers["content-type"] = _repaired(content, f"{type(exc).__name__}: {exc}"), "application/xml; charset=utf-8"
        parsed = feedparser.parse(content, response_headers=headers)
    # .get: feedparser leaves `version` out when it recognised nothing (an empty document).
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        raise FeedParseError(str(parsed.get("bozo_exception") or "no RSS or Atom feed found"))
    if parsed.get("bozo"):
        log.warning(
            "%s is not well-formed (%s); using the %d entries recovered", shown_url(url), parsed.get("bozo_exception"), len(parsed.entries)
        )
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
        except Exception as exc:  # one odd entry must not cost the feed's others
            log.debug("entry %d: unexpected error", position, exc_info=True)
            unreadable.append(UnreadableEntry(position, f"entry not read: unexpected {type(exc).__name__}: {exc}"))
    return entries, unreadable


def _capped(
    entries: list[FeedEntry],
    unreadable: list[UnreadableEntry],
    min_interval: float | None,
    url: str,
    max_entries: int | None,
    trimmed_away: int = 0,
) -> ParsedFeed:
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
        parsed = parse_feed_date(text)
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
        parsed = parsed.replace(tzinfo=UTC)
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
    if key := hints.guid or link:
        return FeedEntry(key=key, link=link, hints=hints)
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
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
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
