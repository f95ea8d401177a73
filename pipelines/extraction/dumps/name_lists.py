"""Lines that list names one after another: a flattened picker or menu, not prose.

A converter prints a `<select>` of countries or languages, a menu bar or a run of teaser headlines as
one long line of capitalised words with no sentence mark between them ("Afghanistan Albania Algeria
American Samoa …", "News Tips & Tricks Controls Skill Moves …"). Prose of that length has its
commas and ends on a full stop, and in no language capitalises three words in four (German
capitalises its nouns, about a third of its words).
"""

from __future__ import annotations

import re

from pipelines.extraction.dumps.lines import ends_sentence

# Long enough that a headline in title case ("How to Program Your Mind to Stop Buying Crap You Don't
# Need", 12 words) is not a list.
MIN_WORDS = 20
CAPITALISED_SHARE = 0.75
# At most one sentence mark in so many words: a list's "U.S." or "St. Lucia" is no sentence. A mark
# counts where a word ends on it: the full stops inside an initialism ("U.A.E.") are one.
WORDS_PER_MARK = 15
SENTENCE_MARKS = re.compile(r"[.!?;:,](?:\s|$)|[。、]")
INITIALISM = re.compile(r"(?:[A-Z]\.){2,}")


def reads_as_name_list(text: str) -> bool:
    """Whether `text` is a long run of capitalised names with no sentence between them."""
    # Most lines are too short: counting their spaces spares them the split, which every line of a
    # dump would otherwise pay.
    if text.count(" ") < MIN_WORDS - 1:
        return False
    # A sentence with a brand in capitals ("VON DER SEE in Emden steht … im Mittelpunkt.") ends like
    # one; a list may end on an initialism's full stop ("… Tuvalu U.A.E.").
    if ends_sentence(text) and not INITIALISM.fullmatch(text[text.rfind(" ") + 1 :]):
        return False
    # Words and figures; a separator ("-", "&", "|") is neither.
    tokens = [token for token in text.split() if token[0].isalnum()]
    if len(tokens) < MIN_WORDS:
        return False
    if len(SENTENCE_MARKS.findall(text)) > len(tokens) // WORDS_PER_MARK:
        return False
    # A language picker names each language in its own script ("Deutsch Ελληνικά עברית हिन्दी 日本語 …"):
    # a word of a script without capitals is neither a capitalised name nor a lower-case word, and
    # is left out of the count; the words left must still be a list's length.
    tokens = [token for token in tokens if not _caseless(token[0])]
    if len(tokens) < MIN_WORDS:
        return False
    # Of the figures too, not only the words: a table's row of figures and marks ("X 62 X X 160/161 AMA
    # Einfache Übersetzungen …") is data the article may hold.
    return sum(token[0].isupper() for token in tokens) >= CAPITALISED_SHARE * len(tokens)


def _caseless(char: str) -> bool:
    """Whether `char` is a letter of a script without capitals (Arabic, Devanagari, Chinese)."""
    return char.isalpha() and not char.isupper() and not char.islower()


# A menu's run: so many capitalised words in a row, with no sentence mark after any (a separator, "|"
# or "»", between them is skipped). Prose, German's capitalised nouns included, breaks such a run
# within a few words; a title-case headline does at its "to" or "of", or soon after.
MENU_RUN_WORDS = 8
_SEPARATORS = frozenset("|»›>/-–—·•*")
_CLOSING_MARK = re.compile(r"[.!?;:,]$")


def holds_menu_run(text: str) -> bool:
    """Whether `text` holds a run of `MENU_RUN_WORDS` capitalised words with no sentence mark among
    them: a menu bar printed into the line ("Startseite Termine Köpfe Mitgliedsantrag Formulare …")."""
    run = 0
    for token in text.split():
        if all(char in _SEPARATORS for char in token):
            continue
        word = token.strip("|»›>/·•")
        if word[:1].isupper() and not _CLOSING_MARK.search(word):
            run += 1
            if run >= MENU_RUN_WORDS:
                return True
        else:
            run = 0
    return False
