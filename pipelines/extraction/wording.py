"""Texts found by what they say: the site's appeals (`appeals`) and its notices about the reader's
browser (`browser_notices`) are each a pattern of phrases, tried on a page's texts the same way."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence


def saying(texts: Sequence[str], stems: Sequence[str], pattern: re.Pattern[str]) -> list[int]:
    """The indexes of the `texts` that `pattern` matches. Every match holds one of `stems` once
    lower-cased: they are looked for first in all the texts at once, then where those the texts
    hold stand (`holding`), and the pattern is tried on a text holding one. A few substring tests cost a
    tenth of the pattern's scan, which would otherwise read every character of the article."""
    lowered = [text.lower() for text in texts]
    joined = "\n".join(lowered)
    present = [stem for stem in stems if stem in joined]
    if not present:
        return []
    return [index for index in sorted(holding(lowered, joined, present)) if pattern.search(texts[index])]


def holding(lowered: Sequence[str], joined: str, stems: Iterable[str]) -> set[int]:
    """The indexes of the `lowered` texts that hold one of `stems` (which hold no line break), found
    where each stem stands in `joined` (the texts joined by line breaks): a stem is sought once per
    text that holds it, not once in every text. The next search of a stem starts at the next text.
    A text's own line breaks move no index: the texts' starts are counted from their lengths."""
    starts = [0, *itertools.accumulate(len(low) + 1 for low in lowered)]
    found: set[int] = set()
    for stem in stems:
        at = joined.find(stem)
        while at >= 0:
            index = bisect_right(starts, at) - 1
            found.add(index)
            at = joined.find(stem, starts[index + 1])
    return found


def without(paragraphs: list[str], indexes: Iterable[int]) -> list[str]:
    """`paragraphs` less those at `indexes`."""
    dropped = set(indexes)
    return [paragraph for index, paragraph in enumerate(paragraphs) if index not in dropped] if dropped else paragraphs
