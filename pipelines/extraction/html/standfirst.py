"""The standfirst a page prints between its headline and its article: a sentence or two that sum the
story up ("Wärmepumpen boomen, doch …"). trafilatura often leaves it out, as it sits in the page's
header rather than in the article's column; the page's meta description is mostly the same text. The
description is taken for the article's first paragraph only where the page prints it, as it stands,
before the article's text: a description the page does not show is a search engine's blurb, and one
printed further down is a teaser's.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

# A description shorter than this is a tagline or a label ("News from Berlin"), not a standfirst.
STANDFIRST_WORDS = 8
# The article's first paragraph is found in the page by its first characters.
FIRST_PARAGRAPH_CHARS = 60
# Elements whose text the body's text holds and a reader does not see.
_UNSEEN = ("script", "style", "template")


def with_standfirst(paragraphs: list[str], description: str | None, title: str | None, tree: HtmlElement) -> list[str]:
    """`paragraphs` with the page's standfirst first, where the description is one (see the module)."""
    if not paragraphs or not description or len(description.split()) < STANDFIRST_WORDS:
        return paragraphs
    standfirst = _key(description)
    if standfirst in _key(title or "") or standfirst in _key("\n".join(paragraphs)):
        return paragraphs
    body = tree.find("body")
    if body is None:
        return paragraphs
    page = _printed_text(body)
    at = page.find(standfirst)
    first = page.find(_key(paragraphs[0])[:FIRST_PARAGRAPH_CHARS])
    # Where the article's text starts with it, the description is the opening run on, not a standfirst.
    if at < 0 or 0 <= first <= at:
        return paragraphs
    return [" ".join(description.split()), *paragraphs]


def _printed_text(body: HtmlElement) -> str:
    """The body's text as a reader sees it, keyed: without the scripts' data (JSON-LD, a player's
    config), which may hold the description and the article before the page prints them. The body's
    text comes in one call to libxml2 (a walk of its text nodes costs ten times as much), and each
    unseen element's text is cut out of it where it stands, in the document's order."""
    text = etree.tostring(body, method="text", encoding="unicode")
    pieces: list[str] = []
    cursor = 0
    for element in body.iter(_UNSEEN):
        at = text.find(element.text, cursor) if element.text else -1
        if at >= 0:
            pieces.append(text[cursor:at])
            cursor = at + len(element.text)
    pieces.append(text[cursor:])
    return _key(" ".join(pieces))


def _key(text: str) -> str:
    """`text` as compared: its words, as printed (case folding the whole page would cost more than
    the rest of the test)."""
    return " ".join(text.split())
