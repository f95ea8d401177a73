"""How long an article takes to read, as pages print it by the byline ("14 min read", "Lesezeit:
1 Min.", "Ten tekst przeczytasz w 1 minutę"), in the languages of the dev pages and their
neighbours: the interface's, never the article's.

A converter that flattens the page glues it to the byline, the date or the headline ("Joseph Cox
14 min read Featured", "Oct 18, 2019 · 8 min read"); `split_at_reading_times` cuts it out of such a
line (`units` asks it of long lines only), so that what stood around it reads as the byline, the
date or the headline it is, and the label alone is furniture (`is_reading_time`). No library lists
these phrases (they are the page's wording, not markup).
"""

from __future__ import annotations

import re

from pipelines.extraction.furniture_phrases import cut_out

# A number of minutes, or a range of them ("3-5 min read").
_N = r"\d{1,3}(?:\s?[-–]\s?\d{1,3})?"
_READING_TIMES = {
    "en": [
        rf"{_N}[\s-]?(?:min|mins|minutes?)\.?\s(?:read|reading)",
        rf"(?:estimated\s)?(?:reading|read)\stime:?\s{_N}\s?(?:min|mins|minutes?)\.?",
    ],
    "de": [rf"(?:lesezeit|lesedauer):?\s{_N}\s?(?:min\.?|minuten?)", rf"{_N}\s?(?:min\.?|minuten?)\s(?:lesezeit|lesedauer)"],
    "fr": [rf"temps\sde\slecture\s?:?\s{_N}\s?min(?:utes?)?\.?", rf"{_N}\s?min(?:utes?)?\.?\sde\slecture"],
    "es": [rf"tiempo\sde\slectura:?\s{_N}\s?min(?:utos?)?\.?", rf"{_N}\s?min(?:utos?)?\.?\sde\slectura"],
    "it": [rf"tempo\sdi\slettura:?\s{_N}\s?min(?:uti)?\.?", rf"{_N}\s?min(?:uti)?\.?\sdi\slettura"],
    "pt": [rf"tempo\sde\sleitura:?\s{_N}\s?min(?:utos?)?\.?", rf"{_N}\s?min(?:utos?)?\.?\sde\sleitura"],
    "pl": [
        rf"ten\stekst\sprzeczytasz\sw\s(?:mniej\sniż\s)?(?:{_N}\s)?minut[ęy]?",
        rf"czas\sczytania:?\s{_N}\s?min(?:ut[ay]?|\.)?",
        rf"{_N}\s?min(?:ut[ay]?|\.)?\sczytania",
    ],
    "nl": [rf"leestijd:?\s{_N}\s?min(?:uten|uut|\.)?", rf"{_N}\s?min(?:uten|uut|\.)?\sleestijd"],
}
# Not inside a sentence that names one ("This is a 10-minute read.").
READING_TIME = re.compile(
    rf"(?<!\w)(?<!\ba )(?<!\ban )(?<!\bthe )(?:{'|'.join(pattern for patterns in _READING_TIMES.values() for pattern in patterns)})(?!\w)",
    re.IGNORECASE,
)
# Every phrase above says "min", at most this many characters after its start and before its end.
# Spelt out as the letters `re.IGNORECASE` matches ("i" also matches the dotted and dotless "İ"
# and "ı"): a case-blind pattern is tried at every character. Looked for after a small "m" and
# after a capital apart: the search skips ahead to a single first letter four times faster than it
# tries a set of first letters on every character. The two never overlap (no "i" or "n" is an "m").
_MIN_SMALL = re.compile("m[iIİı][nN]")
_MIN_CAPITAL = re.compile("M[iIİı][nN]")
_BEFORE_MIN = 45
_AFTER_MIN = 24


def is_reading_time(text: str) -> bool:
    """Whether `text` is a reading time and nothing else (a separator or two aside)."""
    return may_hold_reading_time(text) and READING_TIME.fullmatch(text.strip(" ·|•-–—")) is not None


def may_hold_reading_time(text: str) -> bool:
    """Whether `text` holds "min" in any case, which every reading time does."""
    return _MIN_SMALL.search(text) is not None or _MIN_CAPITAL.search(text) is not None


def reading_times(text: str) -> list[tuple[int, int]]:
    """Where `text` prints reading times. The pattern is tried only around each "min" (a flattened
    page's line is the whole page, and the pattern tried at each of its characters cost a tenth of
    its reading)."""
    spans: list[tuple[int, int]] = []
    for begin in _min_starts(text):
        if spans and begin < spans[-1][1]:
            continue
        window = max(begin - _BEFORE_MIN, spans[-1][1] if spans else 0), begin + _AFTER_MIN
        found = READING_TIME.search(text, *window)
        while found is not None and found.end() <= begin:
            found = READING_TIME.search(text, found.end(), window[1])
        if found is not None and found.start() <= begin:
            spans.append(found.span())
    return spans


def _min_starts(text: str) -> list[int]:
    """Where "min" in any case (see `_MIN_SMALL`) starts in `text`, in order."""
    return sorted(found.start() for pattern in (_MIN_SMALL, _MIN_CAPITAL) for found in pattern.finditer(text))


def split_at_reading_times(text: str) -> list[str]:
    """`text` cut before and after the reading times printed in it (separators at the cuts dropped)."""
    return cut_out(text, reading_times(text), " ·|•")
