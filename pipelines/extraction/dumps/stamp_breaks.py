"""A byline's date and clock time glued before the lede by a converter that flattens the page
("Amelie Siekmann, am Sonntag, 11.12.2022 - 05:00 (1 Kommentar) Auch dünne Äste …", "von Nadja
Demel13.12.2022 - 08:13 Uhr13.12.2022 - 08:13 Uhr Leidest du …"): the stamp ends the byline's
block, and what follows opens the article's. `split_after_stamps` cuts a long line there, so that
the lede reads as the prose it is, and the byline, its stamp with it, as a byline.

Only a date printed with its clock time counts, and only before a capital: a sentence that names a
date and an hour goes on with its next word ("am 11.12.2022 um 5 Uhr begann …", "on March 4, 2021
at 6:00 the"), and a date alone may be a table's or a list's.
"""

from __future__ import annotations

import re

from pipelines.extraction.dates.parsing import MONTH_PATTERN, ZONE_PATTERN
from pipelines.extraction.dates.written import MONTH_AFTER_DAY

# `11.12.2022`, `4. Dezember 2022`, `March 4, 2021`, and what may stand between it and its clock.
_DATE = (
    rf"\d{{1,2}}\.\d{{1,2}}\.(?:19|20)\d{{2}}"
    rf"|[0-3]?\d\.?\s+{MONTH_AFTER_DAY}\.?\s+(?:19|20)\d{{2}}"
    rf"|(?i:{MONTH_PATTERN})\s+[0-3]?\d,?\s+(?:19|20)\d{{2}}"
)
_BETWEEN = r"(?:\s*[,|–-])?\s*(?:um\s+|at\s+|à\s+)?$"
_DATE_BEFORE = re.compile(rf"(?<!\d)(?:{_DATE}){_BETWEEN}")
# Every date above ends on its year: where no year stands right before the clock, the costly search
# for the whole date (tried at each of the 40 places, month names and all) is skipped. A line of
# clock times alone took seconds without this.
_YEAR_BEFORE = re.compile(rf"(?:19|20)\d{{2}}{_BETWEEN}")
# How far before its clock a date can start.
_DATE_REACH = 40
# A clock, `(?<![\d:])[0-2]?\d:[0-5]\d(?![\d:])`, written to open on its colon, its hour read by a
# look-behind (whose group takes it): the regex engine skips ahead to the next colon instead of
# trying the optional first digit at every character of a long line's blocks (four times faster).
_CLOCK = re.compile(r":(?:(?<=(?<![\d:])([0-2]\d):)|(?<=(?<![\d:])(\d):))[0-5]\d(?![\d:])")
# The clock (`05:00`), its unit and zone (`Uhr`, `6:00 PM UTC`), a comment count, then the capital
# the lede opens with; possessive, so that "Uhr" is never left to be that capital.
_AFTER_CLOCK = re.compile(
    rf"(?:\s?(?i:uhr|h\b|[ap]\.?m\.?))?+(?:\s?{ZONE_PATTERN}\b)?+(?:\s*\(\d+\s+[^\W\d_]+\))?+\s*(?=[^\W\d_a-z][^\W\d_])"
)


def split_after_stamps(text: str) -> list[str]:
    """`text` cut after each date-and-clock stamp that a capitalised word follows. The clocks are
    found first (a long line has few), and only a clock's neighbourhood is read for the date."""
    if ":" not in text:
        return [text]
    pieces: list[str] = []
    start = 0
    for begin, end in clocks(text):
        reach = max(start, begin - _DATE_REACH)
        if not _YEAR_BEFORE.search(text, reach, begin) or not _DATE_BEFORE.search(text, reach, begin):
            continue
        after = _AFTER_CLOCK.match(text, end)
        if after is not None and after.end() < len(text):
            pieces.append(text[start : after.end()].strip())
            start = after.end()
    pieces.append(text[start:])
    return [piece for piece in pieces if piece]


def clocks(text: str) -> list[tuple[int, int]]:
    """Where `text` prints clock times (`05:00`, `9:30`), hour to minutes."""
    return [(clock.start() - len(clock[1] or clock[2]), clock.end()) for clock in _CLOCK.finditer(text)]
