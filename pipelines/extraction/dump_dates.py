"""The date a text dump shows next to its headline.

A page prints many dates (today's in the masthead, the comments', related stories'), and only the
byline's is the article's: it sits between the headline and the first paragraph, or just around
them. In a dump that keeps the page's lines it is often a line of its own (the timestamp rules in
`text` take those); in a flattened dump it is glued to the byline ("By Ann Lee April 5, 2018 |
6:00 PM"), so the region is searched inside its lines. English dates keep their clock time and
offset (`visible_dates.parse_shown_date`); other languages' written dates ("30 avril 2015",
"1. November 2021") come from htmldate's multilingual text patterns, as a day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipelines.extraction.dates import PartialDate, make_date
from pipelines.extraction.visible_dates import parse_shown_date

# A year, and how much text around it a written date with its clock time can take.
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
BEFORE_YEAR = 40
AFTER_YEAR = 30
# Units before the headline (a kicker, a dateline above it) and after the first paragraph's start.
BEFORE_HEADLINE = 3
AFTER_START = 2


def _in_text(text: str) -> PartialDate | None:
    for match in _YEAR.finditer(text):
        window = text[max(0, match.start() - BEFORE_YEAR) : match.end() + AFTER_YEAR]
        found = parse_shown_date(window)
        if found is None:
            # Imported here: htmldate's import takes a tenth of a second, and most dumps' dates
            # are read without it.
            from htmldate.extractors import regex_parse

            parsed = regex_parse(window)
            found = make_date(parsed.year, parsed.month, parsed.day) if parsed else None
        if found is not None:
            return found
    return None


def shown_date(texts: Sequence[str], headline: int | None, start: int, timestamps: frozenset[int] = frozenset()) -> PartialDate | None:
    """The first date written between the headline (unit index, when found) and the article's
    first unit `start` (and a little past it), else just before the headline. None when a date
    there is a line of its own (in `timestamps`): the timestamp rules read it with its label and
    clock time, which a date written in a teaser or byline of the same day may lack."""
    first = headline if headline is not None and headline <= start else max(0, start - 5)
    region = range(first, min(start + AFTER_START + 1, len(texts)))
    if any(index in timestamps for index in region):
        return None
    for index in [*region, *range(first - 1, max(first - BEFORE_HEADLINE, 0) - 1, -1)]:
        if index in timestamps:
            return None
        found = _in_text(texts[index])
        if found is not None:
            return found
    return None
