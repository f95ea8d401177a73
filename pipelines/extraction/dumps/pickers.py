"""A form's picker (a `<select>`'s options: countries, languages) that the line model kept.

BeautifulSoup's text nodes, markdownify and other converters that print every text node print a
drop-down list's options too, one a line ("Afghanistan" / "Albania" / … / "Zimbabwe"), where the
layouts the line model learnt from print none of them, and the model kept a country picker's
options as text (`mozilla-1`). What tells the options from an article's list is their order: a long
run of short lines that end no sentence, each after the one before it (or the one before that) in
alphabetical order, accents folded ("Čeština" after "Català"), a line of another script counting as
in order (a language picker names each language in its own). The options are read as the page's
only once the model has read the dump: taken out before it, they moved its reading of the text
around them both ways (see the README).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from pipelines.extraction.dumps.lines import n_words

# Fewer options than this are a list a page may print in its text (a short menu, an article's list).
MIN_OPTIONS = 15
_JAPANESE = frozenset({"CJK", "HIRAGANA", "KATAKANA"})
# An option is a name: a few words, no sentence.
OPTION_WORDS = 5
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")


def picker_options(texts: list[str], kept: list[bool]) -> list[int]:
    """The indices of `texts` in runs of `MIN_OPTIONS` short lines or more in alphabetical order (see
    the module's doc), in runs holding a line that `kept` marks (the line model's article text): the
    others change nothing and are not read for their order."""
    options: list[int] = []
    for run in _runs(texts, range(len(texts)), _is_short):
        for options_run in _runs(texts, run, _may_be_option):
            if any(kept[index] for index in options_run):
                options.extend(_ordered(texts, options_run))
    return options


def _runs(texts: list[str], within: range, test: Callable[[str], bool]) -> Iterator[range]:
    """The runs of at least `MIN_OPTIONS` lines of `within` that pass `test`: most dumps hold none of
    short lines, and their lines are not read for an option's other signs nor for their order."""
    start = within.start
    for index in range(within.start, within.stop + 1):
        if index < within.stop and test(texts[index]):
            continue
        if index - start >= MIN_OPTIONS:
            yield range(start, index)
        start = index + 1


def _ordered(texts: list[str], run: range) -> list[int]:
    """The indices of `run` (lines that may be options) in stretches of `MIN_OPTIONS` or more in alphabetical order."""
    keys = [(_script(texts[index]), _folded(texts[index])) for index in run]
    options: list[int] = []
    stretch: list[int] = []
    for place in [*range(len(keys)), None]:
        if place is not None and _follows(keys, stretch, keys[place]):
            stretch.append(place)
            continue
        if len(stretch) >= MIN_OPTIONS:
            options.extend(run[position] for position in stretch)
        # The line that broke the order may open the next stretch.
        stretch = [] if place is None else [place]
    return options


def _is_short(text: str) -> bool:
    """Few enough words for an option."""
    return n_words(text) <= OPTION_WORDS


def _may_be_option(text: str) -> bool:
    """A name: a few words with a letter, no sentence's end (a bracket may close it: "English (British)")
    nor a label's colon (the heading that follows a picker, "Other languages:")."""
    return (
        n_words(text) <= OPTION_WORDS
        and not text.endswith(":")
        and not _SENTENCE_END.search(text)
        and any(character.isalpha() for character in text)
    )


def _follows(keys: list[tuple[str, str]], stretch: list[int], key: tuple[str, str]) -> bool:
    """Whether the option of `key` (its script and folded text) continues the alphabetical order of
    the options in `stretch`: it comes after the last one or the one before it (an option out of
    place by one, "English (British)" before "English"), or opens another script (a language picker
    names each language in its own)."""
    script, folded = key
    return not stretch or any(keys[place][0] != script or keys[place][1] <= folded for place in stretch[-2:])


def _folded(text: str) -> str:
    """`text` case-folded, its accents dropped."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _script(text: str) -> str:
    """The script of `text`'s first letter, as Unicode names it ("LATIN", "CYRILLIC"); Japanese's
    three count as one (a Japanese menu mixes them)."""
    letter = next(c for c in text if c.isalpha())
    script = unicodedata.name(letter, "?").split(" ", 1)[0]
    return "CJK" if script in _JAPANESE else script
