"""Other stories' headlines in a numbered list above the article ("1. Why You Should …", "2. Remove
Burned Grease …", "3. Prioritize …"): a "most read" or "top stories" box. A text browser prints each
item with its number, and often the item's heading again after it (the link and the heading inside
it), so that the item is printed twice, close before the article, and the article uses its words:
the ranker took it for the headline on every program's dump of such a page. An article's headline
is never an item of a numbered list; its copies (the `<title>`, the `<h1>`, the share text) are
printed without a number. A list is two items or more whose numbers follow each other, a few lines
apart (each item may carry its copy, a kicker or a date), whatever the language or the layout.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipelines.extraction.dumps.lines import DumpLine
from pipelines.extraction.text_keys import comparison_key

# An item's number as converters print it ("3. ", "3) ").
_NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s+(?=\S)")
# How many lines apart two items of one list may stand: each may be followed by its copy, its
# author or its date.
LIST_GAP = 4
# Each item of a list of headlines has a headline's words; a breadcrumb printed as a numbered list
# ("1. Home", "2. Aktuelles", "3. <the headline>") ends on the page's own headline, after a section's name or two.
HEADLINE_WORDS = 4


def numbered_teasers(lines: Sequence[DumpLine], lo: int, hi: int) -> set[str]:
    """The `comparison_key`s of the items of numbered lists of headlines that open among
    `lines[lo:hi]`, without their numbers. A list that opens before `hi` (the line taken for the
    article's start, which may be one of its items) is read to its end; one that opens after it
    is not read: the page's "most read" box below the article may list the article itself."""
    runs: list[list[str]] = []
    last = (-LIST_GAP - 1, 0)
    for index in range(lo, len(lines)):
        if index >= hi and index - last[0] > LIST_GAP:
            break
        number = _NUMBERED.match(lines[index].text)
        if number is None:
            continue
        key = comparison_key(lines[index].text[number.end() :])
        if int(number[1]) == last[1] + 1 and index - last[0] <= LIST_GAP:
            runs[-1].append(key)
        elif index < hi:
            runs.append([key])
        else:
            break
        last = (index, int(number[1]))
    return {key for run in runs if len(run) > 1 and all(len(key.split()) >= HEADLINE_WORDS for key in run) for key in run}
