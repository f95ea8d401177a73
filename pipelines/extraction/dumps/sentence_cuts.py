"""Text cut into sentences at a pattern that opens on the sentence's mark.

A split at a look-behind for the mark (`re.split(r"(?<=[.!?])\\s+", text)`) has the regex engine try
the look-behind at every character; a pattern that opens on the mark lets it skip ahead to the next
mark, several times cheaper on long dumps. The mark stays with its sentence, and so do the closing
quotes and brackets after it ('… warnings.”', '(… in 2019.)'): they are the sentence's text, and
the split at a look-behind dropped them (a must-have snippet that ends on a quote was never found).
The spaces after them go.
"""

from __future__ import annotations

import re


def cut_after_marks(mark: re.Pattern[str], text: str) -> list[str]:
    """`text` cut at the end of each match of `mark` (which opens on the sentence's mark, and may take
    closing quotes and brackets, then spaces), the spaces left out."""
    pieces = []
    start = 0
    for match in mark.finditer(text):
        pieces.append(text[start : match.end()].rstrip())
        start = match.end()
    pieces.append(text[start:])
    return pieces
