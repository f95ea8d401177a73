"""newsbeam reads a page's metadata with trafilatura's own steps, less its date and licence: the fields it
keeps must be trafilatura's, and htmldate, asked later with the URL it is handed, must answer as inside trafilatura."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

import pytest
from trafilatura.metadata import extract_metadata

from foundation.records import RawDocument
from foundation.workarounds import trafilatura_metadata_steps
from pipelines.extraction import extract
from pipelines.extraction.html.metadata import read_metadata
from pipelines.extraction.html.metadata_xpaths import metadata_xpaths
from pipelines.extraction.html.reader import parse_html

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

# A byline whose date and label trafilatura prunes before reading it: what is left glues together ("John").
PRUNED_BYLINE = """<html><head><title>Twelve new bus routes</title></head><body><article>
<p class="author">By Jo<time>May 3</time>hn <span class="date">2021</span>Smith<figure>Photo: AP</figure></p>
<div class="comments"><span class="author">Commenter</span></div><p>The council voted on Tuesday.</p></article></body></html>"""
# Something for every branch of the rewritten XPaths (metadata_xpaths.py) to select, and near misses.
REWRITTEN = """<html><head><title>t</title></head><body>
<a rel="author" href="/a">Ann Author</a> <span id="author">Sam Id</span> <p itemprop="author name">Pat Prop</p>
<div data-testid="AuthorCard">Card Name</div> <span class="c-author-name">Hyphen Name</span> <strong class="authorName">Camel</strong>
<div><rel>me</rel>Rel Me</div> <author>Tag Author</author> <li class="author">Li Author</li> <span class="AUTHOR">no</span>
<h3 class="byline">By Line</h3> <p class="username">user</p> <span class="BBL">bbl</span> <h4 itemprop="authors">Prop</h4>
<div id="zuozhe1">Zuo</div> <span class="posted-by">Poster</span> <section data-component="Byline">Comp</section>
<em id="mainAuthor">Main</em> <b class="screenname">screen</b> <i class="writer">writer</i> <u class="Byline">Byl</u>
<div class="tag-list"><a href="/tag/x">X</a></div> <div class="row"><a href="/tags/y">Y</a></div>
<div class="meta-tags"><a href="/tag/z">Z</a></div> <div class="x-tag"><a href="/tag/no">No</a></div>
<p class="entry-meta"><a href="/tag/w">W</a></p> <ul class="topics"><li><a href="/tag/v">V</a></li></ul>
<span class="tags-links"><a href="/tag/u">U</a></span> <li class="post-category"><a href="/category/c">C</a></li>
<span class="cat-links x"><a href="/categories/d">D</a></span> <div class="post-category"><a href="/category/e">E</a></div>
</body></html>"""


def pages() -> list[tuple[str, str]]:
    return [(path.name, path.read_text(encoding="utf-8")) for path in sorted(DEVSET.glob("*.html"))] + [
        ("fallbacks", FALLBACKS),
        ("site_in_twitter", SITE_IN_TWITTER),
        ("pruned_byline", PRUNED_BYLINE),
        ("rewritten", REWRITTEN),
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


def test_a_pruned_byline_reads_as_in_trafilaturas_copy() -> None:
    assert read_metadata(parse_html(PRUNED_BYLINE), None)[0].author == "John Smith"


@pytest.mark.parametrize(("name", "html"), pages(), ids=[name for name, _ in pages()])
def test_rewritten_xpaths_select_what_trafilaturas_select(name: str, html: str) -> None:
    steps = trafilatura_metadata_steps()
    rewrites = metadata_xpaths(steps)
    tree = parse_html(html)
    for theirs, ours in (
        (steps.AUTHOR_XPATHS, rewrites.author),
        (steps.CATEGORIES_XPATHS, rewrites.categories),
        (steps.TAGS_XPATHS, rewrites.tags),
    ):
        for original, rewrite in zip(theirs, ours, strict=True):
            assert rewrite(tree) == original(tree), original.path
            assert rewrite(tree) or name != "rewritten" or rewrite is original, original.path


def test_a_keywords_list_gives_one_tag_per_keyword() -> None:
    # trafilatura hands each `<meta>` list over as one comma-joined value.
    page = """<html><head><title>Council adds twelve bus routes</title>
<meta name="keywords" content="buses, city council,timetable"></head><body><article><h1>Council adds twelve bus routes</h1>
<p>The council voted on Tuesday to expand the city's bus network by twelve routes, the largest change to the
timetable since the tram lines were closed, and the first since the depot moved to the harbour.</p></article></body></html>"""
    article = extract(RawDocument(source="test", content=page.encode(), content_type="text/html"))
    assert article.tags == ["buses", "city council", "timetable"]
