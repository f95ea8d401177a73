"""Page parts a reader never sees as article text, dropped before the body is extracted.

- Hidden markup: `hidden`, `aria-hidden="true"`, `display:none`, `visibility:hidden` (the rule Mozilla
  Readability applies). Video players, share dialogs and screen-reader copies live there, and
  trafilatura keeps their text ("This is a modal window.", "Chapters", "subtitles off").
- Widgets named by their ARIA role: dialogs, menus, navigation, banners, footers (`contentinfo`),
  sidebars (`complementary`); not a landmark that holds paragraphs of running text, as a page that
  sets its whole layout inside its banner does.
- Paragraphs that are almost all link text: "Read also: <headline>" teasers set inside the article
  in every language ("Lesen Sie auch", "PUEDES VER", "Czytaj też"), which trafilatura keeps as text;
  also when the label is a larger share of the text than the link ("LE PUEDE INTERESAR: <headline>").
- Teaser cards: a run of sibling blocks that each hold one linked headline and a short standfirst ("more
  stories", a news stream under the article). trafilatura keeps them when the standfirsts are plain
  text, and its favor_precision setting, which drops them, costs recall on every other page.

Each cut is guarded as trafilatura guards its own pruning: when it would take away nearly all the
page's text (a page hidden until a script reveals it, a page that is one list of links), nothing is dropped.
"""

from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.xml import delete_element

# A wide net cast inside libxml2; `_unseen` decides. A union of attribute steps, each a plain pass over the
# page, costs half of one pass that evaluates a predicate of five tests on every element.
_CANDIDATES = XPath('(//@hidden | //@aria-hidden[. = "true"] | //@role | //@style[contains(., "none") or contains(., "hidden")])/..')
_WORD = re.compile(r"\w+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WIDGET_ROLES = frozenset({"dialog", "alertdialog", "menu", "menubar", "navigation", "complementary", "banner", "contentinfo"})
_LINKED_PARAGRAPHS = XPath("/descendant::p[descendant::a]")
# Headings that link to another page, or sit inside such a link: the headlines of teaser cards. A pass over
# the page per heading level, where one pass testing five tag names on every element costs three times as much.
_LINKED_HEADINGS = XPath(
    "(//h2 | //h3 | //h4 | //h5 | //h6)"
    "[descendant::a[@href and not(starts-with(@href, '#'))] or ancestor::a[@href and not(starts-with(@href, '#'))]]"
)
# trafilatura's guard: a cut must leave at least this share of the page's text.
KEEP_SHARE = 1 / 7
# A paragraph whose text is more than this share of link text is a teaser, not article text.
LINK_SHARE = 0.8
# A teaser's label is a few words ending in a colon ("Czytaj też:", "LE PUEDE INTERESAR:"); a linked headline has a few more.
LABEL_WORDS = 4
HEADLINE_WORDS = 5
# Related-story lists: at least this many cards side by side, each at most this long (a headline and a standfirst
# of a few sentences; an article section runs longer).
TEASER_RUN = 3
TEASER_LENGTH = 800
# A landmark holding this many paragraphs of this many characters holds article text, not a widget's.
PROSE_PARAGRAPHS = 2
PROSE_CHARS = 150


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _text_length(element: HtmlElement) -> int:
    return len(_text(element))


def _labelled_links(paragraph: HtmlElement) -> bool:
    """A label before a colon, then only links, one of them a headline: "LE PUEDE INTERESAR: <headline>".

    Short links after a label are values ("Source files: <a>blanket.js</a>", "Photo: <a>Jane Roe</a>"), not teasers.
    """
    text = _text(paragraph)
    links = list(paragraph.iter("a"))
    # The label may be set in <strong> or <b>: it is whatever comes before the first link.
    start = text.find(_text(links[0]))
    label = text[:start].strip()
    if start < 0 or not label.endswith(":") or len(label.split()) > LABEL_WORDS:
        return False
    linked = [len(_WORD.findall(link.text_content())) for link in links]
    return len(_WORD.findall(text)) <= len(_WORD.findall(label)) + sum(linked) and max(linked) >= HEADLINE_WORDS


def _link_paragraphs(tree: HtmlElement) -> list[HtmlElement]:
    found = []
    for paragraph in _LINKED_PARAGRAPHS(tree):
        length = _text_length(paragraph)
        linked = sum(_text_length(link) for link in paragraph.iter("a"))
        if length and (linked > LINK_SHARE * length or _labelled_links(paragraph)):
            found.append(paragraph)
    return found


def _teaser_cards(tree: HtmlElement) -> list[HtmlElement]:
    """Runs of sibling cards, each holding one linked headline, none longer than a standfirst.

    A card is the largest ancestor of a linked heading that holds no other one; cards are grouped by
    their parent. A heading that is its own card is a section title with a link in it ("History [edit]"),
    and an article's own sections are longer than TEASER_LENGTH, so neither qualifies.
    """
    headings = _LINKED_HEADINGS(tree)
    holds: dict[HtmlElement, int] = {}
    for heading in headings:
        for ancestor in heading.iterancestors():
            holds[ancestor] = holds.get(ancestor, 0) + 1
    runs: dict[HtmlElement, list[HtmlElement]] = {}
    for heading in headings:
        card = heading
        for ancestor in heading.iterancestors():
            if holds[ancestor] > 1:
                if card is not heading:
                    runs.setdefault(ancestor, []).append(card)
                break
            card = ancestor
    return [
        card for run in runs.values() if len(run) >= TEASER_RUN and all(_text_length(card) <= TEASER_LENGTH for card in run) for card in run
    ]


def _unseen(element: HtmlElement) -> bool:
    return (
        element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or ((element.get("role") or "").strip().lower() in _WIDGET_ROLES and not _holds_prose(element))
        or bool(_HIDDEN_STYLE.search(element.get("style") or ""))
    )


def _holds_prose(element: HtmlElement) -> bool:
    """Whether paragraphs of running text stand in `element`: a page that sets its whole layout, the
    article too, inside its banner or navigation landmark keeps it."""
    long = 0
    for paragraph in element.iter("p"):
        if len(paragraph.text_content()) >= PROSE_CHARS:
            long += 1
            if long >= PROSE_PARAGRAPHS:
                return True
    return False


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
    """Remove hidden markup, ARIA widgets, link-only paragraphs and teaser cards from `tree`, in place."""
    _cut(tree, _outermost([element for element in _CANDIDATES(tree) if _unseen(element)]))
    _cut(tree, _link_paragraphs(tree))
    _cut(tree, _outermost(_teaser_cards(tree)))
