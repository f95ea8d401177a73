"""The spans of running text a flattened dump glues the headline into, between the menu and the
byline, date or lede (`glued_spans`): runs of words the article uses, opening with a capital and
ending where a block visibly ends. The facts of the tokens before the article are laid out once
(`_RunningText`), and each word that may open a headline looks for its best end (`_best_end`)."""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipelines.extraction.dumps.headlines.article_body import CONTENT
from pipelines.extraction.dumps.headlines.text import DATE_START, MAX_WORDS, is_heading
from pipelines.extraction.dumps.headlines.tokens import (
    GLUE_VALUE,
    GLUE_WORDS,
    SEPARATORS,
    TokenFacts,
    ends_sentence,
    opens_byline,
    signed,
    token_facts,
)
from pipelines.extraction.dumps.lines import DumpLine, LineKind
from pipelines.extraction.text_keys import comparison_key

# Lower-case words before a span in the dump's first unit that make it the lede's prose, not a menu.
PROSE_WORDS = 3
# How many words of the page's header (share buttons, a breadcrumb) a flattened dump may glue before
# a headline in the lede's printed sentence (see `after_prose`).
HEADER_WORDS = 30
# Words of the article's first unit a headline glued to its start must leave to the lede.
LEDE_WORDS = 3
# How many of the glued spans of most value are candidates.
GLUED_CANDIDATES = 6
# A span that ends where a byline or a date begins is a headline's end.
MARKED_END = 1.5
STRONG_END = 1.0
# How many of the article's units are read for the words it capitalises inside a sentence (`capitalised_inside`).
NAME_UNITS = 20
# The share of the content words after a lower-case word that a language capitalising its nouns (German) capitalises.
NOUN_SHARE = 0.25
# `DATE_START` wherever a token starts in tokens joined by spaces (a lookahead, so that matches may overlap).
_DATE_AT_TOKEN = re.compile(rf"(?<![^ ])(?={DATE_START.pattern.removeprefix('^')})")


@dataclass
class _RunningText:
    """What a glued headline's search knows of each token from `lo` up to `hi` (lists indexed from `lo`)."""

    lo: int
    first_body: int
    """The first token of the article's first unit."""
    hi: int
    values: list[float]
    """See `TokenFacts.value`."""
    halts: list[bool]
    """A date line begins here, or a breadcrumb's or menu's separator stands here: another block opens."""
    capital_stops: list[bool]
    """A capitalised stop word: inside a sentence-case headline (`… 2012 Na ocasião`) only a new sentence opens with one."""
    marks: list[bool]
    """A date line or a byline begins here."""
    opens: list[bool]
    """Opens with a capital or a digit."""
    closes: list[bool]
    """A headline may end on it: no clause punctuation after it (initials aside), not a stop word."""
    lowercase: list[bool]
    """A lower-case word that is not a stop word: the span reads as a sentence."""
    strong: list[bool]
    """A block surely ends after it: its unit's last token, a `!` or `?`, or a byline, a date or a bare mark follows."""
    bonus: list[float]
    """What ending a span after it adds: `MARKED_END` before a byline or a date, else `STRONG_END` where `strong`."""
    stops: list[bool]
    """A span ends here at the latest: it ends a sentence, or a byline or a date follows."""
    opens_next: list[bool]
    """The next token is in the same unit and opens with a capital or a digit."""
    valued_next: list[bool]
    """The next token is in the same unit and worth more than glue (`GLUE_VALUE`)."""
    stop_next: list[bool]
    """The next token is in the same unit and a capitalised stop word (see `capital_stops`)."""
    sentence_words: list[str]
    """The next token's word where it opens a sentence unless the article capitalises it inside one
    (see `_sentence_word`), else ""."""
    distance: list[float]
    """How far before the article's first unit it stands, in `GLUE_WORDS`."""
    names: Callable[[], frozenset[str] | None]
    """The words the article capitalises inside a sentence (see `capitalised_inside`), read only when
    a span asks whether one of `sentence_words` opens a sentence: most dumps never ask, and the
    article's units are not read for them."""

    def opens_sentence(self, word: str) -> bool:
        """Whether `word`, one of `sentence_words`, opens a sentence: not a name the article
        capitalises inside a sentence, in a language that capitalises no nouns (see `_opens_sentence`)."""
        names = self.names()
        return names is not None and word not in names


def _running_text(
    raw: list[str],
    owners: list[int],
    start: int,
    body: frozenset[str],
    own: frozenset[str],
    stops: frozenset[str],
    names: Callable[[], frozenset[str] | None],
) -> _RunningText | None:
    first_body = bisect_left(owners, start)
    lo = max(0, first_body - GLUE_WORDS)
    # The article's first unit may open with the headline too (a flattened dump cut into sentences
    # glues it to the lede): up to the lede's first sentence end, leaving the lede a few words.
    stop = min(len(raw), first_body + GLUE_WORDS)
    hi = max(first_body, next((t + 1 for t in range(first_body, stop) if ends_sentence(raw[t])), stop) - LEDE_WORDS)
    if hi <= lo:
        return None
    tokens = raw[lo : min(hi + 1, len(raw))]
    # What a token is worth is worked out once per distinct token and side of the article's start
    # (stop words, names and separators recur in the window); inside the article's first unit, by
    # the article's words less that unit's own.
    said = [token_facts(token, stops) for token in tokens]
    values: dict[tuple[str, bool], float] = {}
    value_of: list[float] = []
    for index, (token, fact) in enumerate(zip(tokens, said, strict=True)):
        before = lo + index < first_body
        if (token, before) not in values:
            values[token, before] = fact.value(body if before else own)
        value_of.append(values[token, before])
    dated = _date_starts(raw, lo, len(tokens))
    marks = [dated[t - lo] or opens_byline(raw, t) for t in range(lo, lo + len(tokens))]
    opens = [fact.opens for fact in said]
    bare = [fact.bare for fact in said]
    ends = [fact.ends for fact in said]
    # What `_best_end` asks of each place a span may end, worked out once rather than for every
    # span that passes it (up to `MAX_WORDS` of them). Only tokens before `hi` end a span, and the
    # next token is read only inside the unit, as a unit's last token is followed by the next unit.
    last = [t + 1 == len(owners) or owners[t + 1] != owners[t] for t in range(lo, hi)]
    marked = [not last[k] and marks[k + 1] for k in range(hi - lo)]
    strong = [last[k] or marked[k] or bare[k + 1] or tokens[k].endswith(("!", "?")) for k in range(hi - lo)]
    return _RunningText(
        lo=lo,
        first_body=first_body,
        hi=hi,
        values=value_of,
        halts=[date or fact.breaks for date, fact in zip(dated, said, strict=True)],
        capital_stops=[fact.capital_stop for fact in said],
        marks=marks,
        opens=opens,
        # A headline may end on a stop word ("… and How You Get Them | By Kelli Miller") where a
        # capitalised byline shows that it ends there; elsewhere a stop word ends a piece of a menu, a
        # sentence or a date's label ("Veröffentlicht am | 12. Mai").
        closes=[fact.closes or (k < hi - lo and fact.bare_word and not last[k] and signed(raw, lo + k + 1)) for k, fact in enumerate(said)],
        lowercase=[fact.lowercase for fact in said],
        strong=strong,
        bonus=[MARKED_END if marked[k] else STRONG_END if strong[k] else 0.0 for k in range(hi - lo)],
        stops=[ends[k] or marked[k] for k in range(hi - lo)],
        opens_next=[not last[k] and opens[k + 1] for k in range(hi - lo)],
        valued_next=[not last[k] and value_of[k + 1] > GLUE_VALUE for k in range(hi - lo)],
        stop_next=[not last[k] and said[k + 1].capital_stop for k in range(hi - lo)],
        sentence_words=["" if last[k] else _sentence_word(raw, lo + k + 1, owners, said[k + 1], stops) for k in range(hi - lo)],
        distance=[max(0, first_body - t) / GLUE_WORDS for t in range(lo, hi)],
        names=names,
    )


def _sentence_word(raw: list[str], token: int, owners: list[int], fact: TokenFacts, stops: frozenset[str]) -> str:
    """The word of the capitalised token at `token` where it opens a sentence unless it is a name, else
    "": a lower-case word other than a stop word follows it in its unit ("… tech and libertarians |
    Disruptive companies talk …"). It opens one where the article never capitalises it inside a
    sentence (`_RunningText.opens_sentence`, `capitalised_inside`: a name is capitalised there too and
    goes on with the headline; no capital opens one where the language capitalises its nouns)."""
    after = token + 1
    opens = (
        raw[token][:1].isupper()
        and not fact.capital_stop
        and len(fact.words) == 1
        and after < len(raw)
        and owners[after] == owners[token]
        and raw[after][:1].islower()
        and not stops.issuperset(comparison_key(raw[after]).split())
    )
    return fact.words[0] if opens else ""


def capitalised_inside(lines: Sequence[DumpLine], first: int, stops: frozenset[str], units: int = NAME_UNITS) -> frozenset[str] | None:
    """The words the article's units from `first` on (`units` of them) capitalise after a lower-case
    word: names, never a word capitalised only because it opens a sentence. None where more than
    `NOUN_SHARE` of the words other than `stops` after a lower-case word are capitalised: the
    language capitalises its nouns (German), and a capital there opens no sentence."""
    found: set[str] = set()
    capitalised = followed = 0
    for line in lines[first : first + units]:
        for before, token in itertools.pairwise(line.text.split()):
            # The sentence end, the dearest test (a pattern's scan), is read last.
            if before[:1].islower() and token[:1].isalpha() and token.lower() not in stops and not ends_sentence(before):
                followed += 1
                if token[:1].isupper():
                    capitalised += 1
                    found.update(comparison_key(token).split())
    return None if capitalised > NOUN_SHARE * followed else frozenset(found)


def _date_starts(raw: list[str], lo: int, count: int) -> list[bool]:
    """Whether a date line begins at each of the `count` tokens from `lo` on: one scan of the tokens
    joined by spaces, for every token that opens a match (`DATE_START` at any token's start)."""
    joined = " ".join(raw[lo : lo + count + 2])
    starts = list(itertools.accumulate((len(token) + 1 for token in raw[lo : lo + count - 1]), initial=0))
    where = {match.start(): True for match in _DATE_AT_TOKEN.finditer(joined)}
    return [where.get(start, False) for start in starts]


def glued_spans(
    raw: list[str],
    owners: list[int],
    lines: Sequence[DumpLine],
    start: int,
    body: frozenset[str],
    own: frozenset[str],
    stops: frozenset[str],
) -> list[tuple[int, int, float]]:
    """The spans of running text before the article's first unit that read best like its headline
    (a flattened dump glues the headline between the menu and the byline, date or standfirst):
    runs of words the article uses, opening with a capital, ending where a new block begins, not
    crossing a sentence end; (first token, end token, value), the `GLUED_CANDIDATES` of most value,
    the best one for each place a span may end. The block cuts are guesses that may glue a menu's
    item to the headline: a span may open inside a block. `body` holds the article's stems
    (`article_body.body_vocabulary`), `own` the same less its first unit's, by which the words
    printed in that unit are judged."""
    # The article's names are read once, if a span asks for them (`_RunningText.opens_sentence`).
    names = functools.cache(functools.partial(capitalised_inside, lines, start + 1, stops))
    text = _running_text(raw, owners, start, body, own, stops, names)
    if text is None:
        return []
    lo = text.lo
    # Running text before the article that the model takes for article text is the article's own (a
    # long paragraph cut into sentences), not a header the headline is glued into.
    running = {
        owner: lines[owner].kind == LineKind.CONTENT
        and not is_heading(lines[owner].text)
        and (owner >= start or lines[owner].content < CONTENT)
        for owner in set(owners[lo : text.hi])
    }
    found: list[tuple[int, int, float]] = []
    for i in range(lo, text.hi):
        if not running[owners[i]] or not text.opens[i - lo] or raw[i] in SEPARATORS or text.marks[i - lo]:
            continue
        if i >= text.first_body and after_prose(raw, owners, i, start):
            continue
        end, value = _best_end(raw, owners, text, i, start)
        if value > 0:
            found.append((i, end, value))
    # Spans that end at one place differ in how much of the menu before them they take: the words'
    # value settles that, and the candidates differ in where they end (and so in what they are).
    by_end: dict[int, tuple[int, int, float]] = {}
    for span in found:
        if span[1] not in by_end or span[2] > by_end[span[1]][2]:
            by_end[span[1]] = span
    return sorted(by_end.values(), key=lambda span: -span[2])[:GLUED_CANDIDATES]


def _best_end(raw: list[str], owners: list[int], text: _RunningText, i: int, start: int) -> tuple[int, float]:
    """Where a span opening at token `i` best ends, and its value: the words' values, more where a
    byline, a date or a bare mark follows, less the farther it is from the article."""
    lo, first_body = text.lo, text.first_body
    values, closes, halts, lowercase, capital_stops = text.values, text.closes, text.halts, text.lowercase, text.capital_stops
    sentence_words, opens_sentence = text.sentence_words, text.opens_sentence
    strong, bonus, stops, opens_next, valued_next, stop_next, distance = (
        text.strong,
        text.bonus,
        text.stops,
        text.opens_next,
        text.valued_next,
        text.stop_next,
        text.distance,
    )
    # Inside the article's first unit a capital may open a name or, in German, any noun: there a
    # span ends only at a mark, unless the unit opens the dump (the page's header glued to the
    # lede), the span does not start after a word the article uses and, once it reads as a
    # sentence, the capital opens no word the article uses.
    after_word = i > lo and owners[i - 1] == owners[i]
    inside = i >= first_body and (start > 0 or (after_word and values[i - 1 - lo] > 0))
    unit_end = bisect_right(owners, owners[i])
    total = 0.0
    sentence_case = False
    best_end, best_value = i, 0.0
    for j in range(i, min(i + MAX_WORDS, text.hi, unit_end)):
        k = j - lo
        if j > i and (
            halts[k] or (sentence_case and (capital_stops[k] or (sentence_words[k - 1] and opens_sentence(sentence_words[k - 1]))))
        ):
            break
        total += values[k]
        sentence_case = sentence_case or lowercase[k]
        # Where a unit, a sentence or a run of words ends, or a byline, a date or a bare mark
        # follows, a block ends (`strong`); before a capital it may only be the next word of a
        # title-case headline. A capital after a sentence-case span opens another block unless it
        # is a word the article uses (a name, a German noun). A capitalised stop word after a
        # sentence-case span opens a sentence ("… investigará la JEP La Operación Orión …"), even
        # inside the article's first unit: the headline is glued to the lede without a full stop. So
        # does a capitalised word that a lower-case word follows and that the article never
        # capitalises inside a sentence ("… tech and libertarians Disruptive companies talk …").
        # Asked only where the span may end here, so that the article's names are read for few dumps.
        if closes[k] and (
            strong[k]
            or (sentence_case and (stop_next[k] or (sentence_words[k] and opens_sentence(sentence_words[k]))))
            or (opens_next[k] and (j < first_body or not (inside or (sentence_case and valued_next[k]))))
        ):
            value = total + bonus[k] - distance[k]
            if value > best_value:
                best_end, best_value = j + 1, value
        if stops[k]:
            break
    return best_end, best_value


def after_prose(raw: list[str], owners: list[int], first: int, start: int, opens_block: list[bool] | None = None) -> bool:
    """Whether lower-case words of more than three letters come before the token at `first` in its
    unit, the article's first: a span starting there is a piece of the lede, not a headline glued
    before it. Where the unit opens the dump, the page's header is glued to the lede and a menu has a
    lower-case word or two ("Local news"); a few make the lede's prose. In a flattened dump
    (`opens_block` given) the blocks before one the span opens are not the lede's when the span
    stands at most `HEADER_WORDS` words into its unit: they are the header glued before the headline
    ("Yes, show me sharing options"), where further in they are a list run on without a sentence end."""
    allowed = 0 if start > 0 else PROSE_WORDS - 1
    # Where blocks open, read only near the unit's start (the header's blocks).
    header = opens_block if opens_block is not None and first - bisect_left(owners, owners[first]) <= HEADER_WORDS else None
    found = 0
    index = first - 1
    while index >= 0 and owners[index] == owners[first] and not (header is not None and header[index + 1]):
        if raw[index][:1].islower() and sum(char.isalpha() for char in raw[index]) > 3:
            found += 1
            if found > allowed:
                return True
        index -= 1
    return False
