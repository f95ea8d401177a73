"""Dates and language declared in markup: JSON-LD, `<meta>` and `<time datetime>`.

These come before htmldate's heuristics because the publisher stated them; each kind keeps its
own source label so consumers can tell a declared date from an inferred one.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

from foundation.vocabulary import DateSource
from pipelines.extraction import language
from pipelines.extraction.dates.parsing import parse_date
from pipelines.extraction.fields import DatedValue

logger = logging.getLogger(__name__)

ARTICLE_TYPES = (
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "blogposting",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "liveblogposting",
    "report",
    "posting",
)
META_PUBLISHED = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.created",
    "dcterms.issued",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "cxenseparse:recs:publishtime",
    "originalpublicationdate",
    "citation_publication_date",
    "citation_date",
)
META_MODIFIED = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "modified_time",
    "datemodified",
    "lastmod",
    "last-modified",
    "dcterms.modified",
    "dc.date.modified",
    "article.updated",
    "updated_time",
)
MAX_JSON_LD = 2_000_000
# CMSs that emit XHTML wrap inline scripts as `<![CDATA[ ... ]]>`, often behind `//` or `/* */` so
# old browsers skip the markers; the JSON inside is fine once they are gone.
_CDATA_WRAPPER = re.compile(r"^(?:/\*|//)?\s*<!\[CDATA\[\s*(?:\*/)?|(?:/\*|//)?\s*\]\]>\s*(?:\*/)?$")


# A character reference in a JSON-LD block: a script's text is not HTML, so no browser decodes it, but
# CMSs escape their strings as if it were ("Redacci&oacute;n", "&#8216;Sex Simulation Game&#8217;").
_REFERENCE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# What a decoded reference must be written as inside a JSON string.
_JSON_ESCAPES = {'"': '\\"', "\\": "\\\\"}
# A reference escaped twice ("&amp;#34;") takes two passes.
_DECODING_PASSES = 3


def decode_json_ld_references(tree: HtmlElement) -> None:
    """Decode the HTML character references in the page's JSON-LD blocks, which every reader of them
    (trafilatura's metadata, the dates here) would otherwise carry into titles, authors and
    descriptions as text ("Redacci&oacute;n" split into the authors "Redacci" and "Oacute").

    Decoded to the end: trafilatura decodes a block's references itself where it holds a backslash,
    and a quote decoded there would end its string."""
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        text = script.text
        for _ in range(_DECODING_PASSES):
            if not text or "&" not in text:
                break
            text = _REFERENCE.sub(_json_character, text)
        script.text = text


def _json_character(reference: re.Match[str]) -> str:
    character = html.unescape(reference[0])
    # A control character would break the JSON, and an unknown name is left as the page wrote it.
    if character == reference[0] or any(ord(c) < 0x20 for c in character):
        return reference[0]
    return _JSON_ESCAPES.get(character, character)


def json_ld_nodes(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        raw = (script.text or "").strip()
        # The pattern's closing branch is tried at every character of the block: only a block that has
        # a marker is searched (most have none, and JSON-LD blocks run to tens of kilobytes).
        if "<![CDATA[" in raw or "]]>" in raw:
            raw = _CDATA_WRAPPER.sub("", raw).strip()
        if not raw or len(raw) > MAX_JSON_LD:
            continue
        try:
            # strict=False: raw newlines and tabs inside strings are common in hand-templated JSON-LD.
            data = json.loads(raw, strict=False)
        except ValueError:
            logger.debug("skipping malformed JSON-LD block")
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(reversed(node))
            elif isinstance(node, dict):
                yield node
                graph = node.get("@graph")
                if graph is not None:
                    stack.append(graph)
                main = node.get("mainEntity")
                if isinstance(main, (dict, list)):
                    stack.append(main)


def node_types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type", [])
    return [str(k).lower() for k in (kind if isinstance(kind, list) else [kind])]


def _first_string(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) else None


def json_ld_dates(tree: HtmlElement) -> tuple[DatedValue | None, DatedValue | None]:
    """Dates of the article object; a WebPage's dates only when no article object has any."""
    best: tuple[int, dict[str, Any]] | None = None
    for node in json_ld_nodes(tree):
        if "datePublished" not in node and "dateModified" not in node:
            continue
        rank = 0 if any(t in ARTICLE_TYPES for t in node_types(node)) else 1
        if best is None or rank < best[0]:
            best = (rank, node)
    if best is None:
        return None, None
    published = parse_date(_first_string(best[1].get("datePublished")))
    modified = parse_date(_first_string(best[1].get("dateModified")))
    return (
        DatedValue(published, DateSource.JSON_LD) if published else None,
        DatedValue(modified, DateSource.JSON_LD) if modified else None,
    )


def meta_dates(tree: HtmlElement) -> tuple[DatedValue | None, DatedValue | None]:
    found: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv") or "").strip().lower()
        content = meta.get("content") or meta.get("datetime")
        if key and content and key not in found:
            found[key] = content
    published = next((d for d in (parse_date(found.get(k)) for k in META_PUBLISHED) if d), None)
    modified = next((d for d in (parse_date(found.get(k)) for k in META_MODIFIED) if d), None)
    return (DatedValue(published, DateSource.META) if published else None, DatedValue(modified, DateSource.META) if modified else None)


def time_element_dates(tree: HtmlElement) -> tuple[DatedValue | None, DatedValue | None]:
    """`<time datetime>` inside the article when there is one; updates are told apart by class or itemprop."""
    scope = next(iter(tree.iterfind(".//article")), tree)
    published = modified = None
    for element in scope.iterfind(".//time[@datetime]"):
        value = parse_date(element.get("datetime"))
        if value is None:
            continue
        marker = f"{element.get('class', '')} {element.get('itemprop', '')} {element.getparent().get('class', '') if element.getparent() is not None else ''}".lower()
        if any(word in marker for word in ("modif", "updat")):
            modified = modified or value
        else:
            published = published or value
    return (
        DatedValue(published, DateSource.TIME_ELEMENT) if published else None,
        DatedValue(modified, DateSource.TIME_ELEMENT) if modified else None,
    )


def markup_language(tree: HtmlElement) -> str | None:
    """`<html lang>`, then og:locale, then a content-language declaration."""
    # A generator: the `<meta>` elements are read only when `<html>` declares no usable language.
    for candidate in _language_declarations(tree):
        code = language.normalize_code(candidate)
        if code:
            return code
    return None


def _language_declarations(tree: HtmlElement) -> Iterator[str | None]:
    yield tree.get("lang")
    yield tree.get("xml:lang")
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("http-equiv") or meta.get("name") or "").lower()
        if key in ("og:locale", "content-language", "language", "dc.language"):
            yield meta.get("content")
