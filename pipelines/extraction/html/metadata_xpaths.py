"""trafilatura's byline, category and tag XPaths, rewritten to select the same elements for less.

trafilatura asks, for instance, `//*[self::a or self::div or …][@class='byline' or re:test(@class, 'author|…') or …]`:
libxml2 then tests every element of the page against each tag name and attribute in turn, and every
`re:test` is a call back into Python's `re`. Asked the other way round, each attribute the test
reads collected in a pass of its own (`//@class[…]`) and their elements then kept by tag, the same
elements come out, in the same document order, in 35-60% of the time on the dev pages; the regular
expressions, alternatives of literals, are written as `contains()` and `starts-with()` (`starts-with`
for a `^`), which libxml2 tests itself. These XPaths were most of the cost of reading a page's
metadata on the dev pages. The others, which test one tag name or are asked on few pages, stay trafilatura's.

Each rewrite stands for one of trafilatura's expressions, whose texts are pinned by a digest: a
trafilatura release that changes any of them fails on first use until the rewrites are checked
against the new texts (tests/test_xpath_rewrites.py and tests/test_page_metadata.py compare both
selections on random and real pages).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from hashlib import sha256
from types import ModuleType

from lxml.etree import XPath

from foundation.workarounds import UnsupportedVersion

# The digest of trafilatura 2.3's AUTHOR_XPATHS, AUTHOR_DISCARD_XPATHS, CATEGORIES_XPATHS and TAGS_XPATHS texts.
SOURCE_DIGEST = "dc30f38486fabab0144ee1d3bec929d74f4d12084824edd8d32e78bf9772bf08"

# AUTHOR_XPATHS, in order.
_AUTHOR = (
    XPath(
        "(//@rel[. = 'author'] | //@id[. = 'author'] | //@itemprop[. = 'author name']"
        " | //@data-testid[. = 'AuthorCard' or . = 'AuthorURL']"
        " | //@class[. = 'author' or contains(., 'author-name') or contains(., 'authorname')"
        " or contains(., 'AuthorName') or contains(., 'authorName')]"
        # trafilatura's `rel='me'` (a child <rel> element whose text is "me").
        " | //rel[. = 'me'])"
        "/parent::*[self::a or self::address or self::div or self::link or self::p or self::span or self::strong]"
        " | //author"
    ),
    XPath(
        "(//@class[. = 'byline' or . = 'username' or . = 'byl' or . = 'BBL' or contains(., 'author')"
        " or contains(., 'channel-name') or contains(., 'zuozhe') or contains(., 'bianji') or contains(., 'xiaobian')"
        " or contains(., 'submitted-by') or contains(., 'posted-by') or contains(., 'journalist-name')]"
        " | //@itemprop[contains(., 'author')]"
        " | //@id[contains(., 'author') or contains(., 'zuozhe') or contains(., 'bianji') or contains(., 'xiaobian')])"
        "/parent::*[self::a or self::div or self::h3 or self::h4 or self::p or self::span]"
    ),
    XPath(
        "(//@data-component[contains(., 'Byline')] | //@itemprop[contains(., 'author')]"
        " | //@id[contains(., 'Author') or contains(., 'author')]"
        " | //@class[contains(., 'Author') or contains(., 'author') or contains(., 'screenname') or contains(., 'writer')"
        " or contains(., 'Byline') or contains(., 'byline')])/parent::*"
    ),
)
# The EXSLT namespace trafilatura's expressions use for `re:test`.
_NAMESPACES = {"re": "http://exslt.org/regular-expressions"}
# CATEGORIES_XPATHS and TAGS_XPATHS by position; the others are trafilatura's own.
_CATEGORIES = {
    3: XPath(
        "(//li | //span)[@class='post-category' or @class='postcategory' or @class='entry-category' or contains(@class, 'cat-links')]"
        "//a[@href]"
    ),
}
_TAGS = {
    2: XPath(
        "//div/@class[. = 'row' or . = 'jp-relatedposts' or . = 'entry-utility' or starts-with(., 'tag')"
        " or starts-with(., 'postmeta') or starts-with(., 'meta')]/parent::*//a[@href]"
    ),
    3: XPath("//@class[. = 'entry-meta' or contains(., 'topics') or contains(., 'tags-links')]/parent::*//a[@href]"),
}


@dataclass(frozen=True)
class MetadataXPaths:
    """The expressions to ask in place of trafilatura's lists of the same names, in its order."""

    author: tuple[XPath, ...]
    author_discarded: tuple[XPath, ...]
    """AUTHOR_DISCARD_XPATHS as tests of one element: each selects the element itself when trafilatura's selects it."""
    categories: tuple[XPath, ...]
    tags: tuple[XPath, ...]


def source_digest(steps: ModuleType) -> str:
    """The digest of the texts of trafilatura's expressions that the rewrites stand for."""
    lists = (steps.AUTHOR_XPATHS, steps.AUTHOR_DISCARD_XPATHS, steps.CATEGORIES_XPATHS, steps.TAGS_XPATHS)
    return sha256("\n\n".join(expression.path for expressions in lists for expression in expressions).encode()).hexdigest()


@cache
def metadata_xpaths(steps: ModuleType) -> MetadataXPaths:
    """The rewrites, with trafilatura's own expressions where there is none; `steps` is its metadata module."""
    if source_digest(steps) != SOURCE_DIGEST:
        raise UnsupportedVersion(
            "trafilatura's byline, category or tag XPaths changed: check the rewrites in "
            "pipelines/extraction/html/metadata_xpaths.py against them, then update SOURCE_DIGEST"
        )
    return MetadataXPaths(
        author=_AUTHOR,
        author_discarded=_discard_tests(steps.AUTHOR_DISCARD_XPATHS),
        categories=tuple(_CATEGORIES.get(index, expression) for index, expression in enumerate(steps.CATEGORIES_XPATHS)),
        tags=tuple(_TAGS.get(index, expression) for index, expression in enumerate(steps.TAGS_XPATHS)),
    )


def _discard_tests(discards: list[XPath]) -> tuple[XPath, ...]:
    """`.//*[tests]` (every element under the page's root that passes) as `self::*[tests]`, `//time|//figure` as
    `self::time | self::figure`: the texts are the pinned ones, so the cut is known to fall on a step."""
    relative, tags = (discard.path.strip() for discard in discards)
    return (
        XPath("self::*" + relative.removeprefix(".//*"), namespaces=_NAMESPACES),
        XPath(" | ".join("self::" + step.removeprefix("//") for step in tags.split("|"))),
    )
