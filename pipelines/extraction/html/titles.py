"""The article's title: the headline the publisher declares, else the page's `<title>` without the site's name.

trafilatura takes a lone `<h1>` before the `<title>` element, and on real pages that `<h1>` is often
the site's or the section's name ("Allergies Health Center", "About This Site"). Mozilla Readability
(Firefox's reader view) orders the sources as here and strips the site's name from `<title>` with the
rules below; no Python package ships that part on its own, so it is written out here.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from pipelines.extraction.html import structured

# Separators between a headline and the site's or section's name in `<title>` ("Headline | Site").
_SEPARATOR = re.compile(r" [|\-–—\\/>»] ")
# Separators that say the title is a path (Site > Section > Headline) rather than headline plus site.
_HIERARCHICAL = re.compile(r" [\\/>»] ")
_SEPARATOR_RUNS = re.compile(r"[|\-–—\\/>»]+")
_TOKENS = re.compile(r"\w+")
_META_TITLES = ("dc:title", "dc.title", "dcterm:title", "dcterms.title", "og:title", "twitter:title")
# Below this share of shared words, a JSON-LD `name` or `headline` is not the page's title (Readability's bound).
SIMILAR = 0.75
# Readability's bounds: a `<title>` shorter or longer than this is not a headline, and a lone `<h1>` is taken instead.
SHORT_TITLE = 15
LONG_TITLE = 150
# A stripped title of this many words or fewer is too little left; the whole `<title>` is kept.
FEW_WORDS = 4


def _squash(text: str | None) -> str:
    return " ".join((text or "").split())


def _words(text: str) -> int:
    return len(text.split())


def similarity(a: str, b: str) -> float:
    """Share of `b`'s text made of words `a` also has (Readability's `_textSimilarity`)."""
    tokens_a = set(_TOKENS.findall(a.lower()))
    tokens_b = _TOKENS.findall(b.lower())
    if not tokens_a or not tokens_b:
        return 0.0
    unique_b = [token for token in tokens_b if token not in tokens_a]
    return 1 - len(" ".join(unique_b)) / len(" ".join(tokens_b))


def title_element(tree: HtmlElement) -> str:
    element = tree.find(".//title")
    return _squash(element.text_content()) if element is not None else ""


def _headings(tree: HtmlElement, *tags: str) -> list[str]:
    return [_squash(element.text_content()) for element in tree.iter(*tags)]


def stripped_title(tree: HtmlElement) -> str | None:
    """`<title>` without the site's name ("Headline | Site", "Site: Headline"), as Readability strips it."""
    original = title_element(tree)
    if not original:
        return None
    title = original
    hierarchical = False
    separators = list(_SEPARATOR.finditer(original))
    if separators:
        hierarchical = bool(_HIERARCHICAL.search(original))
        title = original[: separators[-1].start()]
        if _words(title) < 3:
            title = original[separators[0].end() :]
    elif ": " in original:
        if original not in _headings(tree, "h1", "h2"):
            title = original[original.rfind(":") + 1 :]
            if _words(title) < 3:
                title = original[original.find(":") + 1 :]
            elif _words(original[: original.find(":")]) > 5:
                title = original
    elif len(original) > LONG_TITLE or len(original) < SHORT_TITLE:
        ones = _headings(tree, "h1")
        if len(ones) == 1 and ones[0]:
            title = ones[0]
    title = _squash(title)
    words = _words(title)
    if words <= FEW_WORDS and (not hierarchical or words != _words(_SEPARATOR_RUNS.sub("", original)) - 1):
        return original
    return title


def _json_ld_title(tree: HtmlElement, fallback: str | None) -> str | None:
    """The article object's `headline` or `name`: when they differ, the one the `<title>` confirms."""
    for node in structured.json_ld_nodes(tree):
        if not any(kind in structured.ARTICLE_TYPES for kind in structured.node_types(node)):
            continue
        name = node.get("name") if isinstance(node.get("name"), str) else None
        headline = node.get("headline") if isinstance(node.get("headline"), str) else None
        name, headline = _squash(name) or None, _squash(headline) or None
        if name and headline and name != headline:
            page = fallback or ""
            if similarity(headline, page) > SIMILAR and similarity(name, page) <= SIMILAR:
                return headline
            return name
        if name or headline:
            return name or headline
    return None


def _meta_title(tree: HtmlElement) -> str | None:
    found: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = _squash(meta.get("content"))
        if key in _META_TITLES and content and key not in found:
            found[key] = content
    return next((found[key] for key in _META_TITLES if key in found), None)


def find_title(tree: HtmlElement, fallback: str | None = None) -> str | None:
    """The declared headline (JSON-LD, Dublin Core, Open Graph, Twitter), else the stripped `<title>`, else `fallback`."""
    stripped = stripped_title(tree)
    return _json_ld_title(tree, stripped) or _meta_title(tree) or stripped or fallback
