"""Dates a page shows its readers next to the headline: `<time>` text and elements named for a date.

htmldate reads these too, but returns one day with no time and no offset, and prefers the URL's
date when there is one; the date choice needs the shown date with its clock time to check the
structured dates against. Only the neighbourhood of the headline counts, and nothing inside
comments, embeds, sidebars or teaser lists: a page shows many dates (today's date in the masthead,
comment times, related stories) and only the byline's is the article's.
"""

from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement

from pipelines.extraction.dates.parsing import PartialDate, make_date, parse_date

_CUES = re.compile(r"date|time|publi|posted|byline|dateline|datum|fecha|meta", re.IGNORECASE)
_SKIP = {"script", "style", "noscript", "template", "head", "meta", "link"}
# A shown date is short (`Published Nov. 8, 2023, 10:28 PM EST`); longer text is a container.
MAX_TEXT = 90
MAX_DATES = 8
# Bylines sit just above or below the headline; these windows (in elements) hold them on the dev pages.
BEFORE_HEADLINE = 25
AFTER_HEADLINE = 150
_OTHER_TAGS = {"aside", "nav", "blockquote", "iframe"}
_OTHER_CUES = re.compile(
    r"comment|related|sidebar|widget|teaser|recommend|promo|embed|instagram|twitter|"
    r"masthead|navbar|breaking|ticker|covid",
    re.IGNORECASE,
)
# The window around the headline in document order, selected inside libxml2 rather than by listing
# every element of the page in Python (what precedes an element: its ancestors and the `preceding` axis).
_HEADINGS = XPath("/descendant::h1")
_BEFORE = XPath(f"(ancestor::* | preceding::*)[position() > last() - {BEFORE_HEADLINE}]")
_AFTER = XPath(f"(descendant::* | following::*)[position() < {AFTER_HEADLINE}]")
_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])")


def parse_shown_date(text: str) -> PartialDate | None:
    """`parse_date`, plus slashed dates where the order is certain (`6/13/2018`, `13/6/2018`; not `5/6/2018`)."""
    match = _SLASHED.search(text)
    if match:
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        if first > 12 >= second:
            return make_date(year, second, first)
        if second > 12 >= first:
            return make_date(year, first, second)
        return None
    return parse_date(text)


def _is_cue(element: HtmlElement) -> bool:
    if element.tag == "time":
        return True
    marker = f"{element.get('class', '')} {element.get('id', '')} {element.get('itemprop', '')}"
    return bool(marker.strip()) and bool(_CUES.search(marker))


def _elsewhere(element: HtmlElement) -> bool:
    """Inside a part of the page that shows other items' dates."""
    for ancestor in element.iterancestors():
        if ancestor.tag in _OTHER_TAGS:
            return True
        marker = f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
        if marker.strip() and _OTHER_CUES.search(marker):
            return True
    return False


def _headline(tree: HtmlElement, title: str | None) -> HtmlElement | None:
    """The article's `<h1>`: the one holding the title, else the first."""
    headings = _HEADINGS(tree)
    if not headings:
        return None
    wanted = " ".join((title or "").split()).casefold()
    for heading in headings:
        text = " ".join(heading.text_content().split()).casefold()
        if wanted and text and (text in wanted or wanted in text):
            return heading
    return headings[0]


def visible_dates(tree: HtmlElement, title: str | None = None) -> list[PartialDate]:
    """Dates shown near the headline, in document order (the first is the likeliest byline date)."""
    headline = _headline(tree, title)
    if headline is None:
        return []
    found: list[PartialDate] = []
    for element in [*_BEFORE(headline), headline, *_AFTER(headline)]:
        if element.tag in _SKIP or not _is_cue(element):
            continue
        text = " ".join(element.text_content().split())
        if not text or len(text) > MAX_TEXT:
            continue
        value = parse_shown_date(text)
        if value is not None and value not in found and not _elsewhere(element):
            found.append(value)
            if len(found) >= MAX_DATES:
                break
    return found
