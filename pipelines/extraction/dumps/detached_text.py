"""Text the line model keeps far before the article, cut off from it (`detached_before`).

A page may print a stream of other stories before the article (a portal's "latest" column: a
headline and its summary for each), and a summary's sentences read as article text on their own.
The article is one block: what the model keeps before the article's first unit, cut from it by a
long run of units the model drops (a menu, a video player's controls, a list of links), is another
block of the page. A shorter run (an advertisement, a photo and its caption, the byline's block)
does not cut the article's standfirst or opening paragraphs off.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipelines.extraction.dumps.lines import Line, LineKind

# How many units the model dropped in a row cut what is before them from the article.
DETACHING_RUN = 40


def detached_before(lines: Sequence[Line], start: int) -> list[Line]:
    """The kept lines (`LineKind.CONTENT`) before the last run of `DETACHING_RUN` or more dropped
    units before unit `start`, the article's first."""
    run = 0
    for index in range(min(start, len(lines)) - 1, -1, -1):
        run = 0 if lines[index].kind == LineKind.CONTENT else run + 1
        if run == DETACHING_RUN:
            return [line for line in lines[:index] if line.kind == LineKind.CONTENT]
    return []
