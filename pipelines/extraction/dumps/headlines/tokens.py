"""The tokens of a dump that the candidate spans are made of (`dump_tokens`, and where each starts:
`TokenStarts`), and what a token says of itself from its text and the language alone
(`token_facts`): whether it opens or ends a sentence, a byline or a block, and what a word is
worth to a headline (`TokenFacts.value`). The span searches (`glued_spans`, `dumps.headlines.spans`)
read the dump through them, token by token."""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from pipelines.extraction.dumps.headlines.text import (
    BYLINE,
    CLOSING_MARKS,
    INITIALS,
    acronym,
    camel_cased,
    content_words,
    exclaims,
    function_words,
    stem,
)
from pipelines.extraction.dumps.lines import DumpLine
from pipelines.extraction.text_keys import comparison_key

# Punctuation dropped from a token before comparing (the tokenizer's hot loop): by `str.translate`
# in ASCII text, which it reads from a cache of the ASCII characters; beyond ASCII, where it looks
# every character up in the table, the pattern of the marks deletes them four times faster.
PUNCTUATION_MARKS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{}~«»‘’‚“”„–—…·•›‹¡¿"
_PUNCTUATION = str.maketrans("", "", PUNCTUATION_MARKS)
_PUNCTUATION_MARK = re.compile(f"[{re.escape(PUNCTUATION_MARKS)}]")
# Words of a flattened dump; a bar glues a breadcrumb to the headline (`New York|Manhole fires`).
_TOKEN = re.compile(r"[^\s|]+")
# Chinese and Japanese sentence ends (see `ends_sentence`).
_CJK_SENTENCE_END = re.compile("[。！？]")
# How many words before the article's first unit a headline glued into running text is looked for.
GLUE_WORDS = 120
# What a word of running text weighs for a glued headline (see `TokenFacts.value`).
GLUE_VALUE = 0.5
MISS_VALUE = 1.0
WORD_COST = 0.3
SEPARATOR_COST = 0.75
# Dashes stand between a headline's parts as often as between the section name and the headline.
SEPARATORS = frozenset("-–—:")
# These only stand between a page's blocks (breadcrumbs, menus, share bars).
BREAKS = frozenset("|›»•·/>")
# Spanish opens a question or an exclamation on these.
INVERTED_MARKS = "¿¡"


def dump_tokens(lines: Sequence[DumpLine], last: int) -> tuple[list[str], list[str], list[int]]:
    """Every token of units 0..last: raw text, comparison key, unit index (see `TokenStarts` for where it starts)."""
    # `str.split` parts at the characters `\s` matches (both ask `Py_UNICODE_ISSPACE`), several
    # times faster than the pattern's `findall` over a flattened page.
    found = [line.text.replace("|", " ").split() for line in lines[: last + 1]]
    raw = list(itertools.chain.from_iterable(found))
    owners = list(itertools.chain.from_iterable([index] * len(tokens) for index, tokens in enumerate(found)))
    # Case folding and `translate` go character by character, so the tokens are keyed at once,
    # joined by the space no token holds (a token left empty keeps its raw text).
    folded = _without_punctuation(" ".join(raw).casefold()).split(" ") if raw else []
    keys = [key or token for key, token in zip(folded, raw, strict=True)]
    return raw, keys, owners


def _without_punctuation(text: str) -> str:
    """`text` less the `PUNCTUATION_MARKS`."""
    return text.translate(_PUNCTUATION) if text.isascii() else _PUNCTUATION_MARK.sub("", text)


class LineTokens:
    """`dump_tokens` of one dump's units, kept: the search past the URL's slug reads them a few units
    past the article's start (`search._start_past_slug`), the candidates' search up to it, and the
    tokens of units 0..last are the first of those of any more units (each unit's are its own)."""

    def __init__(self, lines: Sequence[DumpLine]) -> None:
        self.lines = lines
        self.last = -1
        self.tokens: tuple[list[str], list[str], list[int]] = ([], [], [])

    def upto(self, last: int) -> tuple[list[str], list[str], list[int]]:
        """`dump_tokens(lines, last)`, as new lists."""
        if last > self.last:
            self.last, self.tokens = last, dump_tokens(self.lines, last)
        raw, keys, owners = self.tokens
        end = bisect_right(owners, last)
        return raw[:end], keys[:end], owners[:end]


class TokenStarts:
    """Where each token of `dump_tokens` starts in its unit's text, worked out for a unit when first
    asked (candidates lie in the few units before the article)."""

    def __init__(self, lines: Sequence[DumpLine], owners: list[int]) -> None:
        self.lines = lines
        self.owners = owners
        self.units: dict[int, tuple[int, list[int]]] = {}

    def _unit(self, owner: int) -> tuple[int, list[int]]:
        found = self.units.get(owner)
        if found is None:
            found = (bisect_left(self.owners, owner), [match.start() for match in _TOKEN.finditer(self.lines[owner].text)])
            self.units[owner] = found
        return found

    def __getitem__(self, token: int) -> int:
        first, starts = self._unit(self.owners[token])
        return starts[token - first]

    def token_at(self, owner: int, offset: int) -> int:
        """The first token of unit `owner` that starts at `offset` or after."""
        first, starts = self._unit(owner)
        return first + bisect_left(starts, offset)


def _opens_heading(token: str) -> bool:
    word = token.lstrip("\"“„«‘'([¡¿")
    return word[:1].isupper() or word[:1].isdigit() or camel_cased(word)


class TokenFacts(NamedTuple):
    """What the span searches know of a token from the token and the language alone (see its fields).
    A named tuple, kept as immutable as the frozen dataclass it was, is made in a third of the time:
    most tokens of a dump are new to `token_facts`' cache."""

    words: tuple[str, ...]
    ends: bool
    opens: bool
    bare: bool
    closes: bool
    lowercase: bool
    bare_word: bool
    """A word with no clause punctuation after it (a stop word too): where a headline may end if it is shown to end there."""
    breaks: bool
    """A breadcrumb's or menu's separator (`BREAKS`)."""
    capital_stop: bool
    fixed_value: float | None
    """A separator's, a stop word's or a number's value; None for a word whose value the article sets."""
    stems: tuple[str, ...]

    def value(self, body: frozenset[str]) -> float:
        """How much the word speaks for a headline (`body`: the article's stems): a word the article
        uses for, a word it never uses (a menu's, a teaser's) against; stop words are neutral glue.
        Every word costs a little, so that a standfirst or byline the article also echoes is not taken along."""
        if self.fixed_value is not None:
            return self.fixed_value
        return (-MISS_VALUE if body.isdisjoint(self.stems) else 1.0) - WORD_COST


# Tokens recur across the dumps of one site and language: what they say of themselves is kept.
@functools.lru_cache(maxsize=1 << 16)
def token_facts(token: str, stops: frozenset[str]) -> TokenFacts:
    words = tuple(comparison_key(token).split())
    bare_word = bool(words) and (not token.rstrip(CLOSING_MARKS).endswith((".", ",", ";", ":")) or bool(INITIALS.match(token)))
    fixed: float | None = None
    if token in SEPARATORS:
        fixed = -SEPARATOR_COST
    elif not content_words(list(words), stops) and not any(map(str.isdigit, words)):
        fixed = GLUE_VALUE - WORD_COST
    elif all(map(str.isdigit, words)):
        fixed = -WORD_COST
    return TokenFacts(
        words=words,
        ends=ends_sentence(token),
        opens=_opens_heading(token),
        bare=not any(map(str.isalnum, token)),
        # A stop word may end an exclamation ("… aber immer noch da!"); not a question, as it ends the
        # article's own subheadings as often ("Was zeichnet erfolgreiche Tweets aus?").
        closes=bare_word and (words[-1] not in stops or acronym(token) or exclaims(token)),
        bare_word=bare_word,
        lowercase=token[:1].islower() and not stops.issuperset(words),
        breaks=token in BREAKS,
        capital_stop=token[:1].isupper() and len(words) == 1 and words[0] in function_words(stops),
        fixed_value=fixed,
        stems=tuple(map(stem, words)),
    )


def opens_byline(raw: list[str], index: int) -> bool:
    """Whether the token at `index` opens a byline (`By Anna Berg`, `par: …`), not a `by` inside a headline."""
    token = raw[index]
    if not BYLINE.match(token):
        return False
    if token[:1].isupper() or token.endswith(":"):
        return True
    # In lower case the word is a byline's before a name of two capitalised words ("von Sonia
    # Mevißen"), not before one noun a German or Spanish headline goes on from ("… von Frankfurt nach Barcelona").
    name = raw[index + 1 : index + 3]
    return len(name) == 2 and all(word[:1].isupper() for word in name)


def signed(raw: list[str], index: int) -> bool:
    """Whether a byline opens at `index` with a capital ("By Kelli Miller", "Von …"): the writer's
    line, which ends the headline before it, not a "by" inside a sentence."""
    return raw[index][:1].isupper() and opens_byline(raw, index)


def ends_sentence(token: str) -> bool:
    # Chinese and Japanese end sentences without a space after them: a full stop anywhere in the
    # token counts. An ASCII token holds none, and most tokens are ASCII: the pattern's scan of every
    # character is spared them.
    return (token.endswith((".", "!", "?", "…")) and not INITIALS.match(token)) or (
        not token.isascii() and _CJK_SENTENCE_END.search(token) is not None
    )
