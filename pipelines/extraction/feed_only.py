"""An Article from a feed entry alone, for when its page cannot be fetched (`ExtractionMethod.FEED_ONLY`).

The entry's summary (or, failing that, its title) is the body; title, link, authors, tags and
dates come from the hints, through the same assembly as the HTML and text paths, so ids and
hashes are computed the same way (the id from the link). An entry without a link is identified
by its feed and its guid, or, without one, by its title, summary and date (`feed_entry_id`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from foundation.records import Article, RawDocument
from foundation.vocabulary import ExtractionMethod
from pipelines.extraction.assemble import assemble
from pipelines.extraction.errors import ExtractionError
from pipelines.extraction.fields import Fields
from pipelines.extraction.ids import feed_entry_id
from pipelines.extraction.mojibake import repaired_hints
from pipelines.extraction.normalize import clean_line


def feed_only_article(raw: RawDocument, now: datetime | None = None) -> Article:
    """The Article a feed entry gives by itself; `raw.content` is ignored.

    Without `raw.url`, `raw.source` must name the feed and the entry: `<feed name>#<entry key>`.
    """
    hints = repaired_hints(raw.hints)
    body = clean_line(hints.summary or "") or clean_line(hints.title or "")
    if not body:
        raise ExtractionError("feed entry has neither summary nor title")
    fields = Fields(
        method=ExtractionMethod.FEED_ONLY, paragraphs=[body], url=raw.url, description=clean_line(hints.summary) if hints.summary else None
    )
    article = assemble(raw, fields, now=now)
    return article if raw.url else replace(article, id=feed_entry_id(raw.source))
