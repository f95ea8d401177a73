"""The page's metadata as trafilatura reads it, without the two steps newsbeam has no use for.

trafilatura's `extract_metadata` ends with htmldate's search for a publication date over the whole
page (on the dev pages, a quarter of the cost of an HTML extraction) and a look for a licence. newsbeam
reads declared dates itself and needs htmldate's answer only when neither the markup nor the URLs
state a date (see html.py), and has no licence field. The other steps are trafilatura's own functions,
called in its order and with its rules, so titles, authors, sitenames, tags and URLs come out the same
(tests/test_page_metadata.py compares the two readings).
"""

from __future__ import annotations

import logging

from lxml.html import HtmlElement
from trafilatura.settings import Document

from foundation.workarounds import trafilatura_metadata_steps

logger = logging.getLogger(__name__)


def read_metadata(tree: HtmlElement, default_url: str | None) -> tuple[Document, str | None]:
    """trafilatura's metadata of the page (no date, no licence), and the URL it would give htmldate.

    That URL is the canonical one as found, before the trimming every field gets at the end.
    """
    steps = trafilatura_metadata_steps()
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
        metadata.author = steps.extract_author(tree)
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
        metadata.categories = steps.extract_catstags("category", tree)
    if not metadata.tags:
        metadata.tags = steps.extract_catstags("tag", tree)
    metadata.clean_and_trim()
    return metadata, date_url
