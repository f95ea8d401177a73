"""Another story's headline cut from the article's text that a flattened dump glues to it.

A news page links other stories between its paragraphs ("Read more: …", "Lea más: …", "Lire aussi :
…"). Where a converter flattened the page, such a link ends on no mark, so the sentence cuts leave the
teaser's headline and the paragraph after it in one unit ("Lea más: Juan Carlos Ortega propone
legalizar la marihuana en Nicaragua Las principales actividades …"), which then reads as article text
and the other story's words are indexed with this one. The headline ends where a new sentence visibly
opens: once it reads as a sentence (a lower-case word that is no stop word), a capitalised function
word ("Las", "The", "Mit") or a capital after a closing quote. A title-case headline gives no such
sign and is left whole. Function words depend on the language, which is read from the units
(`stop_words.dump_language`): the cut is made on the units, not inside `units.split_units`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipelines.extraction.dumps.headlines.text import function_words
from pipelines.extraction.dumps.headlines.tokens import TokenFacts, token_facts
from pipelines.extraction.dumps.units import Unit
from pipelines.extraction.furniture_phrases import TEASER_MARKERS
from pipelines.extraction.teaser_labels import TEASER_LABEL, opens_with_teaser_label
from pipelines.extraction.text_keys import text_key

# A headline has a few words before a sentence can open inside it, and at most as many as a teaser's.
MIN_HEADLINE_WORDS = 3
MAX_HEADLINE_WORDS = 30
# What is left after the headline is a paragraph's opening, not the headline's last words.
MIN_REST_WORDS = 3
_WORD = re.compile(r"\S+")
# A unit longer than this is no teaser label (the longest, and a mark or two): its key is not worked out.
_LONGEST_LABEL = max(map(len, TEASER_MARKERS)) + 4
# A capital after these opens the headline's next part ("Looted colonial art: Germany to …"), not a sentence.
_SEPARATORS = (":", "-", "–", "—", "|")
# A sentence's mark inside the headline (a closing quote is read with the capital after it).
_SENTENCE_MARKS = (".", "!", "?", "…")
# A sentence never ends on a function word this short ("im", "the", "de"); a longer one of jusText's
# lists may be a noun ("city", "land").
_CLOSED_WORD_LENGTH = 3
# A quote's closing mark: "…" and «…» in most languages, „…“ and »…« in German.
_CLOSING_QUOTES = ("”", "“", "»", "«", '"')
# German capitalises its polite "you" inside a sentence ("… finden Sie im Hilfe-Center").
_CAPITALISED_INSIDE = frozenset({"sie", "ihr", "ihre", "ihnen", "ihrem", "ihren", "ihrer", "ihres"})


def cut_teaser_headlines(units: list[Unit], stops: frozenset[str]) -> list[Unit]:
    """`units` with each teaser's headline (and its label, where the unit opens with it) cut off the
    paragraph glued after it, where the article's next paragraph visibly opens (`stops`: the dump's
    language's stop words). A teaser's headline opens a unit after its label ("Lea más: …"), or the
    unit glued after its label where the page's blocks were cut apart (`block_breaks`,
    `furniture_phrases.split_at_labels`: "Lire aussi" / "Les critiques …"). The headline is left out
    rather than made a unit of its own: the line model reads each unit with its neighbours as
    `split_units` cuts them, and a short unit of furniture before the paragraph made it drop the
    paragraphs after it (`cnn` on the dev pages)."""
    function = function_words(stops)
    out: list[Unit] = []
    for unit in units:
        label = TEASER_LABEL.match(unit.text) if opens_with_teaser_label(unit.text) else None
        if label is not None:
            end = _headline_end(unit.text, label.end() - 1, stops, function)
        elif unit.glued and len(out[-1].text) <= _LONGEST_LABEL and text_key(out[-1].text) in TEASER_MARKERS:
            end = _headline_end(unit.text, 0, stops, function)
        else:
            end = None
        if end is None:
            out.append(unit)
            continue
        out.append(replace(unit, text=unit.text[end:]))
    return out


def _headline_end(text: str, start: int, stops: frozenset[str], function: frozenset[str]) -> int | None:
    """Where the headline that opens at `start` ends, or None where no sentence visibly opens after it."""
    words = list(_WORD.finditer(text, start))
    tokens = [word[0] for word in words]
    facts = [token_facts(token, stops) for token in tokens[: MAX_HEADLINE_WORDS + 3]]
    sentence_case = False
    for index, token in enumerate(tokens[: MAX_HEADLINE_WORDS + 1]):
        if (
            index >= MIN_HEADLINE_WORDS
            and sentence_case
            and len(tokens) - index >= MIN_REST_WORDS
            and _opens_sentence(tokens, facts, index, function)
        ):
            return words[index].start()
        # A headline of two sentences ("Atomowy straszak Putina. Czy Rosja go użyje?") gives no sign where it ends.
        if token.endswith(_SENTENCE_MARKS):
            return None
        sentence_case = sentence_case or facts[index].lowercase
    return None


def _opens_sentence(tokens: list[str], facts: list[TokenFacts], index: int, function: frozenset[str]) -> bool:
    """Whether `tokens[index]` visibly opens a sentence inside a sentence-case headline: a capital
    after a closing quote, or a capitalised function word after a word a sentence may end on (no
    function word, no separator) and before a lower-case word ("… en Nicaragua Las principales …"),
    or, after a lower-case word, before one capitalised word and a lower-case one ("… kommen Das Land
    hat …"). Before more capitals it is a title-case headline's ("What Plant Pests Or Bugs Attack …");
    after a capitalised word and before a function word, a name's ("Horacio De la Vega")."""
    token, before = tokens[index], tokens[index - 1]
    if not token[0].isupper():
        return False
    if before.endswith(_CLOSING_QUOTES):
        return True
    fact = facts[index]
    if (
        not fact.capital_stop
        or fact.words[0] in _CAPITALISED_INSIDE
        or before.endswith(_SEPARATORS)
        or _ends_nothing(facts[index - 1], function)
    ):
        return False
    following, after = tokens[index + 1], tokens[index + 2]
    if following[0].islower():
        return before[0].islower() or not _is_function(facts[index + 1], function)
    return before[0].islower() and after[0].islower()


def _is_function(fact: TokenFacts, function: frozenset[str]) -> bool:
    return len(fact.words) == 1 and fact.words[0] in function


def _ends_nothing(fact: TokenFacts, function: frozenset[str]) -> bool:
    return _is_function(fact, function) and len(fact.words[0]) <= _CLOSED_WORD_LENGTH
