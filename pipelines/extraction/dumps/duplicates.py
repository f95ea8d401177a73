"""Every paragraph of a text dump's body once, keeping the most complete copy of the text (`deduplicate`).

Kept apart from the reader (`reader`), which calls it last: it works on the paragraphs the reader
has joined from the lines it kept, compares them only by their keys (`text_keys.text_key`), and
needs nothing else of the dump.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate

from pipelines.extraction.dumps.sentence_cuts import cut_after_marks
from pipelines.extraction.text_keys import text_key

# A sentence's end: its mark, a closing quote or bracket, the spaces after it; the paragraph is cut
# after the mark (`sentence_cuts`).
_SENTENCE_END = re.compile(r"[.!?…][\"”’»)]?\s+")


def _sentences(paragraph: str) -> Iterator[str]:
    """The keys of the paragraph's sentences of three words or more, one at a time (`deduplicate`
    mostly stops at the first, found in no other paragraph); none for a single sentence, which
    `deduplicate` has no use for."""
    parts = cut_after_marks(_SENTENCE_END, paragraph)
    if len(parts) < 2:
        return iter(())
    return (s for s in map(text_key, parts) if len(s.split()) >= 3)


def _before_ellipsis(paragraph: str) -> str | None:
    """The paragraph's text before its first ellipsis ("..." or "…"), None where it holds none: two
    searches for a string, where a pattern opening on either tried each character of the paragraph."""
    ends = [at for at in (paragraph.find("..."), paragraph.find("…")) if at >= 0]
    return paragraph[: min(ends)] if ends else None


# The near-duplicate checks compare every paragraph with every other; past this many paragraphs a
# "document" is a dump of many articles, and only exact duplicates are removed (linear time).
MAX_FUZZY_PARAGRAPHS = 1000


class _Keys:
    """Paragraph keys joined into one string: "which keys hold this text" is then one search in C
    rather than a test of every key in Python. Keys hold no NUL (`text_key` drops it), so a match never
    spans two of them."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self.joined = "\x00".join(keys)
        self.starts = list(accumulate((len(key) + 1 for key in keys[:-1]), initial=0))

    def holders(self, text: str) -> Iterator[int]:
        """Indices of the keys that hold `text` (not empty), in order."""
        at = self.joined.find(text)
        while at != -1:
            index = bisect_right(self.starts, at) - 1
            yield index
            if index + 1 == len(self.starts):
                return
            at = self.joined.find(text, self.starts[index + 1])


def deduplicate(paragraphs: list[str]) -> list[str]:
    """Keep every paragraph once, preferring the most complete, finest-grained copy.

    Dumps often carry the article twice: once flattened into one line (sometimes abridged), once
    paragraph by paragraph. A paragraph whose sentences all reappear spread over several other
    paragraphs is such a flattened copy and goes; then paragraphs contained in a kept one go,
    and so do teasers truncated with an ellipsis whose visible part is repeated elsewhere.
    """
    keys = [text_key(p) for p in paragraphs]
    if len(paragraphs) > MAX_FUZZY_PARAGRAPHS:
        first_of = {key: i for i, key in reversed(list(enumerate(keys))) if key}
        return [p for i, (p, key) in enumerate(zip(paragraphs, keys, strict=True)) if key and first_of[key] == i]
    every = _Keys(keys)
    dropped: set[int] = set()
    for i, paragraph in enumerate(paragraphs):
        # A paragraph of fewer than two such sentences has fewer than two holders: it stays.
        holders: set[int] = set()
        for sentence in _sentences(paragraph):
            holder = next((j for j in every.holders(sentence) if j != i and j not in dropped), None)
            if holder is None:
                break  # one sentence found nowhere else: the paragraph is no copy
            holders.add(holder)
        else:
            if len(holders) >= 2:
                dropped.add(i)
    remaining = _Keys([key for j, key in enumerate(keys) if j not in dropped])
    kept: list[int] = []
    kept_keys: set[str] = set()
    for i, key in enumerate(keys):
        if i in dropped or not key or key in kept_keys:
            continue
        if any(len(remaining.keys[j]) > len(key) for j in remaining.holders(key)):
            continue
        shown = _before_ellipsis(paragraphs[i])
        if shown is not None:
            visible = text_key(shown)
            if len(visible.split()) >= 5 and any(j != i for j in every.holders(visible)):
                continue
        kept.append(i)
        kept_keys.add(key)
    return [paragraphs[i] for i in kept]
