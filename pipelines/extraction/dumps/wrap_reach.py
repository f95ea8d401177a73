"""How far a fixed-width wrap reaches: the column its fullest lines end on.

`units._wrap_width` takes the length most long lines stay within (a high percentile, so that a few
overlong lines, a link's target or a table's row, do not count). That lands a column or two short of
the wrap's reach on most terminal browsers' dumps (w3m, lynx, links, elinks, pandoc at 72 or 80
columns): the lines that fill the width to its last column are a few percent of the dump's, fewer
than the percentile leaves out. A line that long was then read as over the width, not as full, and
its paragraph was left broken there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

# The wrap's lines fill its last columns about as often as the ones before: a length just past the
# percentile's that this share of the lines of each of the columns before it reach is the wrap's, not
# an overlong line's. Counted over this many columns up to the percentile's, and at least this many
# lines: on a short dump a length two lines reach is chance.
REACH_SHARE = 0.5
BEFORE = 5
MIN_LINES = 3
# The characters of Chinese, Japanese and Korean text a terminal prints in two columns (of those
# `unicodedata.east_asian_width` calls wide or full-width: Hangul's leading consonants, the CJK symbols,
# kana, ideographs and syllables, the full-width forms; not the emoji), as a class: a dump of two million
# characters is measured in C, not a call a character.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)
# A wrap reaches at most this many columns past the percentile's length.
MAX_REACH = 5
# Or to the last of the columns past it that lines fill one after another, where this many lines
# end and none in the columns just after it (a wrap's edge; an overlong line runs on at any length).
EDGE_LINES = 2
EDGE_GAP = 3


def reach(lengths: list[int], width: int) -> int:
    """The last column a wrap found at about `width` fills, given the lengths of the dump's text lines."""
    counts = Counter(length for length in lengths if width - BEFORE < length <= width + MAX_REACH + EDGE_GAP)
    floor = max(MIN_LINES, REACH_SHARE * sum(counts[width - back] for back in range(BEFORE)) / BEFORE)
    full = max((length for length in counts if width <= length <= width + MAX_REACH and counts[length] >= floor), default=width)
    return max(full, _edge(counts, width))


def _edge(counts: Counter[int], width: int) -> int:
    """The column past `width` where the lines stop, on a dump too short for each column's count to
    tell: a wrap's lines fill each column up to its last and none goes on for a few columns after it."""
    last = width
    while counts[last + 1] and last < width + MAX_REACH:
        last += 1
    full = last > width and counts[last] >= EDGE_LINES
    return last if full and not any(counts[last + gap] for gap in range(1, EDGE_GAP + 1)) else width


def columns(text: str) -> int:
    """The columns a terminal prints `text` in: a wide character (Chinese, Japanese, Korean) takes two.
    A browser wraps at a number of columns, so that its lines of such text hold half the characters
    of a line of Latin text (and, printed without spaces, each is one long word)."""
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def first_piece(words: str) -> int:
    """The columns of what a wrap could have left on the line before `words`: its first word, or its
    first character where it opens on a wide one (a browser breaks such text anywhere)."""
    first = words.split(" ", 1)[0]
    if first.isascii():
        return len(first)
    return 2 if _WIDE.match(first) else columns(first)


def first_word(words: str) -> int:
    """The characters of the first word of `words`: what a wrap counted in characters could have left on the line before."""
    return len(words.split(" ", 1)[0])


class Measure(NamedTuple):
    """How a wrap counted a line's width, and the width of what it could have left on the line before."""

    line: Callable[[str], int]
    piece: Callable[[str], int]


# The terminal browsers and pandoc wrap at a number of columns; a converter that wraps with Python's
# `textwrap` (html2text) at a number of characters, a Chinese character one like a Latin letter.
COLUMNS = Measure(columns, first_piece)
CHARACTERS = Measure(len, first_word)


def measures(lines: list[str]) -> tuple[Measure, ...]:
    """The measures a wrap of `lines` may have counted in: columns, then characters where they differ.
    Without a wide character the two are one, and characters are counted by `len`, not a call a line."""
    return (COLUMNS, CHARACTERS) if any(not line.isascii() and _WIDE.search(line) for line in lines) else (CHARACTERS,)
