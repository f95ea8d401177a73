"""The page's metadata as trafilatura reads it, without the two steps newsbeam has no use for.

trafilatura's `extract_metadata` ends with htmldate's search for a publication date over the whole
page (on the dev pages, a quarter of the cost of an HTML extraction) and a look for a licence. newsbeam
reads declared dates itself and needs htmldate's answer only when neither the markup nor the URLs
state a date (see html.py), and has no licence field. The other steps are trafilatura's own functions,
called in its order and with its rules, so titles, authors, sitenames, tags and URLs come out the same
(tests/test_page_metadata.py compares the two readings). Its byline, category and tag readers are
redone here, to the same answers for less: they ask faster rewrites of its XPaths (metadata_xpaths.py),
the byline reader does without its copy of the page (`_author`), and the category and tag readers ask
nothing of a page without a link of the kind they keep (`_categories_or_tags`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from types import ModuleType

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.settings import Document

from foundation.workarounds import trafilatura_metadata_steps
from pipelines.extraction.html.metadata_xpaths import MetadataXPaths, metadata_xpaths

logger = logging.getLogger(__name__)
# Whether any href on the page holds the text `start`.
_HREF_HOLDING = XPath("boolean(//@href[contains(., $start)])")
# trafilatura's fallback for a category: the section its <meta> tags name.
_SECTION_METAS = XPath('.//head//meta[@property="article:section" or contains(@name, "subject")][@content]')


def read_metadata(tree: HtmlElement, default_url: str | None) -> tuple[Document, str | None]:
    """trafilatura's metadata of the page (no date, no licence), and the URL it would give htmldate.

    That URL is the canonical one as found, before the trimming every field gets at the end.
    """
    steps = trafilatura_metadata_steps()
    xpaths = metadata_xpaths(steps)
    metadata = steps.examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    try:
        metadata = steps.extract_meta_json(tree, metadata)
    except Exception as error:  # trafilatura guards its JSON-LD reader the same way: what it read before the error stays
        logger.warning("error in JSON metadata extraction: %s", error)
    if not metadata.title:
        metadata.title = steps.extract_title(tree)
    if not metadata.author:
        metadata.author = _author(tree, steps, xpaths)
    if not metadata.url:
        metadata.url = steps.extract_url(tree, default_url)
    date_url = metadata.url

    if not metadata.sitename:
        metadata.sitename = steps.extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url:
        match = steps.META_URL.match(metadata.url)
        if match:
            metadata.sitename = match[1]
    if not metadata.categories:
        metadata.categories = _categories_or_tags("category", tree, steps, xpaths.categories)
    if not metadata.tags:
        metadata.tags = _categories_or_tags("tag", tree, steps, xpaths.tags)
    metadata.clean_and_trim()
    return metadata, date_url


def byline_author(tree: HtmlElement, is_label: Callable[[str], bool]) -> str | None:
    """The first byline trafilatura's XPaths select (see `_author`) that `is_label` does not take for a
    field's label: a sign-in menu's "Username" in the page's header comes before the article's byline,
    and trafilatura stops at it."""
    steps = trafilatura_metadata_steps()
    return _author(tree, steps, metadata_xpaths(steps), is_label)


def _author(tree: HtmlElement, steps: ModuleType, xpaths: MetadataXPaths, is_label: Callable[[str], bool] | None = None) -> str | None:
    """trafilatura's `extract_author`, its XPaths asked of the page itself instead of a pruned copy;
    with `is_label`, the bylines it holds for labels are passed over.

    trafilatura copies the whole page and deletes from the copy the parts whose names are not the
    article's author (comments, sidebars, dates, figures) before it asks its byline XPaths, and most
    pages have no element those select. Here they are asked of the page, and only what they select is
    looked at: an element in or under a part trafilatura deletes is not in the copy, and the text of
    the others is read as the copy's would be (see `_pruned_text`). The XPaths select by an element's
    own tag and attributes, except `rel='me'`, which tests a child `<rel>` element's text: a page with
    one is left to trafilatura's own step.
    """
    if next(tree.iter("rel"), None) is not None:
        author = steps.extract_author(tree)
        return None if author and is_label and is_label(author) else author
    for expression in xpaths.author:
        for element in expression(tree):
            if any(test(node) for node in (element, *element.iterancestors()) for test in xpaths.author_discarded):
                continue
            # What trafilatura deletes under the element: its relative XPath asked from there, its
            # absolute one (`//time|//figure`) of the whole page, as it asks them.
            pruned = {found for discard in steps.AUTHOR_DISCARD_XPATHS for found in discard(element)}
            content = steps.trim(" ".join(_pruned_text(element, pruned)))
            # trafilatura's `extract_metainfo` test, with the bound `extract_author` gives it.
            if content and 2 < len(content) < 120:
                author = steps.normalize_authors(None, content)
                if not (author and is_label and is_label(author)):
                    return author
    return None


def _categories_or_tags(kind: str, tree: HtmlElement, steps: ModuleType, expressions: tuple[XPath, ...]) -> list[str]:
    """trafilatura's `extract_catstags(kind, tree)`, asking `expressions` (its CATEGORIES_XPATHS or TAGS_XPATHS)."""
    results: list[str] = []
    # Links into the site's category or tag pages ("/category/", "/tags/").
    path = "/" + kind.rstrip("y") + "(?:y|ies|s)?/"
    # Only what has an href matching `path` is kept, so on a page where no href holds its fixed start
    # (most pages) the XPaths, a pass over the page each, would find nothing.
    if _HREF_HOLDING(tree, start="/" + kind.rstrip("y")):
        for expression in expressions:
            results.extend(steps.block_text(element) for element in expression(tree) if re.search(path, element.attrib["href"]))
            if results:
                break
    if kind == "category" and not results:
        results.extend(element.attrib["content"] for element in _SECTION_METAS(tree))
    return [result for result in dict.fromkeys(steps.line_processing(value) for value in results if value) if result]


def _pruned_text(element: HtmlElement, pruned: set[HtmlElement]) -> Iterator[str]:
    """`element.itertext()` as it reads once the `pruned` elements are deleted as trafilatura deletes them.

    A deleted element's tail is glued onto the text before it (the previous kept sibling's tail, else
    the parent's text) without a space, so it is not a piece of its own: "Jo<time>…</time>hn" reads "John".
    """
    before = element.text
    for child in element:
        if child in pruned:
            if child.tail:
                before = (before or "") + child.tail
            continue
        if before:
            yield before
        yield from _pruned_text(child, pruned)
        before = child.tail
    if before:
        yield before
