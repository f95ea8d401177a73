"""How long an article takes to read, as pages print it by the byline ("14 min read", "Lesezeit:
1 Min.", "Ten tekst przeczytasz w 1 minutę"), in the languages of the dev pages and their
neighbours: the interface's, never the article's.

A converter glues it to the byline, the date or the headline ("Joseph Cox 14 min read Featured",
"Oct 18, 2019 · 8 min read"); `split_at_reading_times` cuts it out of any line, so that what stood
around it reads as the byline, the date or the headline it is, and the label alone is furniture
(`is_reading_time`). No library lists these phrases (they are the page's wording, not markup).
"""

from __future__ import annotations

import re

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


def _may_hold_one(text: str) -> bool:
    # Every phrase above says "min": a line without it is spared the pattern.
    return "min" in text or "Min" in text or "MIN" in text


def is_reading_time(text: str) -> bool:
    """Whether `text` is a reading time and nothing else (a separator or two aside)."""
    return _may_hold_one(text) and READING_TIME.fullmatch(text.strip(" ·|•-–—")) is not None


def split_at_reading_times(text: str) -> list[str]:
    """`text` cut before and after the reading times printed in it (separators at the cuts dropped)."""
    if not _may_hold_one(text):
        return [text]
    pieces: list[str] = []
    start = 0
    for match in READING_TIME.finditer(text):
        pieces += [text[start : match.start()], match.group()]
        start = match.end()
    if start == 0:
        return [text]
    pieces.append(text[start:])
    return [piece.strip(" ·|•") for piece in pieces if piece.strip(" ·|•")]
