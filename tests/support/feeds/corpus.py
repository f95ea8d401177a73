"""A corpus of real-world feed shapes, generated: the families of feedparser's own test suite
(tests/wellformed, illformed, encoding, entities, http) as they show up in the wild.

Every feed format and version (RSS 0.90, 0.91 Netscape and Userland, 0.92, 0.93, 0.94, 1.0/RDF,
2.0, Atom 0.3 and 1.0, CDF, JSON Feed 1.0 and 1.1), each with the same kinds of entries: complete;
without a link or guid; guid only; title only; summary only; content:encoded or <content> only;
empty (nothing to index). Then written in different ways: HTML named and numeric entities, CDATA,
namespaces (dc, content, media, sy, atom, feedburner, itunes, odd prefixes), relative links with
xml:base, dates in every format; encodings declared and undeclared (ISO-8859-1, windows-1252,
KOI8-R, Shift_JIS, EUC-KR, GB2312, Big5, UTF-16 with and without BOM, UTF-32), declared charsets
that lie or disagree with the HTTP header; ill-formed XML that feedparser recovers; odd HTTP
content types; and bodies that are no feed at all (empty, HTML, JSON).

Each entry with a title or a summary carries a marker (`mk0123e4x`) in both, so a test can find
where it went: indexed or dead-lettered.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

# Sample text per encoding: what each can hold, written as real feeds write it.
SAMPLES = {
    "utf-8": "Café “quoted” — 港 €5…",
    "iso-8859-1": "Café au lait, señor",
    "windows-1252": "Café “smart quotes” — €5…",
    "koi8-r": "Новости гавани",
    "shift_jis": "港のニュース",
    "euc-kr": "항구 뉴스",
    "gb2312": "港口新闻",
    "big5": "港口新聞",
    "utf-16": "Café — 港 €",
    "utf-16-le": "Café — 港 €",
    "utf-16-be": "Café — 港 €",
    "utf-32": "Café — 港 €",
}
# HTML named entities, as real feeds use them without declaring them (and the Netscape DTD declares).
ENTITIES = "caf&eacute; &nbsp;&mdash; &ldquo;quoted&rdquo; &hellip; &euro;5 &copy; &rsquo;s &doesnotexist; &amp;"
NUMERIC = "caf&#233; &#x2014; &#8220;quoted&#8221; &#x20AC;5"


@dataclass
class Entry:
    marker: str
    title: str | None
    summary: str | None
    """HTML, as feeds carry it."""
    link: str | None
    guid: str | None
    date: str | None = None
    content: str | None = None
    """content:encoded or Atom <content>: HTML."""

    @property
    def has_content(self) -> bool:
        return bool(self.title or self.summary or self.content)


@dataclass
class CorpusFeed:
    path: str
    body: bytes
    content_type: str | None
    entries: list[Entry] = field(default_factory=list)
    readable: bool = True
    """False for bodies that are no feed: the poll fails (counted, logged), nothing to index."""
    family: str = ""


# -- entries ------------------------------------------------------------------------------------

KINDS = ("complete", "no-link-no-guid", "guid-only", "title-only", "summary-only", "content-only", "empty")


def entries_for(feed_no: int, base: str, sample: str, kinds: tuple[str, ...] = KINDS, relative: bool = False) -> list[Entry]:
    made = []
    for n, kind in enumerate(kinds):
        marker = f"mk{feed_no:04d}e{n}x"
        link = f"articles/{feed_no}/{n}.html" if relative else f"{base}/corpus/{feed_no}/{n}.html"
        title, summary = f"{marker} {sample} title", f"<p>{marker} {sample} <b>summary</b> of the story.</p>"
        date = f"Mon, 0{1 + n % 9} Jun 2024 09:30:00 GMT"
        made.append(
            {
                "complete": Entry(marker, title, summary, link, f"urn:corpus:{feed_no}:{n}", date),
                "no-link-no-guid": Entry(marker, title, summary, None, None, date),
                "guid-only": Entry(marker, title, summary, None, f"tag:corpus.example,2024:{feed_no}-{n}", date),
                "title-only": Entry(marker, title, None, None, None, None),
                "summary-only": Entry(marker, None, summary, None, None, date),
                "content-only": Entry(marker, None, None, None, None, date, content=summary),
                "empty": Entry(marker, None, None, None, None, date),
            }[kind]
        )
    return made


# -- writing text -------------------------------------------------------------------------------

Text = Callable[[str], str]


def plain(value: str) -> str:
    return escape(value)


def cdata(value: str) -> str:
    return f"<![CDATA[{value}]]>"


def with_entities(value: str) -> str:
    return escape(value) + " " + ENTITIES


def with_numeric(value: str) -> str:
    return escape(value) + " " + NUMERIC


# -- formats ------------------------------------------------------------------------------------


def _date_rfc822(entry: Entry) -> str:
    return entry.date or ""


def _date_iso(entry: Entry) -> str:
    if not entry.date:
        return ""
    day = entry.date[5:7]
    return f"2024-06-{day}T09:30:00Z"


def rss(
    version: str | None,
    entries: list[Entry],
    text: Text,
    *,
    doctype: str = "",
    namespaces: bool = False,
    channel_extra: str = "",
    base: str = "",
) -> str:
    ns = (
        (
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
            ' xmlns:media="http://search.yahoo.com/mrss/" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"'
            ' xmlns:atom="http://www.w3.org/2005/Atom" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"'
            ' xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"'
        )
        if namespaces
        else ""
    )
    items = []
    for e in entries:
        parts = []
        if e.title:
            parts.append(f"<title>{text(e.title)}</title>")
        if e.link:
            parts.append(f"<link>{escape(e.link)}</link>")
        if e.guid:
            permalink = "" if e.guid.startswith("tag:") else ' isPermaLink="false"'
            parts.append(f"<guid{permalink}>{escape(e.guid)}</guid>")
        if e.summary:
            parts.append(f"<description>{text(e.summary)}</description>")
        if e.content:
            parts.append(
                f"<content:encoded>{cdata(e.content)}</content:encoded>" if namespaces else f"<description>{text(e.content)}</description>"
            )
        if e.date and version not in ("0.91", "0.92"):
            parts.append(f"<dc:date>{_date_iso(e)}</dc:date>" if namespaces else f"<pubDate>{_date_rfc822(e)}</pubDate>")
        if namespaces:
            parts.append(
                f"<dc:creator>{text('Mara Lindqvist')}</dc:creator><dc:subject>Port</dc:subject>"
                f'<media:content url="{base}/img/{e.marker}.jpg" medium="image"><media:title>{text("A photo")}</media:title></media:content>'
                f"<itunes:duration>00:03:00</itunes:duration><feedburner:origLink>{base}/orig/{e.marker}</feedburner:origLink>"
            )
        items.append(f"<item>{''.join(parts)}</item>")
    extra = channel_extra + (
        "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>"
        f'<atom:link href="{base}/self" rel="self" type="application/rss+xml"/>'
        if namespaces
        else ""
    )
    version_attr = f' version="{version}"' if version else ""
    return (
        f"{doctype}<rss{version_attr}{ns}><channel><title>{text('The Corpus Gazette')}</title><link>{base}/</link>"
        f"<description>{text('News of every shape')}</description><language>en</language>{extra}{''.join(items)}</channel></rss>"
    )


def rdf(namespace: str, entries: list[Entry], text: Text, *, namespaces: bool = False, base: str = "", prefix: str = "") -> str:
    """RSS 0.90 (`namespace` http://my.netscape.com/rdf/simple/0.9/) and RSS 1.0 (http://purl.org/rss/1.0/)."""
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{namespace}"' if prefix else f'xmlns="{namespace}"'
    ns = (
        (
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
            ' xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"'
        )
        if namespaces
        else ""
    )
    items = []
    for e in entries:
        about = f' rdf:about="{escape(e.link or e.guid or "")}"' if (e.link or e.guid) else ""
        parts = []
        if e.title:
            parts.append(f"<{p}title>{text(e.title)}</{p}title>")
        if e.link:
            parts.append(f"<{p}link>{escape(e.link)}</{p}link>")
        if e.summary:
            parts.append(f"<{p}description>{text(e.summary)}</{p}description>")
        if e.content:
            parts.append(
                f"<content:encoded>{cdata(e.content)}</content:encoded>"
                if namespaces
                else f"<{p}description>{text(e.content)}</{p}description>"
            )
        if e.date and namespaces:
            parts.append(f"<dc:date>{_date_iso(e)}</dc:date><dc:creator>{text('Mara Lindqvist')}</dc:creator>")
        items.append(f"<{p}item{about}>{''.join(parts)}</{p}item>")
    extra = "<sy:updatePeriod>daily</sy:updatePeriod>" if namespaces else ""
    return (
        f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" {xmlns}{ns}>'
        f'<{p}channel rdf:about="{base}/"><{p}title>{text("The Corpus Gazette")}</{p}title><{p}link>{base}/</{p}link>'
        f"<{p}description>{text('News of every shape')}</{p}description>{extra}</{p}channel>{''.join(items)}</rdf:RDF>"
    )


def atom10(entries: list[Entry], text: Text, *, base: str = "", xml_base: str | None = None, prefix: str = "") -> str:
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="http://www.w3.org/2005/Atom"' if prefix else 'xmlns="http://www.w3.org/2005/Atom"'
    base_attr = f" xml:base={quoteattr(xml_base)}" if xml_base else ""
    out = []
    for e in entries:
        parts = []
        if e.guid or e.link:
            parts.append(f"<{p}id>{escape(e.guid or e.link)}</{p}id>")
        if e.title:
            parts.append(f'<{p}title type="html">{text(e.title)}</{p}title>')
        if e.link:
            parts.append(f'<{p}link rel="alternate" type="text/html" href={quoteattr(e.link)}/>')
        if e.summary:
            parts.append(f'<{p}summary type="html">{text(e.summary)}</{p}summary>')
        if e.content:
            parts.append(f'<{p}content type="html">{text(e.content)}</{p}content>')
        if e.date:
            parts.append(f"<{p}published>{_date_iso(e)}</{p}published><{p}updated>{_date_iso(e)}</{p}updated>")
        parts.append(f'<{p}author><{p}name>{text("Mara Lindqvist")}</{p}name></{p}author><{p}category term="Port"/>')
        out.append(f"<{p}entry>{''.join(parts)}</{p}entry>")
    return (
        f"<{p}feed {xmlns}{base_attr}><{p}title>{text('The Corpus Gazette')}</{p}title><{p}id>{base}/atom</{p}id>"
        f'<{p}updated>2024-06-03T09:30:00Z</{p}updated><{p}link rel="self" href="{base}/atom"/>{"".join(out)}</{p}feed>'
    )


def atom03(entries: list[Entry], text: Text, *, base: str = "") -> str:
    out = []
    for e in entries:
        parts = []
        if e.guid or e.link:
            parts.append(f"<id>{escape(e.guid or e.link)}</id>")
        if e.title:
            parts.append(f"<title>{text(e.title)}</title>")
        if e.link:
            parts.append(f'<link rel="alternate" type="text/html" href={quoteattr(e.link)}/>')
        if e.summary:
            parts.append(f'<summary type="text/html" mode="escaped">{text(e.summary)}</summary>')
        if e.content:
            parts.append(f'<content type="text/html" mode="escaped">{text(e.content)}</content>')
        if e.date:
            parts.append(f"<issued>{_date_iso(e)}</issued><modified>{_date_iso(e)}</modified>")
        out.append(f"<entry>{''.join(parts)}</entry>")
    return (
        f'<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>{text("The Corpus Gazette")}</title>'
        f'<link rel="alternate" type="text/html" href="{base}/"/><modified>2024-06-03T09:30:00Z</modified>{"".join(out)}</feed>'
    )


def cdf(entries: list[Entry], text: Text, *, base: str = "") -> str:
    out = []
    for e in entries:
        href = f" HREF={quoteattr(e.link)}" if e.link else ""
        date = f' LASTMOD="{_date_iso(e)[:16]}"' if e.date else ""
        title = f"<TITLE>{text(e.title)}</TITLE>" if e.title else ""
        summary = f"<ABSTRACT>{text(e.summary or e.content or '')}</ABSTRACT>" if (e.summary or e.content) else ""
        out.append(f"<ITEM{href}{date}>{title}{summary}</ITEM>")
    return f'<CHANNEL HREF="{base}/" BASE="{base}/"><TITLE>{text("The Corpus Gazette")}</TITLE>{"".join(out)}</CHANNEL>'


def json_feed(version: str, entries: list[Entry], *, base: str = "") -> bytes:
    items = []
    for e in entries:
        item: dict = {}
        if e.guid or e.link:
            item["id"] = e.guid or e.link
        if e.link:
            item["url"] = e.link
        if e.title:
            item["title"] = e.title
        if e.summary:
            item["content_html"] = e.summary
        if e.content:
            item["content_text"] = e.content
        if e.date:
            item["date_published"] = _date_iso(e)
        item["author" if version == "1" else "authors"] = {"name": "Mara Lindqvist"} if version == "1" else [{"name": "Mara Lindqvist"}]
        items.append(item)
    return json.dumps(
        {"version": f"https://jsonfeed.org/version/{version}", "title": "The Corpus Gazette", "home_page_url": f"{base}/", "items": items},
        ensure_ascii=False,
    ).encode("utf-8")


# -- the corpus ---------------------------------------------------------------------------------

NETSCAPE = '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
FORMATS = ("rss090", "rss091n", "rss091u", "rss092", "rss093", "rss094", "rss10", "rss20", "rss-noversion", "atom03", "atom10", "cdf")
WRITINGS: dict[str, Text] = {"plain": plain, "cdata": cdata, "entities": with_entities, "numeric": with_numeric}
ENCODINGS = (
    "utf-8",
    "iso-8859-1",
    "windows-1252",
    "koi8-r",
    "shift_jis",
    "euc-kr",
    "gb2312",
    "big5",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
)
CONTENT_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "text/html",
    "text/plain",
    "application/octet-stream",
    "application/json",
    None,
)


def render(fmt: str, entries: list[Entry], text: Text, base: str, *, namespaces: bool = False) -> str:
    if fmt == "rss090":
        return rdf("http://my.netscape.com/rdf/simple/0.9/", entries, text, base=base)
    if fmt == "rss10":
        return rdf("http://purl.org/rss/1.0/", entries, text, namespaces=namespaces, base=base)
    if fmt == "atom03":
        return atom03(entries, text, base=base)
    if fmt == "atom10":
        return atom10(entries, text, base=base)
    if fmt == "cdf":
        return cdf(entries, text, base=base)
    version = {
        "rss091n": "0.91",
        "rss091u": "0.91",
        "rss092": "0.92",
        "rss093": "0.93",
        "rss094": "0.94",
        "rss20": "2.0",
        "rss-noversion": None,
    }[fmt]
    return rss(version, entries, text, doctype=NETSCAPE if fmt == "rss091n" else "", namespaces=namespaces, base=base)


def _encoded(document: str, encoding: str, declare: bool = True) -> bytes:
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>\n' if declare else ""
    codec = {"utf-16": "utf-16", "utf-32": "utf-32"}.get(encoding, encoding)
    return (declaration + document).encode(codec, errors="xmlcharrefreplace")


def build(base: str) -> list[CorpusFeed]:
    """The whole corpus for a server at `base` (several hundred feeds)."""
    feeds: list[CorpusFeed] = []

    def add(family: str, body: bytes, content_type: str | None, entries: list[Entry], readable: bool = True) -> None:
        feeds.append(CorpusFeed(f"/corpus/{len(feeds):04d}-{family}.xml", body, content_type, entries, readable, family))

    def entries(sample: str = SAMPLES["utf-8"], kinds: tuple[str, ...] = KINDS, relative: bool = False) -> list[Entry]:
        return entries_for(len(feeds), base, sample, kinds, relative)

    # Every format x every way of writing text, with and without namespaces: wellformed/*, entities/*.
    for fmt in FORMATS:
        for name, text in WRITINGS.items():
            for namespaces in (False, True):
                made = entries()
                add(
                    f"{fmt}-{name}{'-ns' if namespaces else ''}",
                    _encoded(render(fmt, made, text, base, namespaces=namespaces), "utf-8"),
                    "application/xml",
                    made,
                )
    for version in ("1", "1.1"):
        for kinds in (KINDS, KINDS[:1]):
            made = entries(kinds=kinds)
            add(f"json{version}", json_feed(version, made, base=base), "application/feed+json", made)
        made = entries()
        add(f"json{version}-as-text", json_feed(version, made, base=base), "text/plain", made)

    # Encodings declared, undeclared, with a BOM, and charsets that lie: encoding/*.
    for encoding in ENCODINGS:
        for fmt in ("rss20", "atom10", "rss10", "rss091u", "atom03"):
            made = entries(SAMPLES[encoding])
            add(f"{fmt}-{encoding}", _encoded(render(fmt, made, plain, base), encoding), "application/xml", made)
        made = entries(SAMPLES[encoding])
        add(
            f"rss20-{encoding}-http-charset",
            _encoded(render("rss20", made, plain, base), encoding, declare=False),
            f"text/xml; charset={encoding}",
            made,
        )
    for encoding in ("utf-8", "iso-8859-1", "windows-1252"):
        made = entries(SAMPLES[encoding])
        add(f"undeclared-{encoding}", render("rss20", made, plain, base).encode(encoding), "application/rss+xml", made)
    made = entries(SAMPLES["windows-1252"])
    add(
        "declared-utf8-is-cp1252",
        _encoded(render("rss20", made, plain, base), "windows-1252").replace(b"windows-1252", b"utf-8", 1),
        "application/rss+xml",
        made,
    )
    made = entries(SAMPLES["windows-1252"])
    add(
        "declared-latin1-is-cp1252",
        _encoded(render("rss20", made, plain, base), "windows-1252").replace(b"windows-1252", b"iso-8859-1", 1),
        "application/rss+xml",
        made,
    )
    made = entries(SAMPLES["utf-8"])
    add(
        "header-utf8-doc-latin1",
        _encoded(render("atom10", made, plain, base), "utf-8").replace(b"utf-8", b"iso-8859-1", 1),
        "application/xml; charset=utf-8",
        made,
    )
    made = entries(SAMPLES["koi8-r"])
    add("header-latin1-doc-koi8r", _encoded(render("rss20", made, plain, base), "koi8-r"), "text/xml; charset=iso-8859-1", made)
    made = entries(SAMPLES["utf-8"])
    add("utf8-bom", b"\xef\xbb\xbf" + _encoded(render("rss20", made, plain, base), "utf-8"), "application/rss+xml", made)
    made = entries(SAMPLES["utf-16"])
    add(
        "utf16-no-bom-declared",
        _encoded(render("rss20", made, plain, base), "utf-16-le").replace("utf-16-le".encode("utf-16-le"), "utf-16".encode("utf-16-le")),
        "application/rss+xml",
        made,
    )

    # Relative links and xml:base: wellformed/base.
    for xml_base in (f"{base}/", f"{base}/section/", "section/", None):
        made = entries(relative=True)
        add("atom10-xml-base", _encoded(atom10(made, plain, base=base, xml_base=xml_base), "utf-8"), "application/atom+xml", made)
    made = entries(relative=True)
    add("rss20-relative", _encoded(rss("2.0", made, plain, base=base), "utf-8"), "application/rss+xml", made)
    made = entries(relative=True)
    add("json-relative", json_feed("1.1", made, base=base), "application/feed+json", made)

    # Namespaces under other prefixes: wellformed/atom/atom_namespace_*, rdf/rss090_*.
    for prefix in ("a", "atom"):
        made = entries()
        add(f"atom10-prefix-{prefix}", _encoded(atom10(made, plain, base=base, prefix=prefix), "utf-8"), "application/atom+xml", made)
    made = entries()
    add(
        "rss10-prefixed",
        _encoded(rdf("http://purl.org/rss/1.0/", made, plain, base=base, prefix="rss"), "utf-8"),
        "application/rdf+xml",
        made,
    )

    # Dates in every shape: wellformed/date, the absurd ones included.
    for n, date in enumerate(
        (
            "Mon, 03 Jun 2024 09:30:00 GMT",
            "03 Jun 2024 09:30 +0200",
            "Monday, 03-Jun-24 09:30:00 EST",
            "2024-06-03T09:30:00.123+02:00",
            "2024-06-03",
            "20240603T093000Z",
            "3 juin 2024",
            "Mon, 03 Jun 0000 09:30:00 GMT",
            "9999-12-31T23:59:59Z",
            "not a date",
            "",
        )
    ):
        made = entries()
        for entry in made:
            entry.date = date or None
        add(f"rss20-date-{n}", _encoded(rss("2.0", made, plain, base=base), "utf-8"), "application/rss+xml", made)

    # HTTP: any content type for any format (http/*).
    for content_type in CONTENT_TYPES:
        for fmt in ("rss20", "atom10", "rss10", "atom03"):
            made = entries()
            add(f"{fmt}-ctype", _encoded(render(fmt, made, with_entities, base), "utf-8"), content_type, made)

    # Ill-formed XML that feedparser recovers: illformed/*.
    for family, damage in ILLFORMED.items():
        for fmt in ("rss20", "atom10"):
            made = entries(kinds=("complete", "no-link-no-guid", "title-only"))
            # feedparser 6.0 raises on a stray end tag; repaired by lxml, which closes the root
            # there when the tag sits in an Atom feed's head, losing every entry: a failed poll.
            readable = (family, fmt) != ("stray-end-tag", "atom10")
            add(f"illformed-{family}-{fmt}", damage(render(fmt, made, plain, base)).encode("utf-8"), "application/xml", made, readable)

    # Entity declarations: refused (billion laughs, XXE), counted as failed polls; feeds with none.
    made = entries()
    add(
        "doctype-internal-subset",
        _encoded("<!DOCTYPE rss [<!ELEMENT rss ANY>]>\n" + rss("2.0", made, with_entities, base=base), "utf-8"),
        "application/rss+xml",
        made,
    )
    add(
        "entity-declaration",
        _encoded('<!DOCTYPE rss [<!ENTITY e "x">]>\n' + rss("2.0", entries(kinds=("complete",)), plain, base=base), "utf-8"),
        "application/rss+xml",
        [],
        readable=False,
    )
    made = entries(kinds=())
    add("rss20-no-items", _encoded(rss("2.0", made, with_entities, base=base), "utf-8"), "application/rss+xml", made)

    # Not feeds at all.
    for family, body, content_type in NOT_FEEDS:
        add(family, body, content_type, [], readable=False)
    return feeds


def _truncate(document: str) -> str:
    # Cut inside the last entry, after its title: the entry is recovered without its end.
    return document[: document.rfind("</title>") + len("</title>")]


ILLFORMED: dict[str, Callable[[str], str]] = {
    "bare-ampersand": lambda d: d.replace("the story.", "the story & more: ?a=1&b=2", 1),
    "unclosed-tag": lambda d: (
        d.replace("<title>", "<title><b>", 1) if "<title>" in d else d.replace('<title type="html">', '<title type="html"><b>', 1)
    ),
    "stray-end-tag": lambda d: d.replace("</language>", "</language></width>", 1).replace("</updated>", "</updated></width>", 1),
    "truncated": _truncate,
    "lt-in-text": lambda d: d.replace(" title<", " title 1 < 2<", 1),
    "control-characters": lambda d: d.replace(" title<", " title\x0b\x1a<", 1),
    "undeclared-prefix": lambda d: d.replace("<language>", "<foo:bar>x</foo:bar><language>", 1).replace(
        "<updated>", "<foo:bar>x</foo:bar><updated>", 1
    ),
    "junk-before-declaration": lambda d: "\n\n  <!-- generated -->\n" + '<?xml version="1.0"?>' + d,
    "charref-out-of-range": lambda d: d.replace(" title<", " title &#0; &#xD800;<", 1),
    "uppercase-tags": lambda d: d.replace("<item>", "<ITEM>").replace("</item>", "</ITEM>"),
}

NOT_FEEDS = (
    ("empty-body", b"", "application/rss+xml"),
    ("whitespace-body", b" \r\n\t\n", "application/rss+xml"),
    ("empty-body-no-type", b"", None),
    ("html-page", b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>", "text/html"),
    ("json-not-a-feed", b'{"error": "not found"}', "application/json"),
    ("plain-text", b"Service temporarily unavailable", "text/plain"),
    ("binary", bytes(range(256)), "application/octet-stream"),
)


def serve(server: object, feeds: list[CorpusFeed]) -> None:
    """Put the corpus on a `tests.support.feeds.server.FeedServer`."""
    for feed in feeds:
        server.bodies[feed.path] = (feed.body, feed.content_type)  # type: ignore[attr-defined]


def expected_markers(feeds: list[CorpusFeed]) -> Iterator[tuple[CorpusFeed, Entry]]:
    """Every entry that must end up indexed or dead-lettered: those with a title, summary or content."""
    for feed in feeds:
        if feed.readable:
            yield from ((feed, entry) for entry in feed.entries if entry.has_content)
