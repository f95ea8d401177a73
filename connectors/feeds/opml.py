"""OPML 1.0/2.0 feed lists: read into feed entries, written from the feeds file.

Reading: an outline with an `xmlUrl` is a feed; an outline without one that holds outlines is a
folder, and the folders around a feed become its tags, as do the paths of its OPML 2.0 `category`
attribute ("/News/World,/Science" gives News, World, Science). Writing puts each feed in the folder
of its first tag and lists all its tags in `category`, so that reading the file back gives the
same feeds, tags and order; `interval` and `fetchPages` (attributes OPML allows on any outline)
carry the other settings of a feed.

The file is untrusted: entity declarations are refused before parsing (`xml_safety`), and lxml
neither resolves entities nor touches the network.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from lxml import etree

from connectors.feeds.xml_safety import FeedParseError, refuse_entity_declarations
from foundation.feed_settings import Feed

_NAME_LIMIT = 200  # Feed.name's max_length


class OpmlError(ValueError):
    """The file is not OPML newsbeam can read; the message says why (and where, when it can)."""


@dataclass(frozen=True)
class FeedCandidate:
    """A feed to add to the feeds file, before its name is made unique there."""

    name: str
    url: str
    tags: tuple[str, ...] = ()
    interval: float | None = None
    fetch_pages: bool = True

    def entry(self, name: str) -> dict[str, Any]:
        """The feeds-file entry, with only the settings that differ from the defaults."""
        entry: dict[str, Any] = {"name": name, "url": self.url}
        if self.interval is not None:
            entry["interval"] = int(self.interval) if float(self.interval).is_integer() else self.interval
        if self.tags:
            entry["tags"] = list(self.tags)
        if not self.fetch_pages:
            entry["fetch_pages"] = False
        return entry


@dataclass
class OpmlList:
    feeds: list[FeedCandidate] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(outline's text or URL, why it was left out)."""


def read_opml(content: bytes) -> OpmlList:
    """The feeds of an OPML document; OpmlError when it is not well-formed OPML."""
    try:
        refuse_entity_declarations(content)
    except FeedParseError as exc:
        raise OpmlError(str(exc)) from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise OpmlError(f"not well-formed XML: {exc.msg}") from None
    if etree.QName(root).localname != "opml":
        raise OpmlError(f"not OPML: the document is <{etree.QName(root).localname}>, not <opml>")
    body = root.find("body")
    if body is None:
        raise OpmlError("not OPML: no <body>")
    found = OpmlList()
    for outline, folders in _outlines(body, ()):
        _read_outline(outline, folders, found)
    return found


def _outlines(parent: Any, folders: tuple[str, ...]) -> Iterator[tuple[Any, tuple[str, ...]]]:
    for outline in parent.iterfind("outline"):
        yield outline, folders
        if not _xml_url(outline) and len(outline):
            label = _label(outline)
            yield from _outlines(outline, folders + ((label,) if label else ()))


def _read_outline(outline: Any, folders: tuple[str, ...], found: OpmlList) -> None:
    url = _xml_url(outline)
    label = _label(outline)
    if not url:
        if not len(outline):
            found.skipped.append((label or "(an outline without text)", "no xmlUrl"))
        return
    if not url.lower().startswith(("http://", "https://")):
        found.skipped.append((label or url, "xmlUrl is not an http(s) URL"))
        return
    scheme, rest = url.split(":", 1)
    url = scheme.lower() + ":" + rest  # the feeds file takes http(s) in lower case only
    try:
        interval = _interval(outline.get("interval"))
    except ValueError as exc:
        found.skipped.append((label or url, str(exc)))
        return
    tags = _unique(folders + tuple(_category_tags(outline.get("category") or "")))
    fetch_pages = (outline.get("fetchPages") or "true").strip().lower() != "false"
    found.feeds.append(FeedCandidate(label or url, url, tags, interval, fetch_pages))


def _xml_url(outline: Any) -> str:
    # Some OPML 1.0 exporters spell it in lower case.
    return (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()


def _label(outline: Any) -> str:
    # OPML 2.0 requires `text`; many exporters also (or only) write `title`.
    return " ".join((outline.get("title") or outline.get("text") or "").split())[:_NAME_LIMIT]


def _category_tags(category: str) -> Iterator[str]:
    for path in category.split(","):
        yield from (part.strip() for part in path.split("/") if part.strip())


def _interval(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError("interval is not a number of seconds") from None
    if not 0 < seconds <= 7 * 86400:
        raise ValueError("interval is not between 0 and 7 days")
    return seconds


def _unique(tags: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tags))


def write_opml(feeds: Sequence[Feed], title: str = "newsbeam feeds") -> bytes:
    """OPML 2.0 of `feeds`, in their order: each tagged feed in a folder named for its first tag."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC), usegmt=True)
    body = etree.SubElement(root, "body")
    for feed in feeds:
        parent = body
        if feed.tags:
            # A folder holds a run of consecutive feeds, so that reading the file back keeps their order.
            last = body[-1] if len(body) else None
            if last is not None and last.get("xmlUrl") is None and last.get("text") == feed.tags[0]:
                parent = last
            else:
                parent = etree.SubElement(body, "outline", text=feed.tags[0], title=feed.tags[0])
        outline = etree.SubElement(parent, "outline", type="rss", text=feed.name, title=feed.name, xmlUrl=feed.url)
        if feed.tags:
            # Tags may hold "/" or ",", which `category` uses as separators: those stay in the folder only.
            outline.set("category", ",".join("/" + tag for tag in feed.tags if "/" not in tag and "," not in tag))
        if feed.interval is not None:
            outline.set("interval", str(int(feed.interval)) if feed.interval.is_integer() else repr(feed.interval))
        if not feed.fetch_pages:
            outline.set("fetchPages", "false")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
