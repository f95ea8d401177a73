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

from pipelines.extraction.dumps.lines import n_words

# Fewer options than this are a list a page may print in its text (a short menu, an article's list).
MIN_OPTIONS = 15
_JAPANESE = frozenset({"CJK", "HIRAGANA", "KATAKANA"})
# An option is a name: a few words, no sentence.
OPTION_WORDS = 5
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")


def picker_options(texts: list[str]) -> list[int]:
    """The indices of `texts` in runs of `MIN_OPTIONS` short lines or more in alphabetical order (see the module's doc)."""
    options: list[int] = []
    stretch: list[int] = []
    for index, text in enumerate([*texts, None]):
        if text is not None and _may_be_option(text) and _follows(texts, stretch, text):
            stretch.append(index)
            continue
        if len(stretch) >= MIN_OPTIONS:
            options.extend(stretch)
        # The line that broke the order may open the next stretch.
        stretch = [index] if text is not None and _may_be_option(text) else []
    return options


def _may_be_option(text: str) -> bool:
    """A name: a few words with a letter, no sentence's end (a bracket may close it: "English (British)")
    nor a label's colon (the heading that follows a picker, "Other languages:")."""
    return (
        n_words(text) <= OPTION_WORDS
        and not text.endswith(":")
        and not _SENTENCE_END.search(text)
        and any(character.isalpha() for character in text)
    )


def _follows(texts: list[str], stretch: list[int], text: str) -> bool:
    """Whether `text` continues the alphabetical order of the options in `stretch`: it comes after
    the last one or the one before it (an option out of place by one, "English (British)" before
    "English"), or opens another script (a language picker names each language in its own)."""
    if not stretch:
        return True
    script, key = _script(text), _folded(text)
    for index in stretch[-2:][::-1]:
        other = texts[index]
        if _script(other) != script or _folded(other) <= key:
            return True
    return False


def _folded(text: str) -> str:
    """`text` case-folded, its accents dropped."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _script(text: str) -> str:
    """The script of `text`'s first letter, as Unicode names it ("LATIN", "CYRILLIC"); Japanese's
    three count as one (a Japanese menu mixes them)."""
    letter = next(c for c in text if c.isalpha())
    script = unicodedata.name(letter, "?").split(" ", 1)[0]
    return "CJK" if script in _JAPANESE else script
