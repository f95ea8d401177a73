"""newsbeam reads a page's metadata with trafilatura's own steps, less its date and licence: the fields it
keeps must be trafilatura's, and htmldate, asked later with the URL it is handed, must answer as inside trafilatura."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

import pytest
from trafilatura.metadata import extract_metadata

from pipelines.extraction.html import parse_html
from pipelines.extraction.page_metadata import read_metadata

DEVSET = Path(__file__).parent / "devset"
# What read_metadata leaves out on purpose: the date (asked of htmldate only when needed), the licence, and
# the host name and file date trafilatura derives for its own output; and the slots of the text, empty here.
NOT_READ = {"date", "license", "hostname", "filedate", "body", "commentsbody"}
DATE_PARAMS = {"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%d"}

# Each of trafilatura's fallbacks in turn: a byline found in the markup, a site name from the <title>
# (lower-case, so re-capitalised), tags and categories from links, a relative canonical URL, a date only in the text.
FALLBACKS = """<html><head><title>Council adds twelve bus routes | citybus</title>
<link rel="canonical" href="/2021/03/04/buses">
<meta property="og:url" content="https://news.example/2021/03/04/buses"></head>
<body><article><h1>Council adds twelve bus routes</h1>
<p class="byline">By <span class="author">Jane Roe</span></p>
<p>Published 4 March 2021. The council voted on Tuesday to expand the city's bus network by twelve routes,
the largest change to the timetable since the tram lines were closed.</p>
<div class="entry-meta"><a href="/category/transport/">Transport</a></div>
<div class="tags"><a href="/tag/buses/">Buses</a> <a href="/tags/council/">Council</a></div>
</article></body></html>"""
SITE_IN_TWITTER = """<html><head><title>Twelve new bus routes</title><meta name="twitter:site" content="@citybus">
<meta name="author" content="Roe"></head><body><p>The council voted on Tuesday.</p></body></html>"""


def pages() -> list[tuple[str, str]]:
    return [(path.name, path.read_text(encoding="utf-8")) for path in sorted(DEVSET.glob("*.html"))] + [
        ("fallbacks", FALLBACKS),
        ("site_in_twitter", SITE_IN_TWITTER),
    ]


@pytest.mark.parametrize(("name", "html"), pages(), ids=[name for name, _ in pages()])
@pytest.mark.parametrize("url", [None, "https://news.example/buses"])
def test_fields_are_trafilaturas_own(name: str, html: str, url: str | None) -> None:
    tree = parse_html(html)
    ours, _ = read_metadata(tree, url)
    theirs = extract_metadata(deepcopy(tree), url, dict(DATE_PARAMS))
    kept = [slot for slot in theirs.__slots__ if slot not in NOT_READ]
    assert {slot: getattr(ours, slot) for slot in kept} == {slot: getattr(theirs, slot) for slot in kept}
    assert any(getattr(ours, slot) for slot in kept)


@pytest.mark.parametrize(("name", "html"), pages(), ids=[name for name, _ in pages()])
def test_htmldate_given_the_date_url_answers_as_inside_trafilatura(name: str, html: str) -> None:
    from htmldate import find_date

    tree = parse_html(html)
    _, date_url = read_metadata(tree, None)
    assert find_date(tree, url=date_url, **DATE_PARAMS) == extract_metadata(deepcopy(tree), None, dict(DATE_PARAMS)).date


def test_fallbacks_are_exercised() -> None:
    document, date_url = read_metadata(parse_html(FALLBACKS), None)
    assert document.author == "Jane Roe"
    assert document.categories == ["Transport"] and document.tags == ["Buses", "Council"]
    assert date_url == "https://news.example/2021/03/04/buses"
    assert read_metadata(parse_html(SITE_IN_TWITTER), None)[0].sitename == "Citybus"
