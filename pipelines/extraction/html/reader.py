"""HTML pages: trafilatura for text and metadata, declared dates first, htmldate last.

The page is parsed once with lxml; trafilatura and htmldate both accept the tree (trafilatura
works on its own copy, so the tree stays intact for the metadata and date readers).

Nesting depth: lxml is used with `huge_tree` off, so libxml2 stops descending at 256 levels
and drops what is nested deeper. That bounds the recursion in trafilatura and our own walks;
real article markup is far shallower, and the document gets a warning when the limit was hit.
"""

from __future__ import annotations

import logging
import re

from htmldate import find_date
from lxml import etree
from lxml.html import (
    Element,
    FormElement,
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    InputElement,
    LabelElement,
    SelectElement,
    TextareaElement,
    document_fromstring,
)
from trafilatura import bare_extraction
from trafilatura.settings import Document

from foundation.vocabulary import DateSource, ExtractionMethod, ExtractionWarning
from pipelines.extraction import language
from pipelines.extraction.appeals import without_appeals
from pipelines.extraction.author_names import split_authors
from pipelines.extraction.browser_notices import without_browser_notices
from pipelines.extraction.consent import without_consent
from pipelines.extraction.dates.datelines import find_dateline
from pipelines.extraction.dates.parsing import parse_date
from pipelines.extraction.dates.visible import visible_dates
from pipelines.extraction.errors import ExtractionError
from pipelines.extraction.fields import DatedValue, Fields
from pipelines.extraction.html import adjacent_text, date_choice, justext_context, structured
from pipelines.extraction.html.furniture import without_furniture
from pipelines.extraction.html.metadata import byline_author, read_metadata
from pipelines.extraction.html.standfirst import with_standfirst
from pipelines.extraction.html.titles import find_title
from pipelines.extraction.html.unseen import drop_unseen
from pipelines.extraction.normalize import clean_line
from pipelines.extraction.urls import date_from_url

logger = logging.getLogger(__name__)

adjacent_text.install()
justext_context.install()

PARSER_DEPTH_LIMIT = 256
# News pages have a few thousand elements; trafilatura's time grows faster than linearly past
# that (a 150,000-paragraph page takes about a minute), so bigger trees are refused up front.
MAX_ELEMENTS = 50_000


def _parser() -> HTMLParser:
    """lxml.html's parser, its element classes chosen inside lxml instead of by a Python callback.

    lxml.html looks up the class of every element it hands to Python (and of the owner of every
    attribute an XPath function is given) by calling a Python method; trafilatura's and htmldate's
    walks and XPaths over the tree and its copies make millions of those calls on the dev pages, a few
    percent of an extraction. The same classes, looked up by tag in lxml's own C registry, give the same tree.
    """
    lookup = etree.ElementNamespaceClassLookup(
        etree.ElementDefaultClassLookup(element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity)
    )
    lookup.get_namespace(None).update(
        {"form": FormElement, "input": InputElement, "label": LabelElement, "select": SelectElement, "textarea": TextareaElement}
    )
    parser = HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(lookup)
    return parser


_PARSER = _parser()
_FORMULAS = etree.XPath("/descendant::math[not(ancestor::math)]")
# An element with that many ancestors: a path of child steps to that level walks the tree once, level by
# level, where asking every element for its ancestors walks up from each one.
_TOO_DEEP = etree.XPath("boolean(/*" + "/*" * (PARSER_DEPTH_LIMIT - 2) + ")")
_ANNOTATIONS = frozenset({"annotation", "annotation-xml"})
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
# htmldate reports only days; asking for more would make it pad a time it never saw.
_HTMLDATE_FORMAT = "%Y-%m-%d"
# A closing label: a few words after the article's last paragraph, not a sentence. trafilatura keeps the
# heading of a block whose links it drops ("Mehr Themen", "Vea también", "Read more:"), and credit lines
# ("Photo Credit: ...", "© Cover Media", an agency's initials) the structured fields already carry.
CLOSING_LABEL_CHARS = 60
CLOSING_LABEL_WORDS = 8
# The paragraph before it must be prose of at least this length: after a list, a table or a short line the
# label may be the end of a recipe, a fact box or a poem.
LAST_PROSE_CHARS = 100
_SENTENCE_END = re.compile(r"[.!?…\"”»)\]’'。！？]$")
_LIST_OR_TABLE = ("-", "|")
_WORD = re.compile(r"\w+")


def parse_html(text: str) -> HtmlElement:
    # lxml refuses str input that declares its own encoding; the text is already decoded.
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        return document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as error:
        raise ExtractionError(f"unparseable HTML: {error}") from error


def _formulas_as_text(tree: HtmlElement) -> None:
    """Replace each MathML formula by its symbols, spaced ("a ≠ 0"), in place.

    trafilatura deletes <math> outright, and MathJax wraps it in custom <mjx-...> elements whose text it
    skips as well: the sentences around inline formulas get holes ("When , there are two solutions to").
    TeX annotations are the same formula again.
    """
    for formula in _FORMULAS(tree):
        symbols = (" ".join(node.text.split()) for node in formula.iter() if node.text and node.tag not in _ANNOTATIONS)
        replacement = Element("span")
        replacement.text = " ".join(symbol for symbol in symbols if symbol)
        outer = formula
        while (parent := outer.getparent()) is not None and str(parent.tag).startswith("mjx-"):
            outer = parent
        replacement.tail = outer.tail
        outer.getparent().replace(outer, replacement)


def _shape(tree: HtmlElement) -> tuple[int, bool]:
    """(element count, whether the parser's depth limit was reached), counted by libxml2's XPath."""
    count = int(tree.xpath("count(//*)"))
    too_deep = count > 0 and bool(_TOO_DEEP(tree))
    return count, too_deep


def _listed(values: list[str] | None) -> list[str]:
    """Each item of trafilatura's tags or categories: it gives a `<meta name="keywords">` list as one
    comma-joined value ("politics, new zealand, whales")."""
    return [item.strip() for value in values or [] for item in value.split(",") if item.strip()]


def _paragraphs(text: str | None) -> list[str]:
    return [line for line in (clean_line(raw) for raw in (text or "").splitlines()) if line]


def _words(text: str) -> str:
    """The text's words, lower-cased: a headline repeated in the body may differ in quotes and dashes ("It's" / "It’s")."""
    return " ".join(_WORD.findall(text.casefold()))


def _without_closing_label(paragraphs: list[str]) -> list[str]:
    if len(paragraphs) < 2:
        return paragraphs
    before, last = paragraphs[-2:]
    label = (
        len(last) <= CLOSING_LABEL_CHARS
        and len(last.split()) <= CLOSING_LABEL_WORDS
        and not last.startswith(_LIST_OR_TABLE)
        and (last.endswith(":") or not _SENTENCE_END.search(last))
    )
    if label and len(before) >= LAST_PROSE_CHARS and not before.startswith(_LIST_OR_TABLE):
        return paragraphs[:-1]
    return paragraphs


def _htmldate(tree: HtmlElement, url: str | None, *, original_date: bool, extensive_search: bool) -> DatedValue | None:
    """htmldate's reading of the page: the publication date (`original_date`) or the last-modified one."""
    try:
        value = find_date(tree, extensive_search=extensive_search, original_date=original_date, outputformat=_HTMLDATE_FORMAT, url=url)
    except Exception as error:  # htmldate has no documented exception contract; a date is optional
        logger.debug("htmldate failed: %s", error)
        return None
    parsed = parse_date(value)
    return DatedValue(parsed, DateSource.HTMLDATE) if parsed else None


def extract_html(text: str, url: str | None = None) -> Fields:
    tree = parse_html(text)
    fields = Fields(method=ExtractionMethod.HTML, url=url)
    count, too_deep = _shape(tree)
    if count > MAX_ELEMENTS:
        raise ExtractionError(f"page has {count} elements, over the {MAX_ELEMENTS}-element limit")
    if too_deep:
        fields.warnings.append(f"markup nested deeper than {PARSER_DEPTH_LIMIT} levels was dropped")

    structured.decode_json_ld_references(tree)
    # Read before the unseen parts are dropped: a date or headline may sit in markup readers do not see.
    declared = [reader(tree) for reader in (structured.json_ld_dates, structured.meta_dates, structured.time_element_dates)]
    headline = find_title(tree)
    shown = visible_dates(tree, headline)
    drop_unseen(tree)
    _formulas_as_text(tree)

    document, date_url = read_metadata(tree, url)
    # A Document unless as_dict is asked for; None when trafilatura finds no text.
    extracted = bare_extraction(tree, url=url, include_comments=False)
    fields.paragraphs = _paragraphs(extracted.text if isinstance(extracted, Document) else None)
    title = headline or (clean_line(document.title) if document.title else None)
    fields.title = clean_line(title) if title else None
    # trafilatura keeps the page's <h1>; the title has its own field.
    headlines = {_words(value) for value in (title, document.title) if value}
    if fields.paragraphs and _words(fields.paragraphs[0]) in headlines:
        del fields.paragraphs[0]
    fields.paragraphs = with_standfirst(fields.paragraphs, document.description, title, tree)
    paragraphs = without_furniture(_without_closing_label(fields.paragraphs))
    fields.paragraphs = without_browser_notices(without_appeals(without_consent(paragraphs)))
    if not fields.paragraphs:
        # Video pages, galleries and paywall stubs have no article text but a real title,
        # description and dates: they are indexed for those (see README, "Pages without text").
        if not (fields.title or document.description):
            raise ExtractionError("no article text found in the HTML")
        fields.metadata_only = True
        fields.warnings.append(ExtractionWarning.METADATA_ONLY)
    fields.authors = split_authors(document.author)
    if document.author and not fields.authors:
        # Only a label was found ("Username" of a sign-in menu above the article): the byline is further on.
        fields.authors = split_authors(byline_author(tree, lambda value: not split_authors(value)))
    fields.publisher = document.sitename or None
    fields.tags = _listed(document.tags)
    fields.categories = _listed(document.categories)
    fields.description = clean_line(document.description) if document.description else None
    fields.image_url = document.image or None
    fields.canonical_url = document.url or None
    # trafilatura sets no language unless asked to filter by one.
    fields.language = structured.markup_language(tree) or language.detect("\n".join(fields.paragraphs))

    for published, modified in declared:
        if published:
            fields.published.append(published)
        if modified:
            fields.modified.append(modified)
    # The canonical URL first; the fetched one when only it carries the date (a canonical without the path's date).
    from_url = date_from_url(fields.canonical_url) or date_from_url(url)
    if from_url:
        fields.published.append(DatedValue(from_url, DateSource.URL))
    if not fields.published:
        # Only now, when neither the markup nor the URLs state a date, is htmldate's search for one
        # needed: trafilatura's own question to it, with the extensive search through the page's text
        # (the costliest step of all, see bench/extraction_cost.py).
        found = _htmldate(tree, date_url, original_date=True, extensive_search=True)
        if found:
            fields.published.append(found)
    if not fields.modified and fields.published:
        # Without the extensive search: what it adds is the latest date in the page's text, on news
        # pages most often a comment's or a related story's, not the article's update.
        modified = _htmldate(tree, fields.canonical_url or url, original_date=False, extensive_search=False)
        if modified:
            fields.modified.append(modified)
    fields.published, fields.modified = date_choice.choose(fields.published, fields.modified, from_url, shown, fields.warnings)

    if fields.paragraphs:
        fields.dateline = find_dateline(fields.paragraphs[0])
    return fields
