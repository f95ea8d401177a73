"""Page parts a reader never sees as article text, dropped before the body is extracted.

- Hidden markup: `hidden`, `aria-hidden="true"`, `display:none`, `visibility:hidden` (the rule Mozilla
  Readability applies). Video players, share dialogs and screen-reader copies live there, and
  trafilatura keeps their text ("This is a modal window.", "Chapters", "subtitles off").
- Widgets named by their ARIA role: dialogs, menus, navigation, banners, footers (`contentinfo`),
  sidebars (`complementary`).
- Paragraphs that are almost all link text: "Read also: <headline>" teasers set inside the article
  in every language ("Lesen Sie auch", "PUEDES VER", "Czytaj też"), which trafilatura keeps as text.

Each cut is guarded as trafilatura guards its own pruning: when it would take away nearly all the
page's text (a page hidden until a script reveals it, a page that is one list of links), nothing is dropped.
"""

from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.xml import delete_element

# A wide net cast inside libxml2 (attribute tests on one pass over the page); `_unseen` decides.
_CANDIDATES = XPath('/descendant::*[@hidden or @aria-hidden="true" or @role or contains(@style, "none") or contains(@style, "hidden")]')
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WIDGET_ROLES = frozenset({"dialog", "alertdialog", "menu", "menubar", "navigation", "complementary", "banner", "contentinfo"})
_LINKED_PARAGRAPHS = XPath("/descendant::p[descendant::a]")
# trafilatura's guard: a cut must leave at least this share of the page's text.
KEEP_SHARE = 1 / 7
# A paragraph whose text is more than this share of link text is a teaser, not article text.
LINK_SHARE = 0.8


def _text_length(element: HtmlElement) -> int:
    return len(" ".join(element.text_content().split()))


def _link_paragraphs(tree: HtmlElement) -> list[HtmlElement]:
    found = []
    for paragraph in _LINKED_PARAGRAPHS(tree):
        length = _text_length(paragraph)
        if length and sum(_text_length(link) for link in paragraph.iter("a")) > LINK_SHARE * length:
            found.append(paragraph)
    return found


def _unseen(element: HtmlElement) -> bool:
    return (
        element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or (element.get("role") or "").strip().lower() in _WIDGET_ROLES
        or bool(_HIDDEN_STYLE.search(element.get("style") or ""))
    )


def _outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    chosen = set(elements)
    return [element for element in elements if not any(ancestor in chosen for ancestor in element.iterancestors())]


def _cut(tree: HtmlElement, elements: list[HtmlElement]) -> None:
    """Delete `elements` (none inside another) unless that leaves too little of the page's text."""
    if not elements:
        return
    total = len(tree.text_content())
    if total - sum(len(element.text_content()) for element in elements) > KEEP_SHARE * total:
        for element in elements:
            delete_element(element)


def drop_unseen(tree: HtmlElement) -> None:
    """Remove hidden markup, ARIA widgets and link-only paragraphs from `tree`, in place."""
    _cut(tree, _outermost([element for element in _CANDIDATES(tree) if _unseen(element)]))
    _cut(tree, _link_paragraphs(tree))
