"""The extraction core: one `RawDocument` in, one `Article` out (pure Python, no Beam).

`extract` decodes the bytes, sniffs HTML vs plain text by content, runs the matching path
(`html.reader` or `dumps.reader`) and assembles the `Article`: hint fallbacks, date sanity
checks, ids and hashes. Documents that cannot become an article raise `ExtractionError` with the reason.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from foundation.records import Article, RawDocument
from foundation.vocabulary import ExtractionWarning
from pipelines.extraction.assemble import assemble
from pipelines.extraction.decode import decode, looks_binary, looks_like_html
from pipelines.extraction.dumps.reader import extract_text, refuse_overlong
from pipelines.extraction.errors import ExtractionError
from pipelines.extraction.site_template import SiteTemplate, strip_dump, strip_paragraphs

__all__ = ["DEFAULT_MAX_BYTES", "ExtractionError", "extract"]

# News pages are well under 5 MB even with inline scripts; past this a "page" is a dump or an
# attack, and trafilatura's cost grows with it. Oversized documents are rejected, not truncated:
# a cut-off page would be indexed as if it were whole.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def extract(
    raw: RawDocument, *, max_bytes: int = DEFAULT_MAX_BYTES, now: datetime | None = None, template: SiteTemplate | None = None
) -> Article:
    """Extract one article. `now` anchors the "not in the future" check (default: the clock).

    `template` is the document's site's template: it learns from the document, and its lines are
    left out of the article (of a text dump before the lines are classified, of HTML after).
    """
    # An address copied with the blanks around it ("…/winterpause/ ") is the same address: its
    # slug, host and path date are read from it, and the article carries it.
    if raw.url is not None and raw.url != raw.url.strip():
        raw = replace(raw, url=raw.url.strip() or None)
    content = raw.content
    size = len(content.encode("utf-8", "surrogatepass")) if isinstance(content, str) else len(content)
    if size > max_bytes:
        raise ExtractionError(f"document is {size} bytes, over the {max_bytes}-byte limit")
    if not content or not content.strip():
        raise ExtractionError("empty document")
    text, warnings = decode(content, raw.content_type)
    if looks_binary(text):
        raise ExtractionError("binary content, not a text or HTML document")
    if looks_like_html(text, raw.content_type):
        # Imported here: trafilatura and htmldate take a fifth of a second to import, which a run
        # of text dumps does not need.
        from pipelines.extraction.html.reader import extract_html

        fields = extract_html(text, raw.url)
        paragraphs = strip_paragraphs(template, raw.url or raw.source, fields.paragraphs) if template is not None else None
        if paragraphs is not None:
            fields.paragraphs = paragraphs
        templated = paragraphs is not None
    else:
        refuse_overlong(text)
        dump = strip_dump(template, raw.url or raw.source, text) if template is not None else None
        fields = extract_text(dump or text, raw.url)
        templated = dump is not None
    if templated:
        warnings.append(ExtractionWarning.SITE_TEMPLATE_LINES)
    fields.warnings[:0] = warnings
    return assemble(raw, fields, now=now)
