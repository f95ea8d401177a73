"""Texts found by what they say: the site's appeals (`appeals`) and its notices about the reader's
browser (`browser_notices`) are each a pattern of phrases, tried on a page's texts the same way."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence


def saying(texts: Sequence[str], stems: Sequence[str], pattern: re.Pattern[str]) -> list[int]:
    """The indexes of the `texts` that `pattern` matches. Every match holds one of `stems` once
    lower-cased: they are looked for first in all the texts at once, then in each text only those
    the texts hold, and the pattern is tried on a text holding one. A few substring tests cost a
    tenth of the pattern's scan, which would otherwise read every character of the article."""
    lowered = [text.lower() for text in texts]
    joined = "\n".join(lowered)
    present = [stem for stem in stems if stem in joined]
    if not present:
        return []
    return [index for index, low in enumerate(lowered) if any(stem in low for stem in present) and pattern.search(texts[index])]


def without(paragraphs: list[str], indexes: Iterable[int]) -> list[str]:
    """`paragraphs` less those at `indexes`."""
    dropped = set(indexes)
    return [paragraph for index, paragraph in enumerate(paragraphs) if index not in dropped] if dropped else paragraphs
