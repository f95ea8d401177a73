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

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.xml import delete_element

_UNSEEN = [
    XPath(
        '//*[@hidden or @aria-hidden="true" or contains(translate(@style, " ", ""), "display:none")'
        ' or contains(translate(@style, " ", ""), "visibility:hidden")]'
    ),
    XPath(
        '//*[@role="dialog" or @role="alertdialog" or @role="menu" or @role="menubar" or @role="navigation"'
        ' or @role="complementary" or @role="banner" or @role="contentinfo"]'
    ),
]
# trafilatura's guard: a cut must leave at least this share of the page's text.
KEEP_SHARE = 1 / 7
# A paragraph whose text is more than this share of link text is a teaser, not article text.
LINK_SHARE = 0.8


def _text_length(element: HtmlElement) -> int:
    return len(" ".join(element.text_content().split()))


def _link_paragraphs(tree: HtmlElement) -> list[HtmlElement]:
    found = []
    for paragraph in tree.iter("p"):
        length = _text_length(paragraph)
        if length and sum(_text_length(link) for link in paragraph.iter("a")) > LINK_SHARE * length:
            found.append(paragraph)
    return found


def drop_unseen(tree: HtmlElement) -> None:
    """Remove hidden markup, ARIA widgets and link-only paragraphs from `tree`, in place."""
    prune_unwanted_nodes(tree, _UNSEEN, with_backup=True)
    teasers = _link_paragraphs(tree)
    total = len(tree.text_content())
    if teasers and total - sum(len(teaser.text_content()) for teaser in teasers) > KEEP_SHARE * total:
        for teaser in teasers:
            delete_element(teaser)
