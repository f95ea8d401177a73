"""The candidate spans of a dump's tokens besides the glued ones (`glued_spans`): spans the dump
prints twice or more (`repeated_spans`; the `<title>` and the `<h1>`, the breadcrumb and the
heading), runs that spell the URL's slug (`slug_candidates`) and runs of a few of a flattened
dump's blocks (`block_starts`, `block_runs`), with what stands at a span's edges
(`blocks_covered`, `neighbour_value`, `marks_end`)."""

from __future__ import annotations

import itertools
import operator
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence

from pipelines.extraction.dumps.headlines.article_body import slug_parts
from pipelines.extraction.dumps.headlines.text import BYLINE, DATE_START, MAX_WORDS, Blocks, acronym, camel_cased, exclaims, function_words
from pipelines.extraction.dumps.headlines.tokens import GLUE_WORDS, INVERTED_MARKS, TokenStarts, ends_sentence, token_facts
from pipelines.extraction.dumps.lines import DumpLine
from pipelines.extraction.text_keys import comparison_key

# A token of a dump or a bar between two (see `barred_tokens`).
_BAR_OR_TOKEN = re.compile(r"[^\s|]+|\|")
# The most words a repeated span or a slug span runs to.
MAX_SPAN_WORDS = 40
# A headline glued into a flattened dump's printed sentence is one to this many of its blocks.
RUN_BLOCKS = 3
# A span's neighbour where its unit ends (see `neighbour_value`).
NO_NEIGHBOUR = -3.0
# How many of the block runs of most value are candidates.
BLOCK_RUN_CANDIDATES = 8
# How many of the single blocks of most words are candidates besides (see `block_runs`), and the
# fewest words such a block holds (a menu's blocks hold one to three).
LONG_BLOCK_CANDIDATES = 4
LONG_BLOCK_WORDS = 4


def repeated_spans(keys: list[str], owners: list[int], lo: int, barred: frozenset[int] = frozenset()) -> list[tuple[int, int, set[int]]]:
    """Maximal word spans (first token, end token, first tokens of the other copies) that start in
    units from `lo` on and are printed again in the tokens given (those up to the article's first
    unit: a phrase the article repeats is not its headline). A bar before a token (`barred`, see
    `barred_tokens`) in any copy stands between two blocks: no span runs across it ("Africa|United
    States to Lift …" in the page's top bar, "Africa United States to Lift …" above the article: the
    section's label and the headline)."""
    grams = list(zip(keys, keys[1:], keys[2:], strict=False))
    # Most word triples are printed once: they are counted first, and only the places of those
    # printed two to six times are listed (a list for every triple cost more than the search).
    counts = Counter(grams)
    repeated = [i for i, gram in enumerate(grams) if 2 <= counts[gram] <= 6]
    places: defaultdict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i in repeated:
        places[grams[i]].append(i)
    spans: dict[tuple[int, int], set[int]] = {}
    for i in repeated[bisect_left(repeated, bisect_left(owners, lo)) :]:
        for j in places[grams[i]]:
            if j == i or (i > 0 and j > 0 and keys[i - 1] == keys[j - 1] and i not in barred and j not in barred):
                continue  # not a left-maximal start
            if barred and not barred.isdisjoint((i + 1, i + 2, j + 1, j + 2)):
                continue
            length = 3
            while (
                length < MAX_SPAN_WORDS
                and i + length < len(keys)
                and j + length < len(keys)
                and keys[i + length] == keys[j + length]
                and i + length != j
                and owners[i + length] == owners[i]
                and i + length not in barred
                and j + length not in barred
            ):
                length += 1
            spans.setdefault((i, i + length), set()).add(j)
    return [(start, end, copies) for (start, end), copies in spans.items()]


def barred_tokens(lines: Sequence[DumpLine], owners: list[int]) -> frozenset[int]:
    """The tokens (of `tokens.dump_tokens`, units `owners`) that a bar ("|") stands before in their
    unit, glued or spaced: a breadcrumb's or a menu's mark between two blocks."""
    barred: set[int] = set()
    for unit in range(owners[-1] + 1 if owners else 0):
        text = lines[unit].text
        if "|" not in text:
            continue
        token, after_bar = bisect_left(owners, unit), False
        for piece in _BAR_OR_TOKEN.findall(text):
            if piece == "|":
                after_bar = True
                continue
            if after_bar and token > 0 and owners[token - 1] == unit:
                barred.add(token)
            token, after_bar = token + 1, False
    return frozenset(barred)


def whole_phrase(text: str, stops: frozenset[str], shown_end: bool = False) -> bool:
    """A repeated span that opens in lower case (after any opening quote: `“any un-angry…`; a brand
    in camel case aside) or ends on a stop word ("payments on the") is a fragment of a sentence the
    article repeats, not a headline. A stop word printed as an acronym ("… in USA") is a name, and
    one before an exclamation mark ends the exclamation ("… aber immer noch da!"); one that a byline
    with a capital follows in its unit (`shown_end`, see `tokens.signed`) ends the headline ("… and How You Get Them | By …")."""
    words = comparison_key(text).split()
    if not words:
        return False
    opening = next((index for index, char in enumerate(text) if char.isalnum()), len(text))
    lower = text[opening : opening + 1].islower() and not camel_cased(text[opening:])
    named = acronym(text.split()[-1]) and not text.isupper()
    return not lower and (shown_end or named or exclaims(text) or words[-1] not in function_words(stops))


def _slug_spans(
    raw: list[str], keys: list[str], owners: list[int], lo: int, hi: int, slug: set[str], stops: frozenset[str]
) -> list[tuple[int, int]]:
    """Runs of words that spell most of the URL's slug (a slug drops case, accents and some
    small words; one other word is allowed inside the run). A run may go on past the end of a
    sentence into the next line while the slug's words do: a headline of two sentences ("Ile jest
    warta godzina pracy? W tych krajach praca popłaca") is one slug, however the dump cuts it. Its
    part in the first line is offered too, as the slug may go on into the standfirst. `raw`: the
    words as printed, `keys` their comparison keys."""
    # A span opens on a token of units `lo` to `hi` and runs at most `MAX_SPAN_WORDS` tokens: only
    # those tokens' slug words are read, where every token of the dump up to there was spelled (the
    # slug search runs three times a dump, over the tokens before the article and past it).
    first, stop = bisect_left(owners, lo), bisect_right(owners, hi)
    reach = min(len(keys), stop + MAX_SPAN_WORDS)
    parts = [*itertools.repeat((), first), *slug_parts(keys[first:reach], slug), *itertools.repeat((), len(keys) - reach)]
    spans: list[tuple[int, int]] = []
    i = first
    while i < stop:
        if not parts[i]:
            i += 1
            continue
        end, misses, last, own_last = i, 0, i, i
        while end < len(keys) and end - i < MAX_SPAN_WORDS:
            if end > i and owners[end] != owners[end - 1] and (owners[end] - owners[i] > 1 or not ends_sentence(raw[end - 1])):
                break
            # The span's first word printed again opens the lede or another copy ("… online kaufen
            # Korsetts sind für …"), which the slug's words would otherwise run on into.
            if end > i and keys[end] == keys[i] and keys[i] not in stops:
                break
            if parts[end]:
                last = end
                own_last = end if owners[end] == owners[i] else own_last
                misses = 0
            elif keys[end] not in stops:
                misses += 1
                if misses > 1:
                    break
            end += 1
        for run_last in sorted({own_last, last}):
            if run_last - i >= 2 and len(set().union(*parts[i : run_last + 1])) >= 0.6 * len(slug):
                spans.append((i, run_last + 1))
        i = last + 1
    return spans


def block_starts(owners: list[int], token_starts: TokenStarts, lo: int, blocks: Blocks) -> list[bool]:
    """Whether a block of the dump opens at each token of `dump_tokens` (every line's first token does;
    `blocks` says where in a line's text its other blocks start, read from line `lo` on, where the
    candidates are, and from a glued span's first word)."""
    opens = [True, *map(operator.ne, owners, owners[1:])] if owners else []
    if blocks is None or not owners:
        return opens
    first = min(bisect_left(owners, lo), max(0, bisect_left(owners, owners[-1]) - GLUE_WORDS))
    for owner in range(owners[first] if first < len(owners) else len(blocks), owners[-1] + 1):
        for offset in blocks[owner][1:]:
            token = token_starts.token_at(owner, offset)
            # A block of bare marks (`|`) holds no token: the next one opens the next block.
            if token < len(opens) and owners[token] == owner:
                opens[token] = True
    return opens


def opening_marks(raw: list[str], owners: list[int], opens: list[bool]) -> list[bool]:
    """`opens` (see `block_starts`) with a block opening also where an inverted question or
    exclamation mark opens a token after a word that ends no clause: Spanish opens a question on it,
    so the words before it are another block (`Antioquia ¿Buses de la Alcaldía al servicio de Petro?`),
    where one inside a sentence follows a comma or a colon (`Y tú, ¿qué harías?`)."""
    marked = list(opens)
    for token in range(1, len(opens)):
        if raw[token][:1] in INVERTED_MARKS and owners[token - 1] == owners[token] and raw[token - 1][-1:].isalnum():
            marked[token] = True
    return marked


def neighbour_value(raw: list[str], owners: list[int], token: int, owner: int, body: frozenset[str], stops: frozenset[str]) -> float:
    """What the word just before or after a span, in its unit, is worth to a headline (see
    `TokenFacts.value`): a span cut out of a longer headline has a word the article uses beside it,
    one cut out of a menu a word it does not; `NO_NEIGHBOUR` where the unit ends there."""
    if token < 0 or token >= len(owners) or owners[token] != owner:
        return NO_NEIGHBOUR
    return token_facts(raw[token], stops).value(body)


def blocks_covered(opens_block: list[bool], first: int, end: int) -> int:
    """How many blocks the tokens `first`..`end` cover, in part or whole."""
    return 1 + sum(opens_block[first + 1 : end])


def block_runs(
    raw: list[str],
    opens_block: list[bool],
    owners: list[int],
    lo: int,
    start: int,
    body: frozenset[str],
    stops: frozenset[str],
    glued: Sequence[tuple[int, int]] = (),
) -> list[tuple[int, int]]:
    """Runs of one to `RUN_BLOCKS` adjacent blocks inside a line from `lo` to `start` (a flattened
    dump's printed sentence: the block cuts tell where the headline glued into it ends), shorter
    than the line and than a headline's most words, opening at most `GLUE_WORDS` words before the
    article's first unit (a flattened page's menu holds hundreds of blocks), opening with a capital
    or a digit and ending where a headline may end: the `BLOCK_RUN_CANDIDATES` whose words the
    article uses most (see `TokenFacts.value`), the first block of each of those runs of several
    (the headline, where the run took its standfirst or a motto along), and the
    `LONG_BLOCK_CANDIDATES` single blocks of most words besides. A menu whose items the article names outweighs a headline in other words
    than the article's (a feature's wording, a question), but its blocks are a word or three long,
    where the headline's block is the header's longest. A long block that ends where a span of
    `glued` (first token, end token: `glued_spans`) ends, opening after it, is not one of these:
    the cuts missed the menu's last item before the headline, which the glued span leaves out."""
    first_body = bisect_left(owners, start)
    first_token, last_token = max(bisect_left(owners, lo), first_body - GLUE_WORDS), bisect_right(owners, start)
    if first_token >= last_token:
        return []
    facts = [token_facts(token, stops) for token in raw[first_token:last_token]]
    values = list(itertools.accumulate((fact.value(body) for fact in facts), initial=0.0))
    glued_from = {end: first for first, end in glued}
    runs: list[tuple[float, int, int, int]] = []
    singles: list[tuple[int, int, int]] = []
    owner_start = bisect_left(owners, owners[first_token])
    while owner_start < last_token:
        owner_end = bisect_right(owners, owners[owner_start])
        bounds = [t for t in range(max(owner_start, first_token), owner_end) if opens_block[t]] + [owner_end]
        for i, first in enumerate(bounds[:-1] if len(bounds) > 2 else []):
            if not facts[first - first_token].opens:
                continue
            for end in bounds[i + 1 : i + 1 + RUN_BLOCKS]:
                if end - first > MAX_WORDS:
                    break
                if end - first < owner_end - owner_start and facts[end - 1 - first_token].closes:
                    runs.append((values[end - first_token] - values[first - first_token], first, end, bounds[i + 1]))
                    if end == bounds[i + 1] and end - first >= LONG_BLOCK_WORDS and glued_from.get(end, first) <= first:
                        singles.append((end - first, first, end))
        owner_start = owner_end
    top = sorted(runs, reverse=True)[:BLOCK_RUN_CANDIDATES]
    best = [(first, end) for _, first, end, _ in top]
    # A run of most value may take the block after the headline along (its standfirst, the menu's
    # next item): the headline alone, its first block, is worth less and would be left out.
    firsts = list(dict.fromkeys((first, opening) for _, first, end, opening in top if opening < end and (first, opening) not in best))
    best += firsts
    return best + _longest_blocks(singles, best)


def _longest_blocks(singles: list[tuple[int, int, int]], taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The `LONG_BLOCK_CANDIDATES` blocks (words, first token, end token) of most words not `taken`
    already; of two as long, the one nearer the article."""
    longest = sorted(singles, key=lambda single: (-single[0], -single[1]))
    return [(first, end) for _, first, end in longest if (first, end) not in taken][:LONG_BLOCK_CANDIDATES]


def slug_candidates(
    raw: list[str], keys: list[str], owners: list[int], lo: int, hi: int, slug: set[str], stops: frozenset[str]
) -> list[tuple[int, int, set[int]]]:
    return [(first, end, set()) for first, end in _slug_spans(raw, keys, owners, lo, hi, slug, stops)] if slug else []


def marks_end(words: list[str]) -> bool:
    """Whether these words (those after a candidate) open a byline or a date line."""
    return bool(words) and (bool(BYLINE.match(words[0])) or bool(DATE_START.match(" ".join(words))))
