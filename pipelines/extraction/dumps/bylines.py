"""The authors a plain-text dump's byline names ("By Anna Berg and Jonas Lind", "Von Anna Berg").

The byline stands by the headline: on its own line under it, or, where a converter flattened the
page, glued after it in the same line ("… Avoid Allergy By Brenda Goodman, MA WebMD Health News").
It is looked for from the headline to the article's first lines, opened by the word for "by" in
the languages of `dumps.headlines.text.BYLINE`, written with a capital as bylines are (a lower-case "by"
is the sentence's); the names after it are runs of capitalised words, parted by commas or "and".
A run of one word is no one's full name ("By Tuesday", "By Reuters"), nor is a month's or a
weekday's name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipelines.extraction.dates.parsing import MONTHS
from pipelines.extraction.dumps.lines import BYLINE_WORDS, DumpLine

# The word that opens a byline (`dumps.lines.BYLINE_WORDS`), capitalised or in capitals, then a colon or spaces.
_OPENING = re.compile(
    rf"(?<![\w'’])(?:{'|'.join(form for word in BYLINE_WORDS for form in (word.capitalize(), word.upper()))})(?::\s*|\s+)(?=\w)"
)
# Words that join two names, and the small words inside a name ("Ludwig van Beethoven").
_JOINS = frozenset({"and", "und", "et", "y", "e", "i", "en", "och", "og", "&"})
_PARTICLES = frozenset({"de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von", "bin", "ibn", "al"})
# Capitalised small words that end a name: what follows it is not a name ("Anna Berg On March 4").
_FUNCTION_WORDS = frozenset({"on", "the", "to", "in", "at", "for", "from", "am", "um", "im", "für", "el", "los", "las", "dans", "sur"})
_WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag", "mittwoch"}
    | {"donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
)
# How far past the article's first unit the byline is looked for, and the most names it gives.
UNITS_AFTER_START = 2
MAX_AUTHORS = 4
MAX_NAME_WORDS = 4


def find_authors(lines: Sequence[DumpLine], title_at: int | None, start: int | None) -> list[str]:
    """The names of the first byline between the headline (`title_at`, else a few units before the
    article) and the article's first units (`start`); [] where none is found."""
    if start is None:
        return []
    first = title_at if title_at is not None else max(0, start - UNITS_AFTER_START)
    # A flattened dump's article "starts" at the first unit of the sentence the headline is glued in.
    last = max(start, first) + UNITS_AFTER_START
    for index in range(first, min(last + 1, len(lines))):
        text = lines[index].text
        for opening in _OPENING.finditer(text):
            words = text[opening.end() :].split()
            # A flattened dump's block cuts are guesses, and one may split a name ("By Joshua" /
            # "Sokol May 20, 2019"): where the line alone names no one, the block glued after it reads on.
            glued = lines[index + 1].text.split() if index + 1 < len(lines) and lines[index + 1].glued else []
            names = _names(words) or _names(words + glued)
            if names:
                return names
    return []


def _names(words: list[str]) -> list[str]:
    """The names at the start of `words`: runs of capitalised words (particles inside), parted by
    commas or a joining word. A comma alone may part a name from its job title or place ("Anna
    Berg, Senior Reporter", "Anna Berg SEOUL, South Korea"), so the runs after one count only in a
    list that a joining word closes ("Anna Berg, Jonas Lind and Eva Holm")."""
    runs: list[list[str]] = [[]]
    joined = False
    for word in words[: MAX_AUTHORS * (MAX_NAME_WORDS + 1)]:
        bare = word.replace("\xad", "").strip(",;:")
        if bare.lower() in _JOINS and runs[-1]:
            joined = True
            runs.append([])
            continue
        handle = bare.find("@")
        if handle > 0:  # "Anna Berg@annaberg": the name, then her handle
            bare, word = bare[:handle], ""
        if not _is_name_word(bare, runs[-1]) or len(runs[-1]) == MAX_NAME_WORDS:
            break
        runs[-1].append(bare)
        if not word:
            break
        if word.endswith(","):
            runs.append([])
    names = [" ".join(run) for run in map(_trimmed, runs) if len(run) >= 2]
    return names[:MAX_AUTHORS] if joined else names[:1]


def _is_name_word(word: str, current: list[str]) -> bool:
    if not word or any(char.isdigit() for char in word) or word.lower() in _FUNCTION_WORDS:
        return False
    if word.lower() in _PARTICLES:
        return bool(current)
    # A word in capitals after a name is a dateline's place ("Anna Berg SEOUL"), not her surname.
    if current and word.isupper() and len(word) > 1 and not current[-1].isupper():
        return False
    return word[0].isupper() and word.lower().rstrip(".") not in MONTHS and word.lower() not in _WEEKDAYS


def _trimmed(run: list[str]) -> list[str]:
    """The run without particles at its end ("Anna Berg de" cut before a place)."""
    while run and run[-1].lower() in _PARTICLES:
        run = run[:-1]
    return run
