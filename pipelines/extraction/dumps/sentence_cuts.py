"""Text cut into sentences at a pattern that opens on the sentence's mark.

A split at a look-behind for the mark (`re.split(r"(?<=[.!?])\\s+", text)`) has the regex engine try
the look-behind at every character; a pattern that opens on the mark lets it skip ahead to the next
mark, several times cheaper on long dumps. The cut is the same: the mark stays with its sentence,
the rest of the match (a closing quote, the spaces) goes.
"""

from __future__ import annotations

import re


def cut_after_marks(mark: re.Pattern[str], text: str) -> list[str]:
    """`text` cut one character into each match of `mark` (which opens on the sentence's mark)."""
    pieces = []
    start = 0
    for match in mark.finditer(text):
        pieces.append(text[start : match.start() + 1])
        start = match.end()
    pieces.append(text[start:])
    return pieces
