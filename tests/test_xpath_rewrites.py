"""XPaths rewritten to cost less select exactly what the expressions they stand for select: trafilatura's
byline, category and tag XPaths (metadata_xpaths.py) and newsbeam's own as first written, on random pages
made of the tags, attributes and values the expressions test."""

from __future__ import annotations

import random

import pytest
from lxml.etree import XPath

from foundation.workarounds import trafilatura_metadata_steps
from pipelines.extraction.html import reader as html
from pipelines.extraction.html import unseen
from pipelines.extraction.html.metadata_xpaths import metadata_xpaths

# The containers the category and tag XPaths test, and links, come up more often than the other tags.
TAGS = ["div", "span", "a", "p", "li"] * 4 + ["address", "link", "strong", "h2", "h3", "h4", "h5", "h6", "ul", "section"]
TAGS += ["time", "figure", "author", "rel", "footer", "header", "em", "article"]
ATTRIBUTES = ["class", "id", "itemprop", "rel", "data-testid", "data-component", "hidden", "aria-hidden", "role", "style", "href"]
WORDS = ["author", "Author", "author-name", "AuthorName", "authorName", "author name", "AuthorCard", "AuthorURL", "byline"]
WORDS += ["Byline", "byl", "BBL", "username", "zuozhe", "posted-by", "writer", "screenname", "comments", "Comments", "comment-list"]
WORDS += ["ProductReviews", "sidebar", "quote", "print", "category", "date", "title", "Figure", "tag", "tags", "row", "meta"]
WORDS += ["postmeta", "entry-meta", "entry-utility", "jp-relatedposts", "topics", "tags-links", "cat-links", "post-category"]
WORDS += ["postcategory", "entry-category", "display:none", "visibility:hidden", "none", "hidden", "true", "navigation", "me"]
WORDS += ["#top", "/tag/x", "/category/y", "postpath", "x", ""]
# The expressions as first written: the reference the rewrites are held to.
FIRST_WRITTEN = {
    "unseen candidates": (
        unseen._CANDIDATES,
        XPath('/descendant::*[@hidden or @aria-hidden="true" or @role or contains(@style, "none") or contains(@style, "hidden")]'),
    ),
    "linked headings": (
        unseen._LINKED_HEADINGS,
        XPath(
            "/descendant::*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
            "[descendant::a[@href and not(starts-with(@href, '#'))] or ancestor::a[@href and not(starts-with(@href, '#'))]]"
        ),
    ),
}


def _value(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(1, 2))
    return rng.choice([" ", "", "-", "x"]).join(words) if rng.random() < 0.5 else words[0]


def _element(rng: random.Random, depth: int) -> str:
    tag = rng.choice(TAGS)
    names = rng.sample(ATTRIBUTES, rng.randint(0, 3))
    # Category and tag XPaths select links, and only those with an href.
    names += ["href"] if tag == "a" and "href" not in names else []
    attributes = "".join(f' {name}="{_value(rng)}"' for name in names)
    children = "".join(_element(rng, depth + 1) for _ in range(rng.randint(0, 3) if depth < 5 else 0))
    return f"<{tag}{attributes}>{rng.choice(['me', 'By Jane Roe', ''])}{children}</{tag}>{rng.choice(['', ' tail'])}"


def _pages(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [f"<html><head><title>t</title></head><body>{''.join(_element(rng, 0) for _ in range(6))}</body></html>" for _ in range(count)]


@pytest.mark.parametrize("seed", range(4))
def test_rewrites_select_what_trafilaturas_xpaths_select(seed: int) -> None:
    steps = trafilatura_metadata_steps()
    rewrites = metadata_xpaths(steps)
    pairs = [
        *zip(steps.AUTHOR_XPATHS, rewrites.author, strict=True),
        *zip(steps.CATEGORIES_XPATHS, rewrites.categories, strict=True),
        *zip(steps.TAGS_XPATHS, rewrites.tags, strict=True),
    ]
    for page in _pages(150, seed):
        tree = html.parse_html(page)
        for original, rewrite in pairs:
            assert rewrite(tree) == original(tree), (original.path, page)
        # The tests of one element against trafilatura's selections of the whole page.
        discarded = [set(discard(tree)) for discard in steps.AUTHOR_DISCARD_XPATHS]
        for element in tree.iter():
            for selected, test in zip(discarded, rewrites.author_discarded, strict=True):
                assert (element in selected) == bool(test(element)), (test.path, page)


@pytest.mark.parametrize("name", FIRST_WRITTEN)
def test_rewrites_select_what_the_first_written_xpaths_select(name: str) -> None:
    rewrite, first = FIRST_WRITTEN[name]
    for page in _pages(300, 7):
        tree = html.parse_html(page)
        assert rewrite(tree) == first(tree), page


@pytest.mark.parametrize("levels", [250, 251, 252, 253, 254, 300])
def test_the_depth_test_finds_what_counting_ancestors_finds(levels: int) -> None:
    tree = html.parse_html("<html><body>" + "<div>" * levels + "x" + "</div>" * levels + "</body></html>")
    assert html._TOO_DEEP(tree) == tree.xpath(f"boolean(//*[ancestor::*[{html.PARSER_DEPTH_LIMIT - 2}]])")
